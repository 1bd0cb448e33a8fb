/// Collects pieces of records that span documents and emits whole records once every document has been read.
///
/// Examples: Fitbit's nine daily series files that make one day; an activity log and its TCX file; the same webhook
/// notification captured many times. A reader gets the run's single instance with
/// ``ReadContext/assembler(_:)`` and hands it pieces; the pipeline calls ``finish(_:)`` after the last document,
/// before the sinks finish. Memory is bounded by what the assembler keeps (days, notifications), not by samples.
public protocol RunAssembler: AnyObject {
  init()
  /// Emits the assembled records through the context.
  func finish(_ context: AssemblyContext) throws
}

/// What an assembler works with when the run ends.
public final class AssemblyContext {
  public let options: ReadOptions
  private let pipeline: Pipeline

  init(options: ReadOptions, pipeline: Pipeline) {
    self.options = options
    self.pipeline = pipeline
  }

  /// Emits one assembled record made from `pieces` pieces; all but one are counted as merged, so that
  /// `read = written + merged + rejected` holds over the pieces read.
  public func emit(_ record: Record, pieces: Int = 1) throws {
    try pipeline.acceptAssembled(record, pieces: max(1, pieces))
  }

  /// Counts `pieces` pieces of a record of `kind` as rejected, with the reason.
  public func reject(_ kind: RecordKind, pieces: Int = 1, _ diagnostic: Diagnostic) {
    pipeline.rejected(kind, diagnostic, count: max(1, pieces))
  }

  public func report(_ diagnostic: Diagnostic) { pipeline.report(diagnostic) }

  /// Where every document of the run was found (files, archive members, JSON Lines lines), in reading order.
  public var documentLocations: [SourceLocation] { pipeline.documentLocations }
}
