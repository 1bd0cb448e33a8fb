import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Runs the built `wearport` executable.
struct CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// `$WEARPORT_EXECUTABLE`, else the `wearport` built beside this test bundle (the same scratch path), else
  /// `.build/debug/wearport`.
  static let executable: String = {
    if let path = ProcessInfo.processInfo.environment["WEARPORT_EXECUTABLE"], !path.isEmpty { return path }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/wearport"
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return repositoryRoot + "/.build/debug/wearport"
  }()

  static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw Diagnostic.error("test.setup", "build the executable first: swift build (looked for \(executable))")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "wearport-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A folder holding copies of the three exercise-summary fixtures (four exercises).
  static func exerciseFolder() throws -> String {
    let folder = try temporaryDirectory() + "/exercises"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["exercise-tokyo-run.json", "exercise-list-los-angeles.json", "transaction-exercise-kebab.json"] {
      try FileManager.default.copyItem(
        atPath: fixturePath("polar/accesslink/" + name), toPath: folder + "/" + name)
    }
    return folder
  }
}

@Suite(.serialized) struct CLITests {
  let tokyo = "Fixtures/polar/accesslink/exercise-tokyo-run.json"

  @Test func convertPrintsOneExerciseLineWithUTCStartAndDuration() throws {
    let result = try CLI.run(["convert", tokyo, "--to", "jsonl", "-o", "-"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let root = JSONNode(try JSONParser.parse(String(lines[0]), options: .strict).root)
    #expect(try root.required("kind").string() == "exercise")
    #expect(try root.required("start_time_utc").string() == "2026-02-26T15:42:39Z")
    #expect(try root.required("start_time_local").string() == "2026-02-27T00:42:39+09:00")
    #expect(try root.required("duration_s").double() == 2525.664)
    // The summary goes to standard error, never into the data.
    #expect(result.stderr.contains("exercise: 1 read, 1 written, 0 merged, 0 rejected"))
    // Not a terminal: no progress line.
    #expect(!result.stderr.contains("\u{1B}["))
  }

  @Test func malformedInputsAreReportedAndTheOthersStillConvert() throws {
    let result = try CLI.run([
      "convert", "Fixtures/bad/polar-missing-comma.json", tokyo, "Fixtures/bad/polar-duration-number.json",
      "Fixtures/bad/empty.json", "--to", "jsonl", "-o", "-",
    ])
    #expect(result.status == 65)
    #expect(result.stdout.split(separator: "\n").count == 1)
    #expect(
      result.stderr.contains(
        "Fixtures/bad/polar-missing-comma.json:4:3: error: unexpected '\"', expected ',' or '}' after a value in an "
          + "object [json.syntax]"))
    #expect(
      result.stderr.contains(
        "Fixtures/bad/polar-duration-number.json:5:15: error: expected a string, found a number at /duration "
          + "[json.type-mismatch]"))
    #expect(result.stderr.contains("Fixtures/bad/empty.json: error: the document is empty [input.empty]"))
  }

  @Test func missingInputIs66AndTheOthersStillConvert() throws {
    let result = try CLI.run(["convert", "Fixtures/does-not-exist.json", tokyo, "--to", "jsonl", "-o", "-"])
    #expect(result.status == 66)
    #expect(result.stdout.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("Fixtures/does-not-exist.json"))
  }

