/// What a date-time string said.
public struct ParsedDateTime: Hashable, Sendable {
  /// The wall clock as written.
  public var local: LocalDateTime
  /// nil: naive; 0 with ``isUTC`` for `Z`; the `±hh:mm` offset in seconds otherwise.
  public var offsetSeconds: Int?
  /// The value ended in `Z`.
  public var isUTC: Bool

  public init(local: LocalDateTime, offsetSeconds: Int?, isUTC: Bool) {
    self.local = local
    self.offsetSeconds = offsetSeconds
    self.isUTC = isUTC
  }

  /// The exact instant when the value carried `Z` or an offset; nil for a naive value.
  public var instant: Instant? {
    guard let offsetSeconds else { return nil }
    return Instant(millisecondsSinceEpoch: local.millisecondsSinceEpochAsUTC - Int64(offsetSeconds) * 1000)
  }
}

/// Hand-written parsers for the date and time forms in Polar, Fitbit, GPX and TCX files.
///
/// They read bytes directly (no formatter, no allocation on success) because they run once per sample.
public enum DateTimeParser {
  /// The largest UTC offset accepted, ±18:00.
  public static let maximumOffsetSeconds = 18 * 3600

  /// Every ISO-ish form seen in Polar/Fitbit/GPX/TCX data.
  ///
  /// `yyyy-MM-dd` then `T`, `t` or a space, then `HH:mm`, `HH:mm:ss` or `HH:mm:ss.fraction` (any number of fraction
  /// digits, `.` or `,`, rounded half up to milliseconds; single-digit time fields are tolerated), then optionally
  /// `Z`/`z` or an offset `±hh`, `±hhmm`, `±hh:mm` (also `±hh:mm:ss`) of at most 18 hours. Surrounding whitespace is
  /// ignored. A fraction that rounds up to the next second carries into the minute, hour and date.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-date-time` naming what is wrong: an empty value, a
  ///   malformed field, a month, day, hour, minute or second out of range (including hour 24 and leap second 60), a
  ///   missing time, an offset beyond ±18:00, or trailing characters.
  public static func parse(_ text: String) throws -> ParsedDateTime {
    try withBytes(of: text) { try parse($0) }
  }

  /// ``parse(_:)-(String)`` over UTF-8 bytes, without allocating a `String`.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-date-time`, as ``parse(_:)-(String)``.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> ParsedDateTime {
    var cursor = ByteCursor(bytes)
    if cursor.isAtEnd { throw cursor.expected("a date-time") }
    var date = try cursor.readDate()
    let separator = cursor.current
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
      if cursor.isAtEnd { throw cursor.failure("expected a time after the date") }
      throw cursor.expected("\"T\" between the date and the time")
    }
    cursor.index += 1
    var milliseconds = try cursor.readTimeOfDayMilliseconds()
    var offset: Int?
    var isUTC = false
    if !cursor.isAtEnd {
      let byte = cursor.current
      if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
        cursor.index += 1
        offset = 0
        isUTC = true
      } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
        offset = try readOffset(&cursor)
      }
    }
    if !cursor.isAtEnd { throw cursor.unexpected(after: "the date-time") }
    if milliseconds >= 86_400_000 {
      date = date.adding(days: 1)
      milliseconds -= 86_400_000
    }
    let local = LocalDateTime(date: date, time: LocalTime(uncheckedMillisecondsOfDay: milliseconds))
    return ParsedDateTime(local: local, offsetSeconds: offset, isUTC: isUTC)
  }

  /// Fitbit export "MM/dd/yy HH:mm:ss" (2-digit year: 00–69 → 20xx, 70–99 → 19xx).
  ///
  /// Also tolerated: one-digit month, day and time fields, a four-digit year, no seconds, a fraction of a second
  /// (rounded to milliseconds; a round-up past midnight carries into the next day), and surrounding whitespace.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-date-time` naming the malformed or out-of-range field.
  public static func parseUSShort(_ text: String) throws -> LocalDateTime {
    try withBytes(of: text) { try parseUSShort(bytes: $0) }
  }

  /// ``parseUSShort(_:)`` of UTF-8 bytes.
  public static func parseUSShort(bytes: UnsafeBufferPointer<UInt8>) throws -> LocalDateTime {
    var cursor = ByteCursor(bytes)
    if cursor.isAtEnd { throw cursor.expected("a date-time") }
    let month = try cursor.readShortNumber(what: "a month")
    if !cursor.skip(UInt8(ascii: "/")) { throw cursor.expected("\"/\" after the month") }
    let day = try cursor.readShortNumber(what: "a day")
    if !cursor.skip(UInt8(ascii: "/")) { throw cursor.expected("\"/\" after the day") }
    let yearStart = cursor.index
    var (year, count) = cursor.readDigits(maxCount: 4)
    switch count {
    case 2: year += year < 70 ? 2000 : 1900
    case 4: break
    default:
      cursor.index = yearStart
      throw cursor.expected("a 2-digit year")
    }
    var date = try cursor.validatedDate(year: year, month: month, day: day)
    if !cursor.skip(UInt8(ascii: " ")) { throw cursor.expected("a space between the date and the time") }
    while cursor.skip(UInt8(ascii: " ")) {}
    var milliseconds = try cursor.readTimeOfDayMilliseconds()
    if !cursor.isAtEnd { throw cursor.unexpected(after: "the date-time") }
    if milliseconds >= 86_400_000 {
      date = date.adding(days: 1)
      milliseconds -= 86_400_000
    }
    return LocalDateTime(date: date, time: LocalTime(uncheckedMillisecondsOfDay: milliseconds))
  }

  /// "HH:MM", "HH:MM:SS", "HH:MM:SS.fff" (any fraction length; rounds to ms).
  ///
  /// A fraction that would round up to midnight (`23:59:59.9995`) gives 23:59:59.999 instead, since a time of day
  /// cannot roll over. Single-digit fields and surrounding whitespace are tolerated.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-date-time` naming the malformed or out-of-range field
  ///   (hour 24, minute 60 and second 60 are rejected).
  public static func parseTimeOfDay(_ text: String) throws -> LocalTime {
    try withBytes(of: text) { bytes in
      var cursor = ByteCursor(bytes)
      if cursor.isAtEnd { throw cursor.expected("a time of day") }
      let milliseconds = try cursor.readTimeOfDayMilliseconds()
      if !cursor.isAtEnd { throw cursor.unexpected(after: "the time") }
      return LocalTime(uncheckedMillisecondsOfDay: min(milliseconds, 86_399_999))
    }
  }

  /// Reads `±hh`, `±hhmm`, `±hh:mm` or `±hh:mm:ss` and returns the offset in seconds.
  private static func readOffset(_ cursor: inout ByteCursor) throws -> Int {
    let sign = cursor.current == UInt8(ascii: "-") ? -1 : 1
    cursor.index += 1
    let hours = try cursor.readFixedDigits(2, what: "a 2-digit offset hour")
    var minutes = 0
    var seconds = 0
    if cursor.skip(UInt8(ascii: ":")) {
      minutes = try cursor.readFixedDigits(2, what: "2-digit offset minutes")
      if cursor.skip(UInt8(ascii: ":")) {
        seconds = try cursor.readFixedDigits(2, what: "2-digit offset seconds")
      }
    } else if cursor.isAtDigit {
      minutes = try cursor.readFixedDigits(2, what: "2-digit offset minutes")
    }
    guard minutes <= 59 else { throw cursor.failure("offset minute \(minutes) is out of range") }
    guard seconds <= 59 else { throw cursor.failure("offset second \(seconds) is out of range") }
    let total = sign * (hours * 3600 + minutes * 60 + seconds)
    guard abs(total) <= maximumOffsetSeconds else {
      throw cursor.failure("offset \(TimestampRenderer.offset(seconds: total)) is beyond ±18:00")
    }
    return total
  }

  /// Runs `body` over the UTF-8 bytes of `text`, copying only when the string is not stored contiguously.
  @inline(__always)
  static func withBytes<Result>(
    of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) throws -> Result {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return try copy.withUTF8(body)
  }
}

