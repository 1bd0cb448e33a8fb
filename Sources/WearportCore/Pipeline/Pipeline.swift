/// The conversion run: sniffs each document, reads it, checks the records, merges duplicates, and feeds the sinks,
/// accounting for every document and record in a ``RunSummary``.
public final class Pipeline {
  public let registry: ReaderRegistry
  public let options: ReadOptions
  private let sinks: [any RecordSink]
  private let onDiagnostic: (Diagnostic) -> Void
  private let onProgress: ((RunSummary) -> Void)?
  private var summary = RunSummary()
  /// Records read, written, merged and rejected per kind (by ``RecordKind/ordinal``), copied into the summary when it
  /// is shown: counting into memory of its own costs less per record than into the summary's dictionary, or into an
  /// array property (whose every update is an exclusive access to the pipeline and a uniqueness check).
  private let tallies: UnsafeMutablePointer<RunSummary.Counts>
  /// The natural keys written in this run, with the revision written (``WrittenKeys``). In memory of its own, as
  /// ``tallies``: it is updated for every record.
  private let writtenKeys: UnsafeMutablePointer<WrittenKeys>
  /// Some sink replaces a record by key: a newer revision later in the run is passed on to it.
  private let anySinkReplaces: Bool
  /// The last sink, when it is a ``BackgroundSink``: it takes the pipeline's own copy of each record and moves it
  /// into its queue (it has no notes, so the record is not needed after it).
  private let lastSinkTakingRecords: BackgroundSink?
  private let wantsDigests: Bool
  /// What a reader's output depends on besides the bytes, for ``DocumentReport/readWith``.
  private let readWith: String
  /// The reader of the current document asked for an assembler.
  private var currentUsedAssembler = false
  /// Records the reader of the current document emitted (in memory of its own, as ``tallies``).
  private let currentRecordCount: UnsafeMutablePointer<Int>
  private var currentRecords: Int {
    get { currentRecordCount.pointee }
    set { currentRecordCount.pointee = newValue }
  }
  /// Diagnostics of the document being read, by severity (repeats included), for ``DocumentReport``.
  private var currentSeverities: [Diagnostic.Severity: Int] = [:]
  private var sinkError: Diagnostic?
  private let digestFunction: DocumentDigest?
  private var assemblers: [(ObjectIdentifier, any RunAssembler)] = []
  /// Exercise halves waiting for their other half (``ExerciseJoin``), by join key, and their arrival order.
  private var pendingJoins: [String: Exercise] = [:]
  private var pendingJoinOrder: [String] = []
  /// The most diagnostics kept in the summary; the rest are counted by code.
  public var maxKeptDiagnostics = 10_000

  /// - Parameters:
  ///   - onDiagnostic: called for every diagnostic as it happens (the CLI prints them).
  ///   - onProgress: called after each document (the CLI shows progress on a terminal).
  ///   - digest: the fingerprint of documents for sinks that ask (``RecordSink/wantsDocumentDigests``); without one
  ///     they get none.
  public init(
    registry: ReaderRegistry, options: ReadOptions, sinks: [any RecordSink],
    onDiagnostic: @escaping (Diagnostic) -> Void = { _ in }, onProgress: ((RunSummary) -> Void)? = nil,
    digest: DocumentDigest? = nil
  ) {
    self.digestFunction = digest
    self.registry = registry
    tallies = .allocate(capacity: RecordKind.allCases.count)
    tallies.initialize(repeating: RunSummary.Counts(), count: RecordKind.allCases.count)
    currentRecordCount = .allocate(capacity: 1)
    writtenKeys = .allocate(capacity: 1)
    writtenKeys.initialize(to: WrittenKeys())
    currentRecordCount.initialize(to: 0)
    self.options = options
    self.sinks = sinks
    self.onDiagnostic = onDiagnostic
    self.onProgress = onProgress
    anySinkReplaces = sinks.contains { $0.replacesByKey }
    lastSinkTakingRecords = sinks.last as? BackgroundSink
    wantsDigests = sinks.contains { $0.wantsDocumentDigests }
    readWith =
      "timezone=\(options.zone?.identifier ?? "none") units=\(options.units.rawValue) strict=\(options.strict)"
    summary.strict = options.strict
  }

  deinit {
    tallies.deallocate()
    currentRecordCount.deallocate()
    writtenKeys.deinitialize(count: 1)
    writtenKeys.deallocate()
  }

