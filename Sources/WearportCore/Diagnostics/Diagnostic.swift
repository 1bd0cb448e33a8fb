/// A finding about the input or the run: a stable code, a severity, a plain-English message and where it was found.
///
/// One type serves errors (thrown) and warnings/notes (collected). Codes are open-ended: add a `static let` in an
/// extension of ``Diagnostic/Code`` rather than a case, so adding one never breaks a user's `switch`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
  /// A stable, dotted, machine-readable code such as `polar.sample.length-mismatch`.
  public struct Code: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible, Comparable
  {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    /// Matches a code or any code below it: `"json" ~= Code("json.syntax")` is true.
    public static func ~= (pattern: Code, value: Code) -> Bool {
      value.rawValue == pattern.rawValue || value.rawValue.hasPrefix(pattern.rawValue + ".")
    }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode(rawValue)
    }
  }

  public enum Severity: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    case note, warning, error
    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var code: Code
  public var severity: Severity
  /// What went wrong, in plain English. Names fields and positions, never health values or coordinates.
  public var message: String
  public var location: SourceLocation?
  /// A lower-level explanation (the underlying system error, for instance), shown after the message.
  public var cause: String?

  public init(
    _ code: Code, _ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil,
    cause: String? = nil
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.location = location
    self.cause = cause
  }

  public static func error(_ code: Code, _ message: String, at location: SourceLocation? = nil, cause: String? = nil)
    -> Diagnostic
  { Diagnostic(code, .error, message, at: location, cause: cause) }

  public static func warning(_ code: Code, _ message: String, at location: SourceLocation? = nil, cause: String? = nil)
    -> Diagnostic
  { Diagnostic(code, .warning, message, at: location, cause: cause) }

  public static func note(_ code: Code, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
    Diagnostic(code, .note, message, at: location)
  }

  /// The same diagnostic with its location replaced.
  public func located(_ location: SourceLocation?) -> Diagnostic {
    var copy = self
    copy.location = location
    return copy
  }

  /// Compiler style: `export.zip!/a.json:12:11: error: expected an integer at /samples/2 [json.type-mismatch]`.
  public var description: String {
    var text = ""
    if let location { text += location.description + ": " }
    text += "\(severity.rawValue): \(message)"
    if let pointer = location?.jsonPointer, !pointer.isEmpty, !message.contains(pointer) {
      text += " at \(pointer)"
    }
    text += " [\(code.rawValue)]"
    if let cause { text += " (\(cause))" }
    return text
  }
}

/// Codes used by the core. Readers and sinks add their own in their modules.
extension Diagnostic.Code {
  public static let jsonSyntax: Self = "json.syntax"
  public static let jsonTypeMismatch: Self = "json.type-mismatch"
  public static let jsonMissingKey: Self = "json.missing-key"
  public static let jsonInvalidValue: Self = "json.invalid-value"
  public static let jsonNonStandard: Self = "json.non-standard"
  public static let jsonDuplicateKey: Self = "json.duplicate-key"
  public static let jsonByteOrderMark: Self = "json.byte-order-mark"
  public static let jsonNonFinite: Self = "json.non-finite-number"
  public static let jsonTrailingComma: Self = "json.trailing-comma"
  public static let jsonTooDeep: Self = "json.too-deep"
  public static let encodingInvalidUTF8: Self = "encoding.invalid-utf8"

  public static let timeInvalidDuration: Self = "time.invalid-duration"
  public static let timeInvalidDateTime: Self = "time.invalid-date-time"
  public static let timeInvalidZone: Self = "time.invalid-zone"
  public static let timeOffsetUnknown: Self = "time.offset-unknown"
  public static let timeLocalNonexistent: Self = "time.local-nonexistent"
  public static let timeLocalAmbiguous: Self = "time.local-ambiguous"

  public static let inputUnreadable: Self = "input.unreadable"
  public static let inputNotFound: Self = "input.not-found"
  public static let inputUnrecognized: Self = "input.unrecognized"
  public static let inputEmpty: Self = "input.empty"
  public static let inputTooLarge: Self = "input.too-large"
  public static let archiveCorrupt: Self = "archive.corrupt"
  public static let archiveUnsafePath: Self = "archive.unsafe-path"
  public static let archiveSkippedEntry: Self = "archive.skipped-entry"

  public static let outputUnwritable: Self = "output.unwritable"

  public static let recordDuplicate: Self = "record.duplicate"
  public static let recordRejected: Self = "record.rejected"
}