/// ``DateTimeParser/parseUSShort(bytes:)`` for a run of export times of the same few days
/// (`{"dateTime":"05/18/15 05:25:00",…}` by the thousand): the date of the last `MM/dd/yy HH:mm:ss` read is kept,
/// so the next time of that day costs its clock only. Gives what the parser gives, always.
public struct USShortDateCache {
  /// The first 8 bytes (`MM/dd/yy`) of the last text of the plain form, and its date.
  private var key: UInt64 = 0
  private var date: LocalDate?

  public init() {}

  /// `try? DateTimeParser.parseUSShort(bytes: text)`.
  public mutating func parse(_ text: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
    let plain = USShortDateCache.isPlain(text)
    if plain, let date, USShortDateCache.key(of: text) == key {
      // The parser reads the same 9 bytes to the same date, then `HH:mm:ss` to the end.
      let hour = USShortDateCache.twoDigits(text, 9)
      let minute = USShortDateCache.twoDigits(text, 12)
      let second = USShortDateCache.twoDigits(text, 15)
      guard hour <= 23, minute <= 59, second <= 59 else { return nil }
      return LocalDateTime(
        date: date, time: LocalTime(uncheckedMillisecondsOfDay: ((hour * 60 + minute) * 60 + second) * 1000))
    }
    guard let local = try? DateTimeParser.parseUSShort(bytes: text) else { return nil }
    if plain {
      key = USShortDateCache.key(of: text)
      date = local.date
    }
    return local
  }

  /// 17 bytes: any 8, a space, then `DD:DD:DD`. When such a text parses, its date depends on the first 9 bytes only
  /// (the clock starts at the 10th and cannot roll over into the next day).
  @inline(__always)
  private static func isPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard text.count == 17, text[8] == UInt8(ascii: " "), text[11] == UInt8(ascii: ":"),
      text[14] == UInt8(ascii: ":")
    else { return false }
    @inline(__always) func digit(_ index: Int) -> Bool { text[index] &- 48 < 10 }
    return digit(9) && digit(10) && digit(12) && digit(13) && digit(15) && digit(16)
  }

  @inline(__always)
  private static func key(of text: UnsafeBufferPointer<UInt8>) -> UInt64 {
    UnsafeRawPointer(text.baseAddress!).loadUnaligned(as: UInt64.self)
  }

  @inline(__always)
  private static func twoDigits(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
    Int(text[index] &- 48) * 10 + Int(text[index + 1] &- 48)
  }
}
