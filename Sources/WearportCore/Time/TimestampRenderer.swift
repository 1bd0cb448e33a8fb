/// The one renderer for timestamps everywhere (CSV, JSONL, reports). Pinned by tests.
///
/// All forms are RFC 3339 / ISO 8601 extended: `2026-02-26T15:42:39Z`, milliseconds only when they are not zero
/// (except ``utcMilliseconds(_:)``), offsets as `+09:00`. Rendering writes bytes directly; no formatter is involved.
public enum TimestampRenderer {
  /// `2026-02-26T15:42:39Z`, or `2026-02-26T15:42:39.500Z` when the milliseconds are not zero.
  public static func utc(_ instant: Instant) -> String {
    render(LocalDateTime(millisecondsSinceEpochAsUTC: instant.millisecondsSinceEpoch), offset: nil, always: false)
  }

  /// `2026-02-26T15:42:39.000Z`: always with milliseconds, as TCX writers expect.
  public static func utcMilliseconds(_ instant: Instant) -> String {
    render(LocalDateTime(millisecondsSinceEpochAsUTC: instant.millisecondsSinceEpoch), offset: nil, always: true)
  }

  /// The local wall clock with its offset: `2026-02-27T00:42:39+09:00`, `…-07:00`, `…+00:00`; milliseconds as in
  /// ``utc(_:)``.
  public static func local(_ timestamp: Timestamp) -> String {
    render(timestamp.local, offset: timestamp.utcOffsetSeconds, always: false)
  }

  /// An offset from UTC: `+09:00`, `-03:30`, `+00:00` (`±HH:mm:ss` only for offsets with seconds).
  public static func offset(seconds: Int) -> String {
    String(unsafeUninitializedCapacity: 12) { buffer in
      var index = 0
      TextWriter.writeOffset(seconds, into: buffer, at: &index)
      return index
    }
  }

  /// Appends ``utc(_:)`` (or ``utcMilliseconds(_:)`` when `alwaysMilliseconds`) to `output`, without a `String`.
  @inlinable
  public static func appendUTC(_ instant: Instant, alwaysMilliseconds: Bool = false, to output: inout [UInt8]) {
    append(
      LocalDateTime(millisecondsSinceEpochAsUTC: instant.millisecondsSinceEpoch), offset: nil,
      always: alwaysMilliseconds, to: &output)
  }

  /// Appends ``local(_:)`` to `output`, without a `String`.
  @inlinable
  public static func appendLocal(_ timestamp: Timestamp, to output: inout [UInt8]) {
    append(timestamp.local, offset: timestamp.utcOffsetSeconds, always: false, to: &output)
  }

  @usableFromInline
  static func append(_ value: LocalDateTime, offset: Int?, always: Bool, to output: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
      var index = 0
      write(value, offset: offset, always: always, into: buffer, at: &index)
      output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<index]))
    }
  }

  /// The date-time, then `Z` when `offset` is nil or the offset otherwise.
  private static func render(_ value: LocalDateTime, offset: Int?, always: Bool) -> String {
    String(unsafeUninitializedCapacity: 48) { buffer in
      var index = 0
      write(value, offset: offset, always: always, into: buffer, at: &index)
      return index
    }
  }

  private static func write(
    _ value: LocalDateTime, offset: Int?, always: Bool, into buffer: UnsafeMutableBufferPointer<UInt8>,
    at index: inout Int
  ) {
    TextWriter.writeDateTime(value, into: buffer, at: &index, alwaysMilliseconds: always)
    if let offset {
      TextWriter.writeOffset(offset, into: buffer, at: &index)
    } else {
      TextWriter.write(UInt8(ascii: "Z"), into: buffer, at: &index)
    }
  }
}

/// ``TimestampRenderer/appendUTC(_:alwaysMilliseconds:to:)`` and ``TimestampRenderer/appendLocal(_:to:)`` for a
/// column of times that keeps to a few days (a sample table): the date of the last day written is kept, so a time of
/// the same day costs its clock only, not the calendar arithmetic. The same bytes as the renderer, always.
public struct TimestampTextCache {
  private var day = Int64.min
  private var date = LocalDate(uncheckedYear: 1970, month: 1, day: 1)

  public init() {}

  /// Appends ``TimestampRenderer/utc(_:)`` (or ``TimestampRenderer/utcMilliseconds(_:)``) of `instant`.
  public mutating func appendUTC(_ instant: Instant, alwaysMilliseconds: Bool = false, to output: inout [UInt8]) {
    append(wall: instant.millisecondsSinceEpoch, offset: nil, always: alwaysMilliseconds, to: &output)
  }

  /// Appends ``TimestampRenderer/local(_:)`` of `timestamp`.
  public mutating func appendLocal(_ timestamp: Timestamp, to output: inout [UInt8]) {
    append(
      wall: timestamp.instant.millisecondsSinceEpoch + Int64(timestamp.utcOffsetSeconds) * 1000,
      offset: timestamp.utcOffsetSeconds, always: false, to: &output)
  }

  private mutating func append(wall milliseconds: Int64, offset: Int?, always: Bool, to output: inout [UInt8]) {
    // As LocalDateTime(millisecondsSinceEpochAsUTC:), with the date looked up only when the day changes.
    let days = CivilCalendar.floorDivide(milliseconds, CivilCalendar.millisecondsPerDay)
    let ofDay = CivilCalendar.floorModulo(milliseconds, CivilCalendar.millisecondsPerDay)
    if days != day {
      day = days
      date = LocalDate(daysSinceEpoch: days)
    }
    let value = LocalDateTime(date: date, time: LocalTime(uncheckedMillisecondsOfDay: Int(ofDay)))
    TimestampRenderer.append(value, offset: offset, always: always, to: &output)
  }
}
