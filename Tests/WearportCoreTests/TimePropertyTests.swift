import Foundation
import Testing
import WearportTestSupport

@testable import WearportCore

/// Property tests over a fixed-seed generator: the same cases every run.
struct TimePropertyTests {
  /// 1900-01-01T00:00:00Z.
  static let earliest: Int64 = -2_208_988_800_000
  /// 2200-12-31T23:59:59.999Z.
  static let latest: Int64 = 7_289_654_399_999

  @Test func renderedInstantsParseBack() throws {
    var generator = SplitMix(seed: 0x5EED_0001)
    for _ in 0..<propertyCaseCount {
      let milliseconds = Int64.random(in: Self.earliest...Self.latest, using: &generator)
      let instant = Instant(millisecondsSinceEpoch: milliseconds)
      for text in [TimestampRenderer.utc(instant), TimestampRenderer.utcMilliseconds(instant)] {
        let parsed = try DateTimeParser.parse(text)
        guard parsed.isUTC, parsed.instant == instant else {
          Issue.record("\(text) parsed as \(parsed), expected \(milliseconds)")
          return
        }
      }
    }
  }

  @Test func renderedLocalTimestampsParseBack() throws {
    var generator = SplitMix(seed: 0x5EED_0002)
    for _ in 0..<propertyCaseCount {
      let milliseconds = Int64.random(in: Self.earliest...Self.latest, using: &generator)
      let offset = Int.random(in: -48...56, using: &generator) * 900  // quarter hours from -12:00 to +14:00
      let timestamp = Timestamp(
        instant: Instant(millisecondsSinceEpoch: milliseconds), utcOffsetSeconds: offset, offsetSource: .explicit)
      let text = TimestampRenderer.local(timestamp)
      let resolved = OffsetPolicy.resolve(try DateTimeParser.parse(text), context: OffsetContext())
      guard resolved.timestamp == timestamp, resolved.warning == nil else {
        Issue.record("\(text) resolved to \(resolved.timestamp)")
        return
      }
    }
  }

  @Test func durationsFormatAndParseBack() throws {
    var generator = SplitMix(seed: 0x5EED_0003)
    for index in 0..<propertyCaseCount {
      // Mix whole seconds, minutes and hours in with arbitrary millisecond counts.
      var milliseconds = Int64.random(in: 0...10_000_000_000, using: &generator)
      if index % 4 == 1 { milliseconds -= milliseconds % 1000 }
      if index % 4 == 2 { milliseconds -= milliseconds % 60000 }
      if index % 4 == 3 { milliseconds = Int64.random(in: 0...100_000, using: &generator) }
      let text = ISODuration.format(milliseconds: milliseconds)
      let duration = try ISODuration.parse(text)
      let fromSeconds = ISODuration.format(seconds: Double(milliseconds) / 1000)
      guard duration.totalMilliseconds == milliseconds, fromSeconds == text else {
        Issue.record("\(milliseconds) ms formatted as \(text) (\(fromSeconds)), parsed as \(duration)")
        return
      }
    }
  }

  @Test func dayCountsRoundTrip() {
    var generator = SplitMix(seed: 0x5EED_0004)
    for _ in 0..<propertyCaseCount {
      let days = Int64.random(in: CivilCalendar.minimumDay..<CivilCalendar.maximumDay, using: &generator)
      let date = LocalDate(daysSinceEpoch: days)
      let rebuilt = LocalDate(year: date.year, month: date.month, day: date.day)
      let next = LocalDate(daysSinceEpoch: days + 1)
      guard date.daysSinceEpoch == days, rebuilt == date, date < next, date.adding(days: 1) == next else {
        Issue.record("day \(days) gave \(date)")
        return
      }
    }
  }

  @Test func dateStringsRoundTrip() throws {
    var generator = SplitMix(seed: 0x5EED_0005)
    for _ in 0..<propertyCaseCount {
      let days = Int64.random(in: -719_162...2_932_896, using: &generator)  // years 0001 through 9999
      let date = LocalDate(daysSinceEpoch: days)
      guard try LocalDate.parse(date.description) == date else {
        Issue.record("\(date) did not parse back")
        return
      }
    }
  }

