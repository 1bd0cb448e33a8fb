import Foundation

/// IANA zone rules with local→UTC resolution that handles DST gaps and overlaps; caches offsets (called per sample).
///
/// Offsets come from Foundation's `TimeZone` (the system tz database), read once per span of about a year and kept
/// as a list of constant-offset segments, so a lookup is a cached range check. Instances are safe to share between
/// threads (a lock guards the cache). Local-time resolution assumes that a zone's offset changes at most once within
/// any 48 hours, which holds for every zone in the database.
public final class ZoneRules: @unchecked Sendable {
  /// The zone name as given (`Europe/Berlin`).
  public let identifier: String
  private let zone: TimeZone
  private let lock = NSLock()
  /// Segments by chunk number (`floor(seconds / chunkSeconds)`), each list covering its whole chunk in order.
  private var chunks: [Int64: [Segment]] = [:]
  /// The segment of the last lookup; samples arrive in time order, so this almost always hits.
  private var recent = Segment(start: 0, end: 0, offset: 0)

  /// A span `[start, end)` of Unix seconds with one UTC offset.
  private struct Segment {
    var start: Int64
    var end: Int64
    var offset: Int
  }

  /// About 388 days per chunk.
  private static let chunkSeconds: Int64 = 1 << 25
  /// Lookups are clamped to about ±34,800 years, well inside what the tz database answers sensibly.
  private static let secondsLimit: Int64 = 1 << 40

  /// The rules of the IANA zone `identifier` (`Europe/Berlin`, `America/Los_Angeles`, `UTC`).
  ///
  /// Surrounding whitespace is ignored and `UTC`, `utc` and `Z` all name UTC.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-zone` when the system time zone database has no such zone.
  public init(identifier: String) throws {
    let name = identifier.trimmingCharacters(in: .whitespacesAndNewlines)
    let lookup = ["utc", "z"].contains(name.lowercased()) ? "UTC" : name
    guard !name.isEmpty, let zone = TimeZone(identifier: lookup) else {
      throw Diagnostic.error(
        .timeInvalidZone,
        "unknown time zone \"\(identifier)\": expected an IANA zone name such as Europe/Berlin or America/Los_Angeles")
    }
    self.identifier = name
    self.zone = zone
  }

  /// The UTC offset in seconds (east positive) that applies at `instant`.
  public func offsetSeconds(at instant: Instant) -> Int {
    let seconds = CivilCalendar.floorDivide(instant.millisecondsSinceEpoch, 1000)
    lock.lock()
    defer { lock.unlock() }
    return offsetLocked(atSecond: seconds)
  }

  /// How a local wall-clock reading maps onto the zone's instants.
  public enum LocalResolution: Sendable, Equatable {
    /// Exactly one instant shows that wall clock.
    case unique
    /// No instant shows it: the clocks jumped over it (spring forward).
    case gap
    /// Two instants show it: the clocks ran through it twice (fall back).
    case overlap
  }

  /// Local wall clock → instant. Gap (spring forward, e.g. Europe/Berlin 2026-03-29 02:30): shift forward by the gap
  /// (02:30 → 03:30+02:00). Overlap (fall back, 2026-10-25 02:30): the earlier instant (the summer offset).
  ///
  /// The returned offset is the one that applies at the returned instant, so in a gap the instant's local wall
  /// clock is the given one moved forward by the gap's length.
  public func resolve(_ local: LocalDateTime) -> (instant: Instant, offsetSeconds: Int, resolution: LocalResolution) {
    let wall = local.millisecondsSinceEpochAsUTC
    let wallSeconds = CivilCalendar.floorDivide(wall, 1000)
    lock.lock()
    defer { lock.unlock() }
    let before = offsetLocked(atSecond: wallSeconds - 86400)
    let after = offsetLocked(atSecond: wallSeconds + 86400)
    let beforeFits = offsetLocked(atSecond: wallSeconds - Int64(before)) == before
    if before == after {
      if beforeFits { return (instant(wall, before), before, .unique) }
      // Two changes within the window (not in the real database): fall back to the offset found there.
      let found = offsetLocked(atSecond: wallSeconds - Int64(before))
      let foundFits = offsetLocked(atSecond: wallSeconds - Int64(found)) == found
      if foundFits { return (instant(wall, found), found, .unique) }
      return gapResult(wall, before)
    }
    let afterFits = offsetLocked(atSecond: wallSeconds - Int64(after)) == after
    switch (beforeFits, afterFits) {
    case (true, true):
      // Fall back: the larger offset gives the earlier instant.
      let earlier = max(before, after)
      return (instant(wall, earlier), earlier, .overlap)
    case (true, false): return (instant(wall, before), before, .unique)
    case (false, true): return (instant(wall, after), after, .unique)
    case (false, false): return gapResult(wall, before)
    }
  }

  /// In a gap, reading the wall clock with the offset from before the gap lands after the transition.
  private func gapResult(_ wall: Int64, _ before: Int) -> (
    instant: Instant, offsetSeconds: Int, resolution: LocalResolution
  ) {
    let shifted = instant(wall, before)
    let offset = offsetLocked(atSecond: CivilCalendar.floorDivide(shifted.millisecondsSinceEpoch, 1000))
    return (shifted, offset, .gap)
  }

  private func instant(_ wall: Int64, _ offset: Int) -> Instant {
    Instant(millisecondsSinceEpoch: wall - Int64(offset) * 1000)
  }

  /// The offset at a Unix second; the caller holds the lock.
  private func offsetLocked(atSecond rawSecond: Int64) -> Int {
    let second = min(max(rawSecond, -ZoneRules.secondsLimit), ZoneRules.secondsLimit)
    if second >= recent.start && second < recent.end { return recent.offset }
    let chunk = CivilCalendar.floorDivide(second, ZoneRules.chunkSeconds)
    let segments: [Segment]
    if let cached = chunks[chunk] {
      segments = cached
    } else {
      segments = computeSegments(chunk: chunk)
      chunks[chunk] = segments
    }
    // A chunk rarely holds more than three segments; a linear scan is fastest.
    for segment in segments where second < segment.end {
      recent = segment
      return segment.offset
    }
    recent = segments[segments.count - 1]
    return recent.offset
  }

  /// Walks the zone's transitions through one chunk.
  private func computeSegments(chunk: Int64) -> [Segment] {
    let chunkStart = chunk * ZoneRules.chunkSeconds
    let chunkEnd = chunkStart + ZoneRules.chunkSeconds
    var segments: [Segment] = []
    var start = chunkStart
    var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(chunkStart)))
    var cursor = Date(timeIntervalSince1970: Double(chunkStart))
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
      let transition = Int64(next.timeIntervalSince1970.rounded(.up))
      guard transition > start, transition < chunkEnd else { break }
      let newOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(transition)))
      if newOffset != offset {
        segments.append(Segment(start: start, end: transition, offset: offset))
        start = transition
        offset = newOffset
      }
      cursor = Date(timeIntervalSince1970: Double(transition))
    }
    segments.append(Segment(start: start, end: chunkEnd, offset: offset))
    return segments
  }
}
