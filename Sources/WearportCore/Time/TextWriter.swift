/// Byte-level writers behind every date and time rendering, so that no formatter runs per row.
///
/// Each writer appends ASCII to a buffer at `index` and advances it. Callers size the buffer: a date needs at most
/// 12 bytes, a time 12, an offset 9.
enum TextWriter {
  @inline(__always)
  static func write(_ byte: UInt8, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    buffer[index] = byte
    index += 1
  }

  /// Writes `value` (0–99) as two digits.
  @inline(__always)
  static func writeTwoDigits(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    buffer[index] = UInt8(truncatingIfNeeded: 48 + value / 10)
    buffer[index + 1] = UInt8(truncatingIfNeeded: 48 + value % 10)
    index += 2
  }

  /// Writes `value` (0–999) as three digits.
  @inline(__always)
  static func writeThreeDigits(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    buffer[index] = UInt8(truncatingIfNeeded: 48 + value / 100)
    buffer[index + 1] = UInt8(truncatingIfNeeded: 48 + value / 10 % 10)
    buffer[index + 2] = UInt8(truncatingIfNeeded: 48 + value % 10)
    index += 3
  }

  /// Writes a year as four digits, or with a sign and at least four digits outside 0–9999 (ISO 8601 expanded).
  @inline(__always)
  static func writeYear(_ year: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    if year >= 0 && year <= 9999 {
      writeTwoDigits(year / 100, into: buffer, at: &index)
      writeTwoDigits(year % 100, into: buffer, at: &index)
      return
    }
    write(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"), into: buffer, at: &index)
    var magnitude = year.magnitude
    var digits: [UInt8] = []
    while magnitude > 0 || digits.count < 4 {
      digits.append(UInt8(truncatingIfNeeded: 48 + magnitude % 10))
      magnitude /= 10
    }
    for digit in digits.reversed() { write(digit, into: buffer, at: &index) }
  }

  /// Writes `yyyy-MM-dd`.
  @inline(__always)
  static func writeDate(_ date: LocalDate, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    writeYear(date.year, into: buffer, at: &index)
    write(UInt8(ascii: "-"), into: buffer, at: &index)
    writeTwoDigits(date.month, into: buffer, at: &index)
    write(UInt8(ascii: "-"), into: buffer, at: &index)
    writeTwoDigits(date.day, into: buffer, at: &index)
  }

  /// Writes `HH:mm:ss`, then `.SSS` when `alwaysMilliseconds` is set or the milliseconds are not zero.
  @inline(__always)
  static func writeTime(
    _ time: LocalTime, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int, alwaysMilliseconds: Bool
  ) {
    writeTwoDigits(time.hour, into: buffer, at: &index)
    write(UInt8(ascii: ":"), into: buffer, at: &index)
    writeTwoDigits(time.minute, into: buffer, at: &index)
    write(UInt8(ascii: ":"), into: buffer, at: &index)
    writeTwoDigits(time.second, into: buffer, at: &index)
    if alwaysMilliseconds || time.millisecond != 0 {
      write(UInt8(ascii: "."), into: buffer, at: &index)
      writeThreeDigits(time.millisecond, into: buffer, at: &index)
    }
  }

  /// Writes `yyyy-MM-ddTHH:mm:ss[.SSS]`.
  @inline(__always)
  static func writeDateTime(
    _ value: LocalDateTime, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int,
    alwaysMilliseconds: Bool
  ) {
    writeDate(value.date, into: buffer, at: &index)
    write(UInt8(ascii: "T"), into: buffer, at: &index)
    writeTime(value.time, into: buffer, at: &index, alwaysMilliseconds: alwaysMilliseconds)
  }

  /// Writes `±HH:mm`, or `±HH:mm:ss` for an offset with seconds (historical local mean time).
  ///
  /// Zero is `+00:00`. Hours beyond 99 (never a real offset) are clamped to 99.
  @inline(__always)
  static func writeOffset(_ seconds: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: inout Int) {
    write(seconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"), into: buffer, at: &index)
    let magnitude = min(Int(seconds.magnitude), 99 * 3600 + 59 * 60 + 59)
    writeTwoDigits(magnitude / 3600, into: buffer, at: &index)
    write(UInt8(ascii: ":"), into: buffer, at: &index)
    writeTwoDigits(magnitude / 60 % 60, into: buffer, at: &index)
    if magnitude % 60 != 0 {
      write(UInt8(ascii: ":"), into: buffer, at: &index)
      writeTwoDigits(magnitude % 60, into: buffer, at: &index)
    }
  }
}
