import WearportCore

/// One entry of a tar archive, as its headers describe it.
struct TarEntry {
  enum Kind: Equatable {
    case regular, directory, symbolicLink, hardLink, characterDevice, blockDevice, fifo
    case other(UInt8)
  }

  var name: String
  var kind: Kind
  /// Bytes of data that follow the header.
  var size: Int64
  var linkName: String
}

/// A streaming tar reader: ustar and POSIX headers, GNU `L` long names, pax `x` records (`path`, `size`).
///
/// Reads front to back from any ``ByteStream`` (a file, a gzip stream, an archive member), so a `.tar.gz` is
/// never held in memory. Every header checksum is verified; a truncated archive fails with `archive.corrupt`.
final class TarReader {
  private static let blockSize = 512
  /// Longest GNU long name or pax header accepted.
  private static let maxMetadataSize: Int64 = 1 << 20

  private let upstream: any ByteStream
  private let location: SourceLocation
  private var buffer: [UInt8] = []
  private var bufferOffset = 0
  private var remaining: Int64 = 0
  private var padding: Int64 = 0
  private var current: TarEntry?
  private var generation = 0
  private var failure: Diagnostic?
  private var ended = false
  private var lastName: String?

  /// `location` names the archive itself (path and member, if it is nested); used for errors.
  init(_ upstream: any ByteStream, location: SourceLocation) {
    self.upstream = upstream
    self.location = location
  }

  /// The next entry, after skipping whatever is left of the current one; `nil` at the end of the archive.
  func next() throws -> TarEntry? {
    if let failure { throw failure }
    guard !ended else { return nil }
    do {
      if let current, remaining + padding > 0 {
        try discard(remaining + padding, inside: current.name)
      }
      remaining = 0
      padding = 0
      current = nil
      generation += 1
      let entry = try readEntry()
      current = entry
      if let entry { lastName = entry.name }
      return entry
    } catch let diagnostic as Diagnostic {
      failure = diagnostic
      throw diagnostic
    }
  }

  /// A stream over the data of the entry last returned by ``next()``; it ends when ``next()`` is called again.
  func entryStream() -> any ByteStream {
    TarEntryStream(reader: self, generation: generation)
  }

  fileprivate func readData(maxCount: Int, generation: Int) throws -> [UInt8] {
    if let failure { throw failure }
    guard generation == self.generation, maxCount > 0, remaining > 0 else { return [] }
    do {
      let chunk = try readRaw(Int(min(Int64(min(maxCount, 1 << 18)), remaining)))
      guard !chunk.isEmpty else { throw truncatedMember(current?.name ?? "") }
      remaining -= Int64(chunk.count)
      return chunk
    } catch let diagnostic as Diagnostic {
      failure = diagnostic
      throw diagnostic
    }
  }

  // MARK: - Headers

  private func readEntry() throws -> TarEntry? {
    var longName: String?
    var paxPath: String?
    var paxSize: Int64?
    while true {
      let header = try readExactly(Self.blockSize)
      if header.isEmpty && longName == nil && paxPath == nil {
        ended = true
        return nil
      }
      guard header.count == Self.blockSize else {
        throw Diagnostic.error(.archiveCorrupt, "the archive ends in the middle of a header\(afterLast)", at: location)
      }
      if header.allSatisfy({ $0 == 0 }) {
        ended = true
        return nil
      }
      guard Self.checksumMatches(header) else {
        throw Diagnostic.error(
          .archiveCorrupt, "a header has a wrong checksum\(afterLast); the rest of the archive cannot be read",
          at: location)
      }
      guard let size = Self.parseSize(header[124..<136]) else {
        throw Diagnostic.error(.archiveCorrupt, "a header has an unreadable size field\(afterLast)", at: location)
      }
      let type = header[156]
      switch type {
      case UInt8(ascii: "L"):
        longName = Self.cString(try readMetadata(size))
      case UInt8(ascii: "x"):
        let records = Self.paxRecords(try readMetadata(size))
        if let path = records["path"] { paxPath = String(decoding: path, as: UTF8.self) }
        if let text = records["size"], let value = Self.parseDecimal(text) { paxSize = value }
      case UInt8(ascii: "K"), UInt8(ascii: "g"):
        _ = try readMetadata(size)
      default:
        let name = paxPath ?? longName ?? Self.headerName(header)
        let linkName = String(decoding: Self.cStringBytes(header[157..<257]), as: UTF8.self)
        var kind = Self.kind(type)
        if kind == .regular && name.hasSuffix("/") { kind = .directory }
        let dataSize: Int64
        switch kind {
        case .hardLink, .symbolicLink, .characterDevice, .blockDevice, .fifo: dataSize = 0
        default: dataSize = paxSize ?? size
        }
        remaining = dataSize
        padding = (Int64(Self.blockSize) - dataSize % Int64(Self.blockSize)) % Int64(Self.blockSize)
        return TarEntry(name: name, kind: kind, size: dataSize, linkName: linkName)
      }
    }
  }

