import Foundation

/// Hand-built archives for hostile-input tests: exact control over member names, types and declared sizes, which
/// the usual tools refuse to produce.
enum ArchiveBuilders {
  // MARK: CRC-32

  private static let crcTable: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 != 0 ? 0xedb8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  static func crc32(_ bytes: [UInt8], start: UInt32 = 0) -> UInt32 {
    var crc = ~start
    for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
    return ~crc
  }

  /// The CRC-32 of `count` zero bytes without reading them: feeding zero bytes multiplies the CRC register by
  /// x^(8·count) modulo the CRC polynomial (reflected), computed by repeated squaring.
  static func crc32OfZeros(_ count: Int) -> UInt32 {
    var power: UInt32 = 1 << 31  // x^0
    var square: UInt32 = 1 << 23  // x^8: one byte
    var left = count
    while left > 0 {
      if left & 1 != 0 { power = multiplyModP(square, power) }
      square = multiplyModP(square, square)
      left >>= 1
    }
    return multiplyModP(power, 0xffff_ffff) ^ 0xffff_ffff
  }

  /// a·b modulo the CRC-32 polynomial, both in reflected bit order.
  private static func multiplyModP(_ a: UInt32, _ b: UInt32) -> UInt32 {
    var mask: UInt32 = 1 << 31
    var product: UInt32 = 0
    var b = b
    while mask != 0 {
      if a & mask != 0 { product ^= b }
      mask >>= 1
      b = b & 1 != 0 ? (b >> 1) ^ 0xedb8_8320 : b >> 1
    }
    return product
  }

  // MARK: deflate

  /// A raw deflate stream (one fixed-Huffman block) that inflates to `count` zero bytes: one literal, then
  /// back-references of 258 bytes at distance 1, about 13 bits each (a compression ratio near 160).
  static func deflatedZeros(_ count: Int) -> [UInt8] {
    var writer = BitWriter()
    writer.bits(1, count: 1)  // BFINAL
    writer.bits(1, count: 2)  // BTYPE = 01, fixed Huffman
    writer.code(0b0011_0000, length: 8)  // literal 0
    var left = count - 1
    while left > 0 {
      // Matches of 3…258 bytes; a remainder of 1 or 2 bytes is written as literals.
      if left < 3 {
        writer.code(0b0011_0000, length: 8)
        left -= 1
        continue
      }
      let length = min(258, left)
      let (symbol, extraBits, extra) = lengthCode(length)
      if symbol < 280 {
        writer.code(UInt32(symbol - 256), length: 7)
      } else {
        writer.code(UInt32(0b1100_0000 + symbol - 280), length: 8)
      }
      writer.bits(UInt32(extra), count: extraBits)
      writer.code(0, length: 5)  // distance code 0: distance 1
      left -= length
    }
    writer.code(0, length: 7)  // end of block (256)
    return writer.finish()
  }