  @Test(arguments: [
    ["convert", "x.json", "--to", "xml", "-o", "-"],
    ["convert", "x.json", "--to", "jsonl"],
    ["convert", "x.json", "--to", "jsonl", "-o", "-", "--timezone", "Mars/Olympus_Mons"],
    ["convert", "x.json", "--to", "jsonl", "-o", "-", "--quiet", "--verbose"],
    ["frobnicate"],
  ])
  func usageErrorsAre64(_ arguments: [String]) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
  }

  @Test func unwritableOutputIs73AndLeavesNothing() throws {
    let result = try CLI.run(["convert", tokyo, "--to", "jsonl", "-o", "/nonexistent-wearport/out.jsonl"])
    #expect(result.status == 73)
    #expect(result.stderr.contains("[output.unwritable]"))
  }

  @Test func outputFileAppearsWhole() throws {
    let directory = try CLI.temporaryDirectory()
    let result = try CLI.run([
      "convert", try CLI.exerciseFolder(), "--to", "jsonl", "-o", directory + "/all.jsonl", "--report",
      directory + "/report.json",
    ])
    #expect(result.status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["all.jsonl", "report.json"])
    let lines = try String(contentsOfFile: directory + "/all.jsonl", encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4)
    let report = JSONNode(
      try JSONParser.parse(try String(contentsOfFile: directory + "/report.json", encoding: .utf8)).root)
    let totals = try report.required("totals")
    #expect(try totals.required("read").int() == 4)
    #expect(try totals.required("written").int() == 4)
    #expect(try report.required("exit_code").int() == 0)
    #expect(try report.required("documents").array().count == 3)
  }

  @Test func reportAccountsForRejectedRecords() throws {
    let directory = try CLI.temporaryDirectory()
    let result = try CLI.run([
      "convert", "Fixtures/bad/polar-invalid-date.json", "--to", "jsonl", "-o", directory + "/out.jsonl", "--quiet",
      "--report", directory + "/report.json",
    ])
    #expect(result.status == 65)
    let report = JSONNode(
      try JSONParser.parse(try String(contentsOfFile: directory + "/report.json", encoding: .utf8)).root)
    let counts = try report.required("records").required("exercise")
    #expect(try counts.required("read").int() == 2)
    #expect(try counts.required("written").int() == 1)
    #expect(try counts.required("rejected").int() == 1)
    let diagnostic = try report.required("diagnostics").array()[0]
    #expect(try diagnostic.required("code").string() == "time.invalid-date-time")
    #expect(try diagnostic.required("pointer").string() == "/1/start_time")
    #expect(try diagnostic.required("line").int() == 3)
  }

  @Test func timezoneResolvesLocalTimesWithoutOffset() throws {
    let directory = try CLI.temporaryDirectory()
    let input = directory + "/no-offset.json"
    try #"{"id": "z1", "start_time": "2026-10-25T02:30:00", "duration": "PT30M", "sport": "RUNNING"}"#.write(
      toFile: input, atomically: true, encoding: .utf8)
    let bare = try CLI.run(["convert", input, "--to", "jsonl", "-o", "-"])
    #expect(bare.status == 0)
    #expect(bare.stdout.contains("\"offset_source\":\"unknown\""))
    #expect(bare.stderr.contains("[time.offset-unknown]"))
    // 02:30 happens twice in Berlin that night: the first (summer time, +02:00) is taken, and it says so.
    let zoned = try CLI.run(["convert", input, "--to", "jsonl", "-o", "-", "--timezone", "Europe/Berlin"])
    #expect(zoned.status == 0)
    #expect(zoned.stdout.contains("\"start_time_utc\":\"2026-10-25T00:30:00Z\""))
    #expect(zoned.stdout.contains("\"start_time_local\":\"2026-10-25T02:30:00+02:00\""))
    #expect(zoned.stderr.contains("[time.local-ambiguous]"))
    // --strict turns that warning into an error and rejects the record.
    let strict = try CLI.run(["convert", input, "--to", "jsonl", "-o", "-", "--strict"])
    #expect(strict.status == 65)
  }

  @Test func readsArchivesAndStandardInput() throws {
    let directory = try CLI.temporaryDirectory()
    let archive = directory + "/polar.tar.gz"
    let folder = try CLI.exerciseFolder()
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/bin/tar")
    tar.arguments = ["czf", archive, "-C", (folder as NSString).deletingLastPathComponent, "exercises"]
    try tar.run()
    tar.waitUntilExit()
    #expect(tar.terminationStatus == 0)
    let result = try CLI.run(["convert", archive, "--to", "jsonl", "-o", "-"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(
      lines.contains { $0.contains("\"source_file\":\"\(archive)!/exercises/exercise-list-los-angeles.json#/0\"") })

    let piped = try CLI.run(
      ["convert", "-", "--to", "jsonl", "-o", "-"],
      stdin: try Data(contentsOf: URL(fileURLWithPath: fixturePath("polar/accesslink/exercise-tokyo-run.json"))))
    #expect(piped.status == 0)
    #expect(piped.stdout.contains("\"exercise_id\":\"polar:hX7k2Qp\""))
    #expect(piped.stdout.contains("\"source_file\":\"-\""))
  }

  @Test func inspectNamesFormatsAndKinds() throws {
    let folder = try CLI.exerciseFolder()
    let result = try CLI.run(["inspect", folder, "--json"])
    #expect(result.status == 0)
    let root = JSONNode(try JSONParser.parse(result.stdout).root)
    let formats = try root.required("formats").array()
    #expect(formats.count == 1)
    #expect(try formats[0].required("format").string() == "polar.accesslink.exercise")
    #expect(try formats[0].required("kind").string() == "exercise")
    #expect(try formats[0].required("records").int() == 4)
    #expect(try root.required("time_span").required("first_utc").string() == "2008-10-13T07:40:02Z")
    let text = try CLI.run(["inspect", folder])
    #expect(text.stdout.contains("exercise: 4"))
  }

  @Test func validateWritesJUnit() throws {
    let result = try CLI.run(["validate", "Fixtures/bad/polar-duration-number.json", tokyo, "--format", "junit"])
    #expect(result.status == 65)
    #expect(result.stdout.hasPrefix("<?xml"))
    #expect(result.stdout.contains("tests=\"2\" failures=\"1\""))
    #expect(result.stdout.contains("<failure type=\"json.type-mismatch\""))
  }

  @Test func schemaListsTheContractColumns() throws {
    let result = try CLI.run(["schema"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("exercises: one row per exercise"))
    #expect(result.stdout.contains("  start_time_utc  timestamp_utc  start of the exercise, UTC"))
  }

  @Test func helpTeaches() throws {
    let result = try CLI.run(["convert", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("--timezone"))
    #expect(result.stdout.contains("temporary name"))
    let top = try CLI.run(["--help"])
    #expect(top.stdout.contains("EXIT STATUS"))
  }
}

/// `validate` reports what the readers tolerate but strict JSON refuses, located, as warnings (errors with --strict).
@Suite(.serialized) struct ValidateJSONTests {
  @Test func nonStandardJSONIsReportedByValidateOnly() throws {
    let directory = try CLI.temporaryDirectory()
    let path = directory + "/nonstandard.json"
    let text =
      "\u{FEFF}{\"id\": \"x1\", \"start_time\": \"2026-02-27T00:42:39\", \"start_time_utc_offset\": 60,\n"
      + " \"duration\": \"PT1M\", \"sport\": \"RUNNING\", \"sport\": \"CYCLING\", \"running_index\": NaN,}\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CLI.run(["validate", path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("\(path):1:1: warning: the document starts with a UTF-8 byte-order mark"))
    #expect(
      result.stdout.contains("\(path):2:42: warning: a key appears twice in one object; the last one is used at /sport")
    )
    #expect(result.stdout.contains("[json.non-finite-number]"))
    #expect(result.stdout.contains("[json.trailing-comma]"))
    #expect(try CLI.run(["validate", path, "--strict"]).status == 65)
    // convert reads it quietly: the last "sport" wins.
    let converted = try CLI.run(["convert", path, "--to", "jsonl", "-o", "-"])
    #expect(converted.status == 0)
    #expect(converted.stdout.contains("\"sport\":\"cycling\""))
    #expect(!converted.stderr.contains("warning:"))
  }
}
