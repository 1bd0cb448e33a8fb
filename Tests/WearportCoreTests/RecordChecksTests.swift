import Testing

@testable import WearportCore

/// Issue 8: the internal-consistency checks of the check step, at and just past their documented tolerances.
@Suite struct RecordChecksTests {
  static let provenance = Provenance(provider: .polar, format: "test", location: SourceLocation(path: "t.json"))
  static let start = Timestamp(
    instant: Instant(millisecondsSinceEpoch: 1_777_000_000_000), utcOffsetSeconds: 7200, offsetSource: .sourceField)

  /// A 100 s run sampled at 1 Hz: heart rate 130 bpm, distance 0…990 m, ten route points 10 m apart going north.
  static func run() -> Exercise {
    var exercise = Exercise(
      provider: .polar, providerID: "x", sport: .running, start: start, provenance: provenance)
    exercise.durationSeconds = 100
    exercise.distanceMeters = 1000
    exercise.averageHeartRateBPM = 130
    exercise.maximumHeartRateBPM = 131
    var samples = SampleSeries()
    samples.setTimeAxis((0..<100).map { Int64($0) * 1000 })
    samples.setColumn(.heartRate, Array(repeating: 130, count: 100))
    samples.setColumn(.distance, (0..<100).map { Double($0) * 10 })
    exercise.samples = samples
    return exercise
  }

  static func codes(_ record: Record) -> [String] {
    RecordChecks.check(record).map(\.code.rawValue).sorted()
  }

  @Test func aConsistentExerciseHasNoFinding() {
    #expect(RecordChecksTests.codes(.exercise(RecordChecksTests.run())) == [])
  }

  @Test func distanceSamplesWithinTwoPercentPassAndBeyondWarn() {
    var exercise = RecordChecksTests.run()
    // Last sample 990 m: 1.0 % below 1000 m passes; 1020 m summary (2.9 %) warns.
    exercise.distanceMeters = 1010
    #expect(RecordChecksTests.codes(.exercise(exercise)) == [])
    exercise.distanceMeters = 1020
    #expect(RecordChecksTests.codes(.exercise(exercise)) == ["consistency.distance.samples"])
    // A track cut short (samples over less than 90 % of the duration) is not compared with the total.
    exercise.durationSeconds = 200
    #expect(RecordChecksTests.codes(.exercise(exercise)) == [])
  }

  @Test func routeLengthIsComparedWithTheDistance() {
    var exercise = RecordChecksTests.run()
    // 10 points 0.0009° of latitude apart: 9 × 100.076 m = 900.68 m of route against 1000 m (10 %) passes.
    exercise.route = (0..<10).map {
      RoutePoint(
        elapsedMilliseconds: Int64($0) * 10_000, latitudeDegrees: 60 + Double($0) * 0.0009, longitudeDegrees: 25)
    }
    #expect(abs(RecordChecks.routeLength(exercise.route) - 900.68) < 0.01)
    #expect(RecordChecksTests.codes(.exercise(exercise)) == [])
    exercise.route = Array(exercise.route.prefix(10)).map {
      var point = $0
      point.latitudeDegrees = 60 + (point.latitudeDegrees - 60) / 2
      return point
    }
    // 450 m against 1000 m: more than 20 % and 200 m.
    #expect(RecordChecksTests.codes(.exercise(exercise)) == ["consistency.distance.route"])
  }

