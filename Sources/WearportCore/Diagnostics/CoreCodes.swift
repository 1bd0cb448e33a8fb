extension CodeCatalog {
  /// The codes WearportCore declares: JSON, time, inputs and archives, outputs, records, plausibility, consistency.
  public static let core: [CodeExplanation] = [
    // JSON and text encoding.
    CodeExplanation(
      .jsonSyntax, .error,
      meaning:
        "The document is not well-formed JSON (a missing comma or quote, an unclosed bracket, text after the end, or "
        + "an empty file). The location is the first byte the parser could not accept. The whole document is refused.",
      action: "Open the file at the line and column given and repair it; a truncated download must be fetched again."),
    CodeExplanation(
      .jsonTypeMismatch, .error,
      meaning:
        "A value has the wrong JSON type for its field (a number where the format has a string, an object where it "
        + "has an array). The JSON pointer names the field. The record, or the document when the field is essential, "
        + "is rejected.",
      action: "Check that the file is the format it claims to be and that it was saved unmodified from the API."),
    CodeExplanation(
      .jsonMissingKey, .error,
      meaning: "A field the format requires is absent (an id, a start time). The pointer names the object missing it.",
      action: "Fetch or export the record again; a hand-edited fixture needs the field added back."),
    CodeExplanation(
      .jsonInvalidValue, .error,
      meaning:
        "A value has the right type but cannot be used: an unknown enumeration, a negative count, a number out of "
        + "range for its field. The pointer names the value.",
      action: "Correct the value at the pointer; if the provider really sends it, report it so the reader learns it."),
    CodeExplanation(
      .jsonNonStandard, .warning,
      meaning:
        "The text is JSON that RFC 8259 does not allow (a trailing comma, NaN, Infinity) in a place where wearport "
        + "reads it strictly (webhook bodies) or tolerates it with a warning.",
      action: "Fix the producer to write standard JSON; wearport reads it anyway, other tools may not."),
    CodeExplanation(
      .jsonDuplicateKey, .warning,
      meaning:
        "A key appears twice in one object. wearport, like JavaScript and Python, keeps the last value; other tools "
        + "may keep the first. Reported by `validate` only.",
      action: "Remove the duplicate so every consumer reads the same value."),
    CodeExplanation(
      .jsonByteOrderMark, .warning,
      meaning:
        "The document starts with a UTF-8 byte-order mark, which RFC 8259 forbids in JSON sent between systems. "
        + "wearport skips it; strict parsers refuse the file. Reported by `validate` only.",
      action: "Save the file as UTF-8 without BOM."),
    CodeExplanation(
      .jsonNonFinite, .warning,
      meaning:
        "NaN or Infinity appears where JSON allows only numbers (Polar Flow exports write NaN for missing values). "
        + "wearport reads it as a missing value. Reported by `validate` only.",
      action: "Nothing, for a real Polar export; for your own fixtures write null instead."),
    CodeExplanation(
      .jsonTrailingComma, .warning,
      meaning:
        "A comma stands before a closing bracket or brace, which JSON does not allow. wearport ignores it. Reported "
        + "by `validate` only.",
      action: "Remove the comma so strict JSON parsers accept the file."),
    CodeExplanation(
      .jsonTooDeep, .error,
      meaning:
        "Arrays and objects are nested deeper than the parser's limit: no format wearport reads is that deep, and "
        + "the limit protects against hostile input. The document is refused.",
      action: "Check that the file is really a Polar or Fitbit document."),
    CodeExplanation(
      .encodingInvalidUTF8, .error,
      meaning: "A JSON string holds bytes that are not valid UTF-8 (a file saved in Latin-1, or cut mid-character).",
      action: "Convert the file to UTF-8 (iconv -f latin1 -t utf-8) or fetch it again."),

    // Time.
    CodeExplanation(
      .timeInvalidDuration, .error,
      meaning:
        "A duration cannot be read: not ISO 8601 (PT1H2M3S), negative, or in years or months, which have no fixed "
        + "length.",
      action: "Correct the duration at the pointer."),
    CodeExplanation(
      .timeInvalidDateTime, .error,
      meaning:
        "A date or date-time cannot be read or names no real moment (2026-02-30, 25:00), or an end lies before its "
        + "start. The record is rejected, or the value ignored with a warning when it is optional.",
      action: "Correct the value at the pointer."),
    CodeExplanation(
      .timeInvalidZone, .warning,
      meaning: "A time-zone name (a Fitbit profile's timezone, --timezone) is not a known IANA zone.",
      action: "Use an IANA name such as Europe/Berlin or America/Los_Angeles."),
    CodeExplanation(
      .timeOffsetUnknown, .warning,
      meaning:
        "A local time carries no UTC offset and nothing in the input gives one, so it was read as if it were UTC: "
        + "the instant may be off by the local offset. The record's offset_source is `unknown`.",
      action: "Give the zone the data was recorded in with --timezone (e.g. --timezone Europe/Berlin)."),
    CodeExplanation(
      .timeLocalNonexistent, .warning,
      meaning:
        "A local time falls in a daylight-saving gap of the --timezone zone (the clocks jumped over it); it was "
        + "placed with the offset before the change.",
      action: "Check that --timezone is the zone the data was recorded in."),
    CodeExplanation(
      .timeLocalAmbiguous, .warning,
      meaning:
        "A local time occurs twice in the --timezone zone (the clocks went back); the first occurrence was taken.",
      action: "Nothing if the first is right; otherwise the source needs times with offsets."),
    CodeExplanation(
      .timeNotMonotonic, .warning,
      meaning:
        "The times of an exercise's samples or route points, or of a sleep's stages, go backwards. Consumers that draw or sum them "
        + "assume increasing times.",
      action: "Check the recording or the file for spliced or reordered parts."),
    CodeExplanation(
      .timeDurationMismatch, .warning,
      meaning:
        "A record gives a start, an end and a duration that disagree by more than 60 s (a Fitbit sleep log's "
        + "endTime, a Polar Flow exercise's stopTime, against startTime + duration); the reader says which one it "
        + "used.",
      action: "Check the three fields of the record at the pointer."),
    CodeExplanation(
      .timeImplausibleDate, .warning,
      meaning:
        "An exercise, sleep, body measurement or day is dated before 1990 or after 2099: usually a missing or zero "
        + "time read as a date (1970-01-01).",
      action: "Check the time field of the record at the pointer."),

    // Inputs and archives.
    CodeExplanation(
      .inputUnreadable, .error,
      meaning:
        "The input could not be read at all (permission denied, an I/O error, a document that fails to decompress). "
        + "The exit status is 66 when a named input cannot be opened.",
      action: "Check the path and its permissions."),
    CodeExplanation(
      .inputNotFound, .error,
      meaning: "A path named on the command line does not exist. The exit status is 66.",
      action: "Check the spelling of the path and the working directory."),
    CodeExplanation(
      .inputUnrecognized, .note,
      meaning:
        "No reader recognises the document. Inside a folder or archive this is a note and the file is listed as "
        + "skipped; for a file named on the command line it is an error.",
      action: "Check the file is one of the formats in the README; `wearport inspect` shows what each file was read as."
    ),
    CodeExplanation(
      .inputEmpty, .error,
      meaning: "The document, folder or archive is empty.",
      action: "Fetch or export the data again."),
    CodeExplanation(
      .inputTooLarge, .error,
      meaning:
        "A document or archive is larger than the configured limit for one document or for an archive's expanded "
        + "size (protection against decompression bombs). It was not read, or reading stopped.",
      action: "Split the input, or raise the limit if the file is genuine."),
    CodeExplanation(
      .inputUnchanged, .note,
      meaning:
        "The document was not read again: the SQLite output already holds it with the same bytes and settings.",
      action: "Nothing; delete the database to import everything again."),
    CodeExplanation(
      .archiveCorrupt, .error,
      meaning:
        "A zip, tar or gzip archive is damaged or truncated; the members before the damage were read.",
      action: "Download or copy the archive again and compare its size or checksum."),
    CodeExplanation(
      .archiveUnsafePath, .warning,
      meaning:
        "An archive member's name is absolute or climbs out with '..'. wearport never extracts to disk, so it only "
        + "reads the member under a safe logical name.",
      action: "Nothing for wearport; be careful unpacking the archive with other tools."),
    CodeExplanation(
      .archiveSkippedEntry, .note,
      meaning:
        "An entry that is not a regular file (a symbolic link, a device, an encrypted zip member) was skipped.",
      action: "Nothing, unless the skipped entry held data: then give the real file."),

    // Outputs and records.
    CodeExplanation(
      .outputUnwritable, .error,
      meaning:
        "An output cannot be written (no such folder, permission denied, disk full, a database from another tool or "
        + "a newer wearport). Nothing half-written is left behind. The exit status is 73.",
      action: "Check the output path, its permissions and free space."),
    CodeExplanation(
      .recordDuplicate, .note,
      meaning:
        "Reserved for a record seen twice in one run. Duplicates are currently counted as merged in the run summary "
        + "rather than reported one by one, so this code is not emitted.",
      action: "Nothing."),
    CodeExplanation(
      .recordRejected, .error,
      meaning: "Records that span several documents could not be assembled at the end of the run.",
      action: "Report it with the inputs that caused it: it is a bug in wearport."),

    // Plausibility.
    CodeExplanation(
      .plausibilityHeartRate, .warning,
      meaning: "A heart rate is outside 20–250 bpm: a sensor fault, or a value in the wrong field or unit.",
      action: "Check the samples at the pointer; --verbose shows the value."),
    CodeExplanation(
      .plausibilitySpeed, .warning,
      meaning:
        "A speed is outside what the sport allows (running 12.5 m/s, cycling 40 m/s, other 70 m/s): often km/h read "
        + "as m/s, or a GPS jump.",
      action: "Check the unit of the speed samples; --verbose shows the value."),
    CodeExplanation(
      .plausibilityAltitude, .warning,
      meaning: "An altitude is outside −500…9000 m: often feet read as metres, or a barometer fault.",
      action: "Check the unit of the altitude; for Fitbit data, --units."),
    CodeExplanation(
      .plausibilityMass, .warning,
      meaning: "A body mass is outside 20–350 kg: often pounds read as kilograms or the reverse.",
      action: "Give the right --units (Fitbit) or check the value."),
    CodeExplanation(
      .plausibilityHeight, .warning,
      meaning: "A height is outside 0.9–2.5 m: often centimetres, inches or millimetres read as another unit.",
      action: "Give the right --units (Fitbit) or check the value."),
    CodeExplanation(
      .plausibilityStride, .warning,
      meaning: "A step length is outside 0.3–2.5 m, which points at the wrong unit system.",
      action: "Give the right --units (Fitbit)."),
    CodeExplanation(
      .plausibilityDuration, .warning,
      meaning: "An exercise lasts less than 0 s or more than a week.",
      action: "Check the duration field (milliseconds read as seconds?)."),
    CodeExplanation(
      .plausibilityDistance, .warning,
      meaning: "An exercise distance is negative or longer than 2000 km: often the wrong unit.",
      action: "Check the unit of the distance; for Fitbit data, --units."),
    CodeExplanation(
      .plausibilityCadence, .warning,
      meaning: "A cadence is outside 0–250 rpm.",
      action: "Check the cadence samples."),
    CodeExplanation(
      .plausibilityPower, .warning,
      meaning: "A power value is outside 0–3000 W.",
      action: "Check the power samples."),

    // Internal consistency.
    CodeExplanation(
      .consistencyHeartRate, .warning,
      meaning: "The exercise's average heart rate is above its maximum.",
      action: "Check the summary fields (swapped?)."),
    CodeExplanation(
      .consistencyHeartRateAverage, .warning,
      meaning:
        "The exercise's average heart rate (Polar heart_rate.average, a TCX lap's average, a Fitbit log's "
        + "averageHeartRate) differs from the mean of its heart-rate samples by more than 5 % or 5 bpm (checked with "
        + "at least 10 samples; 0 bpm gaps are not counted).",
      action: "Check that the samples belong to this exercise and have the right unit."),
    CodeExplanation(
      .consistencyHeartRateMaximum, .warning,
      meaning: "A heart-rate sample is more than 2 bpm above the exercise's maximum heart rate.",
      action: "Check that the samples belong to this exercise."),
    CodeExplanation(
      .consistencyDistanceSamples, .warning,
      meaning:
        "The last cumulative distance sample differs from the exercise's distance by more than 2 % or 25 m, though "
        + "both come from the same device (checked when the samples reach 90 % of the duration).",
      action: "Check the distance unit and that the samples belong to this exercise."),
    CodeExplanation(
      .consistencyDistanceRoute, .warning,
      meaning:
        "The length of the GPS route (great-circle, checked with at least 10 points) differs from the exercise's "
        + "distance by more than 20 % or 200 m: a route of another exercise, or a distance in the wrong unit.",
      action: "Check the route and the distance unit."),
    CodeExplanation(
      .consistencyExerciseDuration, .warning,
      meaning:
        "Samples, route points or laps go on after the exercise's end (start + duration) by more than 2 % or 10 s, "
        + "or a lap starts before the exercise: the duration or the start is wrong, or parts of two recordings "
        + "were joined. TCX and GPX files are not checked (their duration is timer time, without pauses).",
      action: "Check the start time, its UTC offset and the duration."),
    CodeExplanation(
      .consistencySleepDuration, .warning,
      meaning: "A sleep ends before it starts, or has no duration.",
      action: "Check the sleep's start, end and duration fields."),
    CodeExplanation(
      .consistencySleepStages, .warning,
      meaning:
        "Sleep stages lie outside the sleep's start and end (by more than 60 s), or add up to more than the sleep "
        + "lasts.",
      action: "Check the hypnogram or levels data against the sleep's start and end."),
    CodeExplanation(
      .consistencySleepTotals, .warning,
      meaning:
        "A sleep's time asleep plus time awake is longer than the sleep itself (end − start) by more than 60 s.",
      action: "Check the sleep's totals, start and end."),
    CodeExplanation(
      .consistencySleepStageTotals, .warning,
      meaning:
        "A sleep's light, deep or REM total differs from the sum of the stages of that kind by more than 10 % or "
        + "5 min (Polar light_sleep, deep_sleep, rem_sleep against the hypnogram; Fitbit levels.summary against "
        + "levels.data with the short wakes).",
      action: "Check the totals against the hypnogram or levels."),
  ]
}
