import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Issue 3 acceptance, through the command line.
@Suite(.serialized) struct PolarCLITests {
  /// What `inspect` must name for each Polar JSON file of the corpus: format → record kinds.
  static let corpus: [(String, String, Set<String>)] = [
    ("axs192_sample_data.json", "polar.accesslink.exercise", ["exercise"]),
    ("axs192_other_data_sample.json", "polar.accesslink.exercise", ["exercise"]),
    ("axs192_1_day_sample.json", "polar.accesslink.activity", ["daily_activity", "metric_sample"]),
    ("axs192_4_day_sample.json", "polar.accesslink.activity", ["daily_activity", "metric_sample"]),
    ("axs192_full_sample.json", "polar.accesslink.activity", ["daily_activity", "metric_sample"]),
    ("axs192_heart_rate_sample.json", "polar.accesslink.continuous-heart-rate", ["heart_rate"]),
    (
      "axs192_health_extraction.json", "polar.accesslink.bundle",
      ["sleep_session", "heart_rate", "metric_sample", "daily_activity", "body_measurement"]
    ),
    ("slither_running_export_v1.3.json", "polar.flow-export.training-session", ["exercise"]),
    ("tracs_flowweb_200000.json", "polar.flow-web.calendar-item", ["exercise"]),
  ]

  @Test(arguments: corpus.map(\.0))
  func inspectNamesTheRightKinds(_ name: String) throws {
    guard let path = corpusPath("polar/" + name) else { return }
    let (_, format, kinds) = try #require(Self.corpus.first { $0.0 == name })
    let result = try CLI.run(["inspect", path, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let root = JSONNode(try JSONParser.parse(result.stdout).root)
    let formats = try root.required("formats").array()
    #expect(try Set(formats.map { try $0.required("format").string() }) == [format])
    #expect(try Set(formats.map { try $0.required("kind").string() }) == kinds)
  }

  @Test func flowExportZipConvertsEveryExerciseOfEverySession() throws {
    let directory = try CLI.temporaryDirectory()
    let archive = directory + "/polar-user-data-export.zip"
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    zip.currentDirectoryURL = URL(fileURLWithPath: fixturePath("polar/flow-export"))
    zip.arguments = ["-q", "-r", archive, "polar-user-data-export_0f1e2d3c"]
    try zip.run()
    zip.waitUntilExit()
    let result = try CLI.run(["convert", archive, "--to", "jsonl", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    let exercises = result.stdout.split(separator: "\n").filter { $0.hasPrefix("{\"kind\":\"exercise\"") }
    let ids = try exercises.map { try JSONNode(try JSONParser.parse(String($0)).root).required("exercise_id").string() }
    #expect(ids.sorted() == ["polar:111222333", "polar:987654321-1", "polar:987654321-2"])
    // The one file wearport does not model is listed as skipped, not an error.
    #expect(result.stderr.contains("1 skipped"))
    #expect(!result.stderr.contains("error:"))
  }

  /// Issue 6 acceptance: a Polar exercise with samples and route converts to TCX and GPX that validate against the
  /// official XSDs, and independent readers (python-tcxparser, gpxpy) read back the points, the UTC start and the
  /// heart rates of the model (the 0 bpm gap omitted).
  @Test func samplesAndRouteBecomeValidTCXAndGPXThatOthersReadBack() throws {
    guard let corpus = corpusPath("polar") else { return }
    let xsd = (corpus as NSString).deletingLastPathComponent.replacingOccurrences(of: "/corpus", with: "/xsd")
    let directory = try CLI.temporaryDirectory()
    for format in ["tcx", "gpx"] {
      let result = try CLI.run([
        "convert", "Fixtures/polar/accesslink/exercise-samples-route.json", "--to", format, "-o", directory,
      ])
      #expect(result.status == 0, "\(result.stderr)")
    }
    let base = directory + "/20260412T081500Z_trail_running_polar-Rt5pQ1aZ"
    for (path, schema) in [(base + ".tcx", "tcx_all.xsd"), (base + ".gpx", "gpx_all.xsd")] {
      let lint = try Tool.run(["xmllint", "--noout", "--nonet", "--schema", xsd + "/" + schema, path])
      #expect(lint.status == 0, "\(lint.stderr)")
    }
    let tcx = JSONNode(
      try JSONParser.parse(try Tool.run(["python3", "scripts/oracles/xml_readback.py", base + ".tcx"]).stdout).root)
    #expect(try tcx.required("points").int() == 10)
    #expect(try tcx.required("first_time_utc").string() == "2026-04-12T08:15:00.000Z")
    #expect(try tcx.required("hr").array().map { try $0.int() } == [117, 118, 120, 121, 122, 123, 124, 125, 126])
    let gpx = JSONNode(
      try JSONParser.parse(try Tool.run(["python3", "scripts/oracles/xml_readback.py", base + ".gpx"]).stdout).root)
    // GPX holds the four GPS fixes; each takes the heart rate of the sample at its second (none at the 0 bpm gap).
    #expect(try gpx.required("points").int() == 4)
    #expect(try gpx.required("first_time_utc").string() == "2026-04-12T08:15:00.000Z")
    #expect(try gpx.required("hr").array().map { try $0.int() } == [117, 122, 126])
  }
}

/// Runs another program (an oracle) from the repository root.
enum Tool {
  static func run(_ arguments: [String]) throws -> CLI.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLI.Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
