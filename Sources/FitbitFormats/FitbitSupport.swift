import WearportCore

extension Diagnostic.Code {
  /// `--units auto` decided the unit system from evidence; the message names the rule.
  public static let fitbitUnitsDetected: Self = "fitbit.units.detected"
  /// `--units auto` found no evidence (or conflicting evidence) and assumed metric.
  public static let fitbitUnitsAssumed: Self = "fitbit.units.assumed"
  /// The document is a Fitbit API error response, not data.
  public static let fitbitAPIError: Self = "fitbit.api.error-response"
  /// A recognised Fitbit response that has no place in the model (devices, lifetime stats, food logs).
  public static let fitbitNotConverted: Self = "fitbit.api.not-converted"
  /// An `activities-*` (or similar) series whose resource is not known.
  public static let fitbitUnknownResource: Self = "fitbit.series.unknown-resource"
  /// A record of a Fitbit document could not be read.
  public static let fitbitRecordInvalid: Self = "fitbit.record.invalid"
  /// The profile's `timezone` and `offsetFromUTCMillis` disagree.
  public static let fitbitProfileOffset: Self = "fitbit.profile.offset-mismatch"
  /// How an export file family's time base was decided.
  public static let fitbitExportTimeBase: Self = "fitbit.export.time-base"
  /// Local export times were given an offset derived from other export files (trophy/badge stamps).
  public static let fitbitExportOffsetDerived: Self = "fitbit.export.offset-derived"
  /// An export placeholder row (resting heart rate with `date: null`) was skipped.
  public static let fitbitExportPlaceholder: Self = "fitbit.export.placeholder"
}

/// Small helpers shared by the Fitbit readers.
enum Fitbit {
  /// Reads one record, rejecting it (and only it) when it is malformed.
  static func each(
    _ kind: RecordKind, _ context: ReadContext, _ body: () throws -> Void
  ) throws {
    do {
      try body()
    } catch let diagnostic as Diagnostic where diagnostic.code != .outputUnwritable {
      context.reject(kind, diagnostic)
    }
  }

  /// A `yyyy-MM-dd` date at a node, located on failure.
  static func date(_ node: JSONNode) throws -> LocalDate {
    try node.localDate()
  }

  /// An ISO date-time at a node (offset optional), located on failure.
  static func dateTime(_ node: JSONNode) throws -> ParsedDateTime {
    try node.dateTime()
  }

  /// An export `MM/dd/yy HH:mm:ss` at a node, located on failure.
  static func usShort(_ node: JSONNode) throws -> LocalDateTime {
    try node.located { try DateTimeParser.parseUSShort(try node.string()) }
  }

  /// A Fitbit id (`logId`): an unsigned 64-bit integer, kept as decimal text.
  static func id(_ node: JSONNode) throws -> String {
    switch node.value {
    case .number(let number):
      if let exact = number.exactInteger, exact >= 0 { return String(exact) }
      let double = number.double
      guard double.isFinite, double >= 0, double.rounded() == double, double < 1.8446744073709552e19 else {
        throw node.invalid("expected an unsigned integer id")
      }
      return String(UInt64(double))
    case .string(let text) where !text.isEmpty:
      return text
    default:
      throw node.mismatch("an integer id")
    }
  }

  /// A wall clock read as UTC (export intraday files, `lastModified`).
  static func utcParsed(_ local: LocalDateTime) -> ParsedDateTime {
    ParsedDateTime(local: local, offsetSeconds: 0, isUTC: true)
  }

  static func naive(_ local: LocalDateTime) -> ParsedDateTime {
    ParsedDateTime(local: local, offsetSeconds: nil, isUTC: false)
  }

  /// A metric sample for a whole local day.
  static func daySample(
    _ metric: String, _ date: LocalDate, _ value: Double, _ unit: String, _ provenance: Provenance
  ) -> Record {
    .metricSample(
      MetricSample(
        provider: .fitbit, userID: nil, metric: metric, time: .day(date), value: value, unit: unit,
        provenance: provenance))
  }

  /// A metric sample at an instant.
  static func instantSample(
    _ metric: String, _ time: Timestamp, _ value: Double, _ unit: String, _ provenance: consuming Provenance
  ) -> Record {
    .metricSample(
      MetricSample(
        provider: .fitbit, userID: nil, metric: metric, time: .instant(time), value: value, unit: unit,
        provenance: provenance))
  }

  /// The zone names of Fitbit's heart-rate zones as metric-name fragments.
  static func zoneKey(_ name: String) -> String {
    switch name.lowercased() {
    case "out of range": "out_of_range"
    case "fat burn": "fat_burn"
    case "cardio": "cardio"
    case "peak": "peak"
    default:
      String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
  }

  /// The first-byte check and the file name test shared by the export readers: `<kind>-yyyy-MM-dd.json` or
  /// `<kind>-N.json`.
  static func exportKind(_ name: String) -> (kind: String, suffix: String)? {
    guard name.hasSuffix(".json") else { return nil }
    let stem = name.dropLast(5)
    // The kind is everything before the first "-" followed by a digit.
    var index = stem.startIndex
    while index < stem.endIndex {
      if stem[index] == "-", stem.index(after: index) < stem.endIndex, stem[stem.index(after: index)].isNumber {
        return (String(stem[..<index]), String(stem[stem.index(after: index)...]))
      }
      index = stem.index(after: index)
    }
    return nil
  }

  /// The date in an export file name (`heart_rate-2017-06-05.json`), when it has one.
  static func exportFileDate(_ name: String) -> LocalDate? {
    guard let (_, suffix) = exportKind(name) else { return nil }
    return try? LocalDate.parse(suffix)
  }
}
