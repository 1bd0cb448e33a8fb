import CWearportZlib
import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streaming zlib `inflate` over another byte stream: gzip files (concatenated members included) or the raw
/// deflate data of a zip member.
///
/// Never reads more than it needs from upstream, never allocates by a declared size, and fails with
/// `archive.corrupt` on damaged or truncated data instead of waiting for bytes that will not come.
final class InflateStream: ByteStream {
  enum Format {
    /// gzip (RFC 1952), members may follow one another; trailing bytes that are not a member are ignored.
    case gzip
    /// Raw deflate (RFC 1951), as stored in a zip member; bytes after the end of the stream are ignored.
    case rawDeflate
  }

  private static let inputCapacity = 1 << 16
  private static let outputCapacity = 1 << 18

  private let upstream: any ByteStream
  private let format: Format
  private let location: SourceLocation
  private let zstream: UnsafeMutablePointer<z_stream>
  private let input: UnsafeMutablePointer<UInt8>
  private var carry: [UInt8] = []
  private var zlibReady = false
  private var inputEnded = false
  private var memberEnded = false
  private var finished = false
  private var failure: Diagnostic?

  init(_ format: Format, upstream: any ByteStream, location: SourceLocation) throws {
    self.upstream = upstream
    self.format = format
    self.location = location
    zstream = .allocate(capacity: 1)
    zstream.initialize(to: z_stream())
    input = .allocate(capacity: Self.inputCapacity)
    let result = wearport_inflateInit2(zstream, format == .gzip ? 15 + 32 : -15)
    guard result == Z_OK else {
      throw Diagnostic.error(.inputUnreadable, "cannot start the decompressor (zlib error \(result))", at: location)
    }
    zlibReady = true
  }

  deinit {
    if zlibReady { inflateEnd(zstream) }
    zstream.deinitialize(count: 1)
    zstream.deallocate()
    input.deallocate()
  }

  func read(maxCount: Int) throws -> [UInt8] {
    if let failure { throw failure }
    guard maxCount > 0, !finished else { return [] }
    let capacity = min(maxCount, Self.outputCapacity)
    do {
      return try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        count = try inflate(into: base, capacity: capacity)
      }
    } catch let diagnostic as Diagnostic {
      failure = diagnostic
      throw diagnostic
    }
  }

  /// Inflates until at least one byte is produced or the data ends.
  private func inflate(into output: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
    var written = 0
    while written == 0 && !finished {
      if memberEnded {
        guard try startNextMember() else {
          finished = true
          break
        }
      }
      if zstream.pointee.avail_in == 0 && hasMoreInput { try refill(minimum: 1) }
      zstream.pointee.next_out = output
      zstream.pointee.avail_out = UInt32(capacity)
      let result = CWearportZlib.inflate(zstream, Z_NO_FLUSH)
      written = capacity - Int(zstream.pointee.avail_out)
      switch result {
      case Z_OK:
        continue
      case Z_STREAM_END:
        if format == .gzip { memberEnded = true } else { finished = true }
      case Z_BUF_ERROR:
        // No progress was possible: with room for output that means it needs input.
        if zstream.pointee.avail_in == 0 && !hasMoreInput { throw truncated() }
      case Z_NEED_DICT:
        throw corrupt("the compressed data needs a preset dictionary, which is not supported")
      case Z_MEM_ERROR:
        throw Diagnostic.error(.inputUnreadable, "out of memory while decompressing", at: location)
      default:
        throw corrupt(zlibMessage() ?? "zlib error \(result)")
      }
    }
    return written
  }

  /// After a gzip member: starts the next one when the following bytes are a gzip header.
  private func startNextMember() throws -> Bool {
    if zstream.pointee.avail_in < 2 && hasMoreInput { try refill(minimum: 2) }
    guard zstream.pointee.avail_in >= 2, let next = zstream.pointee.next_in, next[0] == 0x1f, next[1] == 0x8b
    else { return false }
    guard inflateReset(zstream) == Z_OK else { throw corrupt("cannot restart the decompressor") }
    memberEnded = false
    return true
  }

  /// Moves unread input to the front of the buffer and reads upstream until `minimum` bytes are there.
  private func refill(minimum: Int) throws {
    var filled = Int(zstream.pointee.avail_in)
    if filled > 0, let next = zstream.pointee.next_in, next != input {
      memmove(input, next, filled)
    }
    zstream.pointee.next_in = input
    while filled < minimum {
      let space = Self.inputCapacity - filled
      if space == 0 { break }
      let chunk: [UInt8]
      if !carry.isEmpty {
        chunk = carry
        carry = []
      } else if inputEnded {
        break
      } else {
        chunk = try upstream.read(maxCount: space)
        if chunk.isEmpty {
          inputEnded = true
          break
        }
      }
      let used = min(space, chunk.count)
      chunk.withUnsafeBufferPointer { bytes in
        if let base = bytes.baseAddress { (input + filled).update(from: base, count: used) }
      }
      if used < chunk.count { carry = Array(chunk[used...]) }
      filled += used
    }
    zstream.pointee.avail_in = UInt32(filled)
  }

  private var hasMoreInput: Bool { !carry.isEmpty || !inputEnded }

  private func zlibMessage() -> String? {
    guard let message = zstream.pointee.msg else { return nil }
    return String(cString: message)
  }

  private func corrupt(_ detail: String) -> Diagnostic {
    let what = format == .gzip ? "the gzip data is damaged" : "the compressed data of this member is damaged"
    return .error(.archiveCorrupt, "\(what): \(detail)", at: location)
  }

  private func truncated() -> Diagnostic {
    let what = format == .gzip ? "the gzip data" : "the compressed data of this member"
    return .error(.archiveCorrupt, "\(what) ends early (truncated file?)", at: location)
  }
}
