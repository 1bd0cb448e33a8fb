import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

@Suite struct UnitSystemTests {
  let nine = files(under: fitbitFixture("api/daily-series-2021-05-23"))

  @Test func nineSeriesWithUSUnitsMakeOneDay() throws {
    #expect(nine.count == 9)
    let result = try read(nine, with: fitbitReaders, options: ReadOptions(units: .us))
    #expect(result.errors.isEmpty && result.warnings.isEmpty)
    #expect(result.days.count == 1)
    let day = try #require(result.days.first)
    #expect(day.date == LocalDate(year: 2021, month: 5, day: 23))
    #expect(day.steps == 1781)
    // 0.75363626392912 mi × 1609.344 m/mi = 1212.8599995… m (the "1212.85" truncates; to the mm: 1212.860).
    #expect(close(day.distanceMeters, 0.75363626392912 * 1609.344))
    #expect(close(day.distanceMeters, 1212.860))
    #expect(day.energyKilocalories == 1988)
    #expect(day.bmrEnergyKilocalories == 1560)
    #expect(day.activeEnergyKilocalories == 441)
    #expect(day.sedentarySeconds == 551.0 * 60)
    #expect(day.lightSeconds == 90.0 * 60)
    #expect(day.moderateSeconds == 4.0 * 60)
    #expect(day.vigorousSeconds == 7.0 * 60)
    // Nine pieces: one written, eight merged into it.
    let counts = try #require(result.summary.counts[.dailyActivity])
    #expect(counts.read == 9 && counts.written == 1 && counts.merged == 8 && counts.rejected == 0)
    #expect(!result.codes(.note).contains("fitbit.units.detected"))
  }

  @Test func nineSeriesWithAutoUnitsDecideByStridePlausibility() throws {
    let result = try read(nine, with: fitbitReaders)
    let day = try #require(result.days.first)
    #expect(close(day.distanceMeters, 1212.860))
    let note = try #require(result.diagnostics.first { $0.code == .fitbitUnitsDetected })
    #expect(note.severity == .note)
    #expect(note.message.contains("stride plausibility"))
    #expect(note.message.contains("US units"))
    #expect(!result.codes(.warning).contains("fitbit.units.assumed"))
  }

  @Test func nineSeriesWithMetricUnitsReadKilometres() throws {
    let result = try read(nine, with: fitbitReaders, options: ReadOptions(units: .metric))
    #expect(close(try #require(result.days.first).distanceMeters, 753.636))
  }

  @Test func distanceWithoutStepsIsAssumedMetricWithAWarning() throws {
    let result = try read(
      [fitbitFixture("api/daily-series-2021-05-23/activities-tracker-distance.json")], with: fitbitReaders)
    #expect(close(try #require(result.days.first).distanceMeters, 753.636))
    let warning = try #require(result.diagnostics.first { $0.code == .fitbitUnitsAssumed })
    #expect(warning.severity == .warning)
    #expect(warning.message.contains("no evidence"))
    #expect(warning.location?.path.hasSuffix("activities-tracker-distance.json") == true)
  }

  @Test func strideRuleUsesTheTableThenTheTypicalDay() {
    // 0.4232 m per step as km (inside stride_m 0.3–2.5, below a typical day), 0.681 m as miles: miles.
    #expect(FitbitUnits.stride(steps: 1781, distance: 0.75363626392912)?.candidates == [.us])
    // 0.72 m per step as km, 1.16 m as miles: kilometres.
    #expect(FitbitUnits.stride(steps: 10000, distance: 7.2)?.candidates == [.metric, .uk])
    // As km 2.6 m per step (outside the table), as miles 4.2: nothing plausible.
    #expect(FitbitUnits.stride(steps: 1000, distance: 2.6) == nil)
    // Too few steps to tell.
    #expect(FitbitUnits.stride(steps: 20, distance: 0.01) == nil)
  }