  /// Reads one document.
  ///
  /// - Parameter isTopLevel: the document is a file the user named (not a folder entry or archive member); when
  ///   no reader recognises it, that is an error rather than a skipped file.
  /// - Throws: a ``Diagnostic`` (`output.unwritable`) when a sink failed; the run must stop.
  public func process(_ document: InputDocument, isTopLevel: Bool = false) throws {
    if let sinkError { throw sinkError }
    let firstDiagnostic = summary.diagnostics.count
    currentSeverities = [:]
    currentUsedAssembler = false
    var digest: (String, Int64)?
    var unchanged = false
    defer {
      if let last = summary.documents.indices.last, summary.documents[last].location == document.location {
        summary.documents[last].diagnostics = firstDiagnostic..<summary.diagnostics.count
      }
    }
    defer {
      if sinkError == nil, let last = summary.documents.last, last.location == document.location {
        let report = DocumentReport(
          location: document.location, format: last.format, status: last.status, sha256: digest?.0,
          byteCount: digest?.1, records: last.records, errors: currentSeverities[.error] ?? 0,
          warnings: currentSeverities[.warning] ?? 0, notes: currentSeverities[.note] ?? 0, readWith: readWith,
          spansDocuments: currentUsedAssembler, unchanged: unchanged)
        for sink in sinks {
          do {
            try sink.endDocument(report)
          } catch {
            sinkError = Pipeline.outputError(error)
            break
          }
        }
      }
    }
    let probe: SniffProbe
    do {
      probe = try SniffProbe(document)
    } catch let diagnostic as Diagnostic {
      report(diagnostic.located(diagnostic.location ?? document.location))
      summary.documents.append(.init(location: document.location, format: nil, status: .unreadable, records: 0))
      return
    } catch {
      report(.error(.inputUnreadable, "cannot read the document", at: document.location, cause: "\(error)"))
      summary.documents.append(.init(location: document.location, format: nil, status: .unreadable, records: 0))
      return
    }
    guard let (reader, _) = registry.reader(for: probe) else {
      if probe.prefix.isEmpty {
        report(
          Diagnostic(.inputEmpty, isTopLevel ? .error : .note, "the document is empty", at: document.location))
      } else {
        report(
          Diagnostic(
            .inputUnrecognized, isTopLevel ? .error : .note,
            isTopLevel ? "no reader recognises this file" : "skipped: no reader recognises this file",
            at: document.location))
      }
      summary.documents.append(.init(location: document.location, format: nil, status: .skipped, records: 0))
      return
    }
    let context = ReadContext(document: document, options: options, format: reader.info, pipeline: self)
    currentRecords = 0
    if wantsDigests, let digestFunction { digest = Pipeline.digest(document, with: digestFunction) }
    let started = DocumentReport(
      location: document.location, format: reader.info.id, sha256: digest?.0, byteCount: digest?.1,
      readWith: readWith)
    if digest != nil, !sinks.isEmpty, sinks.allSatisfy({ $0.isAlreadyImported(started) }) {
      unchanged = true
      report(
        .note(
          .inputUnchanged, "skipped: unchanged since it was imported (same bytes, same settings)",
          at: document.location))
      summary.documents.append(
        .init(location: document.location, format: reader.info.id, status: .skipped, records: 0))
      onProgress?(countedSummary)
      return
    }
    for sink in sinks {
      do {
        try sink.beginDocument(started)
      } catch {
        sinkError = Pipeline.outputError(error)
        throw sinkError!
      }
    }
    var status = RunSummary.DocumentResult.Status.converted
    do {
      try reader.read(context)
    } catch let diagnostic as Diagnostic {
      if let sinkError { throw sinkError }
      report(context.locate(diagnostic))
      status = .failed
    } catch {
      if let sinkError { throw sinkError }
      report(.error(.inputUnreadable, "the document could not be read", at: document.location, cause: "\(error)"))
      status = .failed
    }
    summary.documents.append(
      .init(location: document.location, format: reader.info.id, status: status, records: currentRecords))
    onProgress?(countedSummary)
  }

  /// The digest and length of a document's bytes, streamed; nil when they cannot be read (the reader reports why).
  static func digest(_ document: InputDocument, with function: DocumentDigest) -> (String, Int64)? {
    guard let stream = try? document.open() else { return nil }
    var hasher = function.start()
    var count: Int64 = 0
    while true {
      guard let chunk = try? stream.read(maxCount: 1 << 20) else { return nil }
      if chunk.isEmpty { break }
      hasher.update(chunk)
      count += Int64(chunk.count)
    }
    return (hasher.finalizeHex(), count)
  }

