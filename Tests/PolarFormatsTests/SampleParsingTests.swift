import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import PolarFormats

/// The byte-level `data` parser and the in-place sample and route assembly give what the straightforward versions
/// gave: `Double(_:)` on each trimmed token, a table of altitudes by second, columns built beside the blocks.
@Suite struct SampleParsingTests {
  /// The reading of one token as the reader defined it before the byte-level parser: NaN when missing or invalid.
  static func reference(_ token: Substring) -> (value: Double, invalid: Bool) {
    var slice = token
    while slice.first == " " { slice = slice.dropFirst() }
    while slice.last == " " { slice = slice.dropLast() }
    if slice.isEmpty || ["null", "NaN", "-", "NULL"].contains(slice) { return (.nan, false) }
    if let value = Double(slice), value.isFinite { return (value, false) }
    return (.nan, true)
  }

  static func expectSameAsReference(_ data: String) {
    let (values, invalid) = PolarSamples.parseValues(data)
    let tokens = data.split(separator: ",", omittingEmptySubsequences: false)
    let expected = data.isEmpty ? [] : tokens.map(reference)
    #expect(values.count == expected.count, "\(data)")
    #expect(invalid == expected.filter(\.invalid).count, "\(data)")
    for (value, wanted) in zip(values, expected) {
      // Bit patterns: -0.0 differs from 0.0, and NaN (missing) equals NaN.
      let same = value.isNaN ? wanted.value.isNaN : value.bitPattern == wanted.value.bitPattern
      #expect(same, "\(data): \(value) != \(wanted.value)")
    }
  }

  @Test(arguments: [
    "", "0", "109,108,107", "1.5,,2.25", " 7 , 8.5 ,  ", "null,NaN,-,NULL", "-0,-0.0,0.0,00,007.50",
    "1e3,1E-2,+5,.5,5.,0x10,inf,-inf,nan,abc,1.2.3,--1,-.5,- 1,1 2", "12.345678901234567,0.1234567890123456789",
    "123456789012345,1234567890123456,9007199254740993,0.0000000000000000000001,0.00000000000000000000001",
    "4.35,2.675,1.005,0.1,0.2,0.3,9999999999.99999",
  ])
  func tokensReadAsDoubleReadsThem(data: String) {
    Self.expectSameAsReference(data)
  }

