import WearportContainers

/// The limits a run applies to hostile or broken inputs (the command line's `--max-expanded-size`), turned into
/// the container layer's options.
public struct InputLimits: Sendable, Equatable {
  /// The most bytes one archive (zip, tar, gzip, nested ones included) may expand to.
  public var maxExpandedBytes: Int64

  /// The default: the container layer's own limit.
  public static let defaultMaxExpandedBytes = ContainerOptions().maxTotalBytes

  public init(maxExpandedBytes: Int64 = InputLimits.defaultMaxExpandedBytes) {
    self.maxExpandedBytes = maxExpandedBytes
  }

  /// The container options for a conversion run
  /// (``Conversion/run(inputs:options:containers:registry:sinks:onDiagnostic:onProgress:writeInBackground:)``):
  /// the archive total is `maxExpandedBytes`; one document inside an archive is also held to it (never more than
  /// the default per-document limit).
  public var containerOptions: ContainerOptions {
    var options = ContainerOptions()
    options.maxTotalBytes = max(1, maxExpandedBytes)
    options.maxDocumentBytes = min(options.maxDocumentBytes, max(1, maxExpandedBytes))
    return options
  }
}
