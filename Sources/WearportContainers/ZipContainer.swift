import CWearportZlib
import WearportCore

/// One member listed in a zip archive's central directory.
struct ZipEntry {
  enum Kind {
    case file, directory, symbolicLink, special
  }

  var name: String
  var kind: Kind
  var flags: UInt16
  var method: UInt16
  var crc: UInt32
  var compressedSize: UInt64
  var uncompressedSize: UInt64
  var localHeaderOffset: UInt64

  var isEncrypted: Bool { flags & 1 != 0 }
}

/// A zip archive read through its central directory: member names, kinds and sizes, then each member's data on
/// demand through a bounds-checked range of the source, inflated with zlib and checked against its CRC-32.
///
/// ZIPFoundation's own extraction is not used for untrusted input: on Linux it keeps reading empty chunks forever
/// when a member's deflate data does not end before the end of the file.
final class ZipArchive {
  /// Largest central directory accepted (about three million members).
  private static let maxCentralDirectorySize: Int64 = 256 << 20

  let entries: [ZipEntry]
  /// Set when the central directory is damaged part-way; ``entries`` holds the members listed before the damage.
  let damage: Diagnostic?
  private let source: any RandomAccessSource
  /// Bytes in front of the archive (a self-extracting stub); every stored offset is shifted by it.
  private let base: Int64

  /// Reads the central directory. `location` names the archive.
  ///
  /// - Throws: `archive.corrupt` when no usable central directory is found.
  init(source: any RandomAccessSource, location: SourceLocation) throws {
    self.source = source
    func corrupt(_ message: String) -> Diagnostic { .error(.archiveCorrupt, message, at: location) }

    let size = source.size
    guard size >= 22 else { throw corrupt("the file is too short to be a zip archive") }
    let tailLength = Int(min(size, 22 + 0xffff))
    let tailStart = size - Int64(tailLength)
    let tail = try source.read(at: tailStart, count: tailLength)
    guard tail.count == tailLength, let eocdIndex = Self.findEndRecord(tail) else {
      throw corrupt("the end of the zip's central directory is missing (truncated or not a zip archive)")
    }
    let eocdOffset = tailStart + Int64(eocdIndex)
    var directorySize = UInt64(tail.le32(eocdIndex + 12) ?? 0)
    var directoryOffset = UInt64(tail.le32(eocdIndex + 16) ?? 0)
    var directoryEnd = eocdOffset

    // ZIP64: a locator right before the end record points at the ZIP64 end record.
    if eocdOffset >= 20 {
      let locator = try source.read(at: eocdOffset - 20, count: 20)
      if locator.le32(0) == 0x0706_4b50, let recordOffset = locator.le64(8), recordOffset < UInt64(eocdOffset) {
        let record = try source.read(at: Int64(recordOffset), count: 56)
        if record.le32(0) == 0x0606_4b50, let dirSize = record.le64(40),
          let dirOffset = record.le64(48)
        {
          directorySize = dirSize
          directoryOffset = dirOffset
          directoryEnd = Int64(recordOffset)
        }
      }
    }
    // The directory is parsed to its end rather than trusting the member count, which some writers wrap.

    guard directorySize <= UInt64(directoryEnd), directoryOffset <= UInt64(directoryEnd) - directorySize else {
      throw corrupt("the zip's central directory points outside the file")
    }
    guard Int64(directorySize) <= Self.maxCentralDirectorySize else {
      throw corrupt("the zip's central directory is implausibly large (\(directorySize) bytes)")
    }
    base = directoryEnd - Int64(directorySize) - Int64(directoryOffset)
    let directory = try source.read(at: directoryEnd - Int64(directorySize), count: Int(directorySize))
    guard directory.count == Int(directorySize) else { throw corrupt("the zip's central directory is truncated") }
    let parsed = Self.parseCentralDirectory(directory)
    entries = parsed.entries
    damage =
      parsed.damaged ? corrupt("the zip's central directory is damaged after \(parsed.entries.count) members") : nil
  }

  /// The offset of the end-of-central-directory record in `tail`: the last one whose comment reaches exactly to
  /// the end of the file, else the last signature found.
  private static func findEndRecord(_ tail: [UInt8]) -> Int? {
    var fallback: Int?
    var index = tail.count - 22
    while index >= 0 {
      if tail.le32(index) == 0x0605_4b50 {
        if let comment = tail.le16(index + 20), index + 22 + Int(comment) == tail.count { return index }
        if fallback == nil { fallback = index }
      }
      index -= 1
    }
    return fallback
  }

