/// The conversion run: sniffs each document, reads it, checks the records, merges duplicates, and feeds the sinks,
/// accounting for every document and record in a ``RunSummary``.
public final class Pipeline {
  public let registry: ReaderRegistry
  public let options: ReadOptions
  private let sinks: [any RecordSink]
  private let onDiagnostic: (Diagnostic) -> Void
  private let onProgress: ((RunSummary) -> Void)?
  private var summary = RunSummary()
  /// 64-bit hashes of the natural keys written in this run (a hash keeps memory flat for millions of samples).
  private var writtenKeys = Set<UInt64>()
  private var currentRecords = 0
  private var sinkError: Diagnostic?
  private var assemblers: [(ObjectIdentifier, any RunAssembler)] = []
  /// The most diagnostics kept in the summary; the rest are counted by code.
  public var maxKeptDiagnostics = 10_000

  /// - Parameters:
  ///   - onDiagnostic: called for every diagnostic as it happens (the CLI prints them).
  ///   - onProgress: called after each document (the CLI shows progress on a terminal).
  public init(
    registry: ReaderRegistry, options: ReadOptions, sinks: [any RecordSink],
    onDiagnostic: @escaping (Diagnostic) -> Void = { _ in }, onProgress: ((RunSummary) -> Void)? = nil
  ) {
    self.registry = registry
    self.options = options
    self.sinks = sinks
    self.onDiagnostic = onDiagnostic
    self.onProgress = onProgress
    summary.strict = options.strict
  }

  /// Reads one document.
  ///
  /// - Parameter isTopLevel: the document is a file the user named (not a folder entry or archive member); when
  ///   no reader recognises it, that is an error rather than a skipped file.
  /// - Throws: a ``Diagnostic`` (`output.unwritable`) when a sink failed; the run must stop.
  public func process(_ document: InputDocument, isTopLevel: Bool = false) throws {
    let firstDiagnostic = summary.diagnostics.count
    defer {
      if let last = summary.documents.indices.last, summary.documents[last].location == document.location {
        summary.documents[last].diagnostics = firstDiagnostic..<summary.diagnostics.count
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
    onProgress?(summary)
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
    if summary.diagnostics.count < maxKeptDiagnostics {
      summary.diagnostics.append(diagnostic)
    } else {
      summary.suppressedByCode[diagnostic.code, default: 0] += 1
      if diagnostic.severity == .warning { summary.suppressedWarnings += 1 }
    }
    onDiagnostic(diagnostic)
  }

  func countRepeat(_ code: Diagnostic.Code, _ severity: Diagnostic.Severity) {
    summary.suppressedByCode[code, default: 0] += 1
    if severity == .warning { summary.suppressedWarnings += 1 }
  }

  func rejected(_ kind: RecordKind, _ diagnostic: Diagnostic, count: Int = 1) {
    summary.counts[kind, default: .init()].read += count
    summary.counts[kind, default: .init()].rejected += count
    report(diagnostic)
  }

  func assembler<A: RunAssembler>(_ type: A.Type) -> A {
    let id = ObjectIdentifier(type)
    if let existing = assemblers.first(where: { $0.0 == id })?.1 as? A { return existing }
    let created = A()
    assemblers.append((id, created))
    return created
  }

  func acceptAssembled(_ record: Record, pieces: Int) throws {
    if pieces > 1 {
      summary.counts[record.kind, default: .init()].read += pieces - 1
      summary.counts[record.kind, default: .init()].merged += pieces - 1
    }
    try accept(record, report: { self.report($0.located(record.provenance.location)) })
  }

  func accept(_ record: Record, from context: ReadContext) throws {
    currentRecords += 1
    try accept(record, report: { context.report($0) })
  }

  private func accept(_ record: Record, report: (Diagnostic) -> Void) throws {
    let kind = record.kind
    summary.counts[kind, default: .init()].read += 1
    let findings = RecordChecks.check(record, verbose: options.verbose)
    var hasWarning = false
    for finding in findings {
      hasWarning = hasWarning || finding.severity >= .warning
      report(finding.located(SourceLocation(path: "", jsonPointer: record.provenance.location.jsonPointer)))
    }
    if options.strict, hasWarning {
      summary.counts[kind, default: .init()].rejected += 1
      return
    }
    let key = Pipeline.hash(record.naturalKey)
    if writtenKeys.contains(key) {
      summary.counts[kind, default: .init()].merged += 1
      return
    }
    writtenKeys.insert(key)
    for sink in sinks {
      do {
        try sink.write(record)
      } catch let diagnostic as Diagnostic {
        sinkError = diagnostic
        throw diagnostic
      } catch {
        let diagnostic = Diagnostic.error(.outputUnwritable, "cannot write the output", cause: "\(error)")
        sinkError = diagnostic
        throw diagnostic
      }
    }
    summary.counts[kind, default: .init()].written += 1
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
    }
    if let sinkError {
      summary.outputFailed = true
      for sink in sinks { sink.abort() }
      if !summary.diagnostics.contains(sinkError) { report(sinkError) }
      return summary
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
    return summary
  }

  /// Stops the run, removing partial outputs.
  public func abort() {
    for sink in sinks { sink.abort() }
  }

  /// FNV-1a, 64 bits: stable across runs and platforms (Swift's `Hasher` is seeded per process).
  static func hash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
