import CSVExport
import FitbitFormats
import JSONLExport
import PolarFormats
import SQLiteStore
import TrainingXML
import WearportCore

/// Every input format and output format wearport knows. Adding one is one line here.
public enum Formats {
  /// The readers, in the order they are asked (ties in sniffing go to the first).
  public static var readers: ReaderRegistry {
    var registry = ReaderRegistry()
    registry.register(AccessLinkExerciseReader())
    return registry
  }

  /// The output formats of `convert --to`.
  public enum Output: String, CaseIterable, Sendable {
    case tcx, gpx, csv, sqlite, jsonl

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
    case .tcx: throw unsupported(output)
    case .gpx: throw unsupported(output)
    case .csv: throw unsupported(output)
    case .sqlite: throw unsupported(output)
    }
  }

  private static func unsupported(_ output: Output) -> Diagnostic {
    .error(
      .outputUnsupported, "writing \(output.rawValue.uppercased()) is not available in this version yet; use --to jsonl"
    )
  }
}

extension Diagnostic.Code {
  public static let outputUnsupported: Self = "output.unsupported"
}
