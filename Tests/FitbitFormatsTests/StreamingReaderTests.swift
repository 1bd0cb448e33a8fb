import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

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

  // MARK: the byte-level fast path (ReadOptions.fastPaths)

  static func fastAndFull(_ paths: [String], zone: String? = nil) throws -> (fast: ReadResult, full: ReadResult) {
    var options = ReadOptions()
    options.zone = zone.flatMap { try? ZoneRules(identifier: $0) }
    var full = options
    full.fastPaths = false
    return (try read(paths, with: readers, options: options), try read(paths, with: readers, options: full))
  }

  @Test(arguments: cases)
  func fastPathEqualsTheFullParser(path: String) throws {
    for zone in [nil, "America/New_York"] {
      let (fast, full) = try Self.fastAndFull([path], zone: zone)
      #expect(fast.records == full.records)
      #expect(fast.diagnostics.map(\.description) == full.diagnostics.map(\.description))
    }
  }

  /// The reading context hands out fresh copies of the document's path every ``ReadContext/provenanceStripe``
  /// records (so that a writing thread releases other objects than the reader retains): the provenance of every
  /// record is still the same value, across stripes, whether the sink runs inline or on the writing thread (where
  /// the pipeline moves each record into the queue).
  @Test(arguments: [false, true])
  func everyRecordKeepsItsProvenanceAcrossStripes(background: Bool) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/a folder name long enough for heap storage/heart_rate-2024-01-15.json"
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let count = ReadContext.provenanceStripe * 2 + 500
    let elements = (0..<count).map { index in
      let second = index * 5
      let stamp = String(format: "01/15/24 %02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60)
      return #"{"dateTime":"\#(stamp)","value":{"bpm":\#(50 + index % 97),"confidence":\#(index % 4)}}"#
    }
    try Data(("[" + elements.joined(separator: ",\n") + "]").utf8).write(to: URL(fileURLWithPath: path))

    let collector = ThreadCollectingSink()
    let sink: any RecordSink = background ? BackgroundSink(collector, batchSize: 100) : collector
    let pipeline = Pipeline(registry: ReaderRegistry(Self.readers), options: ReadOptions(), sinks: [sink])
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    try pipeline.process(
      InputDocument(location: SourceLocation(path: path), name: "heart_rate-2024-01-15.json", bytes: bytes),
      isTopLevel: true)
    let summary = pipeline.finish()
    #expect(summary.counts[.heartRate]?.written == count)
    let samples = collector.records.compactMap { if case .heartRate(let sample) = $0 { sample } else { nil } }
    try #require(samples.count == count)
    for (index, sample) in samples.enumerated() {
      let expected = Provenance(
        provider: .fitbit, format: "fitbit.export.heart-rate",
        location: SourceLocation(path: path, jsonPointer: "/\(index)"))
      if sample.provenance != expected {
        Issue.record("record \(index): \(sample.provenance)")
        break
      }
    }
    // Either side of the first two stripe boundaries: the values belong to their element.
    for index in [1023, 1024, 1025, 2047, 2048, count - 1] {
      #expect(samples[index].heartRateBPM == Double(50 + index % 97))
      #expect(samples[index].confidence == index % 4)
      #expect(samples[index].time.instant.millisecondsSinceEpoch == 1_705_276_800_000 + Int64(index) * 5000)
    }
  }

  /// Plain elements among every form the matcher leaves to the full parser, across many 64 KiB chunks.
  static let mixedHeartRate: String = {
    var elements: [String] = []
    for index in 0..<6000 {
      let second = index * 5
      let stamp = String(format: "01/15/24 %02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60)
      let plain = #"{"dateTime":"\#(stamp)","value":{"bpm":\#(60 + index % 50),"confidence":\#(index % 4)}}"#
      switch index % 500 {
      case 7: elements.append(#"{ "dateTime" : "\#(stamp)" ,\#n "value" : { "bpm" : 70 } }"#)  // spaces, no confidence
      case 11: elements.append(#"{"value":{"bpm":71,"confidence":1},"dateTime":"\#(stamp)"}"#)  // keys reordered
      case 13: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":72.5,"confidence":1}}"#)  // a fraction
      case 17: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":7.3e1}}"#)  // an exponent
      case 19: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":73,"confidence":null}}"#)
      case 23: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":"74"}}"#)  // wrong type: rejected
      case 29: elements.append(#"{"dateTime":"09/31/22 00:00:00","value":{"bpm":75}}"#)  // no such date: rejected
      case 31: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":76,"bpm":77}}"#)  // a duplicate key
      case 37: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":NaN}}"#)  // tolerated, then rejected
      case 41: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":78,},}"#)  // trailing commas
      case 43: elements.append(#"{"dateTime":"\#(stamp)","value":{"bpm":079}}"#)  // a leading zero: a syntax error
      case 47: elements.append(#"{"date\u0054ime":"\#(stamp)","value":{"bpm":80}}"#)  // an escaped key
      case 53:
        elements.append(#"{"dateTime":"\#(stamp)",\#(String(repeating: " ", count: 600))"value":{"bpm":81}}"#)
      default: elements.append(plain)
      }
    }
    return "[" + elements.joined(separator: ",\n") + "]"
  }()

  @Test func fastPathEqualsTheFullParserOnEveryForm() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wearport-fast-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Without the leading-zero element the document parses to its end; with it, it stops there with a syntax error.
    let valid = Self.mixedHeartRate.replacingOccurrences(of: #""bpm":079"#, with: #""bpm":79"#)
    for (name, text) in [("valid", valid), ("broken", Self.mixedHeartRate)] {
      let path = folder.appendingPathComponent("heart_rate-2024-01-15.json").path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let (fast, full) = try Self.fastAndFull([path])
      #expect(fast.records == full.records, "\(name)")
      #expect(fast.diagnostics.map(\.description) == full.diagnostics.map(\.description), "\(name)")
      #expect(fast.summary.counts == full.summary.counts, "\(name)")
      #expect(fast.summary.documents == full.summary.documents, "\(name)")
      if name == "valid" {
        #expect(fast.records.count == 6000 - 12 * 3)  // the wrong type, the impossible date and NaN, 12 times each
        let samples = fast.records.compactMap { if case .heartRate(let sample) = $0 { sample } else { nil } }
        let at = try #require(samples.first { $0.time.instant == utc("2024-01-15T00:00:10Z") })
        #expect(at.heartRateBPM == 62)
        #expect(at.confidence == 2)
        #expect(at.provenance.location.jsonPointer == "/2")
      } else {
        #expect(fast.errors.map(\.code).contains(.jsonSyntax))
        #expect(fast.records.count == 43 - 3)  // elements 0-42; 23 and 29 rejected, 37 (NaN) rejected
      }
    }
  }

  @Test func theMatcherReadsOnlyThePlainForm() {
    func heartRate(_ text: String) -> (LocalDateTime, Int64, Int64?)? {
      var bytes = Array(text.utf8)
      return bytes.withUnsafeMutableBufferPointer { buffer in
        var scanner = JSONFastScanner(UnsafeBufferPointer(buffer))
        guard let found = FitbitExportHeartRateReader.match(&scanner) else { return nil }
        return scanner.offset == buffer.count ? (found.local, found.bpm, found.confidence) : nil
      }
    }
    let plain = heartRate(#"{"dateTime":"05/18/15 05:25:00","value":{"bpm":114,"confidence":0}}"#)
    #expect(plain?.0.description == "2015-05-18T05:25:00")
    #expect(plain?.1 == 114)
    #expect(plain?.2 == 0)
    #expect(heartRate(#"{ "dateTime": "05/18/15 05:25:00", "value": { "bpm": 99 } }"#)?.2 == nil)
    #expect(heartRate(#"{ "dateTime": "05/18/15 05:25:00", "value": { "bpm": 99 } }"#)?.1 == 99)
    for other in [
      #"{"dateTime":"05/18/15 05:25:00","value":{"bpm":114.0}}"#,
      #"{"dateTime":"05/18/15 05:25:00","value":{"bpm":0114}}"#,
      #"{"dateTime":"05\/18/15 05:25:00","value":{"bpm":1}}"#,
      #"{"dateTime":"02/30/15 05:25:00","value":{"bpm":1}}"#, #"{"dateTime":"05/18/15 05:25:00","value":{"bpm":1},}"#,
      #"{"dateTime":"05/18/15 05:25:00","value":{"confidence":1,"bpm":1}}"#,
      #"{"dateTime":"05/18/15 05:25:00","value":{"bpm":1,"confidence":1,"x":2}}"#,
      #"{"dateTime":"05/18/15 05:25:00","value":{"bpm":1234567890123456789}}"#,
    ] {
      #expect(heartRate(other) == nil, "\(other)")
    }
    var minute = Array(#"{"dateTime":"12/12/15 13:00:00","value":"17"}"#.utf8)
    let steps = minute.withUnsafeMutableBufferPointer { buffer in
      var scanner = JSONFastScanner(UnsafeBufferPointer(buffer))
      return FitbitExportMinuteSeriesReader.match(&scanner)?.value
    }
    #expect(steps == 17)
    // Plain decimals as text read as `Double(text)` would: calories, a leading zero, a negative zero.
    for (text, expected) in [(#""1.07""#, 1.07), (#""07""#, 7), (#""-0""#, -0.0), (#""0.000001""#, 1e-6)] {
      var bytes = Array(#"{"dateTime":"12/12/15 13:00:00","value":\#(text)}"#.utf8)
      let read = bytes.withUnsafeMutableBufferPointer { buffer in
        var scanner = JSONFastScanner(UnsafeBufferPointer(buffer))
        return FitbitExportMinuteSeriesReader.match(&scanner)?.value
      }
      #expect(read?.bitPattern == expected.bitPattern, "\(text)")
    }
    // Anything else is left to the full path.
    for text in [#"" 7""#, #""""#, #""1.""#, #"".5""#, #""1e3""#, #""nan""#, #""1234567890123456.5""#, "7.5"] {
      var bytes = Array(#"{"dateTime":"12/12/15 13:00:00","value":\#(text)}"#.utf8)
      let read = bytes.withUnsafeMutableBufferPointer { buffer in
        var scanner = JSONFastScanner(UnsafeBufferPointer(buffer))
        return FitbitExportMinuteSeriesReader.match(&scanner)?.value
      }
      #expect(read == nil, "\(text)")
    }
  }

  /// Found by fuzzing: a 20-digit value overflowed the fast path's integer reader (a trap). It is left to the full
  /// parser now, which refuses the document where it stops making sense.
  @Test func aTwentyDigitValueIsNotReadByTheFastPath() throws {
    var minute = Array(#"{"dateTime":"12/12/15 13:00:00","value":18446744073709551616}"#.utf8)
    let matched = minute.withUnsafeMutableBufferPointer { buffer in
      var scanner = JSONFastScanner(UnsafeBufferPointer(buffer))
      return FitbitExportMinuteSeriesReader.match(&scanner) != nil
    }
    #expect(!matched)
    // The same value as text is left to the full parser too (more than 15 significant digits).
    var quoted = Array(#"{"dateTime":"12/12/15 13:00:00","value":"99999999999999999999"}"#.utf8)
    let matchedText = quoted.withUnsafeMutableBufferPointer { buffer in
      var scanner = JSONFastScanner(UnsafeBufferPointer(buffer))
      return FitbitExportMinuteSeriesReader.match(&scanner) != nil
    }
    #expect(!matchedText)
    let result = try read([fixturePath("bad/fuzz/steps-2024-01-14.json")], with: Self.readers)
    let error = try #require(result.errors.first)
    #expect(error.code == .jsonSyntax)
    #expect(error.location?.line == 4)
    #expect(result.records.isEmpty)
  }
}

/// Collects records; may be run on the writing thread (the records are read after ``BackgroundSink/finish()``).
private final class ThreadCollectingSink: RecordSink, @unchecked Sendable {
  private(set) var records: [Record] = []
  var canWriteInBackground: Bool { true }
  func write(_ record: Record) throws { records.append(record) }
  func finish() throws -> [String] { [] }
  func abort() {}
}