  static func outputError(_ error: any Error) -> Diagnostic {
    (error as? Diagnostic) ?? .error(.outputUnwritable, "cannot write the output", cause: "\(error)")
  }

  /// Records that an input could not be opened at all (exit 66).
  public func inputUnreadable(_ diagnostic: Diagnostic) {
    summary.inputUnreadable = true
    report(diagnostic)
    summary.documents.append(
      .init(
        location: diagnostic.location ?? SourceLocation(path: "?"), format: nil, status: .unreadable, records: 0))
  }

  /// Reports a diagnostic that is not about one record (containers, whole documents).
  public func report(_ diagnostic: Diagnostic) {
    var diagnostic = diagnostic
    if options.strict, diagnostic.severity == .warning {
      diagnostic.severity = .error
    }
    currentSeverities[diagnostic.severity, default: 0] += 1
    if summary.diagnostics.count < maxKeptDiagnostics {
      summary.diagnostics.append(diagnostic)
    } else {
      summary.suppressedByCode[diagnostic.code, default: 0] += 1
      if diagnostic.severity == .warning { summary.suppressedWarnings += 1 }
    }
    onDiagnostic(diagnostic)
  }

  func countRepeat(_ code: Diagnostic.Code, _ severity: Diagnostic.Severity) {
    currentSeverities[severity, default: 0] += 1
    summary.suppressedByCode[code, default: 0] += 1
    if severity == .warning { summary.suppressedWarnings += 1 }
  }

  var documentLocations: [SourceLocation] { summary.documents.map(\.location) }

  func rejected(_ kind: RecordKind, _ diagnostic: Diagnostic, count: Int = 1) {
    tallies[kind.ordinal].read += count
    tallies[kind.ordinal].rejected += count
    report(diagnostic)
  }

  func assembler<A: RunAssembler>(_ type: A.Type) -> A {
    let id = ObjectIdentifier(type)
    currentUsedAssembler = true
    if let existing = assemblers.first(where: { $0.0 == id })?.1 as? A { return existing }
    let created = A()
    assemblers.append((id, created))
    return created
  }

  func acceptAssembled(_ record: Record, pieces: Int) throws {
    if pieces > 1 {
      tallies[record.kind.ordinal].read += pieces - 1
      tallies[record.kind.ordinal].merged += pieces - 1
    }
    try accept(record, report: { self.report($0.located(record.provenance.location)) })
  }

  func accept(_ record: consuming Record, from context: ReadContext) throws {
    currentRecords += 1
    try accept(consume record, report: { context.report($0) })
  }

  private func accept(_ record: consuming Record, report: (Diagnostic) -> Void) throws {
    // Each look at the case of a record copies all of it (the enum is large): the kind is taken once and passed on.
    let kind = record.kind
    tallies[kind.ordinal].read += 1
    if kind == .exercise, case .exercise(let exercise) = record, let join = exercise.join {
      try acceptHalf(exercise, join, report: report)
      return
    }
    try deliver(consume record, kind: kind, report: report)
  }

  /// One half of a summary/detail pair: held until the other half arrives, then joined (two read, one written,
  /// one merged). Halves still alone when the run ends are written as they are (``flushJoins()``).
  private func acceptHalf(_ exercise: Exercise, _ join: ExerciseJoin, report: (Diagnostic) -> Void) throws {
    guard let other = pendingJoins[join.key] else {
      pendingJoins[join.key] = exercise
      pendingJoinOrder.append(join.key)
      return
    }
    guard other.join?.role != join.role else {
      // A second half of the same role: the first keeps waiting; this one goes on alone.
      var alone = exercise
      alone.join = nil
      try deliver(.exercise(alone), report: report)
      return
    }
    pendingJoins[join.key] = nil
    let (summaryHalf, detailHalf) = join.role == .summary ? (exercise, other) : (other, exercise)
    tallies[RecordKind.exercise.ordinal].merged += 1
    let joined = Record.exercise(Exercise.joined(summary: summaryHalf, detail: detailHalf))
    try deliver(joined, report: { self.report($0.located(joined.provenance.location)) })
  }

  /// Writes the halves that found no partner, in arrival order.
  private func flushJoins() throws {
    for key in pendingJoinOrder {
      guard var exercise = pendingJoins.removeValue(forKey: key) else { continue }
      exercise.join = nil
      let record = Record.exercise(exercise)
      try deliver(record, report: { self.report($0.located(record.provenance.location)) })
    }
    pendingJoinOrder = []
  }

