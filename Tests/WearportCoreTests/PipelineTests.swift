import Foundation
import Testing

@testable import WearportCore

/// A reader of a tiny test format: `{"hr": [[epoch_seconds, bpm], …]}`; a bpm of -1 is a bad record.
private struct HeartRateListReader: FormatReader {
  let info = FormatInfo(id: "test.hr", name: "test", provider: "test", kinds: [.heartRate])
  func sniff(_ probe: SniffProbe) -> SniffScore { probe.hasKeys("hr") ? .certain : .no }
  func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    for pair in try root.required("hr").array() {
      let values = try pair.array()
      let bpm = try values[1].double()
      if bpm < 0 {
        context.reject(.heartRate, pair.invalid("negative heart rate"))
        continue
      }
      let time = Timestamp(
        instant: Instant(millisecondsSinceEpoch: try values[0].int() * 1000), utcOffsetSeconds: 0, offsetSource: .utc)
      try context.emit(
        .heartRate(
          HeartRateSample(
            provider: "test", userID: "u", time: time, heartRateBPM: bpm,
            provenance: context.provenance(pointer: pair.pointer))))
    }
  }
}

private final class CollectingSink: RecordSink {
  var records: [Record] = []
  var finished = false
  var aborted = false
  var failAfter: Int?
  func write(_ record: Record) throws {
    if let failAfter, records.count >= failAfter { throw Diagnostic.error(.outputUnwritable, "disk full") }
    records.append(record)
  }
  func finish() throws -> [String] {
    finished = true
    return ["memory"]
  }
  func abort() { aborted = true }
  var exercises: [Exercise] {
    records.compactMap { if case .exercise(let exercise) = $0 { exercise } else { nil } }
  }
}

private func document(_ text: String, path: String = "in.json") -> InputDocument {
  InputDocument(location: SourceLocation(path: path), name: path, bytes: Array(text.utf8))
}

