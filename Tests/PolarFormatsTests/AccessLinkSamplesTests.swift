import Testing
import WearportCore
import WearportTestSupport

@testable import PolarFormats

/// polar.md §9 items 1–13 for AccessLink exercises with samples and route.
@Suite struct AccessLinkSamplesTests {
  @Test func samplesAreIndexTimesRateFromTheUTCStart() throws {
    let result = try polar("accesslink/exercise-samples-route.json")
    #expect(result.errors.isEmpty)
    let exercise = try #require(result.exercises.first)
    // Local 10:15:00 with offset +120 min: 08:15:00Z; sample 7 is 7 s later.
    #expect(exercise.start.instant == utc("2026-04-12T08:15:00Z"))
    #expect(exercise.samples.count == 10)
    #expect(exercise.samples.elapsedMilliseconds[7] == 7000)
    #expect(exercise.samples[.heartRate, 7] == 124)
    // A heart rate of 0 is a sensor gap, not a reading.
    #expect(exercise.samples[.heartRate, 2] == nil)
  }

  @Test func speedIsConvertedFromKilometresPerHourAndMissingTokensStayMissing() throws {
    let exercise = try #require(try polar("accesslink/exercise-samples-route.json").exercises.first)
    #expect(exercise.samples[.speed, 1] == 1.0)  // 3.6 km/h
    #expect(abs((exercise.samples[.speed, 3] ?? 0) - 3.0) < 1e-12)  // 10.8 km/h
    // "", null, NaN and - are missing; 0.0 is a real zero (standing still, indoor sessions).
    #expect((5...8).map { exercise.samples[.speed, $0] } == [nil, nil, nil, nil])
    #expect(exercise.samples[.speed, 0] == 0)
  }

  @Test func runningCadenceIsOneFootAsRecordedNotDoubled() throws {
    let exercise = try #require(try polar("accesslink/exercise-samples-route.json").exercises.first)
    #expect(exercise.samples[.cadence, 9] == 88)
  }

  @Test func otherStreamsInSIUnits() throws {
    let exercise = try #require(try polar("accesslink/exercise-samples-route.json").exercises.first)
    #expect(exercise.samples[.altitude, 4] == 102.3)
    #expect(exercise.samples[.power, 9] == 270)
    #expect(exercise.samples[.temperature, 0] == 24.5)
    #expect(exercise.samples[.distance, 9] == 30.0)  // cumulative metres
  }

  @Test func rrIntervalsAreKeptApartWithGaps() throws {
    let exercise = try #require(try polar("accesslink/exercise-samples-route.json").exercises.first)
    #expect(exercise.rrIntervalsMilliseconds == [512, 498, nil, 505, nil, 490])
  }

  @Test func routeTimesAreDurationOffsetsWithAltitudeFromTheSamples() throws {
    let exercise = try #require(try polar("accesslink/exercise-samples-route.json").exercises.first)
    #expect(exercise.route.map(\.elapsedMilliseconds) == [0, 2400, 5026, 9000])
    #expect(exercise.route[1].latitudeDegrees == 60.2198301)
    // PT5.026S is nearest to second 5: altitude 102.5 m.
    #expect(exercise.route[2].altitudeMeters == 102.5)
    #expect(exercise.route[3].satellites == 10)
  }

  @Test func trainingLoadProStringsDoNotBreakReading() throws {
    // -1.0 and "NOT_AVAILABLE" inside training_load_pro (§9 item 4).
    let result = try polar("accesslink/exercise-samples-route.json")
    #expect(result.exercises.count == 1)
    #expect(result.diagnostics.isEmpty)
  }

  @Test func kebabKeysStringTypesMixedRatesAndUnknownTypes() throws {
    let result = try polar("accesslink/exercise-mixed-rates-kebab.json")
    let exercise = try #require(result.exercises.first)
    // start_time_utc_offset given as a string "-300": UTC = 06:00 + 5 h.
    #expect(exercise.start.instant == utc("2026-04-13T11:00:00Z"))
    #expect(exercise.durationSeconds == 60.5)  // PT1M0.5S
    // CROSS-COUNTRY_SKIING (hyphenated enum value) is preferred over the coarse CYCLING.
    #expect(exercise.sport == .crossCountrySkiing)
    // Heart rate every 5 s and speed every 1 s share one time axis: the union of their times.
    #expect(exercise.samples.elapsedMilliseconds == [0, 1000, 2000, 3000, 4000, 5000, 6000, 10_000])
    #expect(exercise.samples[.heartRate, 5] == 105)
    #expect(exercise.samples[.heartRate, 1] == nil)
    #expect(exercise.samples[.speed, 2] == 5.5)
    #expect(exercise.samples[.distance, 3] == nil)  // "x" is not a number
    let codes = Set(result.warnings.map(\.code))
    #expect(codes.contains(.polarSampleUnknownType))
    #expect(codes.contains(.polarSampleInvalidRate))
    #expect(codes.contains(.polarSampleInvalidValue))
    #expect(codes.contains(.polarSampleLengthMismatch))
  }

  @Test func realExerciseStreamsFromTheCorpus() throws {
    guard let path = corpusPath("polar/axs192_sample_data.json") else { return }
    let result = try read([path], with: polarReaders)
    #expect(result.errors.isEmpty)
    let exercise = try #require(result.exercises.first)
    #expect(exercise.samples.count == 8240)
    #expect(exercise.samples.channels == [.heartRate, .speed, .cadence, .power, .altitude, .distance, .temperature])
    // Second 1000 (08:06:57Z): 138 bpm, 4.7247 km/h, cadence 79, altitude 99.671 m, 2501.800048828125 m.
    #expect(exercise.samples[.heartRate, 1000] == 138)
    #expect(abs((exercise.samples[.speed, 1000] ?? 0) - 4.7247 / 3.6) < 1e-12)
    #expect(exercise.samples[.cadence, 1000] == 79)
    #expect(exercise.samples[.altitude, 1000] == 99.671)
    #expect(exercise.samples[.distance, 1000] == 2501.800048828125)
    #expect(exercise.heartRateZones.map(\.index) == [0, 1, 2, 3, 4])
  }

  @Test func indoorSessionKeepsItsZeroSpeedStream() throws {
    guard let path = corpusPath("polar/axs192_other_data_sample.json") else { return }
    let exercise = try #require(try read([path], with: polarReaders).exercises.first)
    #expect(exercise.samples.count == 609)
    #expect(exercise.samples.presentCount(.speed) == 609)
    #expect(exercise.samples[.speed, 0] == 0)
    #expect(exercise.samples.column(.cadence) == nil)
  }
}
