import CWearportZlib
import Foundation
import WearportContainers
import WearportCore
import ZIPFoundation

/// A temporary folder, removed when the value goes away.
final class Scratch {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("wearport-containers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

  @discardableResult
  func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
    let target = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
    return target.path
  }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> String { try write(relative, Array(text.utf8)) }

  /// A zip written by ZIPFoundation; `nil` data makes a directory entry.
  @discardableResult
  func zip(_ relative: String, _ members: [(String, [UInt8]?)], compress: Bool = true) throws -> String {
    let target = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    let archive = try Archive(url: target, accessMode: .create)
    for (name, data) in members {
      if let data {
        try archive.addEntry(
          with: name, type: .file, uncompressedSize: Int64(data.count),
          compressionMethod: compress ? .deflate : .none,
          provider: { position, size in Data(data[Int(position)..<Int(position) + size]) })
      } else {
        try archive.addEntry(
          with: name, type: .directory, uncompressedSize: Int64(0), provider: { (_: Int64, _: Int) in Data() })
      }
    }
    return target.path
  }

  /// Runs `/bin/tar` with `arguments` inside the scratch folder.
  func tar(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/tar")
    process.arguments = arguments
    process.currentDirectoryURL = url
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw TestFailure("tar \(arguments) failed") }
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// zlib deflate: `windowBits` 31 gives gzip, -15 raw deflate.
func deflate(_ input: [UInt8], windowBits: Int32 = 31, level: Int32 = 6) -> [UInt8] {
  let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  stream.initialize(to: z_stream())
  defer {
    deflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }
  let status = deflateInit2_(
    stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
  precondition(status == Z_OK)
  var output: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  input.withUnsafeBufferPointer { source in
    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
    stream.pointee.avail_in = UInt32(source.count)
    var result = Z_OK
    repeat {
      chunk.withUnsafeMutableBufferPointer { target in
        stream.pointee.next_out = target.baseAddress
        stream.pointee.avail_out = UInt32(target.count)
        result = CWearportZlib.deflate(stream, Z_FINISH)
        output += target[0..<(target.count - Int(stream.pointee.avail_out))]
      }
    } while result == Z_OK
    precondition(result == Z_STREAM_END)
  }
  return output
}

func gzip(_ input: [UInt8]) -> [UInt8] { deflate(input) }
func gzip(_ text: String) -> [UInt8] { deflate(Array(text.utf8)) }

func crc32(_ bytes: [UInt8]) -> UInt32 {
  bytes.withUnsafeBufferPointer { UInt32(CWearportZlib.crc32(0, $0.baseAddress, UInt32($0.count))) }
}

/// Deterministic bytes that do not compress.
func noise(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
  var state = seed
  return (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 33)
  }
}

/// Tar archives written byte by byte, for entry types and damage `/bin/tar` will not produce.
struct TarBuilder {
  var bytes: [UInt8] = []

  mutating func add(
    _ name: String, type: Character = "0", data: [UInt8] = [], linkName: String = "", declaredSize: Int? = nil
  ) {
    bytes += Self.header(name: name, type: type, size: declaredSize ?? data.count, linkName: linkName)
    bytes += data
    bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
  }

  mutating func add(_ name: String, _ text: String) { add(name, data: Array(text.utf8)) }

  mutating func finish() { bytes += [UInt8](repeating: 0, count: 1024) }

  static func header(name: String, type: Character, size: Int, linkName: String = "") -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int, width: Int) {
      for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
    }
    func octal(_ value: Int, width: Int) -> String {
      let digits = String(value, radix: 8)
      return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
    }
    put(name, at: 0, width: 100)
    put(octal(0o644, width: 8), at: 100, width: 7)
    put(octal(0, width: 8), at: 108, width: 7)
    put(octal(0, width: 8), at: 116, width: 7)
    put(octal(size, width: 12), at: 124, width: 11)
    put(octal(0, width: 12), at: 136, width: 11)
    put("        ", at: 148, width: 8)
    header[156] = type.asciiValue ?? 0
    put(linkName, at: 157, width: 100)
    put("ustar", at: 257, width: 6)
    put("00", at: 263, width: 2)
    let sum = header.reduce(0) { $0 + Int($1) }
    put(octal(sum, width: 7), at: 148, width: 6)
    header[154] = 0
    header[155] = UInt8(ascii: " ")
    return header
  }
}

/// Zip archives written byte by byte, for damage no zip library will write.
struct ZipBuilder {
  struct Member {
    var name: String
    var payload: [UInt8]
    var method: UInt16
    var crc: UInt32
    var compressedSize: UInt32
    var uncompressedSize: UInt32
    var externalAttributes: UInt32 = 0o100644 << 16
    /// Name bytes written as they are, with the UTF-8 flag off (code page 437 in zip terms).
    var rawName: [UInt8]? = nil
  }

  var members: [Member] = []
  /// Writes ZIP64 placeholders, extra fields and end records, as archives over 4 GiB or 65535 members have.
  var zip64 = false

  /// A member; `crc` and `declaredSize` override the true values to make damaged members.
  mutating func add(
    _ name: String, _ data: [UInt8], deflated: Bool = true, crc: UInt32? = nil, declaredSize: UInt32? = nil
  ) {
    let payload = deflated ? deflate(data, windowBits: -15) : data
    members.append(
      Member(
        name: name, payload: payload, method: deflated ? 8 : 0, crc: crc ?? crc32(data),
        compressedSize: UInt32(payload.count), uncompressedSize: declaredSize ?? UInt32(data.count)))
  }

