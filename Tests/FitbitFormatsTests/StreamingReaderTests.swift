import FitbitFormats
import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// The streamed readers give what they gave when the document was parsed whole (`validate` still parses whole, so
/// its options select the whole-document path): the same records, and the same diagnostics at the same lines.
@Suite struct FitbitStreamingReaderTests {
  static let readers: [any FormatReader] = [
    FitbitExportHeartRateReader(), FitbitExportMinuteSeriesReader(), FitbitExportExerciseReader(),
    FitbitExportSleepReader(), FitbitExportBodyReader(),
  ]

  static let cases: [String] = ["fitbit", "bad"].flatMap { files(under: fixturePath($0), withExtension: "json") }
    .filter { path in readers.contains { ((try? sniff($0, path)) ?? .no) >= .likely } }.sorted()

  static func diagnostics(_ result: ReadResult) -> [String] {
    result.diagnostics.filter { !$0.code.rawValue.hasPrefix("json.") || $0.severity == .error }.map(\.description)
      .sorted()
  }

  @Test func everyStreamedFamilyHasFixtures() {
    #expect(Self.cases.count >= 8)
    #expect(Self.cases.contains { $0.hasSuffix("/heart_rate-2024-01-15.json") })
    #expect(Self.cases.contains { $0.contains("/bad/") })
  }

  @Test(arguments: cases)
  func streamedEqualsWhole(path: String) throws {
    var whole = ReadOptions()
    whole.checkConformance = true
    for zone in [nil, "Europe/Berlin"] {
      var options = ReadOptions()
      options.zone = zone.flatMap { try? ZoneRules(identifier: $0) }
      whole.zone = options.zone
      let streamed = try read([path], with: Self.readers, options: options)
      let parsed = try read([path], with: Self.readers, options: whole)
      #expect(streamed.records == parsed.records)
      #expect(Self.diagnostics(streamed) == Self.diagnostics(parsed))
    }
  }

  @Test func aBadSampleIsRejectedAtItsLineWhileTheRestStream() throws {
    let text = """
      [{"dateTime":"01/15/24 00:00:00","value":{"bpm":61,"confidence":2}},
      {"dateTime":"01/15/24 00:00:05","value":{"bpm":"x"}},
      {"dateTime":"01/15/24 00:00:10","value":{"bpm":63}}]
      """
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wearport-stream-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("heart_rate-2024-01-15.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let result = try read([path], with: [FitbitExportHeartRateReader()])
    let samples = result.records.compactMap { if case .heartRate(let sample) = $0 { sample } else { nil } }
    #expect(samples.map(\.heartRateBPM) == [61, 63])
    #expect(samples.last?.time.instant == utc("2024-01-15T00:00:10Z"))
    #expect(samples.last?.provenance.location.jsonPointer == "/2")
    let rejected = try #require(result.errors.first)
    #expect(rejected.code == .jsonTypeMismatch)
    #expect(rejected.location?.jsonPointer == "/1/value/bpm")
    #expect(rejected.location?.line == 2)
    #expect(rejected.location?.column == 48)
  }
}
