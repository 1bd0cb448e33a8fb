/// A read position in the bytes of one date, time or duration, with the pieces the parsers share.
///
/// Leading and trailing whitespace (space, tab, CR, LF) is dropped on creation. Failures become ``Diagnostic``
/// values with code `time.invalid-date-time` whose message quotes the (trimmed, shortened) text and, for syntax
/// errors, the 1-based character position.
struct ByteCursor {
  let bytes: UnsafeBufferPointer<UInt8>
  /// The first byte after the leading whitespace.
  let start: Int
  /// One past the last byte before the trailing whitespace.
  let end: Int
  var index: Int

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    var first = 0
    var last = bytes.count
    while first < last && ByteCursor.isSpace(bytes[first]) { first += 1 }
    while last > first && ByteCursor.isSpace(bytes[last - 1]) { last -= 1 }
    self.start = first
    self.end = last
    self.index = first
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  @inline(__always)
  var isAtEnd: Bool { index >= end }

  /// The current byte, or 0 at the end.
  @inline(__always)
  var current: UInt8 { index < end ? bytes[index] : 0 }

  /// Whether the current byte is an ASCII digit.
  @inline(__always)
  var isAtDigit: Bool { index < end && bytes[index] &- 48 < 10 }

  /// Steps over `byte` when it is the current byte.
  @inline(__always)
  mutating func skip(_ byte: UInt8) -> Bool {
    guard index < end, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// Reads up to `maxCount` ASCII digits as a decimal number; `count` is 0 when there is no digit.
  @inline(__always)
  mutating func readDigits(maxCount: Int) -> (value: Int, count: Int) {
    var value = 0
    var count = 0
    while count < maxCount && index < end {
      let digit = bytes[index] &- 48
      if digit >= 10 { break }
      value = value * 10 + Int(digit)
      index += 1
      count += 1
    }
    return (value, count)
  }

  /// Reads exactly `count` digits, or throws `expected <what>`.
  @inline(__always)
  mutating func readFixedDigits(_ count: Int, what: @autoclosure () -> String) throws -> Int {
    let startIndex = index
    let (value, read) = readDigits(maxCount: count)
    if read != count {
      index = startIndex
      throw expected(what())
    }
    return value
  }

  /// Reads one or two digits, or throws `expected <what>`.
  @inline(__always)
  mutating func readShortNumber(what: @autoclosure () -> String) throws -> Int {
    let (value, read) = readDigits(maxCount: 2)
    if read == 0 { throw expected(what()) }
    return value
  }

  // MARK: - Shared grammar

  /// Reads `yyyy-MM-dd` and checks that the day exists.
  mutating func readDate() throws -> LocalDate {
    let year = try readFixedDigits(4, what: "a 4-digit year")
    if !skip(UInt8(ascii: "-")) { throw expected("\"-\" after the year") }
    let month = try readFixedDigits(2, what: "a 2-digit month")
    if !skip(UInt8(ascii: "-")) { throw expected("\"-\" after the month") }
    let day = try readFixedDigits(2, what: "a 2-digit day")
    return try validatedDate(year: year, month: month, day: day)
  }

  /// The date, or a failure naming the field that is out of range.
  func validatedDate(year: Int, month: Int, day: Int) throws -> LocalDate {
    guard 1...12 ~= month else { throw failure("month \(month) is out of range") }
    let length = CivilCalendar.daysInMonth(year: year, month: month)
    guard 1...length ~= day else {
      throw failure("day \(day) is out of range for \(CivilCalendar.monthNames[month - 1]) \(year)")
    }
    return LocalDate(uncheckedYear: year, month: month, day: day)
  }

  /// Reads `H[H]:M[M][:S[S][.fraction]]` and returns the milliseconds since midnight.
  ///
  /// The fraction may have any number of digits (`.` or `,`) and is rounded half up to milliseconds, so the result
  /// is 86,400,000 (the next midnight) for `23:59:59.9995` and later; callers decide what that means. Single-digit
  /// fields are accepted (Polar's documentation shows `10:40:0.000Z`).
  mutating func readTimeOfDayMilliseconds() throws -> Int {
    let hour = try readShortNumber(what: "an hour")
    guard hour <= 23 else { throw failure("hour \(hour) is out of range") }
    if !skip(UInt8(ascii: ":")) { throw expected("\":\" after the hour") }
    let minute = try readShortNumber(what: "a minute")
    guard minute <= 59 else { throw failure("minute \(minute) is out of range") }
    var second = 0
    var millisecond = 0
    if skip(UInt8(ascii: ":")) {
      second = try readShortNumber(what: "a second")
      if second == 60 { throw failure("second 60 (a leap second) is not supported") }
      guard second <= 59 else { throw failure("second \(second) is out of range") }
      if current == UInt8(ascii: ".") || current == UInt8(ascii: ",") {
        index += 1
        millisecond = try readFractionMilliseconds()
      }
    }
    return ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
  }

  /// Reads the digits after a decimal sign as milliseconds (0–1000), rounding half up on the fourth digit.
  @inline(__always)
  mutating func readFractionMilliseconds() throws -> Int {
    let (leading, count) = readDigits(maxCount: 3)
    if count == 0 { throw expected("digits after the decimal point") }
    var milliseconds = count == 3 ? leading : (count == 2 ? leading * 10 : leading * 100)
    if count == 3 && isAtDigit {
      if current >= UInt8(ascii: "5") { milliseconds += 1 }
      while isAtDigit { index += 1 }
    }
    return milliseconds
  }

  // MARK: - Failures

  /// `<problem> in "<text>"`.
  func failure(_ problem: String, code: Diagnostic.Code = .timeInvalidDateTime) -> Diagnostic {
    if start >= end { return .error(code, problem) }
    return .error(code, "\(problem) in \(quotedText)")
  }

  /// `expected <what> at character <n> of "<text>", found <byte>`, or `… at the end of "<text>"`.
  func expected(_ what: String, code: Diagnostic.Code = .timeInvalidDateTime) -> Diagnostic {
    if start >= end { return .error(code, "expected \(what), found an empty value") }
    if isAtEnd { return .error(code, "expected \(what) at the end of \(quotedText)") }
    let found = describeCurrent(withArticle: true)
    return .error(code, "expected \(what) at character \(index - start + 1) of \(quotedText), found \(found)")
  }

  /// `unexpected <byte> at character <n> after <what> in "<text>"`.
  func unexpected(after what: String, code: Diagnostic.Code = .timeInvalidDateTime) -> Diagnostic {
    let found = describeCurrent(withArticle: false)
    return .error(code, "unexpected \(found) at character \(index - start + 1) after \(what) in \(quotedText)")
  }

  /// The current byte for a message: `"x"` when printable ASCII, `(a) space`, `byte 0xC3` otherwise.
  private func describeCurrent(withArticle: Bool) -> String {
    let byte = current
    if byte >= 0x21 && byte < 0x7F { return "\"\(Character(Unicode.Scalar(byte)))\"" }
    if byte == 0x20 { return withArticle ? "a space" : "space" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }

  /// The trimmed text in double quotes, shortened to 60 bytes with an ellipsis.
  var quotedText: String {
    let limit = 60
    let count = end - start
    let shown = UnsafeBufferPointer(rebasing: bytes[start..<(start + min(count, limit))])
    var text = String(decoding: shown, as: UTF8.self)
    if count > limit { text += "…" }
    return "\"" + text + "\""
  }
}
