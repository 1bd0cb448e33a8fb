import Foundation
import Testing
import WearportTestSupport

@testable import WearportCore

struct ZoneRulesTests {
  static let berlin = try! ZoneRules(identifier: "Europe/Berlin")
  static let losAngeles = try! ZoneRules(identifier: "America/Los_Angeles")

  private func local(_ text: String) throws -> LocalDateTime {
    try DateTimeParser.parse(text).local
  }

  private func instant(_ text: String) throws -> Instant {
    try #require(DateTimeParser.parse(text).instant)
  }

  struct Resolution: Sendable, CustomTestStringConvertible {
    var zone: String
    var local: String
    var utc: String
    var offset: Int
    var resolution: ZoneRules.LocalResolution
    var rendered: String
    var testDescription: String { "\(zone) \(local)" }
  }

  @Test(arguments: [
    // Europe/Berlin springs forward at 02:00 → 03:00 on 2026-03-29.
    Resolution(
      zone: "Europe/Berlin", local: "2026-03-29T01:59:59", utc: "2026-03-29T00:59:59Z", offset: 3600,
      resolution: .unique, rendered: "2026-03-29T01:59:59+01:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-03-29T03:00:00", utc: "2026-03-29T01:00:00Z", offset: 7200,
      resolution: .unique, rendered: "2026-03-29T03:00:00+02:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-03-29T02:30:00", utc: "2026-03-29T01:30:00Z", offset: 7200,
      resolution: .gap, rendered: "2026-03-29T03:30:00+02:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-03-29T02:00:00", utc: "2026-03-29T01:00:00Z", offset: 7200,
      resolution: .gap, rendered: "2026-03-29T03:00:00+02:00"),
    // It falls back at 03:00 → 02:00 on 2026-10-25.
    Resolution(
      zone: "Europe/Berlin", local: "2026-10-25T02:30:00", utc: "2026-10-25T00:30:00Z", offset: 7200,
      resolution: .overlap, rendered: "2026-10-25T02:30:00+02:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-10-25T02:00:00", utc: "2026-10-25T00:00:00Z", offset: 7200,
      resolution: .overlap, rendered: "2026-10-25T02:00:00+02:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-10-25T03:00:00", utc: "2026-10-25T02:00:00Z", offset: 3600,
      resolution: .unique, rendered: "2026-10-25T03:00:00+01:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-10-25T01:59:59", utc: "2026-10-24T23:59:59Z", offset: 7200,
      resolution: .unique, rendered: "2026-10-25T01:59:59+02:00"),
    Resolution(
      zone: "Europe/Berlin", local: "2026-07-01T12:00:00.250", utc: "2026-07-01T10:00:00.250Z", offset: 7200,
      resolution: .unique, rendered: "2026-07-01T12:00:00.250+02:00"),
    // America/Los_Angeles springs forward at 02:00 → 03:00 on 2026-03-08 and falls back 02:00 → 01:00 on 2026-11-01.
    Resolution(
      zone: "America/Los_Angeles", local: "2026-03-08T01:59:59", utc: "2026-03-08T09:59:59Z", offset: -28800,
      resolution: .unique, rendered: "2026-03-08T01:59:59-08:00"),
    Resolution(
      zone: "America/Los_Angeles", local: "2026-03-08T03:00:00", utc: "2026-03-08T10:00:00Z", offset: -25200,
      resolution: .unique, rendered: "2026-03-08T03:00:00-07:00"),
    Resolution(
      zone: "America/Los_Angeles", local: "2026-03-08T02:30:00", utc: "2026-03-08T10:30:00Z", offset: -25200,
      resolution: .gap, rendered: "2026-03-08T03:30:00-07:00"),
    Resolution(
      zone: "America/Los_Angeles", local: "2026-11-01T01:30:00", utc: "2026-11-01T08:30:00Z", offset: -25200,
      resolution: .overlap, rendered: "2026-11-01T01:30:00-07:00"),
    Resolution(
      zone: "America/Los_Angeles", local: "2026-11-01T02:00:00", utc: "2026-11-01T10:00:00Z", offset: -28800,
      resolution: .unique, rendered: "2026-11-01T02:00:00-08:00"),
    Resolution(
      zone: "America/Los_Angeles", local: "2026-11-01T00:59:59", utc: "2026-11-01T07:59:59Z", offset: -25200,
      resolution: .unique, rendered: "2026-11-01T00:59:59-07:00"),
    // Half-hour zones and the southern hemisphere.
    Resolution(
      zone: "Asia/Kolkata", local: "2026-02-27T06:00:00", utc: "2026-02-27T00:30:00Z", offset: 19800,
      resolution: .unique, rendered: "2026-02-27T06:00:00+05:30"),
    Resolution(
      zone: "Australia/Sydney", local: "2026-04-05T02:30:00", utc: "2026-04-04T15:30:00Z", offset: 39600,
      resolution: .overlap, rendered: "2026-04-05T02:30:00+11:00"),
    Resolution(
      zone: "Australia/Lord_Howe", local: "2026-10-04T02:15:00", utc: "2026-10-03T15:45:00Z", offset: 39600,
      resolution: .gap, rendered: "2026-10-04T02:45:00+11:00"),
  ])
  func resolvesLocalTimes(_ value: Resolution) throws {
    let zone = try ZoneRules(identifier: value.zone)
    let resolved = zone.resolve(try local(value.local))
    #expect(TimestampRenderer.utc(resolved.instant) == value.utc)
    #expect(resolved.offsetSeconds == value.offset)
    #expect(resolved.resolution == value.resolution)
    let timestamp = Timestamp(
      instant: resolved.instant, utcOffsetSeconds: resolved.offsetSeconds, offsetSource: .timeZone)
    #expect(TimestampRenderer.local(timestamp) == value.rendered)
    #expect(zone.offsetSeconds(at: resolved.instant) == resolved.offsetSeconds)
  }

