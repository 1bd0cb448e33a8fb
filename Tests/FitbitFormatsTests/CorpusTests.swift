import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

/// The saved real samples in ../shared/corpus/fitbit/api (skipped when the corpus is absent).
@Suite struct CorpusTests {
  /// Hand-captured fixtures with `//` comments: not JSON at all.
  static let nonStrict: Set<String> = ["GetSleepOld.json", "SleepLogList.json"]
  /// Fitbit's Swagger specification sits beside the samples; it is not a response.
  static let notResponses: Set<String> = ["fitbit-web-api-swagger.json"]

  static var strictFiles: [String] {
    guard let folder = corpusPath("fitbit/api") else { return [] }
    return files(under: folder, withExtension: "json").filter {
      let name = URL(fileURLWithPath: $0).lastPathComponent
      return !nonStrict.contains(name) && !notResponses.contains(name)
    }
  }

  @Test(arguments: strictFiles.map { URL(fileURLWithPath: $0).lastPathComponent })
  func strictFileConvertsWithoutErrors(_ name: String) throws {
    let path = try #require(Self.strictFiles.first { $0.hasSuffix("/" + name) })
    let result = try read([path], with: fitbitReaders)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.balanced)
    #expect(result.summary.documents.first?.format?.hasPrefix("fitbit.") == true)
  }

  @Test(arguments: nonStrict.sorted())
  func nonStrictFileFailsWithALocatedDiagnostic(_ name: String) throws {
    guard let path = corpusPath("fitbit/api/Fitbit.NET/" + name) else { return }
    let result = try read([path], with: fitbitReaders)
    let error = try #require(result.errors.first)
    #expect(error.code == .jsonSyntax)
    #expect(error.location?.line != nil && error.location?.column != nil)
    #expect(error.location?.path == path)
    #expect(result.records.isEmpty)
  }

  private func corpus(_ relative: String) -> String? { corpusPath("fitbit/api/" + relative) }

  @Test func activityLogLists() throws {
    guard let utc0 = corpus("Fitbit.NET/GetActivityLogsList.json"),
      let la = corpus("Fitbit.NET/GetActivityLogsList2.json")
    else { return }
    let first = try read([utc0], with: fitbitReaders)
    #expect(first.exercises.count == 20)
    #expect(first.exercises[0].providerID == "5390522508")  // beyond 32 bits
    #expect(first.exercises[0].start.instant == utc("2017-01-01T04:14:06Z"))
    #expect(first.exercises.allSatisfy { $0.detailURL?.hasSuffix(".tcx") == true })
    let second = try read([la], with: fitbitReaders)
    #expect(second.exercises.count == 20)
    let walk = second.exercises[0]
    #expect(walk.start.utcOffsetSeconds == -7 * 3600)
    #expect(walk.sport == .walking)
    #expect(walk.durationSeconds == 1126)
    #expect(walk.start.instant == utc("2017-09-01T15:16:14Z"))
  }

  @Test func dailySummaryTakesItsDateFromTheLoggedActivity() throws {
    guard let path = corpus("Fitbit.NET/GetActivities.json") else { return }
    let result = try read([path], with: fitbitReaders)
    let day = try #require(result.days.first)
    #expect(day.date == LocalDate(year: 2014, month: 9, day: 25))
    #expect(day.steps == 15720)
    #expect(day.energyKilocalories == 2828)
    #expect(day.bmrEnergyKilocalories == 1623)
    #expect(close(day.distanceMeters, 12320))  // 12.32 km: 26 floors ↔ 79.25 m says metric
    #expect(day.sedentarySeconds == 1155.0 * 60)
    #expect(day.restingHeartRateBPM == 73)
    #expect(result.exercises.map(\.providerID) == ["105415286"])
  }

  @Test func intradaySeries() throws {
    guard let steps = corpus("Fitbit.NET/IntradayActivitiesSteps.json"),
      let calories = corpus("Fitbit.NET/IntradayActivitiesCalories.json"),
      let heart = corpus("Fitbit.NET/GetHeartRateIntradayTimeSeries.json"),
      let missing = corpus("Fitbit.NET/IntradayActivitiesCaloriesMissingDateTime.json")
    else { return }
    let stepResult = try read(
      [steps], with: fitbitReaders, options: ReadOptions(zone: try ZoneRules(identifier: "UTC")))
    #expect(stepResult.metrics("steps").count == 1084)  // as saved (the sample stops being zero-filled)
    #expect(stepResult.metrics("steps")[1].value == 2)
    #expect(
      stepResult.metrics("steps")[1].time
        == .instant(
          Timestamp(
            instant: utc("2016-03-08T00:01:00Z"), utcOffsetSeconds: 0, offsetSource: .timeZone)))
    #expect(stepResult.days.first?.steps == 7390)
    #expect(try read([calories], with: fitbitReaders).metrics("calories").count == 1440)
    let heartResult = try read([heart], with: fitbitReaders)
    #expect(heartResult.days.first?.date == LocalDate(year: 2017, month: 6, day: 29))
    #expect(heartResult.heartRates.count == 1157)  // minutes without a reading are absent
    #expect(heartResult.heartRates.first?.time.offsetSource == .unknown)
    // One warning for the whole file, the repeats counted.
    #expect(heartResult.warnings.count == 1)
    let missingResult = try read([missing], with: fitbitReaders)
    #expect(missingResult.errors.isEmpty)
    #expect(missingResult.warnings.map(\.code) == [.fitbitIntradayNoDate])
    #expect(missingResult.records.isEmpty)
  }

  @Test func sleepBodyAndHealthSeries() throws {
    guard let sleep = corpus("Fitbit.NET/GetSleep.json"), let weight = corpus("Fitbit.NET/GetWeight.json"),
      let fat = corpus("Fitbit.NET/GetFat.json"), let cardio = corpus("Fitbit.NET/GetCardioScoreSummaryByDate.json"),
      let spo2 = corpus("Fitbit.NET/GetSpO2IntradayByDate.json"), let azm = corpus("Fitbit.NET/ActiveZoneMinutes.json"),
      let br = corpus("Fitbit.NET/GetBreathingRateIntradayByDate.json"),
      let hrv = corpus("Fitbit.NET/GetHRVSummaryByDate.json")
    else { return }
    let sleepResult = try read([sleep], with: fitbitReaders)
    let night = try #require(sleepResult.sleeps.first)
    #expect(night.providerID == "15040942043")
    #expect(night.deepSeconds == 99.0 * 60)
    #expect(night.stages.count == 3)  // the "datetime" spelling is read
    let bodies = try read([weight], with: fitbitReaders).bodies
    #expect(bodies.map(\.massKilograms) == [73, 72.5])  // 73 / 23.57 is a kilogram ratio
    #expect(try read([fat], with: fitbitReaders).metrics("body_fat").map(\.value) == [14, 13.5])
    let cardioResult = try read([cardio], with: fitbitReaders)
    #expect(cardioResult.metrics("vo2_max_lower").first?.value == 42)
    #expect(cardioResult.metrics("vo2_max_upper").first?.value == 46)
    #expect(try read([spo2], with: fitbitReaders).metrics("spo2").map(\.value) == [95.7, 99.5, 99.0])
    let zones = try read([azm], with: fitbitReaders)
    #expect(zones.metrics("active_zone_minutes").count == 4)
    #expect(zones.metrics("active_zone_minutes_cardio").count == 1)
    // remSleepSummary -1 is "no reading".
    #expect(
      try read([br], with: fitbitReaders).metrics.map(\.metric).sorted() == [
        "breathing_rate", "breathing_rate_deep_sleep", "breathing_rate_light_sleep",
      ])
    #expect(try read([hrv], with: fitbitReaders).metrics("hrv_daily_rmssd").first?.value == 34.938)
  }

  @Test func errorEnvelopesAndResponsesWithoutRecords() throws {
    guard let stale = corpus("Fitbit.NET/ApiError-Request-StaleToken.json"),
      let devices = corpus("Fitbit.NET/GetDevices-Double.json")
    else { return }
    let result = try read([stale], with: fitbitReaders)
    let warning = try #require(result.warnings.first)
    #expect(warning.code == .fitbitAPIError)
    #expect(warning.message.contains("expired_token"))
    #expect(!warning.message.contains("eyJ"))  // the token stays out unless --verbose
    let deviceResult = try read([devices], with: fitbitReaders)
    #expect(deviceResult.records.isEmpty && deviceResult.errors.isEmpty)
    #expect(deviceResult.diagnostics.first?.code == .fitbitNotConverted)
  }

  @Test func timeSeries() throws {
    guard let steps = corpus("Fitbit.NET/TimeSeries-ActivitiesSteps.json"),
      let empty = corpus("Fitbit.NET/TimeSeries-ActivitiesSteps-Empty.json"),
      let water = corpus("fitbit-web-api/nutrition_time_series_water.json")
    else { return }
    let result = try read([steps], with: fitbitReaders)
    #expect(result.days.map(\.steps) == [7428, 9846, 4274, 7595, 0, 9499, 7026])
    #expect(try read([empty], with: fitbitReaders).records.isEmpty)
    let waterResult = try read([water], with: fitbitReaders, options: ReadOptions(units: .metric))
    #expect(waterResult.metrics("water").last?.value == 1892.7099609375)
  }
}
