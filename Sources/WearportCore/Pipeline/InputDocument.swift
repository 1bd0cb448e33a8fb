/// A source of bytes read front to back, in chunks.
public protocol ByteStream: AnyObject {
  /// Up to `maxCount` next bytes; an empty array at the end.
  ///
  /// - Throws: a ``Diagnostic`` (`input.unreadable`, `archive.corrupt`, `input.too-large`) when the bytes cannot be read.
  func read(maxCount: Int) throws -> [UInt8]
}

/// A byte stream over bytes already in memory.
public final class MemoryByteStream: ByteStream {
  private let bytes: [UInt8]
  private var offset = 0
  public init(_ bytes: [UInt8]) { self.bytes = bytes }
  public func read(maxCount: Int) throws -> [UInt8] {
    let end = offset + min(max(0, maxCount), bytes.count - offset)
    defer { offset = end }
    return Array(bytes[offset..<end])
  }
}

/// One input document handed to the readers: a file, an archive member, or one line of a JSON Lines file.
///
/// A document is only valid inside the call that handed it over (a container may reuse or release its bytes
/// afterwards), and is used from one thread at a time: its caches are not locked. Its bytes are read on demand: ``prefix(_:)`` for sniffing, ``open()`` to stream, ``readAll(limit:)``
/// to load it whole.
public final class InputDocument: @unchecked Sendable {
  /// The file, archive member and (for JSON Lines) line of this document.
  public let location: SourceLocation
  /// The base file name used for sniffing: `training-session-1.json`, `heart_rate-2017-06-05.json`.
  public let name: String
  /// The full member path inside its container (or the file path), used by readers that look at folders
  /// (`…/samples/3`, `year=2026/month=02/…`).
  public let logicalPath: String
  /// The size when the container knows it.
  public let declaredSize: Int64?
  private let opener: () throws -> any ByteStream
  private var cachedPrefix: [UInt8]?
  private var cachedAll: [UInt8]?

  public init(
    location: SourceLocation, name: String, logicalPath: String? = nil, declaredSize: Int64?,
    open: @escaping () throws -> any ByteStream
  ) {
    self.location = location
    self.name = name
    self.logicalPath = logicalPath ?? location.member ?? location.path
    self.declaredSize = declaredSize
    self.opener = open
  }

  /// A document over bytes already in memory.
  public convenience init(location: SourceLocation, name: String, logicalPath: String? = nil, bytes: [UInt8]) {
    self.init(
      location: location, name: name, logicalPath: logicalPath, declaredSize: Int64(bytes.count),
      open: { MemoryByteStream(bytes) })
    cachedAll = bytes
  }

  /// A new stream from the first byte.
  public func open() throws -> any ByteStream {
    if let cachedAll { return MemoryByteStream(cachedAll) }
    return try opener()
  }

  /// The first `count` bytes (fewer for a short document), read once and cached.
  public func prefix(_ count: Int) throws -> [UInt8] {
    if let cachedAll { return Array(cachedAll.prefix(count)) }
    if let cachedPrefix, cachedPrefix.count >= count || isShortPrefix {
      return Array(cachedPrefix.prefix(count))
    }
    let stream = try open()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count {
      let chunk = try stream.read(maxCount: count - bytes.count)
      if chunk.isEmpty { break }
      bytes += chunk
    }
    isShortPrefix = bytes.count < count
    cachedPrefix = bytes
    return bytes
  }
  private var isShortPrefix = false

  /// The whole document.
  ///
  /// - Throws: `input.too-large` when it is longer than `limit` bytes; the stream's own errors.
  public func readAll(limit: Int64 = InputDocument.defaultLimit) throws -> [UInt8] {
    if let cachedAll { return cachedAll }
    if let declaredSize, declaredSize > limit { throw tooLarge(limit) }
    let stream = try open()
    var bytes: [UInt8] = []
    if let declaredSize { bytes.reserveCapacity(Int(min(declaredSize, limit, 64 << 20))) }
    while true {
      let chunk = try stream.read(maxCount: 1 << 20)
      if chunk.isEmpty { break }
      bytes += chunk
      if Int64(bytes.count) > limit { throw tooLarge(limit) }
    }
    return bytes
  }

  private func tooLarge(_ limit: Int64) -> Diagnostic {
    .error(.inputTooLarge, "document is larger than the limit of \(limit) bytes", at: location)
  }

  /// The default limit for a document loaded whole: 1 GiB.
  public static let defaultLimit: Int64 = 1 << 30
}