  private static func parseCentralDirectory(_ bytes: [UInt8]) -> (entries: [ZipEntry], damaged: Bool) {
    var entries: [ZipEntry] = []
    var offset = 0
    while offset < bytes.count {
      guard bytes.le32(offset) == 0x0201_4b50, let madeBy = bytes.le16(offset + 4),
        let flags = bytes.le16(offset + 8), let method = bytes.le16(offset + 10), let crc = bytes.le32(offset + 16),
        let compressed = bytes.le32(offset + 20), let uncompressed = bytes.le32(offset + 24),
        let nameLength = bytes.le16(offset + 28), let extraLength = bytes.le16(offset + 30),
        let commentLength = bytes.le16(offset + 32), let attributes = bytes.le32(offset + 38),
        let headerOffset = bytes.le32(offset + 42)
      else { return (entries, true) }
      let nameStart = offset + 46
      let extraStart = nameStart + Int(nameLength)
      let end = extraStart + Int(extraLength) + Int(commentLength)
      guard end <= bytes.count else { return (entries, true) }
      let nameBytes = bytes[nameStart..<extraStart]
      var entry = ZipEntry(
        name: ZipNames.decode(nameBytes, isUTF8: flags & (1 << 11) != 0), kind: .file, flags: flags, method: method,
        crc: crc, compressedSize: UInt64(compressed), uncompressedSize: UInt64(uncompressed),
        localHeaderOffset: UInt64(headerOffset))
      readZip64(bytes[extraStart..<(extraStart + Int(extraLength))], into: &entry)
      entry.kind = kind(name: entry.name, madeBy: madeBy, attributes: attributes)
      entries.append(entry)
      offset = end
    }
    return (entries, false)
  }

  /// Replaces the 0xFFFFFFFF placeholders with the values of the ZIP64 extra field (id 1), in their fixed order.
  private static func readZip64(_ extra: ArraySlice<UInt8>, into entry: inout ZipEntry) {
    let field = Array(extra)
    var offset = 0
    while offset + 4 <= field.count {
      guard let id = field.le16(offset), let length = field.le16(offset + 2) else { return }
      let dataStart = offset + 4
      let dataEnd = dataStart + Int(length)
      guard dataEnd <= field.count else { return }
      if id == 1 {
        var cursor = dataStart
        func next() -> UInt64? {
          guard cursor + 8 <= dataEnd, let value = field.le64(cursor) else { return nil }
          cursor += 8
          return value
        }
        if entry.uncompressedSize == 0xffff_ffff, let value = next() { entry.uncompressedSize = value }
        if entry.compressedSize == 0xffff_ffff, let value = next() { entry.compressedSize = value }
        if entry.localHeaderOffset == 0xffff_ffff, let value = next() { entry.localHeaderOffset = value }
        return
      }
      offset = dataEnd
    }
  }

  private static func kind(name: String, madeBy: UInt16, attributes: UInt32) -> ZipEntry.Kind {
    if name.hasSuffix("/") || name.hasSuffix("\\") { return .directory }
    let host = madeBy >> 8
    if host == 3 || host == 19 {  // Unix, macOS: st_mode in the upper half of the external attributes
      switch (attributes >> 16) & 0o170000 {
      case 0o040000: return .directory
      case 0o120000: return .symbolicLink
      case 0, 0o100000: return .file
      default: return .special
      }
    }
    if host == 0 && attributes & 0x10 != 0 { return .directory }  // MS-DOS directory attribute
    return .file
  }