  @Test func offsetsAroundTransitions() throws {
    let berlin = Self.berlin
    #expect(berlin.offsetSeconds(at: try instant("2026-03-29T00:59:59.999Z")) == 3600)
    #expect(berlin.offsetSeconds(at: try instant("2026-03-29T01:00:00Z")) == 7200)
    #expect(berlin.offsetSeconds(at: try instant("2026-10-25T00:59:59.999Z")) == 7200)
    #expect(berlin.offsetSeconds(at: try instant("2026-10-25T01:00:00Z")) == 3600)
    let losAngeles = Self.losAngeles
    #expect(losAngeles.offsetSeconds(at: try instant("2026-03-08T09:59:59Z")) == -28800)
    #expect(losAngeles.offsetSeconds(at: try instant("2026-03-08T10:00:00Z")) == -25200)
    #expect(losAngeles.offsetSeconds(at: try instant("2026-11-01T08:59:59Z")) == -25200)
    #expect(losAngeles.offsetSeconds(at: try instant("2026-11-01T09:00:00Z")) == -28800)
    // Jumping back and forth between distant years exercises the cache.
    #expect(losAngeles.offsetSeconds(at: try instant("1950-07-01T12:00:00Z")) == -25200)
    #expect(losAngeles.offsetSeconds(at: try instant("2150-01-01T12:00:00Z")) == -28800)
    #expect(losAngeles.offsetSeconds(at: try instant("2026-07-01T12:00:00Z")) == -25200)
  }

  @Test func historicalChangesOutsideDaylightSaving() throws {
    // Pyongyang moved from +09:00 to +08:30 on 2015-08-15 and back on 2018-05-05.
    let pyongyang = try ZoneRules(identifier: "Asia/Pyongyang")
    #expect(pyongyang.offsetSeconds(at: try instant("2016-01-01T00:00:00Z")) == 30600)
    #expect(pyongyang.offsetSeconds(at: try instant("2019-01-01T00:00:00Z")) == 32400)
    #expect(pyongyang.offsetSeconds(at: try instant("2014-01-01T00:00:00Z")) == 32400)
  }

  @Test(arguments: ["UTC", "utc", "Z", "Etc/UTC", " Europe/Berlin "])
  func acceptsNames(_ name: String) throws {
    let zone = try ZoneRules(identifier: name)
    #expect(zone.identifier == name.trimmingCharacters(in: .whitespaces))
  }

  @Test func utcHasNoOffset() throws {
    let zone = try ZoneRules(identifier: "UTC")
    let resolved = zone.resolve(try local("2026-03-29T02:30:00"))
    #expect(resolved.offsetSeconds == 0 && resolved.resolution == .unique)
    #expect(TimestampRenderer.utc(resolved.instant) == "2026-03-29T02:30:00Z")
  }

  @Test(arguments: ["Mars/Olympus_Mons", "", "Europe/Berln", "not a zone"])
  func rejectsUnknownNames(_ name: String) {
    let error = #expect(throws: Diagnostic.self) { try ZoneRules(identifier: name) }
    #expect(error?.code == .timeInvalidZone)
    #expect(error?.message.contains("unknown time zone \"\(name)\"") == true)
  }

  @Test func safeToShareBetweenThreads() async throws {
    let zone = try ZoneRules(identifier: "Europe/Paris")
    let reference = TimeZone(identifier: "Europe/Paris")!
    let mismatches = await withTaskGroup(of: Int.self) { group in
      for task in 0..<8 {
        group.addTask {
          var generator = SplitMix(seed: UInt64(task))
          var mismatches = 0
          for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator)
            let offset = zone.offsetSeconds(at: Instant(millisecondsSinceEpoch: seconds * 1000))
            if offset != reference.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))) {
              mismatches += 1
            }
          }
          return mismatches
        }
      }
      return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
  }
}
