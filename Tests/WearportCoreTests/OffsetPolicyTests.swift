import Testing

@testable import WearportCore

struct OffsetPolicyTests {
  static let berlin = try! ZoneRules(identifier: "Europe/Berlin")
  static let losAngeles = try! ZoneRules(identifier: "America/Los_Angeles")

  private func resolve(_ text: String, _ context: OffsetContext = OffsetContext()) throws -> ResolvedTimestamp {
    OffsetPolicy.resolve(try DateTimeParser.parse(text), context: context)
  }

  @Test func acceptanceExampleWithSourceFieldOffset() throws {
    // Polar: start_time 2026-02-27T00:42:39 with start_time_utc_offset 540 (minutes).
    let resolved = try resolve("2026-02-27T00:42:39", OffsetContext(sourceFieldOffsetSeconds: 540 * 60))
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-02-26T15:42:39Z")
    #expect(TimestampRenderer.local(resolved.timestamp) == "2026-02-27T00:42:39+09:00")
    #expect(resolved.timestamp.offsetSource == .sourceField)
    #expect(resolved.timestamp.utcOffsetSeconds == 32400)
    #expect(resolved.warning == nil)
  }

  @Test func negativeSourceFieldOffset() throws {
    let resolved = try resolve("2017-09-01T18:54:51", OffsetContext(sourceFieldOffsetSeconds: -420 * 60))
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2017-09-02T01:54:51Z")
    #expect(TimestampRenderer.local(resolved.timestamp) == "2017-09-01T18:54:51-07:00")
    #expect(resolved.timestamp.offsetSource == .sourceField)
  }

  @Test func naiveValueWithNothingIsUnknownAndWarned() throws {
    let resolved = try resolve("2026-02-22T07:50:17")
    #expect(resolved.timestamp.offsetSource == .unknown)
    #expect(resolved.timestamp.utcOffsetSeconds == 0)
    #expect(resolved.warning == .timeOffsetUnknown)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-02-22T07:50:17Z")
  }

  @Test func utcValueWithNothingIsUTCWithoutWarning() throws {
    let resolved = try resolve("2018-05-15T14:22:24Z")
    #expect(resolved.timestamp.offsetSource == .utc)
    #expect(resolved.timestamp.utcOffsetSeconds == 0)
    #expect(resolved.warning == nil)
    #expect(TimestampRenderer.local(resolved.timestamp) == "2018-05-15T14:22:24+00:00")
  }

  @Test func utcValueTakesTheZoneOffsetAtThatInstant() throws {
    let summer = try resolve("2026-07-01T12:00:00Z", OffsetContext(zone: Self.berlin))
    #expect(summer.timestamp.offsetSource == .timeZone)
    #expect(summer.timestamp.utcOffsetSeconds == 7200)
    #expect(TimestampRenderer.local(summer.timestamp) == "2026-07-01T14:00:00+02:00")
    #expect(summer.warning == nil)
    let winter = try resolve("2026-01-15T12:00:00Z", OffsetContext(zone: Self.berlin))
    #expect(winter.timestamp.utcOffsetSeconds == 3600)
    #expect(TimestampRenderer.utc(winter.timestamp.instant) == "2026-01-15T12:00:00Z")
    // Just after fall-back the instant is exact even though the local clock repeats.
    let repeated = try resolve("2026-10-25T01:30:00Z", OffsetContext(zone: Self.berlin))
    #expect(TimestampRenderer.local(repeated.timestamp) == "2026-10-25T02:30:00+01:00")
    #expect(repeated.warning == nil)
  }

  @Test func utcValuePrefersSourceFieldThenZoneThenProfile() throws {
    let all = OffsetContext(sourceFieldOffsetSeconds: 32400, zone: Self.berlin, profileOffsetSeconds: -18000)
    let field = try resolve("2026-07-01T12:00:00Z", all)
    #expect(field.timestamp.offsetSource == .sourceField && field.timestamp.utcOffsetSeconds == 32400)
    #expect(TimestampRenderer.utc(field.timestamp.instant) == "2026-07-01T12:00:00Z")
    let zone = try resolve("2026-07-01T12:00:00Z", OffsetContext(zone: Self.berlin, profileOffsetSeconds: -18000))
    #expect(zone.timestamp.offsetSource == .timeZone && zone.timestamp.utcOffsetSeconds == 7200)
    let profile = try resolve("2026-07-01T12:00:00Z", OffsetContext(profileOffsetSeconds: -18000))
    #expect(profile.timestamp.offsetSource == .profile && profile.timestamp.utcOffsetSeconds == -18000)
    #expect(TimestampRenderer.local(profile.timestamp) == "2026-07-01T07:00:00-05:00")
  }