  static let zones = [
    "Europe/Berlin", "America/Los_Angeles", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
    "America/St_Johns", "Pacific/Chatham", "Asia/Pyongyang", "America/Sao_Paulo", "Africa/Casablanca", "UTC",
  ]

  @Test(arguments: zones)
  func zoneOffsetsMatchFoundation(_ name: String) throws {
    let zone = try ZoneRules(identifier: name)
    let reference = try #require(TimeZone(identifier: name))
    var generator = SplitMix(seed: 0x5EED_0006)
    for _ in 0..<propertyCaseCount {
      let milliseconds = Int64.random(in: Self.earliest...Self.latest, using: &generator)
      // Transitions fall on whole seconds, so the offset at the fractional instant is the offset of its second.
      let expected = reference.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
      let actual = zone.offsetSeconds(at: Instant(millisecondsSinceEpoch: milliseconds))
      guard actual == expected else {
        Issue.record("\(name) at \(milliseconds) ms: \(actual), Foundation says \(expected)")
        return
      }
    }
  }

  @Test(arguments: zones)
  func localTimesResolveBackToTheirInstant(_ name: String) throws {
    let zone = try ZoneRules(identifier: name)
    var generator = SplitMix(seed: 0x5EED_0007)
    var overlaps = 0
    for _ in 0..<propertyCaseCount {
      let instant = Instant(millisecondsSinceEpoch: Int64.random(in: Self.earliest...Self.latest, using: &generator))
      let offset = zone.offsetSeconds(at: instant)
      let local = Timestamp(instant: instant, utcOffsetSeconds: offset, offsetSource: .timeZone).local
      let resolved = zone.resolve(local)
      switch resolved.resolution {
      case .unique:
        guard resolved.instant == instant, resolved.offsetSeconds == offset else {
          Issue.record("\(name): \(local) resolved to \(resolved.instant), expected \(instant)")
          return
        }
      case .overlap:
        // The earlier of the two instants showing this wall clock, which shows it too.
        overlaps += 1
        let shown = Timestamp(
          instant: resolved.instant, utcOffsetSeconds: resolved.offsetSeconds, offsetSource: .timeZone)
        guard resolved.instant <= instant, shown.local == local else {
          Issue.record("\(name): overlap \(local) resolved to \(resolved.instant)")
          return
        }
      case .gap:
        Issue.record("\(name): \(local) is the wall clock of \(instant), so it cannot be in a gap")
        return
      }
    }
    #expect(overlaps < propertyCaseCount / 100)
  }

  @Test func localTimesAroundTransitionsResolveBack() throws {
    // Instants within an hour of each 2026 transition in Berlin, where gaps and overlaps live.
    let zone = try ZoneRules(identifier: "Europe/Berlin")
    var generator = SplitMix(seed: 0x5EED_0008)
    let transitions: [Int64] = [1_774_746_000_000, 1_792_890_000_000]
    for _ in 0..<propertyCaseCount {
      let transition = transitions[Int.random(in: 0...1, using: &generator)]
      let instant = Instant(
        millisecondsSinceEpoch: transition + Int64.random(in: -7_200_000...7_200_000, using: &generator))
      let offset = zone.offsetSeconds(at: instant)
      let local = Timestamp(instant: instant, utcOffsetSeconds: offset, offsetSource: .timeZone).local
      let resolved = zone.resolve(local)
      let inOverlap =
        transition == 1_792_890_000_000 && abs(instant - Instant(millisecondsSinceEpoch: transition)) < 3_600_000
      if inOverlap {
        #expect(resolved.resolution == .overlap)
        #expect(resolved.instant <= instant && resolved.offsetSeconds == 7200)
      } else {
        #expect(resolved.resolution == .unique)
        #expect(resolved.instant == instant)
      }
    }
  }
}
