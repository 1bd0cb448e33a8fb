/// A wall-clock time of day with millisecond resolution and no date or zone.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let hour: Int
  public let minute: Int
  public let second: Int
  public let millisecond: Int

  /// The time with these fields, or nil when one is out of range (hour 0–23, minute and second 0–59,
  /// millisecond 0–999).
  public init?(hour: Int, minute: Int, second: Int = 0, millisecond: Int = 0) {
    guard 0...23 ~= hour, 0...59 ~= minute, 0...59 ~= second, 0...999 ~= millisecond else { return nil }
    self.init(uncheckedHour: hour, minute: minute, second: second, millisecond: millisecond)
  }

  /// A time whose fields the caller has already validated.
  @inline(__always)
  init(uncheckedHour hour: Int, minute: Int, second: Int, millisecond: Int) {
    self.hour = hour
    self.minute = minute
    self.second = second
    self.millisecond = millisecond
  }

  /// The time `millisecondsOfDay` (0 ..< 86,400,000) after midnight.
  @inline(__always)
  init(uncheckedMillisecondsOfDay value: Int) {
    self.init(
      uncheckedHour: value / 3_600_000, minute: value / 60_000 % 60, second: value / 1000 % 60,
      millisecond: value % 1000)
  }

  /// Midnight, 00:00:00.000.
  public static let midnight = LocalTime(uncheckedHour: 0, minute: 0, second: 0, millisecond: 0)

  /// Milliseconds since midnight, 0 ..< 86,400,000.
  public var millisecondsOfDay: Int {
    ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
  }

  /// `07:50:17`, or `07:50:17.500` when the milliseconds are not zero.
  public var description: String {
    String(unsafeUninitializedCapacity: 16) { buffer in
      var index = 0
      TextWriter.writeTime(self, into: buffer, at: &index, alwaysMilliseconds: false)
      return index
    }
  }

  public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
    lhs.millisecondsOfDay < rhs.millisecondsOfDay
  }
}
