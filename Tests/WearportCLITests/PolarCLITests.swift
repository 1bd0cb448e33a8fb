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
}