  /// Checks a record, merges it with an earlier one of the same key, and hands it to the sinks.
  private func deliver(_ record: Record, report: (Diagnostic) -> Void) throws {
    try deliver(record, kind: record.kind, report: report)
  }

  /// ``deliver(_:report:)`` of a record whose kind is known.
  private func deliver(_ record: consuming Record, kind: RecordKind, report: (Diagnostic) -> Void) throws {
    let findings = RecordChecks.check(record, verbose: options.verbose)
    var hasWarning = false
    for finding in findings {
      hasWarning = hasWarning || finding.severity >= .warning
      // A record located by line only (TCX, GPX) keeps its whole location; a JSON one is located by its pointer.
      let origin = record.provenance.location
      let hasLineOnly = origin.jsonPointer == nil && origin.line != nil && !origin.path.isEmpty
      report(finding.located(hasLineOnly ? origin : SourceLocation(path: "", jsonPointer: origin.jsonPointer)))
    }
    if options.strict, hasWarning {
      tallies[kind.ordinal].rejected += 1
      return
    }
    // Samples have no revision.
    let revision =
      kind == .heartRate || kind == .metricSample ? Int64.min : record.modifiedAt?.millisecondsSinceEpoch ?? Int64.min
    if case .written(let written) = writtenKeys.pointee.insert(record, revision: revision) {
      tallies[kind.ordinal].merged += 1
      // Newer wins: a later revision replaces the first where a sink can replace; other sinks keep the first.
      guard anySinkReplaces, revision > written else { return }
      try write(record, to: sinks.filter { $0.replacesByKey })
      return
    }
    if let last = lastSinkTakingRecords {
      for index in 0..<sinks.count - 1 { try write(record, to: sinks[index]) }
      do {
        try last.take(consume record)
      } catch {
        throw sinkFailed(error)
      }
    } else {
      try write(record, to: sinks)
    }
    tallies[kind.ordinal].written += 1
  }

  private func write(_ record: borrowing Record, to sinks: [any RecordSink]) throws {
    for sink in sinks { try write(record, to: sink) }
  }

  private func write(_ record: borrowing Record, to sink: any RecordSink) throws {
    do {
      try sink.write(record)
      for note in sink.takeNotes() {
        report(note.located(note.location ?? record.provenance.location))
      }
    } catch {
      throw sinkFailed(error)
    }
  }

  /// Remembers a sink's failure (it ends the run) and returns it as a diagnostic.
  private func sinkFailed(_ error: any Error) -> Diagnostic {
    let diagnostic =
      error as? Diagnostic ?? Diagnostic.error(.outputUnwritable, "cannot write the output", cause: "\(error)")
    sinkError = diagnostic
    return diagnostic
  }

  /// Finishes the sinks (their outputs appear) and returns the summary.
  public func finish() -> RunSummary {
    if sinkError == nil {
      let context = AssemblyContext(options: options, pipeline: self)
      for (_, assembler) in assemblers {
        do {
          try assembler.finish(context)
        } catch let diagnostic as Diagnostic where diagnostic.code == .outputUnwritable {
          sinkError = diagnostic
          break
        } catch let diagnostic as Diagnostic {
          report(diagnostic)
        } catch {
          report(.error(.recordRejected, "records could not be assembled", cause: "\(error)"))
        }
      }
      assemblers = []
      do {
        try flushJoins()
      } catch {
        sinkError = Pipeline.outputError(error)
      }
    }
    if let sinkError {
      summary.outputFailed = true
      for sink in sinks { sink.abort() }
      if !summary.diagnostics.contains(sinkError) { report(sinkError) }
      return countedSummary
    }
    for sink in sinks {
      do {
        summary.outputs += try sink.finish()
      } catch {
        summary.outputFailed = true
        let diagnostic =
          (error as? Diagnostic) ?? .error(.outputUnwritable, "cannot write the output", cause: "\(error)")
        report(diagnostic)
        for other in sinks { other.abort() }
        break
      }
    }
    return countedSummary
  }

  /// The summary with the counts so far (kinds no record of was read are left out).
  private var countedSummary: RunSummary {
    var counted = summary
    for kind in RecordKind.allCases where tallies[kind.ordinal].read > 0 {
      counted.counts[kind] = tallies[kind.ordinal]
    }
    return counted
  }

  /// Stops the run, removing partial outputs.
  public func abort() {
    for sink in sinks { sink.abort() }
  }
}

extension Diagnostic.Code {
  /// A document was not read again because the output already holds it (`--to sqlite`).
  public static let inputUnchanged: Self = "input.unchanged"
}