  private var afterLast: String {
    lastName.map { " (after member \(ContainerMessage.quoted($0)))" } ?? ""
  }

  private func readMetadata(_ size: Int64) throws -> [UInt8] {
    guard size <= Self.maxMetadataSize else {
      throw Diagnostic.error(
        .archiveCorrupt, "an extended header is implausibly large (\(size) bytes)\(afterLast)", at: location)
    }
    let padded = Int((size + 511) / 512 * 512)
    let block = try readExactly(padded)
    guard block.count == padded else {
      throw Diagnostic.error(.archiveCorrupt, "the archive ends inside an extended header\(afterLast)", at: location)
    }
    return Array(block[..<Int(size)])
  }

  static func kind(_ type: UInt8) -> TarEntry.Kind {
    switch type {
    case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): .regular
    case UInt8(ascii: "1"): .hardLink
    case UInt8(ascii: "2"): .symbolicLink
    case UInt8(ascii: "3"): .characterDevice
    case UInt8(ascii: "4"): .blockDevice
    case UInt8(ascii: "5"): .directory
    case UInt8(ascii: "6"): .fifo
    default: .other(type)
    }
  }

  /// The name field, joined to the ustar prefix field for POSIX ustar headers (GNU headers use that room for
  /// other things).
  static func headerName(_ header: [UInt8]) -> String {
    let name = cStringBytes(header[0..<100])
    let isPOSIX = header[257..<263].elementsEqual([0x75, 0x73, 0x74, 0x61, 0x72, 0x00])
    let prefix = isPOSIX ? cStringBytes(header[345..<500]) : []
    let full = prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
    return String(decoding: full, as: UTF8.self)
  }

  /// True when the stored checksum matches the header (unsigned sum, or the signed sum some old tars wrote).
  static func checksumMatches(_ header: [UInt8]) -> Bool {
    guard header.count == blockSize, let stored = parseOctal(header[148..<156]) else { return false }
    var unsigned: Int64 = 0
    var signed: Int64 = 0
    for (index, byte) in header.enumerated() {
      let value = (148..<156).contains(index) ? UInt8(ascii: " ") : byte
      unsigned += Int64(value)
      signed += Int64(Int8(bitPattern: value))
    }
    return stored == unsigned || stored == signed
  }

  /// An octal field (leading spaces or NULs, digits, then a NUL or space), or GNU base-256 for large values.
  static func parseSize(_ field: ArraySlice<UInt8>) -> Int64? {
    guard let first = field.first else { return nil }
    if first & 0x80 != 0 {
      guard first & 0x40 == 0 else { return nil }
      var value = Int64(first & 0x3f)
      for byte in field.dropFirst() {
        guard value <= Int64.max >> 8 else { return nil }
        value = value << 8 | Int64(byte)
      }
      return value
    }
    return parseOctal(field)
  }

  static func parseOctal(_ field: ArraySlice<UInt8>) -> Int64? {
    var index = field.startIndex
    while index < field.endIndex && (field[index] == UInt8(ascii: " ") || field[index] == 0) {
      index += 1
    }
    if index == field.endIndex { return 0 }
    var value: Int64 = 0
    while index < field.endIndex {
      let byte = field[index]
      if byte == 0 || byte == UInt8(ascii: " ") { break }
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7"), value <= Int64.max >> 3 else { return nil }
      value = value << 3 | Int64(byte - UInt8(ascii: "0"))
      index += 1
    }
    return value
  }

  static func parseDecimal(_ bytes: ArraySlice<UInt8>) -> Int64? {
    guard !bytes.isEmpty else { return nil }
    var value: Int64 = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
      guard !overflow1 && !overflow2 else { return nil }
      value = sum
    }
    return value
  }

  /// pax records, `"<length> <key>=<value>\n"` each; stops quietly at the first malformed one.
  static func paxRecords(_ data: [UInt8]) -> [String: ArraySlice<UInt8>] {
    var records: [String: ArraySlice<UInt8>] = [:]
    var start = 0
    while start < data.count {
      var index = start
      var length = 0
      while index < data.count, data[index] >= UInt8(ascii: "0"), data[index] <= UInt8(ascii: "9") {
        length = length * 10 + Int(data[index] - UInt8(ascii: "0"))
        guard length <= data.count else { return records }
        index += 1
      }
      let end = start + length
      guard index > start, index < data.count, data[index] == UInt8(ascii: " "), end <= data.count, end > index + 1,
        data[end - 1] == UInt8(ascii: "\n")
      else { return records }
      let record = data[(index + 1)..<(end - 1)]
      if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
        let key = String(decoding: record[..<equals], as: UTF8.self)
        records[key] = record[(equals + 1)...]
      }
      start = end
    }
    return records
  }

  static func cStringBytes(_ field: ArraySlice<UInt8>) -> [UInt8] {
    Array(field.prefix { $0 != 0 })
  }

  static func cString(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
  }

  // MARK: - Bytes

  /// Up to `count` bytes: from the look-ahead buffer first, then straight from upstream. Empty only at the end.
  private func readRaw(_ count: Int) throws -> [UInt8] {
    guard count > 0 else { return [] }
    if bufferOffset < buffer.count {
      let end = bufferOffset + min(count, buffer.count - bufferOffset)
      let bytes = Array(buffer[bufferOffset..<end])
      bufferOffset = end
      if bufferOffset == buffer.count {
        buffer = []
        bufferOffset = 0
      }
      return bytes
    }
    let chunk = try upstream.read(maxCount: count)
    if chunk.count <= count { return chunk }
    buffer = Array(chunk[count...])
    bufferOffset = 0
    return Array(chunk[..<count])
  }

  /// Exactly `count` bytes, or fewer when the archive ends first.
  private func readExactly(_ count: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < count {
      let chunk = try readRaw(count - bytes.count)
      if chunk.isEmpty { break }
      bytes += chunk
    }
    return bytes
  }

  private func discard(_ count: Int64, inside name: String) throws {
    var left = count
    while left > 0 {
      let chunk = try readRaw(Int(min(left, 1 << 18)))
      guard !chunk.isEmpty else { throw truncatedMember(name) }
      left -= Int64(chunk.count)
    }
  }

  private func truncatedMember(_ name: String) -> Diagnostic {
    var memberLocation = location
    memberLocation.member = MemberPath.nested(location.member, name)
    return .error(
      .archiveCorrupt, "the archive ends inside the data of member \(ContainerMessage.quoted(name)) (truncated file?)",
      at: memberLocation)
  }
}

/// The data of one tar entry.
private final class TarEntryStream: ByteStream {
  private let reader: TarReader
  private let generation: Int

  init(reader: TarReader, generation: Int) {
    self.reader = reader
    self.generation = generation
  }

  func read(maxCount: Int) throws -> [UInt8] {
    try reader.readData(maxCount: maxCount, generation: generation)
  }
}
