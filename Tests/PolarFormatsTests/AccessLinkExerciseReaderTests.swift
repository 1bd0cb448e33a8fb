import Testing
import WearportCore
import WearportTestSupport

@testable import PolarFormats

@Suite struct AccessLinkExerciseReaderTests {
  let reader = AccessLinkExerciseReader()

  @Test func localStartMinusPositiveOffsetIsUTC() throws {
    // Tokyo, UTC+9: local 2026-02-27T00:42:39 with start_time_utc_offset 540 is 2026-02-26T15:42:39Z.
    let result = try read([fixturePath("polar/accesslink/exercise-tokyo-run.json")], with: [reader])
    let exercise = try #require(result.exercises.first)
    #expect(result.diagnostics.isEmpty)
    #expect(exercise.start.instant == utc("2026-02-26T15:42:39Z"))
    #expect(exercise.start.utcOffsetSeconds == 540 * 60)
    #expect(exercise.start.offsetSource == .sourceField)
    #expect(TimestampRenderer.utc(exercise.start.instant) == "2026-02-26T15:42:39Z")
    #expect(TimestampRenderer.local(exercise.start) == "2026-02-27T00:42:39+09:00")
  }

  @Test func localStartMinusNegativeOffsetIsUTC() throws {
    // Los Angeles, UTC−7 (PDT): local 18:05 with offset −420 is 01:05Z the next day, not 11:05Z
    // (the sign mistake that stored workouts twice the offset in the future).
    let result = try read([fixturePath("polar/accesslink/exercise-list-los-angeles.json")], with: [reader])
    #expect(result.exercises.count == 2)
    let ride = result.exercises[0]
    #expect(ride.start.instant == utc("2026-03-09T01:05:00Z"))
    #expect(ride.start.utcOffsetSeconds == -420 * 60)
    #expect(TimestampRenderer.local(ride.start) == "2026-03-08T18:05:00-07:00")
    let second = result.exercises[1]
    #expect(second.start.instant == utc("2026-03-10T00:45:10.250Z"))
  }

  @Test func summaryValuesInSIUnits() throws {
    let result = try read([fixturePath("polar/accesslink/exercise-tokyo-run.json")], with: [reader])
    let exercise = try #require(result.exercises.first)
    #expect(exercise.exerciseID == "polar:hX7k2Qp")
    #expect(exercise.userID == "90000001")
    #expect(exercise.durationSeconds == 2525.664)
    #expect(exercise.distanceMeters == 8123.4)
    #expect(exercise.energyKilocalories == 512)
    #expect(exercise.averageHeartRateBPM == 151)
    #expect(exercise.maximumHeartRateBPM == 176)
    #expect(exercise.sport == .running)
    #expect(exercise.sportDetail == "RUNNING")
    #expect(exercise.device == "Polar Pacer Pro")
    #expect(exercise.modifiedAt == utc("2026-02-27T01:30:12Z"))
    #expect(exercise.heartRateZones.count == 5)
    #expect(exercise.heartRateZones[2].lowerBPM == 134)
    #expect(exercise.heartRateZones[2].timeInZoneSeconds == 1230.5)
    #expect(exercise.heartRateZones[4].timeInZoneSeconds == 93.164)
    #expect(exercise.provenance.location.jsonPointer == "")
    #expect(exercise.provenance.format == "polar.accesslink.exercise")
  }

  @Test func transactionEraKebabCaseWithIntegerId() throws {
    let result = try read([fixturePath("polar/accesslink/transaction-exercise-kebab.json")], with: [reader])
    let exercise = try #require(result.exercises.first)
    #expect(result.diagnostics.isEmpty)
    #expect(exercise.providerID == "1937529874")
    #expect(exercise.start.instant == utc("2008-10-13T07:40:02Z"))
    #expect(exercise.durationSeconds == 9885.0)  // PT2H44M45S
    #expect(exercise.sport.rawValue == "watersports_waterski")
    // The documentation's malformed "10:40:0.000Z" is read leniently.
    #expect(exercise.modifiedAt == utc("2008-10-13T10:40:00Z"))
  }

  @Test func listElementsCarryTheirPointer() throws {
    let result = try read([fixturePath("polar/accesslink/exercise-list-los-angeles.json")], with: [reader])
    #expect(result.exercises.map(\.provenance.location.jsonPointer) == ["/0", "/1"])
    #expect(result.exercises[1].sport == .other)
    #expect(result.exercises[1].durationSeconds == 0)
  }