  @Test func explicitOffsetBeatsEverything() throws {
    let all = OffsetContext(sourceFieldOffsetSeconds: 32400, zone: Self.berlin, profileOffsetSeconds: -18000)
    let resolved = try resolve("2025-09-30T23:33:22.675+01:00", all)
    #expect(resolved.timestamp.offsetSource == .explicit)
    #expect(resolved.timestamp.utcOffsetSeconds == 3600)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2025-09-30T22:33:22.675Z")
    #expect(TimestampRenderer.local(resolved.timestamp) == "2025-09-30T23:33:22.675+01:00")
    #expect(resolved.warning == nil)
  }

  @Test func explicitOffsetInsideAZoneGapIsNotWarned() throws {
    let resolved = try resolve("2026-03-29T02:30:00+01:00", OffsetContext(zone: Self.berlin))
    #expect(resolved.timestamp.offsetSource == .explicit && resolved.warning == nil)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-03-29T01:30:00Z")
  }

  @Test func sourceFieldBeatsZoneAndProfile() throws {
    let context = OffsetContext(sourceFieldOffsetSeconds: 32400, zone: Self.berlin, profileOffsetSeconds: -18000)
    let resolved = try resolve("2026-02-27T00:42:39", context)
    #expect(resolved.timestamp.offsetSource == .sourceField)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-02-26T15:42:39Z")
  }

  @Test func zoneBeatsProfile() throws {
    let resolved = try resolve("2026-07-01T12:00:00", OffsetContext(zone: Self.berlin, profileOffsetSeconds: -18000))
    #expect(resolved.timestamp.offsetSource == .timeZone)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-07-01T10:00:00Z")
    #expect(TimestampRenderer.local(resolved.timestamp) == "2026-07-01T12:00:00+02:00")
    #expect(resolved.warning == nil)
  }

  @Test func profileWhenNothingElse() throws {
    let resolved = try resolve("2017-06-05T23:59:00", OffsetContext(profileOffsetSeconds: -25200))
    #expect(resolved.timestamp.offsetSource == .profile)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2017-06-06T06:59:00Z")
    #expect(resolved.warning == nil)
  }

  @Test func zoneGapIsShiftedAndWarned() throws {
    let resolved = try resolve("2026-03-29T02:30:00", OffsetContext(zone: Self.berlin))
    #expect(resolved.warning == .timeLocalNonexistent)
    #expect(TimestampRenderer.local(resolved.timestamp) == "2026-03-29T03:30:00+02:00")
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-03-29T01:30:00Z")
    let pacific = try resolve("2026-03-08T02:30:00", OffsetContext(zone: Self.losAngeles))
    #expect(pacific.warning == .timeLocalNonexistent)
    #expect(TimestampRenderer.local(pacific.timestamp) == "2026-03-08T03:30:00-07:00")
  }

  @Test func zoneOverlapTakesTheEarlierInstantAndWarns() throws {
    let resolved = try resolve("2026-10-25T02:30:00", OffsetContext(zone: Self.berlin))
    #expect(resolved.warning == .timeLocalAmbiguous)
    #expect(TimestampRenderer.utc(resolved.timestamp.instant) == "2026-10-25T00:30:00Z")
    #expect(TimestampRenderer.local(resolved.timestamp) == "2026-10-25T02:30:00+02:00")
    let later = try resolve("2026-10-25T03:00:00", OffsetContext(zone: Self.berlin))
    #expect(later.warning == nil && later.timestamp.utcOffsetSeconds == 3600)
    let pacific = try resolve("2026-11-01T01:30:00", OffsetContext(zone: Self.losAngeles))
    #expect(pacific.warning == .timeLocalAmbiguous)
    #expect(TimestampRenderer.utc(pacific.timestamp.instant) == "2026-11-01T08:30:00Z")
  }

  @Test func offsetSourceSpellings() {
    #expect(
      OffsetSource.allCases.map(\.rawValue) == ["explicit", "utc", "source_field", "time_zone", "profile", "unknown"])
  }
}
