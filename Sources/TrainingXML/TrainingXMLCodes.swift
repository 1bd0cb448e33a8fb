import WearportCore

/// The explanations of the codes this module reports (`wearport validate --explain CODE`).
public enum TrainingXMLCodes {
  public static let explanations: [CodeExplanation] = [
    // The rules consumers apply (validate only).
    CodeExplanation(
      .conformance, .error,
      meaning:
        "The family of the rules that consumers of TCX and GPX (Strava, Garmin Connect, GoldenCheetah, Runalyze, "
        + "GPSBabel) apply beyond the XSD; `validate` reports each broken rule under one of the codes below it.",
      action: "See the specific conformance.* code."),
    CodeExplanation(
      .conformanceLeadingBytes, .error,
      meaning:
        "Something comes before '<?xml' (a byte-order mark, white space) or the declaration is missing; GPSBabel, "
        + "GoldenCheetah and GPXSee refuse such files.",
      action: "Make '<?xml' the first bytes of the file."),
    CodeExplanation(
      .conformanceNamespace, .error,
      meaning: "The root element is not TCX v2's TrainingCenterDatabase or GPX 1.1's gpx in its namespace.",
      action: "Write the root with the official namespace."),
    CodeExplanation(
      .conformancePrefix, .warning,
      meaning:
        "An extension namespace is bound to a prefix other than the one Garmin writes (ns3 for ActivityExtension "
        + "v2, gpxtpx for TrackPointExtension); some consumers match the prefix, not the namespace.",
      action: "Bind the extension namespaces to their usual prefixes."),
    CodeExplanation(
      .conformanceStructure, .error,
      meaning:
        "A required part is missing (a Lap without StartTime or its totals, a Creator without xsi:type); Garmin "
        + "Connect rejects such files.",
      action: "Add the missing element or attribute named in the message."),
    CodeExplanation(
      .conformanceValue, .error,
      meaning:
        "A value breaks a consumer rule: a heart rate that is not a positive integer, a version other than 1.1, an "
        + "encoding other than UTF-8.",
      action: "Correct the value on the line given."),
    CodeExplanation(
      .conformanceTime, .error,
      meaning:
        "A time is not an xsd:dateTime in UTC with Z, or a track point has no time (Strava requires one on every "
        + "point).",
      action: "Write every time as UTC with a Z suffix."),
    CodeExplanation(
      .xmlSchemaInvalid, .error,
      meaning:
        "The file is not valid against the official XSD (with the extension schemas); libxml2's message follows.",
      action: "Correct the element on the line given."),
    CodeExplanation(
      .xmlSchemaUnavailable, .note,
      meaning:
        "The XSDs were not found (no --xsd-dir or WEARPORT_XSD_DIR) or could not be loaded, so only the consumer "
        + "rules were checked.",
      action: "Give --xsd-dir with tcx_all.xsd and gpx_all.xsd to validate against the schemas too."),
    // Reading.
    CodeExplanation(
      .xmlSyntax, .error,
      meaning: "The document is not well-formed XML; libxml2's message follows, with the line. It is refused.",
      action: "Repair the file at the line given; a truncated file must be fetched again."),
    CodeExplanation(
      .xmlEntityDeclaration, .error,
      meaning:
        "The DOCTYPE declares entities. Such documents are refused before parsing, as protection against external "
        + "entities (XXE) and entity expansion (billion laughs).",
      action: "Remove the DOCTYPE; TCX and GPX need none."),
    CodeExplanation(
      .xmlDoctypeIgnored, .warning,
      meaning:
        "The document has a DOCTYPE. It is ignored: no DTD is loaded (not even a local one), no default attribute "
        + "and no entity from it applies, so the document is read as if it had none.",
      action: "Remove the DOCTYPE; TCX and GPX need none, and some consumers refuse DTDs."),
    CodeExplanation(
      .xmlPrologTooLong, .error,
      meaning: "The declarations before the root element are longer than 1 MiB; the document is refused.",
      action: "Check that the file is really TCX or GPX."),
    CodeExplanation(
      .xmlEncodingUnsupported, .error,
      meaning: "The document is UTF-16 or UTF-32; only UTF-8 and ASCII-based encodings are read.",
      action: "Convert the file to UTF-8."),
    CodeExplanation(
      .tcxActivityInvalid, .error,
      meaning: "A TCX activity or course has no time at all, so it cannot become an exercise; it is rejected.",
      action: "Check the activity's Id and lap start times."),
    CodeExplanation(
      .tcxInvalidValue, .warning,
      meaning: "A TCX value is not a number; it was skipped.",
      action: "Correct the element on the line given."),
    CodeExplanation(
      .tcxInvalidTime, .warning,
      meaning: "A TCX time cannot be read; the trackpoint or lap start was skipped.",
      action: "Write the time as an xsd:dateTime."),
    CodeExplanation(
      .tcxPointWithoutTime, .warning,
      meaning: "Trackpoints without a Time cannot be placed on the timeline; they were skipped.",
      action: "Give every trackpoint a Time."),
    CodeExplanation(
      .tcxEmpty, .note,
      meaning: "The TCX file holds no activity and no course.",
      action: "Nothing, unless it should hold one."),
    CodeExplanation(
      .gpxTrackInvalid, .error,
      meaning: "No point of a GPX track has a time, so it cannot become an exercise; it is rejected.",
      action: "Give the track points times."),
    CodeExplanation(
      .gpxInvalidValue, .warning,
      meaning: "A GPX value is not a number; it was skipped.",
      action: "Correct the element on the line given."),
    CodeExplanation(
      .gpxInvalidTime, .warning,
      meaning: "A GPX time cannot be read; the point was skipped.",
      action: "Write the time as an xsd:dateTime."),
    CodeExplanation(
      .gpxPointWithoutTime, .warning,
      meaning: "Track points without a time cannot be placed on the timeline; they were skipped.",
      action: "Give every track point a time."),
    CodeExplanation(
      .gpxNoTrack, .note,
      meaning: "The GPX file has no track (only waypoints or routes), or a track has no points: no exercise was read.",
      action: "Nothing, unless the file should hold a recorded track."),
    CodeExplanation(
      .gpxInvalidPosition, .warning,
      meaning:
        "Track points have a missing or out-of-range coordinate (outside ±90°/±180°); their position was skipped.",
      action: "Check the lat and lon attributes."),
    CodeExplanation(
      .gpxNoRoute, .note,
      meaning: "An exercise has no GPS route, so no GPX file was written for it; its TCX file is complete.",
      action: "Nothing; use --to tcx for exercises without GPS."),
  ]
}
