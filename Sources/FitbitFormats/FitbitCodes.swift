import WearportCore

/// The explanations of the codes this module reports (`wearport validate --explain CODE`).
public enum FitbitCodes {
  public static let explanations: [CodeExplanation] = [
    CodeExplanation(
      .fitbitRecordInvalid, .error,
      meaning:
        "A record of a Fitbit document could not be read (an unknown distanceUnit, a summary without its date); it "
        + "is rejected and the rest of the document is read.",
      action: "Check the record at the pointer against the Web API response it came from."),
    CodeExplanation(
      .fitbitUnitsAssumed, .warning,
      meaning:
        "Fitbit responses carry no unit system, and --units auto found no evidence (or conflicting evidence) in the "
        + "run, so the values were read as metric. Distances, elevation and weights may be off by the mile, foot or "
        + "pound factor.",
      action: "Give --units metric, us or uk: the Accept-Language the responses were requested with."),
    CodeExplanation(
      .fitbitUnitsDetected, .note,
      meaning:
        "--units auto decided the unit system from evidence in the run; the message names the rule (distanceUnit, "
        + "weight ÷ BMI, profile height, stride, elevation ÷ floors, goals). Shown with --verbose.",
      action: "Nothing; give --units to decide it yourself."),
    CodeExplanation(
      .fitbitAPIError, .warning,
      meaning: "The document is a Fitbit API error response (an `errors` envelope), not data.",
      action: "Fetch the data again; the message carries the API's error type."),
    CodeExplanation(
      .fitbitNotConverted, .note,
      meaning:
        "A recognised Fitbit response that has no place in the model (devices, lifetime statistics, food logs, a "
        + "profile used only as unit evidence).",
      action: "Nothing."),
    CodeExplanation(
      .fitbitUnknownResource, .warning,
      meaning: "An activities-* series or intraday dataset names a resource wearport does not know; it is skipped.",
      action: "Report the resource name so the reader can learn it."),
    CodeExplanation(
      .fitbitIntradayNoDate, .warning,
      meaning:
        "An intraday dataset has times of day but its day is given nowhere (an empty summary and no yyyy-MM-dd in "
        + "the file name); its samples were not read.",
      action: "Name the file with the request's date, e.g. heart-2026-02-27.json."),
    CodeExplanation(
      .fitbitProfileOffset, .warning,
      meaning:
        "A profile's timezone and offsetFromUTCMillis disagree; neither is used to place local times.",
      action: "Give --timezone."),
    CodeExplanation(
      .fitbitExportTimeBase, .note,
      meaning: "Says how the time base (UTC or local) of an export file family was decided.",
      action: "Nothing."),
    CodeExplanation(
      .fitbitExportOffsetDerived, .note,
      meaning:
        "Local times of an account export got the UTC offset written in the export's trophy or badge stamps.",
      action: "Nothing; give --timezone to use a zone with its DST rules instead."),
    CodeExplanation(
      .fitbitExportPlaceholder, .note,
      meaning: "Placeholder rows of an export (resting heart rate with date null and value 0) were skipped.",
      action: "Nothing."),
  ]
}
