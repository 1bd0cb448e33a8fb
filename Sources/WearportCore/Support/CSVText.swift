/// RFC 4180 fields, the one implementation every CSV wearport writes uses.
public enum CSVText {
  /// Appends a field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
  public static func appendField(_ text: String, to buffer: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      var needsQuotes = false
      for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
        needsQuotes = true
        break
      }
      guard needsQuotes else {
        buffer.append(contentsOf: bytes)
        return
      }
      buffer.append(0x22)
      for byte in bytes {
        if byte == 0x22 { buffer.append(0x22) }
        buffer.append(byte)
      }
      buffer.append(0x22)
    }
  }

  /// Quotes the field that runs from `start` to the end of `buffer`, when it needs quotes (as ``appendField(_:to:)``).
  public static func quoteField(in buffer: inout [UInt8], from start: Int) {
    guard buffer[start...].contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return }
    let field = Array(buffer[start...])
    buffer.removeSubrange(start...)
    buffer.append(0x22)
    for byte in field {
      if byte == 0x22 { buffer.append(0x22) }
      buffer.append(byte)
    }
    buffer.append(0x22)
  }

  /// One CSV line (with its `\n`) of the given fields; nil fields are empty cells.
  public static func line(_ fields: [String?]) -> String {
    var buffer: [UInt8] = []
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(0x2C) }
      appendField(field ?? "", to: &buffer)
    }
    buffer.append(0x0A)
    return String(decoding: buffer, as: UTF8.self)
  }
}
