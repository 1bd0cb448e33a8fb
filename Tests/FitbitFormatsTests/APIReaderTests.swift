import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

@Suite struct APIReaderTests {
  @Test func activityLogInMilesWithTokyoOffset() throws {
    let result = try read([fitbitFixture("api/us/activity-log-list-tokyo-miles.json")], with: fitbitReaders)
    #expect(result.errors.isEmpty && result.warnings.isEmpty)
    #expect(result.exercises.count == 2)
    // A log with a tcxLink waits for its TCX until the run ends, so it is written after the other log.
    let run = try #require(result.exercises.first { $0.providerID == "48000000001" })
    #expect(run.providerID == "48000000001")
    #expect(run.exerciseID == "fitbit:48000000001")
    #expect(close(run.distanceMeters, 8368.5888))
    #expect(run.start.instant == utc("2026-03-14T22:00:00Z"))
    #expect(run.start.utcOffsetSeconds == 9 * 3600)
    #expect(run.start.offsetSource == .explicit)
    #expect(TimestampRenderer.local(run.start) == "2026-03-15T07:00:00+09:00")
    #expect(run.durationSeconds == 2943)
    #expect(run.sport == .running)
    #expect(run.sportDetail == "Run")
    #expect(run.energyKilocalories == 612)
    #expect(run.averageHeartRateBPM == 151)
    #expect(run.device == "Charge 6")
    #expect(run.modifiedAt == utc("2026-03-14T23:05:41Z"))
    #expect(run.detailURL == "https://api.fitbit.com/1/user/-/activities/48000000001.tcx")
    #expect(run.heartRateZones.count == 4)
    #expect(run.heartRateZones[2].lowerBPM == 135)
    #expect(run.heartRateZones[2].timeInZoneSeconds == 35.0 * 60)
    #expect(run.provenance.location.jsonPointer == "/activities/0")
    // A walk without a distance needs no unit.
    let walk = try #require(result.exercises.first { $0.providerID == "48000000002" })
    #expect(walk.distanceMeters == nil)
    #expect(walk.sport == .walking)
  }

  @Test func activityLogInKilometresWithBerlinOffset() throws {
    let result = try read([fitbitFixture("api/metric/activity-log-list-berlin-km.json")], with: fitbitReaders)
    let ride = try #require(result.exercises.first)
    #expect(ride.distanceMeters == 21750)
    #expect(ride.start.instant == utc("2026-02-11T15:00:00Z"))
    #expect(ride.sport == .cycling)
  }

  @Test func sleepAcrossTheSpringForwardKeepsTheStartOffset() throws {
    let berlin = try ZoneRules(identifier: "Europe/Berlin")
    let result = try read(
      [fitbitFixture("api/sleep-dst-berlin-2026-03-29.json")], with: fitbitReaders, options: ReadOptions(zone: berlin))
    #expect(result.errors.isEmpty && result.warnings.isEmpty)
    let sleep = try #require(result.sleeps.first)
    #expect(sleep.providerID == "41000000001")
    #expect(sleep.date == LocalDate(year: 2026, month: 3, day: 29))
    #expect(sleep.start.instant == utc("2026-03-28T22:30:00Z"))
    #expect(sleep.start.utcOffsetSeconds == 3600)
    #expect(sleep.start.offsetSource == .timeZone)
    // 7 h after the start; the clocks show 07:30 CEST although Fitbit printed endTime 06:30 (the start's offset).
    #expect(sleep.end.instant == utc("2026-03-29T05:30:00Z"))
    #expect(sleep.end.utcOffsetSeconds == 7200)
    #expect(sleep.durationSeconds == 7 * 3600)
    #expect(sleep.isMainSleep == true)
    #expect(sleep.deepSeconds == 3600)
    #expect(sleep.remSeconds == 1800)
    // Six stages plus the short wake that splits the 01:30 light stage in two.
    #expect(sleep.stages.map(\.stage) == [.light, .deep, .light, .wake, .light, .rem, .light, .wake])
    #expect(sleep.stages[3].start.instant == utc("2026-03-29T00:45:00Z"))
    #expect(sleep.stages[3].durationSeconds == 120)
    #expect(sleep.stages[4].durationSeconds == 4500 - 120)
    // "03:00" written with the start's +01:00 is 02:00Z (read with CEST it would wrongly be 01:00Z).
    #expect(sleep.stages[5].start.instant == utc("2026-03-29T02:00:00Z"))
    #expect(sleep.stages[5].start.utcOffsetSeconds == 7200)
    #expect(sleep.stages.last.map { $0.start.instant.adding(seconds: $0.durationSeconds) } == sleep.end.instant)
  }

