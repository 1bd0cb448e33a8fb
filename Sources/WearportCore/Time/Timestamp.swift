/// Where a record's local UTC offset came from.
///
/// The raw values are the spellings used in output files (`source_field`, `time_zone`).
public enum OffsetSource: String, Sendable, Codable, CaseIterable {
  /// An offset written in the value itself: `+09:00`.
  case explicit
  /// The value was a UTC instant (`Z`) and nothing told the local offset; local = UTC.
  case utc
  /// An offset field next to the value (Polar `start_time_utc_offset`).
  case sourceField = "source_field"
  /// The `--timezone` IANA zone, with its DST rules.
  case timeZone = "time_zone"
  /// A user profile offset (Fitbit `offsetFromUTCMillis`).
  case profile
  /// A local-only value with nothing to anchor it: offset assumed 0 and warned.
  case unknown
}

/// A moment: the UTC instant, the local UTC offset that applied there, and where that offset came from.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
  /// The exact moment.
  public var instant: Instant
  /// The local clock's offset from UTC at that moment, east positive (`+09:00` is 32,400).
  public var utcOffsetSeconds: Int
  /// Where ``utcOffsetSeconds`` came from.
  public var offsetSource: OffsetSource

  public init(instant: Instant, utcOffsetSeconds: Int, offsetSource: OffsetSource) {
    self.instant = instant
    self.utcOffsetSeconds = utcOffsetSeconds
    self.offsetSource = offsetSource
  }

  /// The local wall clock: the instant shifted by the offset.
  public var local: LocalDateTime {
    LocalDateTime(millisecondsSinceEpochAsUTC: instant.millisecondsSinceEpoch + Int64(utcOffsetSeconds) * 1000)
  }

  /// The moment `milliseconds` later (earlier when negative), with the same offset and source.
  public func adding(milliseconds: Int64) -> Timestamp {
    Timestamp(
      instant: instant.adding(milliseconds: milliseconds), utcOffsetSeconds: utcOffsetSeconds,
      offsetSource: offsetSource)
  }

  /// The local rendering with its offset, `2026-02-27T00:42:39+09:00`.
  public var description: String { TimestampRenderer.local(self) }
}
