#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A matcher for the plainest form of one small JSON value, for the hot arrays of large files (a heart-rate sample,
/// a minute of steps): it reads keys, plain strings and integers straight from the bytes, without building values.
///
/// It accepts only a strict subset of JSON on which the full parser finds nothing to report: ASCII strings without
/// escapes, integers without a leading zero, no `NaN`, no trailing commas, keys exactly where the caller expects
/// them (so never a duplicate). Anything else makes it fail, and the caller falls back to the full parser, which
/// accepts, refuses and locates as always. Used through ``ReadContext/streamJSON(elementsOf:options:chunkSize:match:eachMatch:each:)``.
public struct JSONFastScanner {
  public let bytes: UnsafeBufferPointer<UInt8>
  /// The next byte to read.
  public private(set) var offset = 0

  public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  @inline(__always) mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x0A, 0x0D, 0x09: offset += 1
      default: return
      }
    }
  }

  /// Skips white space, then reads `byte`.
  @inline(__always) public mutating func expect(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard offset < bytes.count, bytes[offset] == byte else { return false }
    offset += 1
    return true
  }

  /// Skips white space, then reads the key `"name"` and its colon. `name` must be plain ASCII without escapes.
  public mutating func expectKey(_ name: StaticString) -> Bool {
    skipWhitespace()
    let count = name.utf8CodeUnitCount
    guard offset + count + 2 <= bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return false }
    guard memcmp(bytes.baseAddress! + offset + 1, name.utf8Start, count) == 0,
      bytes[offset + 1 + count] == UInt8(ascii: "\"")
    else { return false }
    offset += count + 2
    return expect(UInt8(ascii: ":"))
  }

  /// Skips white space, then reads a string of printable ASCII without escapes; its bytes without the quotes.
  public mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
    skipWhitespace()
    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
    let start = offset + 1
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        offset = index + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
      }
      guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
      index += 1
    }
    return nil
  }

  /// Skips white space, then reads an integer literal of at most 18 digits (no fraction, exponent or leading zero),
  /// which the full parser would read as the same exact integer.
  public mutating func integer() -> Int64? {
    skipWhitespace()
    guard let (value, end) = Self.integerLiteral(bytes, from: offset), end < bytes.count else {
      return nil  // not one, or it may go on past the bytes held
    }
    switch bytes[end] {
    case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
    default: break
    }
    offset = end
    return value
  }

  /// An optional `-` and 1 to 18 digits without a leading zero from `start`: the value and where the digits end.
  /// More digits are not ours (and could overflow).
  private static func integerLiteral(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> (value: Int64, end: Int)? {
    var index = start
    let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    let first = index
    var value: Int64 = 0
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
      guard index - first < 18 else { return nil }
      value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
      index += 1
    }
    let digits = index - first
    guard digits > 0, digits == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
    return (negative ? -value : value, index)
  }
}

/// An element of a streamed array that a fast matcher read: where it is. Its pointer is made only when asked for.
public struct JSONStreamMatch {
  /// The array's path and the element's index in it.
  public let arrayPath: JSONPath
  public let index: Int
  let arrayPointer: String

  /// The element's JSON pointer (`/123`, `/activities-heart-intraday/dataset/7`).
  public var pointer: String {
    // Written in one go: it is made for most elements (a record's provenance), and a pointer of up to 15 bytes
    // (`/1234567`) is then a small string, without an allocation.
    var magnitude = index.magnitude
    var digits = 1
    while magnitude >= 10 {
      magnitude /= 10
      digits += 1
    }
    let sign = index < 0 ? 1 : 0
    let suffix = 1 + sign + digits
    if arrayPointer.isEmpty {  // a top-level array, the usual case
      return String(unsafeUninitializedCapacity: suffix) { buffer in
        writeIndex(to: buffer.baseAddress!, sign: sign, digits: digits)
        return suffix
      }
    }
    var prefix = arrayPointer
    return prefix.withUTF8 { prefixBytes in
      String(unsafeUninitializedCapacity: prefixBytes.count + suffix) { buffer in
        buffer.baseAddress!.update(from: prefixBytes.baseAddress!, count: prefixBytes.count)
        writeIndex(to: buffer.baseAddress! + prefixBytes.count, sign: sign, digits: digits)
        return prefixBytes.count + suffix
      }
    }
  }

  /// Writes `/`, the sign and the digits of ``index``.
  @inline(__always)
  private func writeIndex(to start: UnsafeMutablePointer<UInt8>, sign: Int, digits: Int) {
    start[0] = UInt8(ascii: "/")
    if sign == 1 { start[1] = UInt8(ascii: "-") }
    var position = sign + digits
    var rest = index.magnitude
    repeat {
      start[position] = UInt8(truncatingIfNeeded: 48 + rest % 10)
      rest /= 10
      position -= 1
    } while position > sign
  }
}