  @Test func badDateRejectsOnlyThatExercise() throws {
    let result = try read([fixturePath("bad/polar-invalid-date.json")], with: [reader])
    #expect(result.exercises.map(\.providerID) == ["Ok1"])
    #expect(result.summary.counts[.exercise]?.rejected == 1)
    let error = try #require(result.errors.first)
    #expect(error.code == .timeInvalidDateTime)
    #expect(error.location?.jsonPointer == "/1/start_time")
    #expect(error.location?.line == 3)
  }

  @Test func typeErrorIsLocated() throws {
    let result = try read([fixturePath("bad/polar-duration-number.json")], with: [reader])
    #expect(result.exercises.isEmpty)
    #expect(
      result.errors.map(\.description) == [
        fixturePath("bad/polar-duration-number.json")
          + ":5:15: error: expected a string, found a number at /duration [json.type-mismatch]"
      ])
  }

  @Test func withoutOffsetTheStartIsFlaggedNotSilentlyUTC() throws {
    let text = #"{"id": "n1", "start_time": "2026-05-01T10:00:00", "duration": "PT1H", "sport": "RUNNING"}"#
    func run(_ options: ReadOptions) throws -> (Exercise?, [Diagnostic]) {
      let sink = CollectingSink()
      var diagnostics: [Diagnostic] = []
      let pipeline = Pipeline(
        registry: ReaderRegistry([reader]), options: options, sinks: [sink], onDiagnostic: { diagnostics.append($0) })
      try pipeline.process(
        InputDocument(location: SourceLocation(path: "x.json"), name: "x.json", bytes: Array(text.utf8)))
      _ = pipeline.finish()
      return (sink.exercises.first, diagnostics)
    }
    let (bare, warnings) = try run(ReadOptions())
    #expect(bare?.start.offsetSource == .unknown)
    #expect(warnings.map(\.code) == [.timeOffsetUnknown])
    #expect(warnings.first?.location?.jsonPointer == "/start_time")
    // With --timezone the same input resolves with that zone's DST rules (CEST, UTC+2, in May).
    let (zoned, none) = try run(ReadOptions(zone: try ZoneRules(identifier: "Europe/Berlin")))
    #expect(none.isEmpty)
    #expect(zoned?.start.offsetSource == .timeZone)
    #expect(zoned?.start.instant == utc("2026-05-01T08:00:00Z"))
    #expect(zoned.map { TimestampRenderer.local($0.start) } == "2026-05-01T10:00:00+02:00")
  }

  @Test(arguments: [
    "polar/accesslink/exercise-tokyo-run.json", "polar/accesslink/exercise-list-los-angeles.json",
    "polar/accesslink/transaction-exercise-kebab.json",
  ])
  func recognisesItsFixtures(_ relative: String) throws {
    #expect(try sniff(reader, fixturePath(relative)) == .certain)
  }

  @Test func doesNotRecogniseOtherFormats() {
    let fitbitDaily = SniffProbe(
      name: "x.json", logicalPath: "x.json",
      prefix: Array(#"{"activities":[],"goals":{},"summary":{"steps":1}}"#.utf8), isComplete: true)
    #expect(reader.sniff(fitbitDaily) == .no)
    let polarSleep = SniffProbe(
      name: "s.json", logicalPath: "s.json",
      prefix: Array(#"{"date":"2025-10-01","sleep_start_time":"2025-09-30T23:33:22.675+01:00"}"#.utf8),
      isComplete: true)
    #expect(reader.sniff(polarSleep) == .no)
    let xml = SniffProbe(name: "a.tcx", logicalPath: "a.tcx", prefix: Array("<?xml".utf8), isComplete: true)
    #expect(reader.sniff(xml) == .no)
  }

  @Test func realAccessLinkExercisesFromTheCorpus() throws {
    guard let run = corpusPath("polar/axs192_sample_data.json"),
      let mobility = corpusPath("polar/axs192_other_data_sample.json")
    else { return }  // ../shared/corpus is not beside this checkout
    let result = try read([run, mobility], with: [reader])
    #expect(result.errors.isEmpty)
    #expect(result.exercises.count == 2)
    let first = result.exercises[0]
    #expect(first.start.instant == utc("2026-02-22T07:50:17Z"))
    #expect(first.durationSeconds == 8239.604)
    #expect(first.device == "Polar Pacer Pro")
    let second = result.exercises[1]
    #expect(second.providerID == "0rvW7VwE")
    #expect(second.sportDetail == "MOBILITY_DYNAMIC")
    #expect(second.durationSeconds == 609.974)
    #expect(second.averageHeartRateBPM == 107)
    #expect(second.heartRateZones.count == 5)
  }
}