  @Test func otherRules() {
    #expect(FitbitUnits.elevationPerFloor(elevation: 79.25, floors: 26)?.candidates == [.metric, .uk])
    #expect(FitbitUnits.elevationPerFloor(elevation: 120, floors: 12)?.candidates == [.us])
    #expect(FitbitUnits.weightPerBMI(weight: 191.8, bmi: 27.77)?.candidates == [.us])
    #expect(FitbitUnits.weightPerBMI(weight: 73, bmi: 23.57)?.candidates == [.metric])
    #expect(FitbitUnits.weightPerBMI(weight: 11.905, bmi: 24.6)?.candidates == [.uk])
    #expect(FitbitUnits.profileHeight(170.2)?.candidates == [.metric, .uk])
    #expect(FitbitUnits.profileHeight(69)?.candidates == [.us])
    #expect(FitbitUnits.defaultDistanceGoal(8.05)?.candidates == [.metric, .uk])
    let conflict = FitbitUnits.verdict([
      UnitEvidence(candidates: [.us], rule: "distanceUnit"),
      UnitEvidence(candidates: [.metric, .uk], rule: "stride plausibility"),
    ])
    #expect(conflict == .conflicting(rules: ["distanceUnit", "stride plausibility"]))
    #expect(FitbitUnits.verdict([]) == .missing)
    #expect(
      FitbitUnits.verdict([
        UnitEvidence(candidates: [.metric, .uk], rule: "a"), UnitEvidence(candidates: [.uk], rule: "b"),
      ])
      .system == .uk)
  }

  @Test func usDailySummaryIsDetectedByElevationPerFloor() throws {
    let result = try read([fitbitFixture("api/us/activities-2026-03-14.json")], with: fitbitReaders)
    let day = try #require(result.days.first)
    #expect(day.date == LocalDate(year: 2026, month: 3, day: 14))
    #expect(close(day.distanceMeters, 4.1 * 1609.344))
    #expect(day.steps == 9000)
    #expect(day.restingHeartRateBPM == 58)
    let note = try #require(result.diagnostics.first { $0.code == .fitbitUnitsDetected })
    #expect(note.message.contains("elevation ÷ floors"))
    #expect(result.metrics("heart_rate_zone_fat_burn").first?.value == 150)
    #expect(result.metrics("floors").first?.value == 12)
  }

  @Test func metricDailySummaryAndItsLoggedRun() throws {
    let result = try read([fitbitFixture("api/metric/activities-2026-02-10.json")], with: fitbitReaders)
    #expect(close(try #require(result.days.first).distanceMeters, 9310))
    let run = try #require(result.exercises.first)
    #expect(run.providerID == "47000000009")
    #expect(close(run.distanceMeters, 4200))
    // "19:05" on startDate, local without offset: flagged.
    #expect(run.start.offsetSource == .unknown)
    #expect(result.codes(.warning) == ["time.offset-unknown"])
  }

  @Test func weightsInPoundsStoneAndKilograms() throws {
    let us = try read([fitbitFixture("api/us/weight-log-pounds.json")], with: fitbitReaders)
    #expect(us.bodies.first?.massKilograms == 165.3 * 0.45359237)
    #expect(us.bodies.first?.bodyFatPercent == 21.5)
    let uk = try read([fitbitFixture("api/uk/weight-log-stone.json")], with: fitbitReaders)
    #expect(uk.bodies.first?.massKilograms == 11.905 * 6.35029318)
    #expect(close(uk.bodies.first?.massKilograms, 75.600))
    let metric = try read([fitbitFixture("api/metric/weight-log-kilograms.json")], with: fitbitReaders)
    #expect(metric.bodies.first?.massKilograms == 70.2)
    #expect(metric.diagnostics.contains { $0.code == .fitbitUnitsDetected && $0.message.contains("weight ÷ BMI") })
    // --units wins over the BMI test for API responses.
    let forced = try read(
      [fitbitFixture("api/metric/weight-log-kilograms.json")], with: fitbitReaders, options: ReadOptions(units: .us))
    #expect(forced.bodies.first?.massKilograms == 70.2 * 0.45359237)
  }

  @Test func profileHeightDecidesTheRunForSeriesWithoutSteps() throws {
    let result = try read(
      [
        fitbitFixture("api/us/profile.json"),
        fitbitFixture("api/daily-series-2021-05-23/activities-tracker-distance.json"),
      ], with: fitbitReaders)
    #expect(close(try #require(result.days.first).distanceMeters, 1212.860))
    #expect(result.diagnostics.contains { $0.code == .fitbitUnitsDetected && $0.message.contains("profile height") })
  }

  @Test func conflictingEvidenceIsAssumedMetricAndWarned() throws {
    // A US profile (inches) with a metric activity list (Kilometer): a distance series alone cannot choose.
    let result = try read(
      [
        fitbitFixture("api/us/profile.json"), fitbitFixture("api/metric/activity-log-list-berlin-km.json"),
        fitbitFixture("api/daily-series-2021-05-23/activities-tracker-distance.json"),
      ], with: fitbitReaders)
    #expect(close(try #require(result.days.first).distanceMeters, 753.636))
    let warning = try #require(result.diagnostics.first { $0.code == .fitbitUnitsAssumed })
    #expect(warning.message.contains("conflicting"))
    #expect(warning.message.contains("distanceUnit") && warning.message.contains("profile height"))
  }
}
