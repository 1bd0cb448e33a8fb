import JSONLExport
import PolarFormats
import WearportCore

/// Every input format and output format wearport knows. Adding one is one line here.
public enum Formats {
  /// The readers, in the order they are asked (ties in sniffing go to the first).
  public static var readers: ReaderRegistry {
    ReaderRegistry([
      AccessLinkExerciseReader()
    ])
  }

  /// The output formats of `convert --to`.
  public enum Output: String, CaseIterable, Sendable {
    case tcx, gpx, csv, sqlite, jsonl
    /// Whether this build can write the format yet.
    public var isAvailable: Bool { self == .jsonl }
    /// What `-o` names for this format.
    public var outputKind: String {
      switch self {
      case .tcx, .gpx, .csv: "a folder (created if missing)"
      case .sqlite: "a database file (created or updated)"
      case .jsonl: "a file, or - for standard output"
      }
    }
  }

  /// Opens the sink for an output format.
  ///
  /// - Throws: `output.unwritable`, or `output.unsupported` for a format this build cannot write yet.
  public static func sink(_ output: Output, path: String) throws -> any RecordSink {
    switch output {
    case .jsonl: return try JSONLSink(path: path)
    case .tcx, .gpx, .csv, .sqlite:
      throw Diagnostic.error(
        .outputUnsupported,
        "writing \(output.rawValue.uppercased()) is not available in this version yet; "
          + "use --to jsonl")
    }
  }
}

extension Diagnostic.Code {
  public static let outputUnsupported: Self = "output.unsupported"
}