  @Test func randomDecimalsReadAsDoubleReadsThem() {
    var generator = SplitMix(seed: 20_260_301)
    for _ in 0..<200 {
      var tokens: [String] = []
      for _ in 0..<50 {
        let integerDigits = Int.random(in: 0...17, using: &generator)
        let decimals = Int.random(in: 0...24, using: &generator)
        var token = Bool.random(using: &generator) ? "-" : ""
        token += String(
          (0..<max(integerDigits, 1)).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        if decimals > 0 {
          token += "." + String((0..<decimals).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        }
        tokens.append(token)
      }
      Self.expectSameAsReference(tokens.joined(separator: ","))
    }
  }

  @Test func valuesArrayHasExactlyOneSlotPerToken() {
    let (values, invalid) = PolarSamples.parseValues(
      "1,2,x,4," + Array(repeating: "3.5", count: 9_996).joined(separator: ","))
    #expect(values.count == 10_000)
    // Reserved from the count of commas, not from the length of the text (allocation granularity aside).
    #expect(values.capacity < 10_004)
    #expect(invalid == 1)
    #expect(values[3] == 4)
    #expect(values[2].isNaN)
    #expect(values[9_999] == 3.5)
  }

  /// The altitude of a route point's second as a table filled in axis order gave it (the last present value wins).
  static func table(_ elapsed: [Int64], _ altitude: [Double]) -> [Int64: Double] {
    var table: [Int64: Double] = [:]
    for (index, time) in elapsed.enumerated() where !altitude[index].isNaN {
      table[(time + 500) / 1000] = altitude[index]
    }
    return table
  }

  @Test(arguments: [true, false])
  func altitudeLookupMatchesATableBySecond(ordered: Bool) {
    var generator = SplitMix(seed: ordered ? 7 : 11)
    var elapsed: [Int64] = []
    var time: Int64 = -1_200
    for _ in 0..<2_000 {
      time += Int64.random(in: 0...1_700, using: &generator)  // repeats, sub-second steps and gaps
      elapsed.append(time)
    }
    if !ordered { elapsed.shuffle(using: &generator) }
    let altitude = elapsed.indices.map { index in
      Int.random(in: 0..<4, using: &generator) == 0 ? Double.nan : Double(index) + 0.25
    }
    var lookup = PolarSamples.AltitudeLookup(elapsed: elapsed, altitude: altitude)
    let table = Self.table(elapsed, altitude)
    #expect(table.count > 500)
    // In order (the search starts where the last ended), then in a random order (searched afresh).
    let seconds = Array(Int64(-3)...((elapsed.max() ?? 0) / 1000 + 3))
    for second in seconds + seconds.shuffled(using: &generator) {
      #expect(lookup.altitude(atSecond: second) == table[second], "second \(second)")
    }
  }

  @Test func blocksBecomeTheColumnsAndAreLeftEmpty() {
    var blocks = [
      PolarSamples.Block(type: 3, rateSeconds: 2, values: [100, .nan, 102.5, 103], node: JSONNode(.null)),
      PolarSamples.Block(type: 0, rateSeconds: 2, values: [120, 0, 125], node: JSONNode(.null)),
      PolarSamples.Block(type: 1, rateSeconds: 2, values: [3.6, 7.2, .nan, 36], node: JSONNode(.null)),
      // Running cadence (rpm), then steps per minute halved onto the same column where it has values.
      PolarSamples.Block(type: 2, rateSeconds: 2, values: [80, .nan, 82, 83], node: JSONNode(.null)),
      PolarSamples.Block(type: 8, rateSeconds: 2, values: [.nan, 170, .nan], node: JSONNode(.null)),
    ]
    var warnings: [Diagnostic] = []
    let samples = PolarSamples.series(taking: &blocks, report: { warnings.append($0) })
    #expect(blocks.isEmpty)
    #expect(warnings.map(\.code) == [.polarSampleLengthMismatch])
    #expect(samples.elapsedMilliseconds == [0, 2000, 4000, 6000])
    #expect(samples.column(.heartRate)?.count == 4)
    #expect(samples[.heartRate, 0] == 120)
    #expect(samples[.heartRate, 1] == nil)  // 0 bpm is a gap
    #expect(samples[.heartRate, 3] == nil)  // padded
    #expect(samples[.altitude, 2] == 102.5)
    #expect(samples[.altitude, 1] == nil)
    #expect(samples[.speed, 3] == 10)  // 36 km/h
    #expect((0..<4).map { samples[.cadence, $0] } == [80, 85, 82, 83])
  }

  @Test func routeAltitudesComeFromTheSampleOfTheNearestSecond() throws {
    let text = """
      {"id": 5, "start_time": "2026-01-02T10:00:00", "start_time_utc_offset": 0, "duration": "PT10S",
       "samples": [{"recording_rate": 2, "sample_type": 3, "data": "100,,102.5,103"}],
       "route": [{"latitude": 60.1, "longitude": 24.9, "time": "PT6.4S"},
                 {"latitude": 60.2, "longitude": 24.8, "time": "PT3.6S"},
                 {"latitude": 60.3, "longitude": 24.7, "time": "PT1.9S"},
                 {"latitude": 60.4, "longitude": 24.6, "time": "PT5.49S"}]}
      """
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wearport-polar-route-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("exercise.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let exercise = try #require(try read([path], with: [AccessLinkExerciseReader()]).exercises.first)
    // Sorted by time. 1.9 s is second 2 (a gap: nil), 3.6 s second 4 (102.5 m), 5.49 s second 5 (no sample at an
    // odd second: nil), 6.4 s second 6 (103 m).
    #expect(exercise.route.map(\.elapsedMilliseconds) == [1_900, 3_600, 5_490, 6_400])
    #expect(exercise.route.map(\.latitudeDegrees) == [60.3, 60.2, 60.4, 60.1])
    #expect(exercise.route.map(\.altitudeMeters) == [nil, 102.5, nil, 103])
  }

  @Test func aRecordingRateOverADayIsSkippedNotATrap() throws {
    let text = """
      {"id": 6, "start_time": "2026-01-02T10:00:00", "start_time_utc_offset": 0, "duration": "PT10S",
       "samples": [{"recording_rate": 9000000000000000000, "sample_type": 3, "data": "100,,102.5,103"},
                   {"recording_rate": 1, "sample_type": 0, "data": "120,121"}]}
      """
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wearport-polar-rate-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("exercise.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let result = try read([path], with: [AccessLinkExerciseReader()])
    let exercise = try #require(result.exercises.first)
    #expect(exercise.samples.channels == [.heartRate])
    #expect(exercise.samples[.heartRate, 1] == 121)
    let warning = try #require(result.warnings.first { $0.code == .polarSampleInvalidRate })
    #expect(warning.location?.jsonPointer == "/samples/0/recording_rate")
  }
}
