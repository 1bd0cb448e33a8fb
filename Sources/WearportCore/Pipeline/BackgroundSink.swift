import Foundation

/// Runs another sink's writing on a thread of its own, so that reading the next records and writing the last ones
/// overlap on two cores.
///
/// Records and document starts are handed over in batches through a bounded queue (at most `maxQueued` batches of
/// `batchSize` records wait), so memory stays bounded whatever the input's size. The wrapped sink is used by one
/// thread at a time, in the order the pipeline called it:
/// - ``write(_:)`` and ``beginDocument(_:)`` are queued;
/// - ``endDocument(_:)``, ``isAlreadyImported(_:)`` and ``finish()`` first wait until the queue is empty, then call the
///   wrapped sink on the caller's thread, so a document's commit and its failure belong to that document;
/// - a failure of a queued write is thrown by the next call that hands over a batch or waits (at the latest by the
///   document's ``endDocument(_:)``); what was queued after it is dropped, and the run stops as for any output
///   failure.
///
/// Only sinks with ``RecordSink/canWriteInBackground`` are wrapped: a sink that has notes about the record just
/// written must stay on the pipeline's thread so they are reported in order.
public final class BackgroundSink: RecordSink {
  /// Whether a second thread can help: more than one core is available.
  public static var isUseful: Bool { ProcessInfo.processInfo.activeProcessorCount > 1 }

  /// Wraps `sink` when it allows it and `enabled` is true; otherwise returns it as it is.
  public static func wrapping(_ sink: any RecordSink, enabled: Bool = isUseful) -> any RecordSink {
    guard enabled, sink.canWriteInBackground, !(sink is BackgroundSink) else { return sink }
    return BackgroundSink(sink)
  }

  private let inner: any RecordSink
  private let channel: Channel
  /// The batch being filled; only the pipeline's thread touches it.
  private var filling: Channel.Batch

  /// - Parameters:
  ///   - batchSize: records handed over at once.
  ///   - maxQueued: batches that may wait for the writing thread before the reader waits.
  public init(_ sink: any RecordSink, batchSize: Int = 512, maxQueued: Int = 4) {
    inner = sink
    let batchSize = max(1, batchSize)
    channel = Channel(sink: UncheckedSink(sink: sink), maxQueued: max(1, maxQueued), batchSize: batchSize)
    filling = Channel.Batch(capacity: batchSize)
  }

  deinit {
    channel.stop(discarding: true)
  }

  /// The wrapped sink.
  public var wrapped: any RecordSink { inner }

  public var wantsDocumentDigests: Bool { inner.wantsDocumentDigests }
  public var replacesByKey: Bool { inner.replacesByKey }
  public var canWriteInBackground: Bool { false }

  public func write(_ record: Record) throws {
    try take(record)
  }

  /// A record the caller no longer needs is moved into the queue, not copied (a copy of a record retains each of
  /// its strings).
  public func take(_ record: consuming Record) throws {
    filling.append(consume record)
    if filling.isFull { try handOff() }
  }

  public func beginDocument(_ document: DocumentReport) throws {
    filling.beginDocument(document)
  }

  public func endDocument(_ document: DocumentReport) throws {
    try drain()
    try inner.endDocument(document)
  }

  public func isAlreadyImported(_ document: DocumentReport) -> Bool {
    // A queued failure is thrown by the next write or end of document.
    guard (try? drain()) != nil else { return false }
    return inner.isAlreadyImported(document)
  }

  public func finish() throws -> [String] {
    try drain()
    channel.stop(discarding: false)
    return try inner.finish()
  }

  public func abort() {
    filling.clear()
    channel.stop(discarding: true)
    inner.abort()
  }

  /// Hands the batch being filled to the writing thread, waiting while the queue is full.
  private func handOff() throws {
    guard !filling.isEmpty else { return }
    do {
      filling = try channel.enqueue(filling)
    } catch {
      filling.clear()
      throw error
    }
  }

  /// Hands over what is left and waits until the writing thread has written everything.
  private func drain() throws {
    try handOff()
    try channel.waitUntilIdle()
  }
}

/// A sink moved to the writing thread. The channel's lock orders every use: it is never used by two threads at once.
private struct UncheckedSink: @unchecked Sendable {
  let sink: any RecordSink
}

/// The queue between the pipeline's thread and the writing thread, and the writing thread itself.
private final class Channel: @unchecked Sendable {
  /// Records, and the documents that begin before the record at their index. The records live in memory of the
  /// batch's own, so the writing thread can move each one out instead of copying it (a record is large).
  final class Batch {
    let capacity: Int
    private let storage: UnsafeMutablePointer<Record>
    private(set) var count = 0
    var documents: [(Int, DocumentReport)] = []

    init(capacity: Int) {
      self.capacity = capacity
      storage = .allocate(capacity: capacity)
    }

