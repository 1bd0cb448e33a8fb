/// Turns date-less time-of-day keys ("23:58", "00:01", …) into date-times, rolling over at midnight.
///
/// Feed the keys in document order. The first key falls on the anchor date; each key earlier than the one before
/// it starts a new day. Equal keys stay on the same day.
public struct TimeOfDaySequence: Sendable {
  private var date: LocalDate
  private var previous: LocalTime?

  /// A sequence whose first key falls on `anchor`.
  public init(anchor: LocalDate) {
    self.date = anchor
  }

  /// The next key in document order: a time earlier than the previous one means the next day.
  public mutating func next(_ time: LocalTime) -> LocalDateTime {
    if let previous, time < previous {
      date = date.adding(days: 1)
    }
    previous = time
    return LocalDateTime(date: date, time: time)
  }
}
