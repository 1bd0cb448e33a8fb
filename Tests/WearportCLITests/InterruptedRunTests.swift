import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Synthetic Polar AccessLink exercises with samples and a route, one per file: enough work for a run of about a
/// second in a debug build.
func writeExerciseFolder(_ folder: String, files: Int, samples: Int) throws {
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  for file in 0..<files {
    var heartRate: [String] = []
    var speed: [String] = []
    var distance: [String] = []
    var route: [String] = []
    for second in 0..<samples {
      heartRate.append(String(100 + (second * 7 + file) % 80))
      speed.append(String(Double(80 + (second * 3 + file) % 40) / 10))
      distance.append(String(Double(second) * 2.5))
      let latitude = 60.0 + Double(file) / 100 + Double(second) / 100_000
      let longitude = 25.0 + Double(second) / 50_000
      route.append("{\"latitude\": \(latitude), \"longitude\": \(longitude), \"time\": \"PT\(second)S\"}")
    }
    let day = 1 + file % 28
    let hour = 6 + file / 28
    let text = """
      {"id": "Kill\(file)", "start_time": "2026-06-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00",
       "start_time_utc_offset": 120, "duration": "PT\(samples)S", "sport": "RUNNING", "distance": \(Double(samples) * 2.5),
       "heart_rate": {"average": 140, "maximum": 179},
       "samples": [
         {"recording_rate": 1, "sample_type": 0, "data": "\(heartRate.joined(separator: ","))"},
         {"recording_rate": 1, "sample_type": 1, "data": "\(speed.joined(separator: ","))"},
         {"recording_rate": 1, "sample_type": 10, "data": "\(distance.joined(separator: ","))"}
       ],
       "route": [\(route.joined(separator: ",\n"))]}
      """
    try text.write(toFile: folder + "/exercise-\(file < 10 ? "0" : "")\(file).json", atomically: false, encoding: .utf8)
  }
}

