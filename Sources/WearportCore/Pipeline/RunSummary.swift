/// How a run went: every document and record accounted for, the diagnostics, the outputs, and the exit status.
public struct RunSummary: Sendable {
  /// Counts for one record kind. `read == written + merged + rejected`.
  public struct Counts: Hashable, Sendable {
    public var read = 0
    public var written = 0
    /// Duplicates of a record already written in this run (same natural key).
    public var merged = 0
    public var rejected = 0
    public init() {}
    public var addsUp: Bool { read == written + merged + rejected }
  }

  /// One input document and what became of it.
  public struct DocumentResult: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
      /// Read by a reader; its records are counted by kind.
      case converted
      /// No reader recognised it (inside a folder or archive: listed, not an error).
      case skipped
      /// Recognised, but the document as a whole was refused (malformed JSON, for instance).
      case failed
      /// It could not be read at all.
      case unreadable
    }
    public var location: SourceLocation
    public var format: String?
    public var status: Status
    public var records: Int
    /// The positions in ``RunSummary/diagnostics`` of the diagnostics reported while reading this document.
    public var diagnostics: Range<Int> = 0..<0
  }

  /// The diagnostics reported while reading a document.
  public func diagnostics(of document: DocumentResult) -> ArraySlice<Diagnostic> {
    let range = document.diagnostics.clamped(to: diagnostics.indices)
    return diagnostics[range]
  }

  public var documents: [DocumentResult] = []
  public var counts: [RecordKind: Counts] = [:]
  public var diagnostics: [Diagnostic] = []
  /// Diagnostics not kept in `diagnostics` because they repeat a code within a document, or the list was full.
  public var suppressedByCode: [Diagnostic.Code: Int] = [:]
  /// How many of the suppressed diagnostics were warnings (they still count under `--strict`).
  public var suppressedWarnings = 0
  public var outputs: [String] = []
  /// Set when an input could not be read at all.
  public var inputUnreadable = false
  /// Set when an output could not be written.
  public var outputFailed = false
  /// `--strict` was on: warnings count as errors.
  public var strict = false

  public init() {}

  public var total: Counts {
    counts.values.reduce(into: Counts()) {
      $0.read += $1.read
      $0.written += $1.written
      $0.merged += $1.merged
      $0.rejected += $1.rejected
    }
  }

  public func count(_ severity: Diagnostic.Severity) -> Int {
    diagnostics.filter { $0.severity == severity }.count
  }

  /// The exit status, as documented: 73 output failure, 66 unreadable input, 65 data rejected, 0 success.
  public var exitCode: Int32 {
    if outputFailed { return ExitCode.cannotCreateOutput }
    if inputUnreadable { return ExitCode.cannotOpenInput }
    if count(.error) > 0 || total.rejected > 0 { return ExitCode.dataError }
    if strict, count(.warning) > 0 || suppressedWarnings > 0 { return ExitCode.dataError }
    return ExitCode.success
  }

}

/// Exit codes from sysexits.h, as documented in the README.
public enum ExitCode {
  public static let success: Int32 = 0
  /// EX_USAGE: the command line is wrong.
  public static let usage: Int32 = 64
  /// EX_DATAERR: some input data was rejected (everything else was still converted).
  public static let dataError: Int32 = 65
  /// EX_NOINPUT: an input cannot be opened.
  public static let cannotOpenInput: Int32 = 66
  /// EX_CANTCREAT: an output cannot be written.
  public static let cannotCreateOutput: Int32 = 73
}
