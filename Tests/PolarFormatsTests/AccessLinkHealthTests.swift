import Testing
import WearportCore
import WearportTestSupport

@testable import PolarFormats

/// polar.md §2 and §9 items 6, 8–11: sleep, recharge, continuous heart rate, daily activity, cardio load,
/// physical information.
@Suite struct AccessLinkHealthTests {
  @Test func sleepStagesRollOverMidnightWithANegativeOffset() throws {
    let result = try polar("accesslink/sleep-new-york.json")
    #expect(result.errors.isEmpty)
    let sleep = try #require(result.sleeps.first)
    #expect(sleep.date.description == "2026-01-01")
    #expect(sleep.start.instant == utc("2026-01-01T03:50:30.500Z"))  // 22:50:30.500-05:00
    #expect(sleep.end.instant == utc("2026-01-01T11:40:30.500Z"))
    #expect(sleep.start.utcOffsetSeconds == -5 * 3600)
    #expect(sleep.deepSeconds == 5400)
    #expect(sleep.asleepSeconds == 27_000)
    #expect(sleep.awakeSeconds == 1200)
    #expect(sleep.score == 84)
    #expect(sleep.stages.count == 9)
    // "00:30" follows "23:40": it is the next day, 2026-01-01T00:30-05:00.
    #expect(sleep.stages[3].start.instant == utc("2026-01-01T05:30:00Z"))
    #expect(sleep.stages[3].stage == .rem)
    #expect(sleep.stages.map(\.rawStage) == ["2", "3", "4", "1", "3", "0", "5", "3", "1"])
    #expect(sleep.stages[6].stage == .unknown)
    // The last stage ends at sleep_end_time: 05:45 to 06:40:30.500 local.
    #expect(sleep.stages[8].durationSeconds == 3330.5)
    // The first stage starts at the sleep's minute, 22:50 (the key has no seconds).
    #expect(sleep.stages[0].start.instant == utc("2026-01-01T03:50:00Z"))
  }

  @Test func sleepHeartRateSamplesAreReadingsWithoutTheZeros() throws {
    let result = try polar("accesslink/sleep-new-york.json")
    #expect(result.heartRates.map(\.heartRateBPM) == [58, 52, 49, 55])
    #expect(result.heartRates[2].time.instant == utc("2026-01-01T05:55:00Z"))
  }

  @Test func nightlyRechargeDailyValuesAndSamplesAcrossMidnight() throws {
    let result = try polar("accesslink/nightly-recharge.json")
    #expect(result.errors.isEmpty)
    #expect(result.metric("ans_charge").first?.value == -3.5)
    #expect(result.metric("nightly_hrv_rmssd_avg").first?.time == .day(try LocalDate.parse("2026-01-01")))
    let hrv = result.metric("hrv_rmssd")
    #expect(hrv.map(\.value) == [58, 60, 63])
    guard case .instant(let first) = hrv[0].time, case .instant(let second) = hrv[1].time else {
      Issue.record("samples have instants")
      return
    }
    // "23:55" is the evening before the date; "00:00" the date itself (offset unknown: read as UTC, flagged).
    #expect(first.instant == utc("2025-12-31T23:55:00Z"))
    #expect(second.instant == utc("2026-01-01T00:00:00Z"))
    #expect(result.warnings.map(\.code).contains(.timeOffsetUnknown))
  }

  @Test func continuousHeartRateDropsZerosAndReadsTheEnvelope() throws {
    let result = try polar("accesslink/continuous-hr-range.json")
    #expect(result.heartRates.count == 4)
    #expect(result.summary.counts[.heartRate]?.read == 4)
    let notes = result.diagnostics.filter { $0.code == .polarHeartRateGap }
    #expect(notes.count == 1)
    #expect(notes.first?.severity == .note)
  }

  @Test func continuousHeartRateFollowsTheZoneAcrossADSTChange() throws {
    // Europe/Berlin springs forward on 2026-03-29 at 02:00: 00:02:08 is +01:00, 03:30 and 12:00 are +02:00.
    let result = try polar(
      "accesslink/continuous-hr-range.json", options: ReadOptions(zone: try ZoneRules(identifier: "Europe/Berlin")))
    #expect(result.warnings.isEmpty)
    let times = result.heartRates.map(\.time)
    #expect(times[0].instant == utc("2026-03-28T23:02:08Z"))
    #expect(times[0].utcOffsetSeconds == 3600)
    #expect(times[1].instant == utc("2026-03-29T01:30:00Z"))
    #expect(times[1].utcOffsetSeconds == 7200)
    #expect(times[2].instant == utc("2026-03-29T10:00:00Z"))
    #expect(times.allSatisfy { $0.offsetSource == .timeZone })
  }

