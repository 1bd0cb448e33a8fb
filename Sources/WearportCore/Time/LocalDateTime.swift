/// A wall-clock date and time with no zone.
///
/// It names a reading of a clock, not a moment: pair it with a UTC offset (see ``Timestamp`` and ``OffsetPolicy``)
/// to get an ``Instant``.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let date: LocalDate
  public let time: LocalTime

  /// The wall clock showing `time` on `date`.
  public init(date: LocalDate, time: LocalTime) {
    self.date = date
    self.time = time
  }

  /// The wall clock of that instant in UTC.
  ///
  /// Every `Int64` value maps to a date within the supported years.
  public init(millisecondsSinceEpochAsUTC milliseconds: Int64) {
    let days = CivilCalendar.floorDivide(milliseconds, CivilCalendar.millisecondsPerDay)
    let ofDay = CivilCalendar.floorModulo(milliseconds, CivilCalendar.millisecondsPerDay)
    self.init(date: LocalDate(daysSinceEpoch: days), time: LocalTime(uncheckedMillisecondsOfDay: Int(ofDay)))
  }

  /// The wall clock read as if it were UTC, in milliseconds since the Unix epoch.
  public var millisecondsSinceEpochAsUTC: Int64 {
    date.daysSinceEpoch * CivilCalendar.millisecondsPerDay + Int64(time.millisecondsOfDay)
  }

  /// The wall clock `milliseconds` later (earlier when negative), rolling over days, months and years.
  public func adding(milliseconds: Int64) -> LocalDateTime {
    LocalDateTime(millisecondsSinceEpochAsUTC: millisecondsSinceEpochAsUTC + milliseconds)
  }

  /// `2026-02-27T00:42:39`, or `2026-02-27T00:42:39.500` when the milliseconds are not zero.
  public var description: String {
    String(unsafeUninitializedCapacity: 40) { buffer in
      var index = 0
      TextWriter.writeDateTime(self, into: buffer, at: &index, alwaysMilliseconds: false)
      return index
    }
  }

  public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
    lhs.date != rhs.date ? lhs.date < rhs.date : lhs.time < rhs.time
  }
}
