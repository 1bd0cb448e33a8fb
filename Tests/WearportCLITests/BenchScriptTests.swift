import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Issue 9: `scripts/bench --tiny` runs every job against its peer with the debug binary, so the benchmark cannot
/// rot. It asserts that the machinery works (every job ran, timings are real, outputs were checked and agree), not
/// the speed targets, which only a release build on a quiet machine can judge.
@Suite(.serialized) struct BenchScriptTests {
  static let jobs = [
    "gpx-tcx", "fitbit-hr-csv", "fitbit-hr-sqlite", "polar-tcx", "polar-csv", "fitbit-export-sqlite",
    "csv-sqlite-floor", "export-sqlite-floor",
  ]
  /// The peer each job is compared with (none for the export, whose target is absolute).
  static let peers: [String: String] = [
    "gpx-tcx": "gpsbabel", "fitbit-hr-csv": "python", "fitbit-hr-sqlite": "python", "polar-tcx": "python",
    "polar-csv": "python", "csv-sqlite-floor": "sqlite3", "export-sqlite-floor": "sqlite3",
  ]

  @Test func tinyBenchRunsEveryJobWithRealTimingsAndMatchingOutputs() throws {
    // In CI the peers must be there (scripts/setup --oracles installs them): a missing one fails the run below.
    if ProcessInfo.processInfo.environment["CI"] != "true" {
      for tool in ["gpsbabel", "python3", "sqlite3"] {
        if try Tool.run(["sh", "-c", "command -v \(tool)"]).status != 0 { return }
      }
    }
    #expect(FileManager.default.isExecutableFile(atPath: CLI.executable), "build the executable first")
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let results = directory + "/bench.json"
    let run = try Tool.run([
      "python3", "scripts/bench", "--tiny", "--wearport", CLI.executable, "--work", directory + "/work", "--json",
      results,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(contentsOfFile: results, encoding: .utf8)
    let root = JSONNode(try JSONParser.parse(text, options: .strict).root)
    #expect(try root.required("ok").bool())
    #expect(try root.required("options").required("reps").int() == 1)
    let machine = try root.required("machine")
    #expect(try machine.required("nproc").int() >= 1)
    #expect(try machine.required("gpsbabel").string().hasPrefix("1."))
    #expect(try machine.required("wearport").string().isEmpty == false)

    let entries = try root.required("results").array()
    #expect(try entries.map { try $0.required("job").string() } == Self.jobs)
    for entry in entries {
      let job = try entry.required("job").string()
      #expect(try entry.required("ok").bool(), "\(job)")
      let tools = try entry.required("tools").array()
      let names = try tools.map { try $0.required("tool").string() }
      if job == "fitbit-export-sqlite" {
        #expect(names == ["wearport", "wearport (second import)"])
        // 7 days at 5 s, three minute series, one sleep a night, 6 exercises; every one written.
        #expect(try entry.required("rows_written").int() == 7 * 17_280 + 3 * 7 * 1440 + 7 + 6)
        #expect(try entry.required("rows_per_s").double() > 0)
        #expect(try entry.required("second_ratio").double() > 0)
        #expect(try entry.required("size_label").string() == "7d")
      } else if job == "csv-sqlite-floor" {
        #expect(names == ["sqlite3"])
      } else if job == "export-sqlite-floor" {
        #expect(names == ["sqlite3"])
        // As many heart-rate and metric rows as the 7-day export gives (its sleeps and exercises are not samples).
        #expect(try entry.required("rows_written").int() == 7 * 17_280 + 3 * 7 * 1440)
        #expect(try entry.required("rows_per_s").double() > 0)
        #expect(try entry.required("size_label").string() == "7d")
      } else {
        #expect(names == ["wearport", Self.peers[job]])
        #expect(try entry.required("ratio").double() > 0)
        #expect(try entry.required("size").int() == 1000)
      }
      for tool in tools {
        let name = try tool.required("tool").string()
        #expect(try tool.required("wall_s").double() > 0, "\(job) \(name)")
        #expect(try tool.required("cpu_s").double() > 0, "\(job) \(name)")
        #expect(try tool.required("rss_mb").double() > 1, "\(job) \(name)")
        for run in try tool.required("runs").array() {
          #expect(try run.required("exit").int() == 0, "\(job) \(name)")
        }
      }
      // Outputs were checked: each check holds, and the compared tools agree with the generator's count or sum.
      let checks = try entry.required("checks").array()
      #expect(!checks.isEmpty, "\(job)")
      for check in checks {
        let name = try check.required("name").string()
        #expect(try check.required("ok").bool(), "\(job): \(name)")
        let expected = check["expected"]
        for (key, value) in try check.members() where !["name", "ok", "expected"].contains(key) {
          if let expected, case .number = expected.value {
            #expect(try value.double() == expected.double(), "\(job): \(name) (\(key))")
          }
        }
      }
      if let peer = Self.peers[job], !job.hasSuffix("-floor") {
        // Every paired job compares a count of wearport's output with the same count of the peer's.
        let compared = try checks.filter { check in
          guard let mine = check["wearport"], let theirs = check[peer], case .number = mine.value else { return false }
          return try mine.double() == theirs.double() && mine.double() == 1000
        }
        #expect(!compared.isEmpty, "\(job): no count compared with \(peer)")
      }
    }
  }
}