  @Test func dailyActivityDateZonesAndExpandedSteps() throws {
    let result = try polar("accesslink/activity-day-samples.json")
    #expect(result.errors.isEmpty)
    let day = try #require(result.days.first)
    // No "date" key in the summary: the date comes from start_time.
    #expect(day.date.description == "2026-02-10")
    #expect(day.steps == 8123)
    #expect(day.distanceMeters == 5432.1)
    #expect(day.bmrEnergyKilocalories == 1700)
    // Zones last until the next one; the last until end_time 23:59:59.
    #expect(day.lightSeconds == 1830)  // 08:00–08:30:30
    #expect(day.moderateSeconds == 1770)  // 08:30:30–09:00
    #expect(day.vigorousSeconds == 900)
    let sedentary: Double = 3600 + 13 * 3600 + 44 * 60 + 59  // 07:00–08:00 and 10:15–23:59:59
    #expect(day.sedentarySeconds == sedentary)
    #expect(result.metric("non_wear_duration").first?.value == 3600)
    #expect(result.metric("sleep_zone_duration").first?.value == 25_200)
    // Run-length filtered steps: 08:00 → 0, then 08:01 and 08:02 repeat 0, 08:03 → 12, 08:04 → 40.
    #expect(result.metric("steps").map(\.value) == [0, 0, 0, 12, 40])
    // Inactivity stamps in the {samples: [...]} shape.
    #expect(result.metric("inactivity_alert").count == 2)
    #expect(result.metric("active_duration").first?.value == 11_400)  // PT3H10M
  }

  @Test func dailyActivityFromTheCorpusPartialAndInProgressDays() throws {
    guard let four = corpusPath("polar/axs192_4_day_sample.json"),
      let one = corpusPath("polar/axs192_1_day_sample.json"),
      let full = corpusPath("polar/axs192_full_sample.json")
    else { return }
    let result = try read([four, one, full], with: polarReaders)
    #expect(result.errors.isEmpty)
    // 4 + 1 + 1 days, one duplicate date (2025-09-10 is in the 4-day list and the in-progress file): merged.
    #expect(
      result.days.map(\.date.description) == ["2025-09-07", "2025-09-08", "2025-09-09", "2025-09-10", "2025-09-26"])
    #expect(result.summary.counts[.dailyActivity]?.merged == 1)
    #expect(result.days[0].steps != nil)
  }

  @Test func cardioLoadPhysicalInformationAndUser() throws {
    let cardio = try polar("accesslink/cardio-load.json")
    #expect(cardio.metric("cardio_load").map(\.value) == [41.5, 0])
    #expect(cardio.metric("cardio_load_ratio").first?.value == 1.11)
    let physical = try polar("accesslink/physical-information.json")
    let body = try #require(physical.bodies.first)
    #expect(body.massKilograms == 71.5)
    #expect(body.heightMeters == 1.765)
    #expect(body.time.instant == utc("2026-02-01T07:30:00Z"))
    #expect(physical.metric("vo2_max").first?.value == 51)
    let user = try polar("accesslink/user.json")
    #expect(user.records.isEmpty)
    #expect(user.errors.isEmpty)
    #expect(user.summary.documents.first?.status == .converted)
  }

  @Test func transactionURLListsAreNotRecords() throws {
    let result = try polar("accesslink/transaction-exercise-urls.json")
    #expect(result.records.isEmpty)
    #expect(result.errors.isEmpty)
    #expect(result.diagnostics.map(\.code) == [.polarNotRecords])
  }

  @Test func healthBundleFromTheCorpus() throws {
    guard let path = corpusPath("polar/axs192_health_extraction.json") else { return }
    let result = try read([path], with: polarReaders)
    #expect(result.errors.isEmpty)
    let sleep = try #require(result.sleeps.first)
    #expect(sleep.deepSeconds == 3390)
    #expect(sleep.start.instant == utc("2025-09-30T22:33:22.675Z"))
    #expect(sleep.stages.count == 70)
    // 3992 continuous samples, 109 of them 0 bpm; plus the sleep's own heart-rate readings.
    let continuous = result.heartRates.filter { $0.provenance.location.jsonPointer?.hasPrefix("/heart_rate") == true }
    #expect(continuous.count == 3992 - 109)
    #expect(result.metric("ans_charge").first?.value == -2.9)
    #expect(result.days.first?.steps == 11138)
  }
}