    deinit {
      storage.deinitialize(count: count)
      storage.deallocate()
    }

    var isEmpty: Bool { count == 0 && documents.isEmpty }
    var isFull: Bool { count >= capacity }

    func append(_ record: consuming Record) {
      precondition(count < capacity)
      (storage + count).initialize(to: consume record)
      count += 1
    }

    func beginDocument(_ document: DocumentReport) {
      documents.append((count, document))
    }

    /// Calls `body` with each record, moved out, and each document start before its first record; empties the
    /// batch, also when `body` throws.
    func drain(records body: (consuming Record) throws -> Void, documents begin: (DocumentReport) throws -> Void)
      rethrows
    {
      // Locals, so the loop does not go back to the object's properties for every record.
      let total = count
      let documents = self.documents
      let storage = self.storage
      var index = 0
      var nextDocument = 0
      var nextDocumentIndex = documents.first?.0 ?? Int.max
      defer {
        // Whatever was not written (after a failure) is destroyed.
        if index < total { (storage + index).deinitialize(count: total - index) }
        count = 0
        self.documents.removeAll(keepingCapacity: true)
      }
      while index < total {
        while nextDocumentIndex <= index {
          try begin(documents[nextDocument].1)
          nextDocument += 1
          nextDocumentIndex = nextDocument < documents.count ? documents[nextDocument].0 : Int.max
        }
        let record = (storage + index).move()
        index += 1
        try body(record)
      }
      while nextDocument < documents.count {
        try begin(documents[nextDocument].1)
        nextDocument += 1
      }
    }

    /// Drops the contents.
    func clear() {
      storage.deinitialize(count: count)
      count = 0
      documents.removeAll(keepingCapacity: true)
    }
  }

  // Everything below is guarded by `condition`.
  private let condition = NSCondition()
  private var queue: [Batch] = []
  /// Emptied batches, handed back to the pipeline to fill again (their storage is reused).
  private var spare: [Batch] = []
  private let maxQueued: Int
  /// The writing thread is writing a batch it took from the queue.
  private var busy = false
  /// The first failure of the wrapped sink; later work is dropped.
  private var failure: (any Error)?
  private var stopping = false
  private var started = false
  private var exited = false
  private let sink: UncheckedSink

  private let batchSize: Int

  init(sink: UncheckedSink, maxQueued: Int, batchSize: Int) {
    self.sink = sink
    self.maxQueued = maxQueued
    self.batchSize = batchSize
  }

  /// Queues a batch, starting the writing thread on first use; returns an empty batch to fill next. When it throws,
  /// the batch was not queued: the caller keeps it.
  func enqueue(_ batch: Batch) throws -> Batch {
    condition.lock()
    defer { condition.unlock() }
    if !started, !stopping {
      started = true
      let thread = Thread { [self] in self.run() }
      // SQLite and the writers recurse little, but a secondary thread's default stack can be small.
      thread.stackSize = 8 << 20
      thread.name = "wearport-writer"
      thread.start()
    }
    while queue.count >= maxQueued, failure == nil, !exited { condition.wait() }
    if let failure { throw failure }
    if exited {
      throw Diagnostic.error(.outputUnwritable, "cannot write the output", cause: "the writing thread has stopped")
    }
    queue.append(batch)
    condition.broadcast()
    return spare.popLast() ?? Batch(capacity: batchSize)
  }

  /// Waits until every queued batch is written; throws the first failure.
  func waitUntilIdle() throws {
    condition.lock()
    defer { condition.unlock() }
    while !queue.isEmpty || busy, failure == nil, started, !exited { condition.wait() }
    if let failure { throw failure }
  }

  /// Ends the writing thread after the queue is written (or dropped) and waits for it.
  func stop(discarding: Bool) {
    condition.lock()
    defer { condition.unlock() }
    stopping = true
    if discarding {
      for batch in queue { batch.clear() }
      queue.removeAll()
    }
    condition.broadcast()
    while started, !exited { condition.wait() }
  }

  private func run() {
    condition.lock()
    while true {
      while queue.isEmpty, !stopping { condition.wait() }
      if queue.isEmpty { break }
      let batch = queue.removeFirst()
      busy = true
      let skip = failure != nil
      condition.broadcast()
      condition.unlock()
      var error: (any Error)?
      if !skip {
        let sink = self.sink.sink
        do {
          try batch.drain(records: { try sink.take($0) }, documents: { try sink.beginDocument($0) })
        } catch let thrown {
          error = thrown
        }
      } else {
        batch.clear()
      }
      condition.lock()
      if let error, failure == nil { failure = error }
      if spare.count <= maxQueued { spare.append(batch) }
      busy = false
      condition.broadcast()
    }
    exited = true
    condition.broadcast()
    condition.unlock()
  }
}
