/// A calendar date with no time or zone, in the proleptic Gregorian calendar.
///
/// Years from -1,000,000 to 1,000,000 are supported; ``description`` and ``parse(_:)`` use `yyyy-MM-dd`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// The date with these fields, or nil when they do not name a real day (`2022-09-31`, `2026-02-29`).
  public init?(year: Int, month: Int, day: Int) {
    guard CivilCalendar.minimumYear...CivilCalendar.maximumYear ~= year, 1...12 ~= month, day >= 1,
      day <= CivilCalendar.daysInMonth(year: year, month: month)
    else { return nil }
    self.init(uncheckedYear: year, month: month, day: day)
  }

  /// A date whose fields the caller has already validated.
  @inline(__always)
  init(uncheckedYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `daysSinceEpoch` days after 1970-01-01 (before it when negative).
  ///
  /// Day counts beyond the supported years clamp to the first or last supported day.
  public init(daysSinceEpoch: Int64) {
    let days = min(max(daysSinceEpoch, CivilCalendar.minimumDay), CivilCalendar.maximumDay)
    let (year, month, day) = CivilCalendar.civilFromDays(days)
    self.init(uncheckedYear: year, month: month, day: day)
  }

  /// Days since 1970-01-01 (which is day 0), negative before it.
  public var daysSinceEpoch: Int64 {
    CivilCalendar.daysFromCivil(year: year, month: month, day: day)
  }

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> LocalDate {
    LocalDate(daysSinceEpoch: daysSinceEpoch + Int64(days))
  }

  /// `2026-02-27`; years outside 0–9999 get a sign and at least four digits.
  public var description: String {
    String(unsafeUninitializedCapacity: 24) { buffer in
      var index = 0
      TextWriter.writeDate(self, into: buffer, at: &index)
      return index
    }
  }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// The date written as `yyyy-MM-dd`, surrounding whitespace tolerated.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-date-time` when the text is not a date in that form or
  ///   names a day that does not exist (`2022-09-31`).
  public static func parse(_ text: String) throws -> LocalDate {
    try DateTimeParser.withBytes(of: text) { bytes in
      var cursor = ByteCursor(bytes)
      if cursor.isAtEnd { throw cursor.failure("expected a date, found an empty value") }
      let date = try cursor.readDate()
      if !cursor.isAtEnd { throw cursor.unexpected(after: "the date") }
      return date
    }
  }
}
