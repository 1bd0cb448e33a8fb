import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

/// Each reader recognises its own fixtures, and no other reader (nor any Fitbit reader on a Polar fixture) claims them.
@Suite struct SniffTests {
  static let expectations: [(String, String)] = [
    ("api/daily-series-2021-05-23/activities-tracker-steps.json", "fitbit.api.time-series"),
    ("api/us/activities-2026-03-14.json", "fitbit.api.daily-summary"),
    ("api/metric/activities-2026-02-10.json", "fitbit.api.daily-summary"),
    ("api/us/activity-log-list-tokyo-miles.json", "fitbit.api.activity-log-list"),
    ("api/metric/activity-log-list-berlin-km.json", "fitbit.api.activity-log-list"),
    ("api/us/weight-log-pounds.json", "fitbit.api.body-log"),
    ("api/uk/weight-log-stone.json", "fitbit.api.body-log"),
    ("api/us/profile.json", "fitbit.api.profile"),
    ("api/sleep-dst-berlin-2026-03-29.json", "fitbit.api.sleep"),
    ("api/sleep-legacy-v1-2016-01-05.json", "fitbit.api.sleep"),
    ("api/intraday-heart-2026-03-14.json", "fitbit.api.intraday"),
    ("api/intraday-distance-2026-03-14.json", "fitbit.api.intraday"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/heart_rate-2024-01-15.json", "fitbit.export.heart-rate"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/distance-2024-01-15.json", "fitbit.export.minute-series"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/altitude-2024-01-15.json", "fitbit.export.minute-series"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/exercise-0.json", "fitbit.export.exercise"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/sleep-2024-01-14.json", "fitbit.export.sleep"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/weight-2024-01-15.json", "fitbit.export.body"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/height-2024-01-15.json", "fitbit.export.body"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/resting_heart_rate-2024-01-15.json", "fitbit.export.daily"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/sedentary_minutes-2024-01-15.json", "fitbit.export.daily"),
    ("export/takeout/Takeout/Fitbit/Global Export Data/trophy.json", "fitbit.export.stamps"),
  ]

  @Test(arguments: expectations.map(\.0))
  func exactlyOneReaderClaimsTheFixture(_ relative: String) throws {
    let expected = try #require(Self.expectations.first { $0.0 == relative }?.1)
    let path = fitbitFixture(relative)
    var claims: [(String, SniffScore)] = []
    for reader in fitbitReaders {
      let score = try sniff(reader, path)
      if score > .no { claims.append((reader.info.id, score)) }
    }
    #expect(claims.map(\.0) == [expected], "\(claims)")
    #expect(claims.first?.1 ?? .no >= .likely)
  }

  @Test func everyFixtureIsClaimedByOneReader() throws {
    for path in files(under: fixturePath("fitbit"), withExtension: "json") {
      let claims = try fitbitReaders.filter { try sniff($0, path) > .no }
      #expect(claims.count == 1, "\(path): \(claims.map(\.info.id))")
    }
  }

  @Test func noFitbitReaderClaimsAPolarFixture() throws {
    let polar = files(under: fixturePath("polar"))
    #expect(!polar.isEmpty)
    for path in polar {
      for reader in fitbitReaders {
        #expect(try sniff(reader, path) == .no, "\(reader.info.id) claims \(path)")
      }
    }
  }

  @Test func noFitbitReaderClaimsThePolarOrXMLCorpus() throws {
    for area in ["polar", "gpx_tcx"] {
      guard let folder = corpusPath(area) else { continue }
      for path in files(under: folder) {
        for reader in fitbitReaders {
          #expect(try sniff(reader, path) == .no, "\(reader.info.id) claims \(path)")
        }
      }
    }
  }

  @Test func exportFileNames() {
    #expect(Fitbit.exportKind("heart_rate-2017-06-05.json")?.kind == "heart_rate")
    #expect(Fitbit.exportKind("exercise-100.json")?.kind == "exercise")
    #expect(Fitbit.exportKind("lightly_active_minutes-2015-05-18.json")?.kind == "lightly_active_minutes")
    #expect(Fitbit.exportKind("exercise-tokyo-run.json") == nil)
    #expect(Fitbit.exportFileDate("heart_rate-2017-06-05.json") == LocalDate(year: 2017, month: 6, day: 5))
  }
}