  /// A fresh stream over the member's uncompressed bytes, checked against its size and CRC-32 at the end.
  ///
  /// - Throws: `archive.corrupt` for a missing local header, data running past the end of the archive,
  ///   damaged or truncated compressed data, a size or checksum mismatch.
  func open(_ entry: ZipEntry, location: SourceLocation) throws -> any ByteStream {
    func corrupt(_ message: String) -> Diagnostic { .error(.archiveCorrupt, message, at: location) }
    let name = ContainerMessage.quoted(entry.name)
    guard entry.localHeaderOffset < UInt64(source.size) else {
      throw corrupt("member \(name) starts past the end of the archive")
    }
    let headerOffset = base + Int64(entry.localHeaderOffset)
    let header = try source.read(at: headerOffset, count: 30)
    guard header.count == 30, header.le32(0) == 0x0403_4b50, let nameLength = header.le16(26),
      let extraLength = header.le16(28)
    else { throw corrupt("the local header of member \(name) is missing or damaged") }
    let dataStart = headerOffset + 30 + Int64(nameLength) + Int64(extraLength)
    guard dataStart <= source.size, entry.compressedSize <= UInt64(source.size - dataStart) else {
      throw corrupt("the data of member \(name) runs past the end of the archive (truncated file?)")
    }
    let raw = RangeStream(source, start: dataStart, length: Int64(entry.compressedSize), location: location)
    let data: any ByteStream
    switch entry.method {
    case 0: data = raw
    case 8: data = try InflateStream(.rawDeflate, upstream: raw, location: location)
    default: throw corrupt("member \(name) uses compression method \(entry.method), which is not supported")
    }
    return ZipCheckStream(data, entry: entry, location: location)
  }
}

/// Verifies a member's length and CRC-32 as its bytes go by; fails as soon as it is longer than declared.
private final class ZipCheckStream: ByteStream {
  private let upstream: any ByteStream
  private let entry: ZipEntry
  private let location: SourceLocation
  private var crc: UInt = 0
  private var count: UInt64 = 0
  private var finished = false
  private var failure: Diagnostic?

  init(_ upstream: any ByteStream, entry: ZipEntry, location: SourceLocation) {
    self.upstream = upstream
    self.entry = entry
    self.location = location
  }

  func read(maxCount: Int) throws -> [UInt8] {
    if let failure { throw failure }
    guard !finished, maxCount > 0 else { return [] }
    let chunk = try upstream.read(maxCount: maxCount)
    let name = ContainerMessage.quoted(entry.name)
    if chunk.isEmpty {
      finished = true
      if count != entry.uncompressedSize {
        throw fail("member \(name) is damaged: it holds \(count) bytes, not the \(entry.uncompressedSize) declared")
      }
      if UInt32(truncatingIfNeeded: crc) != entry.crc {
        throw fail(
          "member \(name) is damaged: its CRC-32 is \(hex(UInt32(truncatingIfNeeded: crc))), "
            + "not the \(hex(entry.crc)) stored")
      }
      return []
    }
    count += UInt64(chunk.count)
    if count > entry.uncompressedSize {
      throw fail("member \(name) is damaged: it is longer than its declared \(entry.uncompressedSize) bytes")
    }
    crc = chunk.withUnsafeBufferPointer { bytes in
      CWearportZlib.crc32(crc, bytes.baseAddress, UInt32(bytes.count))
    }
    return chunk
  }

  private func fail(_ message: String) -> Diagnostic {
    let diagnostic = Diagnostic.error(.archiveCorrupt, message, at: location)
    failure = diagnostic
    return diagnostic
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }
}

/// Decoding of zip member names: UTF-8 when flagged or valid, else IBM code page 437 (the zip default).
enum ZipNames {
  static func decode(_ bytes: ArraySlice<UInt8>, isUTF8: Bool) -> String {
    if isUTF8 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var text = ""
    text.unicodeScalars.reserveCapacity(bytes.count)
    for byte in bytes {
      if byte < 0x80 {
        text.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        text.unicodeScalars.append(cp437High[Int(byte - 0x80)])
      }
    }
    return text
  }

  /// Code page 437, bytes 0x80 to 0xFF.
  private static let cp437High: [Unicode.Scalar] = Array(
    ("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"
      + "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}").unicodeScalars)
}

extension Array where Element == UInt8 {
  /// Little-endian integers at `offset`, or `nil` when they do not fit in the array.
  func le16(_ offset: Int) -> UInt16? {
    guard offset >= 0, offset + 2 <= count else { return nil }
    return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
  }

  func le32(_ offset: Int) -> UInt32? {
    guard offset >= 0, offset + 4 <= count else { return nil }
    var value: UInt32 = 0
    for index in (0..<4).reversed() { value = value << 8 | UInt32(self[offset + index]) }
    return value
  }

  func le64(_ offset: Int) -> UInt64? {
    guard offset >= 0, offset + 8 <= count else { return nil }
    var value: UInt64 = 0
    for index in (0..<8).reversed() { value = value << 8 | UInt64(self[offset + index]) }
    return value
  }
}
