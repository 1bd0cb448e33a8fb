import Foundation
import Testing
import Wearport
import WearportCore
import WearportTestSupport

@testable import CSVExport

func temporaryFolder() -> String { NSTemporaryDirectory() + "wearport-csv-\(UUID().uuidString)" }

/// Runs the pandas oracle (scripts/oracles/tab_pandas_check.py) on CSV files; returns its exit status and output.
func pandasCheck(_ paths: [String]) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments =
    ["python3", repositoryRoot + "/scripts/oracles/tab_pandas_check.py", repositoryRoot + "/schemas/tables.json"]
    + paths
  let output = Pipe()
  process.standardOutput = output
  process.standardError = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

let provenance = Provenance(
  provider: .polar, format: "test", location: SourceLocation(path: "in, \"odd\"\nname.json", jsonPointer: "/0"))

func exercise(elapsed: [Int64]) -> Exercise {
  let start = Timestamp(
    instant: Instant(millisecondsSinceEpoch: 1_772_120_559_000), utcOffsetSeconds: 32_400, offsetSource: .sourceField)
  var exercise = Exercise(
    provider: .polar, providerID: "hX7k2Qp", sport: .running, start: start, provenance: provenance)
  exercise.durationSeconds = 2525.664
  exercise.distanceMeters = 8123.4
  exercise.sportDetail = "RUNNING, \"road\""
  var samples = SampleSeries()
  samples.setTimeAxis(elapsed)
  samples.setColumn(.heartRate, elapsed.map { $0 == 1000 ? .nan : 120 + Double($0) / 1000 })
  exercise.samples = samples
  return exercise
}

@Suite struct CSVSinkTests {
  @Test func polarFixturesGiveOneFilePerNonEmptyTableThatPandasReads() throws {
    let folder = temporaryFolder() + "/new/out"
    let sink = try CSVSink(directory: folder)
    let summary = Conversion.run(inputs: [fixturePath("polar/accesslink")], sinks: [sink])
    #expect(summary.exitCode == 0)
    let written = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(written.contains("exercises.csv") && written.contains("heart_rate_zones.csv"))
    #expect(written.contains("sources.csv") && written.contains("sleep_stages.csv"))
    #expect(!written.contains("notifications.csv"))
    #expect(written.allSatisfy { $0.hasSuffix(".csv") && !$0.hasPrefix(".") })
    let exercises = try contents(folder + "/exercises.csv").split(separator: "\n")
    #expect(exercises.count == 7)
    #expect(exercises[0] == Substring(Catalog.exercises.columns.map(\.name).joined(separator: ",")))
    let (status, output) = try pandasCheck(written.map { folder + "/" + $0 })
    #expect(status == 0, "\(output)")
  }

  @Test func rowsAreRFC4180WithEmptyCellsShortestNumbersAndUTCTimes() throws {
    let folder = temporaryFolder()
    let sink = try CSVSink(directory: folder)
    try sink.write(.exercise(exercise(elapsed: [0, 1000, 2000])))
    #expect(try sink.finish() == [folder + "/exercises.csv", folder + "/exercise_samples.csv"])
    let text = try contents(folder + "/exercises.csv")
    #expect(
      text.split(separator: "\n", omittingEmptySubsequences: false)[1...].joined(separator: "\n")
        == "polar:hX7k2Qp,polar,,running,\"RUNNING, \"\"road\"\"\",2026-02-26T15:42:39Z,2026-02-27T00:42:39+09:00,540,"
        + "source_field,2525.664,8123.4,,,,,,,\"in, \"\"odd\"\"\nname.json#/0\"\n")
    let samples = try contents(folder + "/exercise_samples.csv")
    #expect(samples.contains("\npolar:hX7k2Qp,1,2026-02-26T15:42:40Z,1,,,,,,,,,\n"))
    #expect(samples.contains("\npolar:hX7k2Qp,2,2026-02-26T15:42:41Z,2,122,,,,,,,,\n"))
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/exercises.csv")))
    #expect(Array(bytes.prefix(3)) != [0xEF, 0xBB, 0xBF])
    #expect(!bytes.contains(0x0D))
    let (status, output) = try pandasCheck([folder + "/exercises.csv", folder + "/exercise_samples.csv"])
    #expect(status == 0, "\(output)")
  }

  @Test func aColumnMixingWholeAndSubSecondTimesGetsMillisecondsOnEveryRow() throws {
    let folder = temporaryFolder()
    let sink = try CSVSink(directory: folder)
    try sink.write(.exercise(exercise(elapsed: [0, 500, 1000, 2250])))
    _ = try sink.finish()
    let lines = try contents(folder + "/exercise_samples.csv").split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines[1].hasPrefix("polar:hX7k2Qp,0,2026-02-26T15:42:39.000Z,0,120,"))
    #expect(lines[2].hasPrefix("polar:hX7k2Qp,1,2026-02-26T15:42:39.500Z,0.5,120.5,"))
    #expect(lines[4].hasPrefix("polar:hX7k2Qp,3,2026-02-26T15:42:41.250Z,2.25,122.25,"))
    // The exercises file has whole seconds only: unchanged, and its quoted multi-line cell survives.
    #expect(try contents(folder + "/exercises.csv").contains(",2026-02-26T15:42:39Z,2026-02-27T00:42:39+09:00,"))
    let (status, output) = try pandasCheck([folder + "/exercise_samples.csv"])
    #expect(status == 0, "\(output)")
  }

  @Test func theOracleRejectsAMixedColumn() throws {
    // A negative control: the check above can fail.
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let header = Catalog.route.columns.map(\.name).joined(separator: ",")
    try (header + "\nx,0,2026-02-26T15:42:39Z,0,1,2,,\nx,1,2026-02-26T15:42:39.500Z,0.5,1,2,,\n").write(
      toFile: folder + "/exercise_route.csv", atomically: true, encoding: .utf8)
    let (status, output) = try pandasCheck([folder + "/exercise_route.csv"])
    #expect(status == 1)
    #expect(output.contains("exercise_route.time_utc"))
  }

  @Test func zeroRecordsGiveNoFilesAndAbortLeavesNothing() throws {
    let folder = temporaryFolder()
    let empty = try CSVSink(directory: folder)
    #expect(try empty.finish().isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    let aborted = try CSVSink(directory: folder)
    try aborted.write(.exercise(exercise(elapsed: [0])))
    aborted.abort()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test func aFileInPlaceOfTheFolderIsRefused() throws {
    let path = temporaryFolder()
    try "x".write(toFile: path, atomically: true, encoding: .utf8)
    let error = try #require(throws: Diagnostic.self) { _ = try CSVSink(directory: path) }
    #expect(error.code == .outputUnwritable)
  }

  @Test func sourcesListEveryDocumentWithItsDigest() throws {
    let folder = temporaryFolder()
    let sink = try CSVSink(directory: folder)
    let input = fixturePath("polar/accesslink/exercise-tokyo-run.json")
    _ = Conversion.run(inputs: [input, fixturePath("bad/empty.json")], sinks: [sink])
    let lines = try contents(folder + "/sources.csv").split(separator: "\n")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: input)))
    var digest = DocumentDigest.sha256.start()
    digest.update(bytes)
    let sha256 = digest.finalizeHex()
    #expect(lines.count == 3)
    #expect(
      lines[1]
        == "\(input),\(input),,,polar.accesslink.exercise,converted,\(sha256),\(bytes.count),1,0,0,0,"
        + "timezone=none units=auto strict=false,false")
    #expect(lines[2].hasSuffix(",,,,skipped,,,0,1,0,0,timezone=none units=auto strict=false,false"))
  }
}