  @Test func heartRateAverageAndMaximumAgainstTheSamples() {
    var exercise = RecordChecksTests.run()
    exercise.averageHeartRateBPM = 136.5  // samples' mean 130: 6.5 bpm is within 5 % of 136.5 (6.8)
    exercise.maximumHeartRateBPM = 140
    #expect(RecordChecksTests.codes(.exercise(exercise)) == [])
    exercise.averageHeartRateBPM = 138  // 8 bpm off: more than 5 % (6.9)
    exercise.maximumHeartRateBPM = 127.9  // a 130 bpm sample is 2.1 bpm above
    #expect(
      RecordChecksTests.codes(.exercise(exercise)) == [
        "consistency.heart-rate", "consistency.heart-rate.average", "consistency.heart-rate.maximum",
      ])
    // Gaps (missing values) are not counted in the mean.
    var gappy = RecordChecksTests.run()
    var column = Array(repeating: 130.0, count: 100)
    for index in stride(from: 0, to: 100, by: 2) { column[index] = .nan }
    gappy.samples.setColumn(.heartRate, column)
    #expect(RecordChecksTests.codes(.exercise(gappy)) == [])
  }

  @Test func samplesAfterStartPlusDurationWarnButNotForFiles() {
    var exercise = RecordChecksTests.run()
    exercise.durationSeconds = 89  // last sample at 99 s: exactly 10 s of slack
    exercise.distanceMeters = 990
    #expect(RecordChecksTests.codes(.exercise(exercise)) == [])
    exercise.durationSeconds = 88.9
    #expect(RecordChecksTests.codes(.exercise(exercise)) == ["consistency.exercise.duration"])
    exercise.provider = .file
    #expect(RecordChecksTests.codes(.exercise(exercise)) == [])
  }

  @Test func routePointsGoingBackwardsAreFlagged() {
    var exercise = RecordChecksTests.run()
    exercise.route = [
      RoutePoint(elapsedMilliseconds: 0, latitudeDegrees: 60, longitudeDegrees: 25),
      RoutePoint(elapsedMilliseconds: 5000, latitudeDegrees: 60.0001, longitudeDegrees: 25),
      RoutePoint(elapsedMilliseconds: 4000, latitudeDegrees: 60.0002, longitudeDegrees: 25),
    ]
    let findings = RecordChecks.check(.exercise(exercise))
    #expect(findings.map(\.code) == [.timeNotMonotonic])
    #expect(findings.first?.message == "route point times go backwards 1 time(s)")
  }

  @Test func implausibleYearsAreFlagged() {
    var exercise = RecordChecksTests.run()
    exercise.start = Timestamp(instant: Instant(millisecondsSinceEpoch: 0), utcOffsetSeconds: 0, offsetSource: .utc)
    let findings = RecordChecks.check(.exercise(exercise))
    #expect(findings.map(\.code) == [.timeImplausibleDate])
    #expect(findings.first?.message.contains("1970") == true)
  }

  static func sleep(stages: [(Int64, Double, SleepStageKind)]) -> SleepSession {
    var sleep = SleepSession(
      provider: .polar, providerID: "s", userID: nil, date: LocalDate(year: 2026, month: 4, day: 24)!, start: start,
      end: start.adding(milliseconds: 8 * 3_600_000), provenance: provenance)
    sleep.stages = stages.map {
      SleepStage(start: start.adding(milliseconds: $0.0 * 1000), durationSeconds: $0.1, stage: $0.2, rawStage: "x")
    }
    return sleep
  }

  @Test func sleepStagesAndTotals() {
    // 8 h in bed: 4 h light, 2 h deep, 2 h REM.
    var sleep = RecordChecksTests.sleep(stages: [(0, 14_400, .light), (14_400, 7200, .deep), (21_600, 7200, .rem)])
    sleep.lightSeconds = 14_400 + 300
    sleep.deepSeconds = 7200 * 1.1
    sleep.remSeconds = 7200
    sleep.asleepSeconds = 28_000
    sleep.awakeSeconds = 860
    #expect(RecordChecksTests.codes(.sleepSession(sleep)) == [])
    sleep.awakeSeconds = 861  // 28 861 s against 28 800 s + 60 s
    sleep.deepSeconds = 6400  // 800 s off: more than 10 % (640 s) and 5 min
    #expect(
      RecordChecksTests.codes(.sleepSession(sleep)) == ["consistency.sleep.stage-totals", "consistency.sleep.totals"])

    let outside = RecordChecksTests.sleep(stages: [(-61, 100, .light), (100, 28_000, .light)])
    #expect(RecordChecksTests.codes(.sleepSession(outside)) == ["consistency.sleep.stages"])
    let backwards = RecordChecksTests.sleep(stages: [(3600, 100, .light), (0, 100, .deep)])
    #expect(RecordChecksTests.codes(.sleepSession(backwards)) == ["time.samples-not-monotonic"])
    var reversed = RecordChecksTests.sleep(stages: [])
    reversed.end = RecordChecksTests.start.adding(milliseconds: -1000)
    #expect(RecordChecksTests.codes(.sleepSession(reversed)) == ["consistency.sleep.duration"])
  }

  @Test func perSampleRecordsGetOnlyARangeCheck() {
    let sample = HeartRateSample(
      provider: .polar, userID: nil,
      time: Timestamp(
        instant: Instant(millisecondsSinceEpoch: 0), utcOffsetSeconds: 0,
        offsetSource: .utc), heartRateBPM: 60, provenance: RecordChecksTests.provenance)
    // Even dated 1970, a heart-rate reading is only range-checked (they come by the million).
    #expect(RecordChecks.check(.heartRate(sample)).isEmpty)
    var high = sample
    high.heartRateBPM = 251
    #expect(RecordChecks.check(.heartRate(high)).map(\.code) == [.plausibilityHeartRate])
  }
}
