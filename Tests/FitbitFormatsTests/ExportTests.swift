import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

/// The synthetic account export (a user in Australia/Brisbane, UTC+10 without DST) in the three layouts of
/// fitbit.md §4.1, as folders and as a zip.
@Suite struct ExportTests {
  static let layouts = ["user-site-export", "myfitbitdata", "takeout"]

  private func check(_ result: some RunOutcome, zoneGiven: Bool) throws {
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.balanced)
    // Heart rate: UTC in the file, exact instants.
    #expect(result.heartRates.count == 4)
    #expect(result.heartRates[0].time.instant == utc("2024-01-14T14:00:05Z"))
    #expect(result.heartRates[0].confidence == 2)
    #expect(result.heartRates[0].heartRateBPM == 61)
    // Distances in centimetres → metres; steps and calories per minute.
    #expect(result.metrics("distance").map(\.value) == [0, 70.56, 76.44])
    #expect(
      result.metrics("distance")[1].time
        == .instant(
          Timestamp(
            instant: utc("2024-01-14T22:01:00Z"), utcOffsetSeconds: zoneGiven ? 36000 : 0,
            offsetSource: zoneGiven ? .timeZone : .utc)))
    #expect(result.metrics("steps").map(\.value) == [0, 96, 104])
    #expect(result.metrics("calories").map(\.value) == [1.07, 4.5, 4.9])
    // Altitude: feet, local time (08:01 in Brisbane is 22:01Z).
    let climbs = result.metrics("elevation_gain")
    #expect(climbs.map(\.value) == [10 * 0.3048, 20 * 0.3048])
    if case .instant(let time) = climbs[0].time {
      #expect(time.instant == utc("2024-01-14T22:01:00Z"))
      #expect(time.utcOffsetSeconds == 36000)
      #expect(time.offsetSource == (zoneGiven ? .timeZone : .profile))
    } else {
      Issue.record("altitude sample without an instant")
    }
    // Exercise: UTC start, kilometres, tcxLink kept.
    let walk = try #require(result.exercises.first)
    #expect(walk.providerID == "60000000001")
    #expect(walk.start.instant == utc("2024-01-14T22:00:00Z"))
    #expect(close(walk.distanceMeters, 147))
    #expect(walk.durationSeconds == 600)
    #expect(walk.detailURL == "https://www.fitbit.com/activities/exercise/60000000001?export=tcx")
    #expect(walk.modifiedAt == utc("2024-01-14T22:15:03Z"))
    // Sleep: local 22:30 in Brisbane.
    let night = try #require(result.sleeps.first)
    #expect(night.start.instant == utc("2024-01-14T12:30:00Z"))
    #expect(night.end.instant == utc("2024-01-14T20:30:00Z"))
    #expect(night.isMainSleep == true)
    #expect(night.date == LocalDate(year: 2024, month: 1, day: 15))
    #expect(night.stages.count == 7)
    // Weight in pounds by the BMI test (165.3 / 24.41 = 6.77), height in millimetres.
    let weight = try #require(result.bodies.first { $0.massKilograms != nil })
    #expect(weight.massKilograms == 165.3 * 0.45359237)
    #expect(weight.time.instant == utc("2024-01-14T13:59:59Z"))
    #expect(weight.bodyFatPercent == 21.5)
    let height = try #require(result.bodies.first { $0.heightMeters != nil })
    #expect(height.heightMeters == 1.752)
    // The day: minutes by intensity and resting heart rate; the placeholder row is skipped.
    let day = try #require(result.days.first)
    #expect(result.days.count == 1)
    #expect(day.date == LocalDate(year: 2024, month: 1, day: 15))
    #expect(day.sedentarySeconds == 702.0 * 60)
    #expect(day.lightSeconds == 188.0 * 60)
    #expect(day.moderateSeconds == 21.0 * 60)
    #expect(day.vigorousSeconds == 14.0 * 60)
    #expect(day.restingHeartRateBPM == 57.8123)
    #expect(result.diagnostics.contains { $0.code == .fitbitExportPlaceholder })
    #expect(result.metrics("heart_rate_zone_fat_burn").first?.value == 120)
    #expect(result.metrics("vo2_max_demographic").first?.value == 44.51)
  }

  @Test(arguments: layouts)
  func folderWithTrophyOffset(_ layout: String) throws {
    let result = try readInputs([fitbitFixture("export/" + layout)])
    try check(result, zoneGiven: false)
    #expect(result.diagnostics.contains { $0.code == .fitbitExportOffsetDerived })
    #expect(!result.codes(.warning).contains("time.offset-unknown"))
  }

  @Test func folderWithTimeZone() throws {
    let result = try readInputs(
      [fitbitFixture("export/takeout")], options: ReadOptions(zone: try ZoneRules(identifier: "Australia/Brisbane")))
    try check(result, zoneGiven: true)
  }

  @Test func zipOfTheLegacyLayout() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let archive = folder + "/fitbit-export.zip"
    try makeZip(of: fitbitFixture("export/user-site-export"), named: archive)
    let result = try readInputs([archive])
    try check(result, zoneGiven: false)
    let member = try #require(result.heartRates.first?.provenance.location.member)
    #expect(member == "user-site-export/heart_rate/heart_rate-2024-01-15.json")
  }

  @Test func withoutTrophyOrZoneLocalTimesAreFlagged() throws {
    let sleep = fitbitFixture("export/takeout/Takeout/Fitbit/Global Export Data/sleep-2024-01-14.json")
    let result = try readInputs([sleep])
    let night = try #require(result.sleeps.first)
    #expect(night.start.offsetSource == .unknown)
    #expect(night.start.instant == utc("2024-01-14T22:30:00Z"))
    #expect(result.codes(.warning) == ["time.offset-unknown"])
  }

  @Test func heartRateTimeBaseIsExplained() throws {
    let path = fitbitFixture("export/takeout/Takeout/Fitbit/Global Export Data/heart_rate-2024-01-15.json")
    let result = try read([path], with: fitbitReaders)
    let note = try #require(result.diagnostics.first { $0.code == .fitbitExportTimeBase })
    #expect(note.message.contains("spans two dates"))
  }
}
