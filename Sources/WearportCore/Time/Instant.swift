/// A UTC instant with millisecond resolution (all inputs are at most millisecond-precise).
///
/// Counted in milliseconds from 1970-01-01T00:00:00Z, negative before it. Encodes as that bare integer.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z.
  public var millisecondsSinceEpoch: Int64

  /// The instant `millisecondsSinceEpoch` milliseconds after the Unix epoch.
  @inlinable
  public init(millisecondsSinceEpoch: Int64) {
    self.millisecondsSinceEpoch = millisecondsSinceEpoch
  }

  /// The instant `secondsSinceEpoch` seconds after the Unix epoch, rounded to the nearest millisecond.
  ///
  /// Halves round away from zero. Values beyond the `Int64` millisecond range clamp to it; NaN gives the epoch.
  public init(secondsSinceEpoch: Double) {
    self.millisecondsSinceEpoch = Instant.roundedMilliseconds(secondsSinceEpoch)
  }

  /// Seconds since the Unix epoch, with the milliseconds as a fraction.
  public var secondsSinceEpoch: Double {
    Double(millisecondsSinceEpoch) / 1000
  }

  /// The instant `milliseconds` later (earlier when negative).
  @inlinable
  public func adding(milliseconds: Int64) -> Instant {
    Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
  }

  /// The instant `seconds` later (earlier when negative), with the step rounded to the nearest millisecond.
  public func adding(seconds: Double) -> Instant {
    adding(milliseconds: Instant.roundedMilliseconds(seconds))
  }

  /// The milliseconds from `rhs` to `lhs` (positive when `lhs` is later).
  @inlinable
  public static func - (lhs: Instant, rhs: Instant) -> Int64 {
    lhs.millisecondsSinceEpoch - rhs.millisecondsSinceEpoch
  }

  @inlinable
  public static func < (lhs: Instant, rhs: Instant) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }

  /// The UTC rendering, `2026-02-26T15:42:39Z`.
  public var description: String { TimestampRenderer.utc(self) }

  public init(from decoder: any Decoder) throws {
    millisecondsSinceEpoch = try decoder.singleValueContainer().decode(Int64.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(millisecondsSinceEpoch)
  }

  /// `seconds × 1000` rounded half away from zero, clamped to `Int64`; NaN gives 0.
  static func roundedMilliseconds(_ seconds: Double) -> Int64 {
    let milliseconds = (seconds * 1000).rounded()
    if milliseconds.isNaN { return 0 }
    // 2^63 is exactly representable; anything at or above it does not fit.
    if milliseconds >= 9_223_372_036_854_775_808.0 { return .max }
    if milliseconds < -9_223_372_036_854_775_808.0 { return .min }
    return Int64(milliseconds)
  }
}
