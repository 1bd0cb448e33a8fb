import Foundation
import Testing
import WearportTestSupport

@testable import WearportCore

/// Logs every call it gets, with the thread that made it; fails a write on request.
private final class LoggingSink: RecordSink, @unchecked Sendable {
  private let lock = NSLock()
  private var log: [String] = []
  private var threads: Set<UInt> = []
  var failAtWrite: Int?
  private var writes = 0
  var background = true
  private(set) var aborted = false
  private(set) var finished = false

  var events: [String] { lock.withLock { log } }
  var writingThreads: Set<UInt> { lock.withLock { threads } }

  private func note(_ event: String) {
    lock.withLock {
      log.append(event)
      threads.insert(UInt(pthread_self()))
    }
  }

  var wantsDocumentDigests: Bool { true }
  var replacesByKey: Bool { true }
  var canWriteInBackground: Bool { background }

  func write(_ record: Record) throws {
    writes += 1
    if let failAtWrite, writes == failAtWrite {
      throw Diagnostic.error(.outputUnwritable, "disk full at write \(writes)")
    }
    guard case .heartRate(let sample) = record else { return note("write:?") }
    note("write:\(sample.provenance.location.jsonPointer ?? "")=\(Int(sample.heartRateBPM))")
  }
  func finish() throws -> [String] {
    note("finish")
    finished = true
    return ["memory"]
  }
  func abort() {
    note("abort")
    aborted = true
  }
  func isAlreadyImported(_ document: DocumentReport) -> Bool {
    note("imported?:\(document.location.path)")
    return document.location.path == "skip.json"
  }
  func beginDocument(_ document: DocumentReport) throws { note("begin:\(document.location.path)") }
  func endDocument(_ document: DocumentReport) throws { note("end:\(document.location.path)") }
}

private func sample(_ index: Int, in path: String) -> Record {
  .heartRate(
    HeartRateSample(
      provider: .fitbit, userID: nil,
      time: Timestamp(
        instant: Instant(millisecondsSinceEpoch: Int64(index) * 5000), utcOffsetSeconds: 3600, offsetSource: .explicit),
      heartRateBPM: Double(40 + index % 150),
      provenance: Provenance(
        provider: .fitbit, format: "test", location: SourceLocation(path: path, jsonPointer: "/\(index)"))))
}

/// Drives a sink as the pipeline does: per document, the skip question, begin, the records, end.
private func drive(_ sink: any RecordSink, documents: [(String, Int)]) throws {
  for (path, count) in documents {
    let report = DocumentReport(location: SourceLocation(path: path))
    if sink.isAlreadyImported(report) { continue }
    try sink.beginDocument(report)
    for index in 0..<count { try sink.write(sample(index, in: path)) }
    try sink.endDocument(report)
  }
}

@Suite struct BackgroundSinkTests {
  /// Sizes around the batch size (64): empty documents, a document ending on a batch boundary, several batches.
  static let documents: [(String, Int)] = [
    ("a.json", 1_300), ("empty.json", 0), ("skip.json", 5), ("b.json", 64), ("c.json", 129), ("d.json", 1),
  ]

  @Test func callsTheWrappedSinkInTheSameOrderAsWithoutIt() throws {
    let direct = LoggingSink()
    try drive(direct, documents: Self.documents)
    _ = try direct.finish()

    let inner = LoggingSink()
    let sink = BackgroundSink(inner, batchSize: 64, maxQueued: 2)
    try drive(sink, documents: Self.documents)
    #expect(try sink.finish() == ["memory"])

    #expect(inner.events == direct.events)
    #expect(inner.events.count == 1_300 + 64 + 129 + 1 + 6 + 5 * 2 + 1)
    #expect(inner.events.first == "imported?:a.json")
    #expect(inner.events[1] == "begin:a.json")
    #expect(inner.events[2] == "write:/0=40")
    #expect(inner.events[1_301] == "write:/1299=\(40 + 1299 % 150)")
    #expect(inner.events[1_302] == "end:a.json")
    #expect(inner.events.last == "finish")
    #expect(!inner.aborted)
    // The records were written by a thread other than this one.
    #expect(inner.writingThreads.count == 2)
    #expect(sink.replacesByKey && sink.wantsDocumentDigests && !sink.canWriteInBackground)
  }

  @Test func aFailedWriteIsThrownByALaterCallAndStopsTheWriting() throws {
    let inner = LoggingSink()
    inner.failAtWrite = 100
    let sink = BackgroundSink(inner, batchSize: 16, maxQueued: 2)
    try sink.beginDocument(DocumentReport(location: SourceLocation(path: "a.json")))
    var thrown: Diagnostic?
    var written = 0
    do {
      for index in 0..<10_000 {
        try sink.write(sample(index, in: "a.json"))
        written += 1
      }
      try sink.endDocument(DocumentReport(location: SourceLocation(path: "a.json")))
    } catch let diagnostic as Diagnostic {
      thrown = diagnostic
    }
    #expect(thrown?.code == .outputUnwritable)
    #expect(thrown?.message == "disk full at write 100")
    // The failure surfaces within the queue's reach: at most the failed batch, the queued ones and the one filling.
    #expect(written >= 99 && written < 100 + 16 * 4)
    let writes = inner.events.filter { $0.hasPrefix("write:") }
    #expect(writes.count == 99)
    #expect(writes.last == "write:/98=138")
    #expect(!inner.events.contains("end:a.json"))
    sink.abort()
    #expect(inner.aborted)
    #expect(inner.events.last == "abort")
  }

  @Test func abortDropsWhatIsQueuedWithoutWaitingForIt() throws {
    let inner = LoggingSink()
    let sink = BackgroundSink(inner, batchSize: 8, maxQueued: 4)
    try sink.beginDocument(DocumentReport(location: SourceLocation(path: "a.json")))
    for index in 0..<1_000 { try sink.write(sample(index, in: "a.json")) }
    sink.abort()
    let events = inner.events
    #expect(events.last == "abort")
    #expect(events.filter { $0.hasPrefix("write:") }.count <= 1_000)
    #expect(!events.contains("finish"))
    // Writes that were made are a prefix of the records, in order.
    let writes = events.filter { $0.hasPrefix("write:") }
    for (index, event) in writes.enumerated() { #expect(event == "write:/\(index)=\(40 + index % 150)") }
  }

  @Test func onlySinksThatAllowItAreWrapped() {
    let allowed = LoggingSink()
    let refused = LoggingSink()
    refused.background = false
    #expect(BackgroundSink.wrapping(allowed, enabled: true) is BackgroundSink)
    #expect(BackgroundSink.wrapping(allowed, enabled: false) === allowed)
    #expect(BackgroundSink.wrapping(refused, enabled: true) === refused)
    let wrapped = BackgroundSink.wrapping(allowed, enabled: true)
    #expect(BackgroundSink.wrapping(wrapped, enabled: true) === wrapped)
    #expect((wrapped as? BackgroundSink)?.wrapped === allowed)
  }
}