  @Test func sleepWithoutATimeZoneIsFlagged() throws {
    let result = try read([fitbitFixture("api/sleep-dst-berlin-2026-03-29.json")], with: fitbitReaders)
    let sleep = try #require(result.sleeps.first)
    #expect(sleep.start.offsetSource == .unknown)
    #expect(sleep.start.instant == utc("2026-03-28T23:30:00Z"))
    let warning = try #require(result.warnings.first)
    #expect(warning.code == .timeOffsetUnknown)
    #expect(warning.location?.jsonPointer == "/sleep/0/startTime")
    #expect(warning.location?.line != nil)
  }

  @Test func classicNapAndLegacyMinuteData() throws {
    let result = try read(
      [
        fitbitFixture("api/sleep-classic-and-nap-2026-01-20.json"),
        fitbitFixture("api/sleep-legacy-v1-2016-01-05.json"),
      ],
      with: fitbitReaders, options: ReadOptions(zone: try ZoneRules(identifier: "UTC")))
    #expect(result.sleeps.count == 2)
    let nap = result.sleeps[0]
    #expect(nap.isMainSleep == false)
    #expect(nap.stages.map(\.stage) == [.asleep, .restless, .awake])
    let legacy = result.sleeps[1]
    // minuteData rolls over midnight: awake 23:58, asleep 23:59–00:01, restless 00:01, asleep 00:02.
    #expect(legacy.stages.map(\.stage) == [.awake, .asleep, .restless, .asleep])
    #expect(legacy.stages[1].durationSeconds == 120)
    #expect(legacy.stages[2].start.instant == utc("2016-01-05T00:01:00Z"))
    #expect(legacy.date == LocalDate(year: 2016, month: 1, day: 5))
  }

  @Test func intradayHeartRateKeepsGapsAndDate() throws {
    let result = try read(
      [fitbitFixture("api/intraday-heart-2026-03-14.json")], with: fitbitReaders,
      options: ReadOptions(zone: try ZoneRules(identifier: "America/Los_Angeles")))
    #expect(result.heartRates.count == 4)
    // 07:00:05 PDT (DST began 2026-03-08) is 14:00:05Z.
    #expect(result.heartRates[1].time.instant == utc("2026-03-14T14:00:05Z"))
    #expect(result.heartRates[1].heartRateBPM == 63)
    #expect(result.heartRates[3].time.instant == utc("2026-03-14T14:03:40Z"))
    #expect(result.days.first?.restingHeartRateBPM == 58)
    #expect(result.metrics("heart_rate_zone_out_of_range").first?.value == 50)
    #expect(result.balanced)
  }

  @Test func intradayDistanceWaitsForTheUnitVerdict() throws {
    let result = try read(
      [fitbitFixture("api/intraday-distance-2026-03-14.json")], with: fitbitReaders, options: ReadOptions(units: .us))
    let distances = result.metrics("distance")
    #expect(distances.count == 3)
    #expect(close(distances[1].value, 0.15 * 1609.344))
    #expect(distances[1].unit == "m")
  }

  @Test func profileWithMismatchedOffsetIsWarned() throws {
    let result = try read([fitbitFixture("api/uk/profile-inconsistent.json")], with: fitbitReaders)
    let warning = try #require(result.warnings.first)
    #expect(warning.code == .fitbitProfileOffset)
    #expect(warning.location?.jsonPointer == "/user/offsetFromUTCMillis")
    #expect(result.records.isEmpty)
    let good = try read([fitbitFixture("api/us/profile.json")], with: fitbitReaders)
    #expect(good.warnings.isEmpty)
  }
}