  func build() -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func le16(_ value: UInt16, _ target: inout [UInt8]) { target += [UInt8(value & 0xff), UInt8(value >> 8)] }
    func le32(_ value: UInt32, _ target: inout [UInt8]) {
      target += [UInt8(value & 0xff), UInt8(value >> 8 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 24)]
    }
    func le64(_ value: UInt64, _ target: inout [UInt8]) {
      le32(UInt32(value & 0xffff_ffff), &target)
      le32(UInt32(value >> 32), &target)
    }
    for member in members {
      let offset = UInt32(out.count)
      let name = member.rawName ?? Array(member.name.utf8)
      let flags: UInt16 = member.rawName == nil ? 1 << 11 : 0
      le32(0x0403_4b50, &out)
      le16(20, &out)
      le16(flags, &out)
      le16(member.method, &out)
      le32(0, &out)
      le32(member.crc, &out)
      le32(member.compressedSize, &out)
      le32(member.uncompressedSize, &out)
      le16(UInt16(name.count), &out)
      le16(0, &out)
      out += name
      out += member.payload

      let placeholder: UInt32 = 0xffff_ffff
      le32(0x0201_4b50, &central)
      le16(zip64 ? 0x032d : 0x031e, &central)
      le16(zip64 ? 45 : 20, &central)
      le16(flags, &central)
      le16(member.method, &central)
      le32(0, &central)
      le32(member.crc, &central)
      le32(zip64 ? placeholder : member.compressedSize, &central)
      le32(zip64 ? placeholder : member.uncompressedSize, &central)
      le16(UInt16(name.count), &central)
      le16(zip64 ? 28 : 0, &central)
      le16(0, &central)
      le16(0, &central)
      le16(0, &central)
      le32(member.externalAttributes, &central)
      le32(zip64 ? placeholder : offset, &central)
      central += name
      if zip64 {
        le16(1, &central)
        le16(24, &central)
        le64(UInt64(member.uncompressedSize), &central)
        le64(UInt64(member.compressedSize), &central)
        le64(UInt64(offset), &central)
      }
    }
    let centralOffset = UInt32(out.count)
    out += central
    if zip64 {
      let recordOffset = UInt64(out.count)
      le32(0x0606_4b50, &out)
      le64(44, &out)
      le16(45, &out)
      le16(45, &out)
      le32(0, &out)
      le32(0, &out)
      le64(UInt64(members.count), &out)
      le64(UInt64(members.count), &out)
      le64(UInt64(central.count), &out)
      le64(UInt64(centralOffset), &out)
      le32(0x0706_4b50, &out)
      le32(0, &out)
      le64(recordOffset, &out)
      le32(1, &out)
    }
    le32(0x0605_4b50, &out)
    le16(0, &out)
    le16(0, &out)
    le16(zip64 ? 0xffff : UInt16(members.count), &out)
    le16(zip64 ? 0xffff : UInt16(members.count), &out)
    le32(zip64 ? 0xffff_ffff : UInt32(central.count), &out)
    le32(zip64 ? 0xffff_ffff : centralOffset, &out)
    le16(0, &out)
    return out
  }
}

/// What a walk produced.
final class Walked {
  struct Document {
    var location: SourceLocation
    var name: String
    var logicalPath: String
    var declaredSize: Int64?
    var bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
  }

  var documents: [Document] = []
  var diagnostics: [Diagnostic] = []

  var names: [String] { documents.map(\.name) }
  var texts: [String] { documents.map(\.text) }
  var members: [String?] { documents.map(\.location.member) }
  var codes: [Diagnostic.Code] { diagnostics.map(\.code) }

  func diagnostics(_ code: Diagnostic.Code) -> [Diagnostic] { diagnostics.filter { $0.code == code } }

  func record(_ document: InputDocument) throws {
    let prefix = try document.prefix(8)
    let bytes = try document.readAll()
    guard Array(bytes.prefix(8)) == prefix else { throw TestFailure("prefix and readAll disagree") }
    documents.append(
      Document(
        location: document.location, name: document.name, logicalPath: document.logicalPath,
        declaredSize: document.declaredSize, bytes: bytes))
  }
}

func walk(_ path: String, options: ContainerOptions = ContainerOptions()) throws -> Walked {
  let walked = Walked()
  try InputWalker.walk(path, options: options, report: { walked.diagnostics.append($0) }, body: walked.record)
  return walked
}

func walk(stream: any ByteStream, name: String? = nil, options: ContainerOptions = ContainerOptions()) throws -> Walked
{
  let walked = Walked()
  try InputWalker.walk(
    stream: stream, name: name, options: options, report: { walked.diagnostics.append($0) }, body: walked.record)
  return walked
}

/// A stream that hands out a few bytes at a time, to exercise every buffer boundary.
final class TrickleStream: ByteStream {
  private let bytes: [UInt8]
  private var offset = 0
  private var step = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(maxCount: Int) throws -> [UInt8] {
    step += 1
    let count = min(maxCount, bytes.count - offset, 1 + step % 7)
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }
}

/// A stream that ignores `maxCount` and returns big chunks, breaking the ByteStream contract.
final class OversizedChunkStream: ByteStream {
  private let bytes: [UInt8]
  private var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(maxCount: Int) throws -> [UInt8] {
    let count = min(bytes.count - offset, 100_000)
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }
}
