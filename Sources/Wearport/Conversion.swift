import Crypto
import Foundation
import WearportContainers
import WearportCore

/// SHA-256 of document bytes (the `sources` table's fingerprint), from swift-crypto.
struct CryptoSHA256: IncrementalDigest {
  private var hasher = Crypto.SHA256()
  mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }
  func finalizeHex() -> String { Hex.lowercase(hasher.finalize()) }
}

extension DocumentDigest {
  /// SHA-256, lowercase hex.
  public static let sha256 = DocumentDigest(name: "sha256") { CryptoSHA256() }
}

/// One conversion run: walks the inputs, reads every document, and writes the records to the sinks.
///
/// With `writeInBackground` (the default when there are two or more cores), a sink that allows it writes on a thread
/// of its own while the next records are read (``BackgroundSink``); the outputs are the same either way.
///
/// ```swift
/// let summary = try Conversion.run(inputs: ["exercise.json"], sinks: [JSONLSink(path: "-")])
/// print(summary.total.written)
/// ```
public enum Conversion {
  public static func run(
    inputs: [String], options: ReadOptions = ReadOptions(), containers: ContainerOptions = ContainerOptions(),
    registry: ReaderRegistry = Formats.readers, sinks: [any RecordSink],
    onDiagnostic: @escaping (Diagnostic) -> Void = { _ in },
    onProgress: ((RunSummary) -> Void)? = nil, writeInBackground: Bool = BackgroundSink.isUseful
  ) -> RunSummary {
    let sinks = sinks.map { BackgroundSink.wrapping($0, enabled: writeInBackground) }
    let pipeline = Pipeline(
      registry: registry, options: options, sinks: sinks, onDiagnostic: onDiagnostic, onProgress: onProgress,
      digest: .sha256)
    for input in inputs {
      let isFile = isRegularFile(input)
      do {
        try InputWalker.walk(input, options: containers, report: { pipeline.report($0) }) { document in
          let isTopLevel = isFile && document.location.member == nil && document.location.line == nil
          try pipeline.process(document, isTopLevel: isTopLevel)
        }
      } catch let diagnostic as Diagnostic where diagnostic.code == .outputUnwritable {
        break
      } catch let diagnostic as Diagnostic {
        pipeline.inputUnreadable(diagnostic.located(diagnostic.location ?? SourceLocation(path: input)))
      } catch {
        pipeline.inputUnreadable(
          .error(.inputUnreadable, "cannot read the input", at: SourceLocation(path: input), cause: "\(error)"))
      }
    }
    return pipeline.finish()
  }

  private static func isRegularFile(_ path: String) -> Bool {
    if path == "-" { return true }
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }
}
