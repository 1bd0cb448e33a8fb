import WearportCore

/// A stream whose first bytes can be looked at before it is read; also trims chunks larger than asked for.
final class PeekableStream: ByteStream {
  private let upstream: any ByteStream
  private var head: [UInt8] = []
  private var headOffset = 0
  private var upstreamEnded = false

  init(_ upstream: any ByteStream) { self.upstream = upstream }

  /// Up to `count` first unread bytes, without consuming them.
  func peek(_ count: Int) throws -> [UInt8] {
    while head.count - headOffset < count && !upstreamEnded {
      let chunk = try upstream.read(maxCount: count - (head.count - headOffset))
      if chunk.isEmpty { upstreamEnded = true } else { head += chunk }
    }
    return Array(head[headOffset..<min(head.count, headOffset + max(0, count))])
  }

  func read(maxCount: Int) throws -> [UInt8] {
    guard maxCount > 0 else { return [] }
    if headOffset < head.count {
      let end = headOffset + min(maxCount, head.count - headOffset)
      let bytes = Array(head[headOffset..<end])
      headOffset = end
      if headOffset == head.count {
        head = []
        headOffset = 0
      }
      return bytes
    }
    if upstreamEnded { return [] }
    let chunk = try upstream.read(maxCount: maxCount)
    if chunk.isEmpty {
      upstreamEnded = true
      return []
    }
    if chunk.count <= maxCount { return chunk }
    head = Array(chunk[maxCount...])
    headOffset = 0
    return Array(chunk[..<maxCount])
  }
}

/// Charges every byte that passes through to an archive's decompression budget.
final class MeteredStream: ByteStream {
  private let upstream: any ByteStream
  private let budget: DecompressionBudget

  init(_ upstream: any ByteStream, budget: DecompressionBudget) {
    self.upstream = upstream
    self.budget = budget
  }

  func read(maxCount: Int) throws -> [UInt8] {
    let chunk = try upstream.read(maxCount: maxCount)
    try budget.charge(chunk.count)
    return chunk
  }
}

/// Fails with `input.too-large` as soon as more than `limit` bytes have passed through.
final class LimitedStream: ByteStream {
  private let upstream: any ByteStream
  private let limit: Int64
  private let failure: Diagnostic
  private var total: Int64 = 0

  init(_ upstream: any ByteStream, limit: Int64, failure: Diagnostic) {
    self.upstream = upstream
    self.limit = limit
    self.failure = failure
  }

  func read(maxCount: Int) throws -> [UInt8] {
    let chunk = try upstream.read(maxCount: maxCount)
    total += Int64(chunk.count)
    if total > limit { throw failure }
    return chunk
  }
}

extension ByteStream {
  /// Everything left in the stream; throws `tooLarge` as soon as it passes `limit` bytes.
  func readRemaining(limit: Int64, tooLarge: @autoclosure () -> Diagnostic) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while true {
      let chunk = try read(maxCount: 1 << 18)
      if chunk.isEmpty { return bytes }
      if Int64(bytes.count) + Int64(chunk.count) > limit { throw tooLarge() }
      bytes += chunk
    }
  }

  /// The first `count` bytes (fewer when the stream is shorter).
  func readPrefix(_ count: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < count {
      let chunk = try read(maxCount: count - bytes.count)
      if chunk.isEmpty { break }
      bytes += chunk.prefix(count - bytes.count)
    }
    return bytes
  }
}