/// Runs `sqlite3 DATABASE SQL` and returns its output.
func sqlite(_ database: String, _ sql: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = [database, sql]
  let out = Pipe()
  process.standardOutput = out
  process.standardError = out
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

/// Issue #10 item 3: `wearport convert` killed with SIGKILL at seeded-random points while writing SQLite, CSV and
/// TCX. Afterwards no output is half-written, the database is intact and holds whole documents only, and the same
/// command run again gives exactly what an uninterrupted run gives.
@Suite(.serialized) struct InterruptedRunTests {
  static let seed: UInt64 = 0x00c0_ffee_0010

  /// Every table's rows, sorted, except the run-specific `metadata` (it counts imports).
  static func contents(_ database: String) throws -> String {
    let tables = try sqlite(database, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .split(separator: "\n").map(String.init).filter { $0 != "metadata" }
    var text = ""
    for table in tables {
      text += "## \(table)\n" + (try sqlite(database, "SELECT * FROM \(table) ORDER BY 1, 2, 3"))
    }
    return text
  }

  /// Rows per exercise in each child table, and exercises per source file. A database killed before its schema
  /// was committed has no tables at all, and nothing to count.
  static func wholeness(_ database: String) throws -> [String: String] {
    let tables = try sqlite(database, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
    if tables == "0\n" { return [:] }
    var counts: [String: String] = [:]
    func read(_ sql: String, prefix: String) throws {
      let output = try sqlite(database, sql)
      for line in output.split(separator: "\n") {
        let parts = line.split(separator: "|")
        guard parts.count == 2 else {
          Issue.record("unexpected sqlite3 output: \(output)")
          return
        }
        counts["\(prefix) \(parts[0])"] = String(parts[1])
      }
    }
    for table in ["exercise_samples", "exercise_route"] {
      try read("SELECT exercise_id, count(*) FROM \(table) GROUP BY 1", prefix: table)
    }
    try read(
      "SELECT substr(source_file, 1, instr(source_file || '#', '#') - 1), count(*) FROM exercises GROUP BY 1",
      prefix: "source")
    return counts
  }

  /// Files in a folder and their bytes; hidden temporary names (`.x.wearport-tmp-PID`) apart.
  static func files(in folder: String) -> (outputs: [String: Data], temporary: [String]) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var outputs: [String: Data] = [:]
    var temporary: [String] = []
    for name in names {
      if name.hasPrefix(".") {
        temporary.append(name)
      } else {
        outputs[name] = FileManager.default.contents(atPath: folder + "/" + name)
      }
    }
    return (outputs, temporary.sorted())
  }

  static func isTemporaryName(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(".wearport-tmp")
      && name.split(separator: "-").last.map { Int($0) != nil } == true
  }

  @Test func killedRunsLeaveWholeOutputsAndARerunMatchesAnUninterruptedRun() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let inputs = root + "/inputs"
    try writeExerciseFolder(inputs, files: 16, samples: 200)
    var random = SplitMix(seed: Self.seed)
    var killPoints = 0
    var killedBeforeEnd = 0
    let started = Date()

    for format in ["sqlite", "csv", "tcx"] {
      let reference = root + "/reference-\(format)" + (format == "sqlite" ? ".sqlite" : "")
      let referenceRun = try CLI.measured(["convert", inputs, "--to", format, "-o", reference, "--quiet"])
      try #require(referenceRun.status == 0, "\(referenceRun.stderr)")
      let duration = referenceRun.seconds
      let referenceContents = format == "sqlite" ? try Self.contents(reference) : ""
      let referenceWholeness = format == "sqlite" ? try Self.wholeness(reference) : [:]
      let referenceFiles = format == "sqlite" ? [:] : Self.files(in: reference).outputs
      if format != "sqlite" { #expect(referenceFiles.count > 1) }

      let kills = format == "sqlite" ? 8 : 6
      for index in 0..<kills {
        // Kill points spread over the run, from start-up to near the final renames (the run may be slower or
        // faster than the reference; one that ends first is still checked and re-run).
        let delay = duration * (0.02 + 0.9 * Double(random.next() % 10_000) / 10_000)
        let target = root + "/killed-\(format)-\(index)" + (format == "sqlite" ? ".sqlite" : "")
        let arguments = ["convert", inputs, "--to", format, "-o", target, "--quiet"]
        let killed = try CLI.measured(arguments, killAfter: delay)
        killPoints += 1
        let context = "\(format) kill \(index) after \(delay) s (reference \(duration) s)"
        if killed.signal == SIGKILL { killedBeforeEnd += 1 } else { #expect(killed.status == 0, "\(context)") }

        if format == "sqlite" {
          if FileManager.default.fileExists(atPath: target) {
            #expect(try sqlite(target, "PRAGMA integrity_check") == "ok\n", "\(context)")
            // Only whole documents: every exercise present has all its samples and route points, every source
            // all its exercises.
            for (key, count) in try Self.wholeness(target) {
              #expect(referenceWholeness[key] == count, "\(context): \(key) has \(count)")
            }
          }
        } else {
          // Whatever has its final name is complete; the rest is temporary names only.
          let (outputs, temporary) = Self.files(in: target)
          for (name, data) in outputs { #expect(referenceFiles[name] == data, "\(context): \(name) half-written") }
          #expect(temporary.allSatisfy(Self.isTemporaryName), "\(context): \(temporary)")
        }

        // The same command again gives exactly the uninterrupted result, leftovers notwithstanding.
        let rerun = try CLI.measured(arguments)
        #expect(rerun.status == 0, "\(context): \(rerun.stderr)")
        if format == "sqlite" {
          #expect(try sqlite(target, "PRAGMA integrity_check") == "ok\n")
          #expect(try Self.contents(target) == referenceContents, "\(context): rerun differs")
        } else {
          let (outputs, temporary) = Self.files(in: target)
          #expect(outputs == referenceFiles, "\(context): rerun differs")
          #expect(temporary.allSatisfy(Self.isTemporaryName))
        }
      }
    }
    #expect(killPoints >= 20)
    // Most kill points must land while the converter is still running, or the test proves little.
    #expect(killedBeforeEnd >= 12, "only \(killedBeforeEnd) of \(killPoints) runs were killed before they ended")
    print(
      "kill test: \(killPoints) kill points, \(killedBeforeEnd) killed mid-run, \(Date().timeIntervalSince(started)) s")
  }
}
