/// Appends JSON text to a byte buffer: objects, arrays, escaped strings and numbers.
///
/// Used by the JSONL sink and the report writers; numbers are written in the shortest form that reads back the
/// same, non-finite numbers as `null`.
public struct JSONTextWriter {
  public var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]

  public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  /// Empties the writer for the next document, keeping its capacity.
  public mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    needsComma.removeAll(keepingCapacity: true)
    needsComma.append(false)
  }

  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }
  public mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }
  public mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }
  /// Writes `"key":` — the next value call writes its value.
  public mutating func key(_ key: String) {
    separate()
    appendString(key)
    bytes.append(UInt8(ascii: ":"))
    needsComma[needsComma.count - 1] = false
  }
  public mutating func string(_ value: String) {
    separate()
    appendString(value)
  }
  public mutating func number(_ value: Double) {
    separate()
    if value.isFinite { NumberRenderer.append(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
  }
  public mutating func integer(_ value: Int64) {
    separate()
    NumberRenderer.append(value, to: &bytes)
  }
  public mutating func bool(_ value: Bool) {
    separate()
    if value { bytes.append(contentsOf: "true".utf8) } else { bytes.append(contentsOf: "false".utf8) }
  }
  public mutating func null() {
    separate()
    bytes.append(contentsOf: "null".utf8)
  }

  /// Writes `"name": value`, or `"name": null` for nil.
  public mutating func field(_ name: String, _ value: String?) {
    key(name)
    if let value { string(value) } else { null() }
  }
  public mutating func field(_ name: String, _ value: Int?) {
    key(name)
    if let value { integer(Int64(value)) } else { null() }
  }
  public mutating func field(_ name: String, _ value: Int64?) {
    key(name)
    if let value { integer(value) } else { null() }
  }
  public mutating func field(_ name: String, _ value: Bool) {
    key(name)
    bool(value)
  }

  /// Writes a table cell with its natural JSON type.
  public mutating func cell(_ value: CellValue) {
    switch value {
    case .null: null()
    case .integer(let integer): self.integer(integer)
    case .real(let real): number(real)
    case .boolean(let flag): bool(flag)
    case .timestampUTC, .timestampLocal, .date:
      // Digits, `-`, `:`, `T`, `Z`, `.` and `+` never need escaping.
      separate()
      bytes.append(UInt8(ascii: "\""))
      value.appendText(to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    case .text(let text): string(text)
    case .source: string(value.text ?? "")
    }
  }

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    needsComma[needsComma.count - 1] = true
  }

  private mutating func appendString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    let plain = value.withUTF8 { utf8 in
      guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
        return false
      }
      bytes.append(contentsOf: utf8)
      return true
    }
    if plain {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
