import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import JSONLExport

@Suite struct JSONLSinkTests {
  private func temporaryFile() -> String {
    NSTemporaryDirectory() + "wearport-jsonl-\(UUID().uuidString).jsonl"
  }

  private func exercise() -> Exercise {
    let start = Timestamp(
      instant: Instant(millisecondsSinceEpoch: 1_772_120_559_000), utcOffsetSeconds: 32_400, offsetSource: .sourceField)
    var exercise = Exercise(
      provider: .polar, providerID: "hX7k2Qp", sport: .running, start: start,
      provenance: Provenance(
        provider: .polar, format: "test", location: SourceLocation(path: "a \"quoted\"\tpath.json", jsonPointer: "/0")))
    exercise.durationSeconds = 3.5
    exercise.distanceMeters = 10.25
    var samples = SampleSeries()
    samples.setTimeAxis([0, 1000, 2000])
    samples.setColumn(.heartRate, [120, .nan, 122])
    samples.setColumn(.speed, [2.5, 2.75, 3])
    exercise.samples = samples
    exercise.route = [RoutePoint(elapsedMilliseconds: 1000, latitudeDegrees: 60.21982833, longitudeDegrees: 25.13925)]
    exercise.rrIntervalsMilliseconds = [812, nil, 790]
    exercise.laps = [Lap(start: start, durationSeconds: 3.5)]
    return exercise
  }

  @Test func writesOneLinePerRecordMatchingTheGolden() throws {
    let path = temporaryFile()
    let sink = try JSONLSink(path: path)
    try sink.write(.exercise(exercise()))
    let day = DailyActivity(
      provider: .fitbit, userID: "228S74", date: try LocalDate.parse("2021-05-23"),
      provenance: Provenance(provider: .fitbit, format: "test", location: SourceLocation(path: "day.json")))
    try sink.write(.dailyActivity(day))
    #expect(try sink.finish() == [path])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.split(separator: "\n").count == 2)
    if let difference = compareWithGolden(text, "jsonl/exercise-and-day.jsonl") { Issue.record("\(difference)") }
  }

  @Test func everyLineIsValidJSONWithKindFirst() throws {
    var writer = JSONTextWriter()
    JSONLSink.encode(.exercise(exercise()), into: &writer)
    let document = try JSONParser.parse(writer.bytes, options: .strict)
    let root = JSONNode(document.root)
    #expect(root.keys.first == "kind")
    #expect(try root.required("kind").string() == "exercise")
    #expect(try root.required("source_file").string() == "a \"quoted\"\tpath.json#/0")
    let samples = try root.required("samples").array()
    #expect(samples.count == 3)
    #expect(samples[1]["heart_rate_bpm"]?.isNull == true)
    #expect(try samples[1].required("latitude_deg").double() == 60.21982833)
    #expect(try samples[2].required("time_utc").string() == "2026-02-26T15:42:41Z")
    #expect(try root.required("rr_intervals_ms").array().map(\.isNull) == [false, true, false])
  }

  @Test func zeroRecordsGiveAnEmptyFile() throws {
    let path = temporaryFile()
    let sink = try JSONLSink(path: path)
    _ = try sink.finish()
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
  }

  @Test func abortLeavesNoFile() throws {
    let path = temporaryFile()
    let sink = try JSONLSink(path: path)
    try sink.write(.exercise(exercise()))
    sink.abort()
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
