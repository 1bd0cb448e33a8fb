#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes the JSON parser reads: a whole document borrowed from memory, or a bounded window sliding over a
/// ``ByteStream``.
///
/// Offsets are absolute (from the document's first byte). A streaming window keeps the bytes from the parser's
/// `keepFrom` mark on (the token or streamed element being read) and drops the rest when it reads the next chunk,
/// counting the lines it drops so that positions stay exact.
final class JSONByteWindow {
  /// The first byte held; `storage[0]` is the byte at ``base``.
  private(set) var storage: UnsafePointer<UInt8>
  private var owned: UnsafeMutablePointer<UInt8>?
  private var capacity: Int
  /// Absolute offset of the first byte held.
  private(set) var base = 0
  /// Number of bytes held.
  private(set) var count: Int
  private let stream: (any ByteStream)?
  private let chunkSize: Int
  private var isComplete: Bool

  /// Line and line start (absolute) at ``base``.
  private var baseLine = 1
  private var baseLineStart = 0
  /// The last position computed, to continue from.
  private var cachedOffset = 0
  private var cachedLine = 1
  private var cachedLineStart = 0

  /// A window over a whole document already in memory; valid while `buffer` is.
  init(borrowing buffer: UnsafeBufferPointer<UInt8>) {
    storage = UnsafePointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
    count = buffer.count
    capacity = buffer.count
    stream = nil
    chunkSize = 0
    isComplete = true
  }

  /// A window that reads `stream` in chunks of `chunkSize` bytes.
  init(stream: any ByteStream, chunkSize: Int) {
    let size = max(1, chunkSize)
    capacity = max(size * 2, 16)
    let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    owned = memory
    storage = UnsafePointer(memory)
    count = 0
    self.stream = stream
    self.chunkSize = size
    isComplete = false
  }

  deinit { owned?.deallocate() }

  /// Absolute offset just past the last byte held.
  var end: Int { base + count }

  /// Reads the next chunk, dropping the bytes before `keepFrom` first.
  ///
  /// - Returns: false at the end of the document.
  func fill(keepFrom: Int) throws -> Bool {
    guard !isComplete, let stream, let memory = owned else { return false }
    let chunk = try stream.read(maxCount: chunkSize)
    if chunk.isEmpty {
      isComplete = true
      return false
    }
    let drop = min(max(0, keepFrom - base), count)
    if drop > 0 {
      let position = lineAndStart(of: base + drop)
      baseLine = position.line
      baseLineStart = position.lineStart
      memory.update(from: memory + drop, count: count - drop)
      base += drop
      count -= drop
    }
    if count + chunk.count > capacity {
      let grown = max(capacity * 2, count + chunk.count)
      let memory2 = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
      memory2.initialize(from: memory, count: count)
      memory.deallocate()
      owned = memory2
      storage = UnsafePointer(memory2)
      capacity = grown
    }
    chunk.withUnsafeBufferPointer { source in
      (owned! + count).initialize(from: source.baseAddress!, count: source.count)
    }
    count += chunk.count
    return true
  }

  /// The held bytes from `start` to `end` (absolute offsets inside the window).
  func bytes(from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage + (start - base), count: end - start)
  }

  /// 1-based line and column (in bytes) of an absolute offset held in the window (or at its end).
  func position(of offset: Int) -> (line: Int, column: Int) {
    let found = lineAndStart(of: offset)
    return (found.line, found.offset - found.lineStart + 1)
  }

  private func lineAndStart(of offset: Int) -> (line: Int, lineStart: Int, offset: Int) {
    let target = min(max(offset, base), end)
    var line: Int
    var lineStart: Int
    var index: Int
    if cachedOffset >= base, cachedOffset <= target {
      (line, lineStart, index) = (cachedLine, cachedLineStart, cachedOffset)
    } else {
      (line, lineStart, index) = (baseLine, baseLineStart, base)
    }
    // memchr from one line end to the next: documents have a line per element, or one line in all.
    while index < target {
      let start = storage + (index - base)
      guard let found = memchr(start, 0x0A, target - index) else { break }
      let newline = index + (UnsafeRawPointer(found) - UnsafeRawPointer(start))
      line += 1
      lineStart = newline + 1
      index = newline + 1
    }
    (cachedOffset, cachedLine, cachedLineStart) = (target, line, lineStart)
    return (line, lineStart, target)
  }
}