  /// The deflate length symbol, its extra bit count and extra value for a match length.
  private static func lengthCode(_ length: Int) -> (Int, Int, Int) {
    if length == 258 { return (285, 0, 0) }
    let bases = [
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
    ]
    let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]
    var index = bases.count - 1
    while bases[index] > length { index -= 1 }
    return (257 + index, extras[index], length - bases[index])
  }

  private struct BitWriter {
    var bytes: [UInt8] = []
    var current: UInt32 = 0
    var filled = 0

    /// Value bits, least significant first (header fields, extra bits).
    mutating func bits(_ value: UInt32, count: Int) {
      for index in 0..<count { push(value >> index & 1) }
    }

    /// A Huffman code, most significant bit first.
    mutating func code(_ value: UInt32, length: Int) {
      for index in stride(from: length - 1, through: 0, by: -1) { push(value >> index & 1) }
    }

    private mutating func push(_ bit: UInt32) {
      current |= bit << filled
      filled += 1
      if filled == 8 {
        bytes.append(UInt8(current))
        current = 0
        filled = 0
      }
    }

    mutating func finish() -> [UInt8] {
      if filled > 0 { bytes.append(UInt8(current)) }
      return bytes
    }
  }

  // MARK: gzip

  /// A gzip member around raw deflate data.
  static func gzip(deflated: [UInt8], crc: UInt32, size: Int) -> [UInt8] {
    var bytes: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]
    bytes += deflated
    bytes += le32(crc) + le32(UInt32(truncatingIfNeeded: size))
    return bytes
  }

  // MARK: zip

  struct ZipMember {
    var name: String
    var data: [UInt8]
    /// 0 stored, 8 deflate (`data` is then the deflated bytes).
    var method: UInt16 = 0
    var crc: UInt32? = nil
    var uncompressedSize: Int? = nil
  }

  static func zip(_ members: [ZipMember]) -> [UInt8] {
    var bytes: [UInt8] = []
    var directory: [UInt8] = []
    for member in members {
      let name = Array(member.name.utf8)
      let crc = member.crc ?? crc32(member.data)
      let size = UInt32(truncatingIfNeeded: member.uncompressedSize ?? member.data.count)
      let offset = UInt32(bytes.count)
      bytes += le32(0x0403_4b50) + le16(20) + le16(0x0800) + le16(member.method) + le16(0) + le16(0x21)
      bytes += le32(crc) + le32(UInt32(member.data.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
      bytes += name + member.data
      directory += le32(0x0201_4b50) + le16(0x031e) + le16(20) + le16(0x0800) + le16(member.method) + le16(0)
      directory += le16(0x21) + le32(crc) + le32(UInt32(member.data.count)) + le32(size)
      directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16)
      directory += le32(offset) + name
    }
    let directoryOffset = UInt32(bytes.count)
    bytes += directory
    bytes += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(members.count)) + le16(UInt16(members.count))
    bytes += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
    return bytes
  }

  // MARK: tar

  /// A ustar archive; `type` is the typeflag ("0" file, "2" symlink, "3" character device, "4" block device,
  /// "6" FIFO).
  struct TarEntry {
    var name: String
    var type: Character = "0"
    var data: [UInt8] = []
    var linkName = ""
  }

  static func tar(_ entries: [TarEntry]) -> [UInt8] {
    var bytes: [UInt8] = []
    for entry in entries {
      var header = [UInt8](repeating: 0, count: 512)
      func put(_ text: String, at offset: Int, width: Int) {
        for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
      }
      func octal(_ value: Int, at offset: Int, width: Int) {
        let digits = String(value, radix: 8)
        put(String(repeating: "0", count: width - 1 - digits.count) + digits, at: offset, width: width - 1)
      }
      put(entry.name, at: 0, width: 100)
      octal(0o644, at: 100, width: 8)
      octal(0, at: 108, width: 8)
      octal(0, at: 116, width: 8)
      octal(entry.data.count, at: 124, width: 12)
      octal(1_770_000_000, at: 136, width: 12)
      put(String(entry.type), at: 156, width: 1)
      put(entry.linkName, at: 157, width: 100)
      put("ustar", at: 257, width: 6)
      put("00", at: 263, width: 2)
      if entry.type == "3" || entry.type == "4" {
        octal(8, at: 329, width: 8)
        octal(1, at: 337, width: 8)
      }
      for index in 148..<156 { header[index] = 0x20 }
      let sum = header.reduce(0) { $0 + Int($1) }
      let digits = String(sum, radix: 8)
      put(String(repeating: "0", count: 6 - digits.count) + digits, at: 148, width: 6)
      header[154] = 0
      bytes += header + entry.data
      bytes += [UInt8](repeating: 0, count: (512 - entry.data.count % 512) % 512)
    }
    bytes += [UInt8](repeating: 0, count: 1024)
    return bytes
  }

  private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
  private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> ($0 * 8) & 0xff) } }
}