@Suite struct PipelineTests {
  @Test func accountsForEveryRecord() throws {
    let sink = CollectingSink()
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(), sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    // Two files overlapping in one reading (merged), one bad reading (rejected), one implausible (warned).
    try pipeline.process(document(#"{"hr": [[1000, 60], [1001, 61], [1002, -1]]}"#, path: "a.json"))
    try pipeline.process(document(#"{"hr": [[1001, 61], [1003, 900]]}"#, path: "b.json"))
    let summary = pipeline.finish()
    let counts = try #require(summary.counts[.heartRate])
    #expect(counts.read == 5)
    #expect(counts.written == 3)
    #expect(counts.merged == 1)
    #expect(counts.rejected == 1)
    #expect(counts.addsUp)
    #expect(sink.records.count == 3)
    #expect(sink.finished)
    #expect(summary.exitCode == ExitCode.dataError)
    let rejected = try #require(diagnostics.first { $0.severity == .error })
    #expect(rejected.description == "a.json:1:33: error: negative heart rate at /hr/2 [json.invalid-value]")
    let warning = try #require(diagnostics.first { $0.severity == .warning })
    #expect(warning.code == .plausibilityHeartRate)
    #expect(warning.location?.path == "b.json")
    #expect(warning.location?.jsonPointer == "/hr/1")
    // Values are not shown without --verbose.
    #expect(!warning.message.contains("900"))
  }

  @Test func strictRejectsRecordsWithWarnings() throws {
    let sink = CollectingSink()
    let pipeline = Pipeline(
      registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(strict: true), sinks: [sink])
    try pipeline.process(document(#"{"hr": [[1000, 60], [1003, 900]]}"#))
    let summary = pipeline.finish()
    #expect(summary.counts[.heartRate]?.written == 1)
    #expect(summary.counts[.heartRate]?.rejected == 1)
    #expect(summary.exitCode == ExitCode.dataError)
  }

  @Test func malformedDocumentFailsAloneAndOthersConvert() throws {
    let sink = CollectingSink()
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(), sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    try pipeline.process(document("{\"hr\": [[1000, 60]\n [1001, 61]]}", path: "broken.json"))
    try pipeline.process(document(#"{"hr": [[2000, 70]]}"#, path: "good.json"))
    let summary = pipeline.finish()
    #expect(sink.records.count == 1)
    #expect(summary.documents.map(\.status) == [.failed, .converted])
    #expect(
      diagnostics.map(\.description) == [
        "broken.json:2:2: error: unexpected '[', expected ',' or ']' after a value in an array at /hr [json.syntax]"
      ])
    #expect(summary.exitCode == ExitCode.dataError)
  }

  @Test func unrecognisedTopLevelFileIsAnErrorButAMemberIsANote() throws {
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(), sinks: [],
      onDiagnostic: { diagnostics.append($0) })
    try pipeline.process(document("hello", path: "notes.txt"), isTopLevel: true)
    try pipeline.process(
      InputDocument(location: SourceLocation(path: "x.zip", member: "readme.txt"), name: "readme.txt", bytes: [65]))
    #expect(diagnostics.map(\.severity) == [.error, .note])
    #expect(diagnostics.map(\.code) == [.inputUnrecognized, .inputUnrecognized])
    #expect(pipeline.finish().exitCode == ExitCode.dataError)
  }

  @Test func sinkFailureStopsTheRunAndAbortsOutputs() {
    let sink = CollectingSink()
    sink.failAfter = 1
    let pipeline = Pipeline(registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(), sinks: [sink])
    #expect(throws: Diagnostic.self) {
      try pipeline.process(document(#"{"hr": [[1000, 60], [1001, 61]]}"#))
    }
    let summary = pipeline.finish()
    #expect(summary.outputFailed)
    #expect(sink.aborted)
    #expect(!sink.finished)
    #expect(summary.exitCode == ExitCode.cannotCreateOutput)
  }

  @Test func aBackgroundSinkFailureStopsTheRunByTheEndOfTheDocument() {
    let inner = CollectingSink()
    inner.failAfter = 1
    let sink = BackgroundSink(inner, batchSize: 1, maxQueued: 1)
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(), sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    // The failed write is thrown by a later hand-over or by the end of the document; the next document is not read.
    _ = try? pipeline.process(document(#"{"hr": [[1000, 60], [1001, 61], [1002, 62]]}"#))
    #expect(throws: Diagnostic.self) {
      try pipeline.process(document(#"{"hr": [[2000, 70]]}"#, path: "second.json"))
    }
    let summary = pipeline.finish()
    #expect(summary.outputFailed)
    #expect(inner.aborted)
    #expect(!inner.finished)
    #expect(inner.records.count == 1)
    #expect(summary.exitCode == ExitCode.cannotCreateOutput)
    #expect(diagnostics.filter { $0.message == "disk full" }.count == 1)
    #expect(!summary.documents.contains { $0.location.path == "second.json" })
  }

  @Test func repeatedWarningsAreReportedOncePerDocument() throws {
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry([HeartRateListReader()]), options: ReadOptions(), sinks: [],
      onDiagnostic: { diagnostics.append($0) })
    try pipeline.process(document(#"{"hr": [[1, 900], [2, 901], [3, 902]]}"#))
    let summary = pipeline.finish()
    #expect(diagnostics.count == 1)
    #expect(summary.suppressedByCode[.plausibilityHeartRate] == 2)
    #expect(summary.exitCode == ExitCode.success)
  }
}

@Suite struct AtomicFileTests {
  private func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "wearport-atomic-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func appearsOnlyOnCommit() throws {
    let directory = try temporaryDirectory()
    let path = directory + "/out.jsonl"
    let file = try AtomicFile(path: path)
    try file.write("hello\n")
    try file.flush()
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 1)
    try file.commit()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.jsonl"])
  }

  @Test func abortLeavesNothing() throws {
    let directory = try temporaryDirectory()
    let file = try AtomicFile(path: directory + "/out.jsonl")
    try file.write("partial")
    file.abort()
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
  }

  @Test func unwritableFolderIsADiagnostic() {
    #expect(throws: Diagnostic.self) { try AtomicFile(path: "/nonexistent-wearport-dir/out.jsonl") }
  }
}

@Suite struct TableTests {
  @Test func numbersRenderShortest() {
    #expect(NumberRenderer.render(1600) == "1600")
    #expect(NumberRenderer.render(-0.0) == "0")
    #expect(NumberRenderer.render(8123.4) == "8123.4")
    #expect(NumberRenderer.render(0.1 + 0.2) == "0.30000000000000004")
    #expect(NumberRenderer.render(1e20) == "1e+20")
  }

  @Test func everyTableHasUniqueSnakeCaseColumnsAndKeysThatExist() {
    for table in Catalog.allShapes {
      let names = table.columns.map(\.name)
      #expect(Set(names).count == names.count, "duplicate column in \(table.name)")
      for name in names {
        #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(table.name).\(name)")
      }
      for key in table.primaryKey { #expect(names.contains(key), "\(table.name) key \(key)") }
    }
  }

  @Test func exerciseContractColumns() {
    let names = Catalog.exercises.shape.columns.map(\.name)
    for required in [
      "exercise_id", "provider", "user_id", "sport", "sport_detail", "start_time_utc", "start_time_local",
      "utc_offset_minutes", "offset_source", "duration_s", "distance_m", "calories_kcal", "avg_heart_rate_bpm",
      "max_heart_rate_bpm", "device", "source_file",
    ] {
      #expect(names.contains(required), "missing \(required)")
    }
  }
}

/// Sums `{"day": "2021-05-23", "steps": 100}` pieces from many documents into one daily record per day.
private final class StepAssembler: RunAssembler {
  var days: [LocalDate: (steps: Int64, pieces: Int, provenance: Provenance)] = [:]
  init() {}
  func finish(_ context: AssemblyContext) throws {
    for (date, day) in days.sorted(by: { $0.key < $1.key }) {
      var record = DailyActivity(provider: "test", userID: "u", date: date, provenance: day.provenance)
      record.steps = day.steps
      try context.emit(.dailyActivity(record), pieces: day.pieces)
    }
  }
}

private struct StepPieceReader: FormatReader {
  let info = FormatInfo(id: "test.steps", name: "test", provider: "test", kinds: [.dailyActivity])
  func sniff(_ probe: SniffProbe) -> SniffScore { probe.hasKeys("day", "steps") ? .certain : .no }
  func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let date = try LocalDate.parse(try root.required("day").string())
    let steps = try root.required("steps").int()
    let assembler = context.assembler(StepAssembler.self)
    let previous = assembler.days[date]
    assembler.days[date] = (
      (previous?.steps ?? 0) + steps, (previous?.pieces ?? 0) + 1, previous?.provenance ?? context.provenance()
    )
  }
}

@Suite struct AssemblerTests {
  @Test func piecesFromManyDocumentsBecomeOneRecordAndAddUp() throws {
    let sink = CollectingSink()
    let pipeline = Pipeline(registry: ReaderRegistry([StepPieceReader()]), options: ReadOptions(), sinks: [sink])
    for (index, steps) in [100, 250, 31].enumerated() {
      try pipeline.process(document(#"{"day": "2021-05-23", "steps": \#(steps)}"#, path: "s\(index).json"))
    }
    try pipeline.process(document(#"{"day": "2021-05-24", "steps": 7}"#, path: "t.json"))
    #expect(sink.records.isEmpty)  // nothing is written before the run ends
    let summary = pipeline.finish()
    #expect(sink.records.count == 2)
    guard case .dailyActivity(let first) = sink.records[0] else { return }
    #expect(first.steps == 381)
    let counts = try #require(summary.counts[.dailyActivity])
    #expect(counts.read == 4)
    #expect(counts.written == 2)
    #expect(counts.merged == 2)
    #expect(counts.addsUp)
  }
}

@Suite struct ExerciseJoinTests {
  private func half(_ id: String, _ role: ExerciseJoin.Role, key: String = "fitbit:1", samples: Int = 0) -> Record {
    let start = Timestamp(
      instant: Instant(millisecondsSinceEpoch: 1_773_525_600_000), utcOffsetSeconds: 32_400, offsetSource: .explicit)
    var exercise = Exercise(
      provider: role == .summary ? .fitbit : .file, providerID: id, sport: role == .summary ? .running : .other,
      start: start, provenance: Provenance(provider: .fitbit, format: "test", location: SourceLocation(path: id)))
    exercise.join = ExerciseJoin(key: key, role: role)
    if role == .summary {
      exercise.energyKilocalories = 612
      exercise.averageHeartRateBPM = 151
    } else {
      var series = SampleSeries()
      series.setTimeAxis((0..<Int64(samples)).map { $0 * 1000 })
      series.setColumn(.heartRate, (0..<samples).map { Double(100 + $0) })
      exercise.samples = series
      exercise.averageHeartRateBPM = 101
      exercise.maximumHeartRateBPM = 103
    }
    return .exercise(exercise)
  }

  private struct Feeder: FormatReader {
    let records: [Record]
    let info = FormatInfo(id: "test.feed", name: "feed", provider: "test", kinds: [.exercise])
    func sniff(_ probe: SniffProbe) -> SniffScore { .certain }
    func read(_ context: ReadContext) throws { for record in records { try context.emit(record) } }
  }

  private func run(_ records: [Record]) throws -> (CollectingSink, RunSummary) {
    let sink = CollectingSink()
    let pipeline = Pipeline(registry: ReaderRegistry([Feeder(records: records)]), options: ReadOptions(), sinks: [sink])
    try pipeline.process(document("{}"))
    return (sink, pipeline.finish())
  }

  @Test(arguments: [true, false])
  func summaryAndDetailBecomeOneExerciseInEitherOrder(summaryFirst: Bool) throws {
    let summaryHalf = half("48000000001", .summary)
    let detailHalf = half("2026-03-15T07:00:00+09:00", .detail, samples: 3)
    let (sink, summary) = try run(summaryFirst ? [summaryHalf, detailHalf] : [detailHalf, summaryHalf])
    let exercise = try #require(sink.exercises.first)
    #expect(sink.exercises.count == 1)
    #expect(exercise.exerciseID == "fitbit:48000000001")
    #expect(exercise.sport == .running)
    #expect(exercise.samples.count == 3)
    #expect(exercise.energyKilocalories == 612)
    // Heart-rate totals as a pair from the summary: its average, and no maximum (it gave none).
    #expect(exercise.averageHeartRateBPM == 151)
    #expect(exercise.maximumHeartRateBPM == nil)
    #expect(exercise.join == nil)
    let counts = try #require(summary.counts[.exercise])
    #expect(counts.read == 2)
    #expect(counts.written == 1)
    #expect(counts.merged == 1)
  }

  @Test func halvesWithoutAPartnerAreWrittenAsTheyAre() throws {
    let (sink, summary) = try run([
      half("7", .summary, key: "fitbit:7"), half("T", .detail, key: "fitbit:8", samples: 2),
    ])
    #expect(sink.exercises.map(\.exerciseID) == ["fitbit:7", "file:T"])
    #expect(sink.exercises.allSatisfy { $0.join == nil })
    #expect(summary.counts[.exercise]?.written == 2)
    #expect(summary.counts[.exercise]?.addsUp == true)
  }
}
