import Foundation
import PolarFormats
import Testing
import WearportCore
import WearportTestSupport

/// The AccessLink exercise reader streams `samples` and `route`: it gives what it gave when the document was parsed
/// whole (`validate`'s options still parse whole), records and diagnostics alike, lines included.
@Suite struct PolarStreamingReaderTests {
  static let reader = AccessLinkExerciseReader()

  static let cases: [String] = ["polar", "bad"].flatMap { files(under: fixturePath($0), withExtension: "json") }
    .filter { ((try? sniff(reader, $0)) ?? .no) >= .likely }.sorted()

  static func diagnostics(_ result: ReadResult) -> [String] {
    result.diagnostics.filter { !$0.code.rawValue.hasPrefix("json.") || $0.severity == .error }.map(\.description)
      .sorted()
  }

  @Test func thereAreExercisesWithSamplesAndRoutes() throws {
    #expect(Self.cases.count >= 8)
    var withRoute = 0
    var withSamples = 0
    for path in Self.cases {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      if text.contains("\"route\"") { withRoute += 1 }
      if text.contains("\"samples\"") { withSamples += 1 }
    }
    #expect(withRoute >= 2)
    #expect(withSamples >= 3)
  }

  @Test(arguments: cases)
  func streamedEqualsWhole(path: String) throws {
    var whole = ReadOptions()
    whole.checkConformance = true
    let streamed = try read([path], with: [Self.reader])
    let parsed = try read([path], with: [Self.reader], options: whole)
    #expect(Self.comparable(streamed.records) == Self.comparable(parsed.records))
    #expect(Self.diagnostics(streamed) == Self.diagnostics(parsed))
  }

  /// Records with sample columns as bit patterns, so that NaN (a gap) equals NaN.
  static func comparable(_ records: [Record]) -> [String] {
    records.map { record in
      guard case .exercise(var exercise) = record else { return "\(record)" }
      let samples = exercise.samples
      exercise.samples = SampleSeries()
      let columns = samples.channels.map { channel in
        "\(channel): " + (samples.column(channel) ?? []).map { String($0.bitPattern) }.joined(separator: ",")
      }
      return "\(exercise) axis \(samples.elapsedMilliseconds) " + columns.joined(separator: "; ")
    }
  }

  @Test func aListOfExercisesKeepsEachRouteWithItsExercise() throws {
    let text = """
      [{"id": 1, "start_time": "2026-01-02T10:00:00", "start_time_utc_offset": 60, "duration": "PT10S",
        "route": [{"latitude": 60.1, "longitude": 24.9, "time": "PT2S"}, {"latitude": 60.2, "longitude": 24.8,
        "time": "PT1S"}]},
       {"id": 2, "start_time": "2026-01-03T10:00:00", "start_time_utc_offset": 60, "duration": "PT10S",
        "samples": [{"recording_rate": 1, "sample_type": 3, "data": "10,11,12"}],
        "route": [{"latitude": 61.5, "longitude": 23.7, "time": "PT1S"}, {"latitude": 99, "longitude": 0,
        "time": "PT2S"}]}]
      """
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wearport-polar-stream-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("exercises.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let result = try read([path], with: [Self.reader])
    let exercises = result.exercises
    try #require(exercises.count == 2)
    #expect(exercises[0].route.map(\.latitudeDegrees) == [60.2, 60.1])
    #expect(exercises[0].route.allSatisfy { $0.altitudeMeters == nil })
    #expect(exercises[1].route.map(\.latitudeDegrees) == [61.5])
    #expect(exercises[1].route.first?.altitudeMeters == 11)
    let warning = try #require(result.warnings.first { $0.code == .polarRouteInvalidPoint })
    #expect(warning.location?.jsonPointer == "/1/route/1")
    #expect(warning.location?.line == 6)
    #expect(warning.location?.column == 68)
  }
}
