import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Issue #10 item 4: outputs that cannot be written give exit 73, a clear message naming the output, and leave no
/// partial file behind.
@Suite(.serialized) struct OutputFailureTests {
  static let tokyo = fixturePath("polar/accesslink/exercise-tokyo-run.json")

  /// No file at all, or only the files that were there before.
  static func entries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  @Test(arguments: ["jsonl", "csv", "tcx", "gpx", "sqlite"])
  func unwritableOutputFolderIs73(_ format: String) throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    // A regular file where a folder should be: refused even for root, who ignores permission bits.
    let blocker = root + "/not-a-folder"
    try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
    let target = blocker + "/out" + (format == "jsonl" ? ".jsonl" : format == "sqlite" ? ".sqlite" : "")
    let result = try CLI.measured(["convert", Self.tokyo, "--to", format, "-o", target])
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.contains("not-a-folder"), "\(result.stderr)")
    #expect(result.stderr.contains("[output.unwritable]"), "\(result.stderr)")
    #expect(Self.entries(root) == ["not-a-folder"])

    // A folder without write permission (only meaningful when not running as root).
    if geteuid() != 0 {
      let locked = root + "/read-only"
      try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
      chmod(locked, 0o555)
      defer { chmod(locked, 0o755) }
      let denied = try CLI.measured(["convert", Self.tokyo, "--to", format, "-o", locked + "/out"])
      #expect(denied.status == 73, "\(denied.stderr)")
      #expect(Self.entries(locked).isEmpty)
    }
  }

  /// A full disk, simulated with a file-size limit: write() fails with EFBIG (the tool ignores SIGXFSZ), the run
  /// ends with 73 and a message, and the temporary file is removed.
  @Test(arguments: ["jsonl", "csv", "tcx"])
  func fileSizeLimitIs73WithNoPartialFile(_ format: String) throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let inputs = root + "/inputs"
    try writeExerciseFolder(inputs, files: 3, samples: 2000)
    let out = root + "/out"
    let target = format == "jsonl" ? out + ".jsonl" : out
    // 64 blocks of 512 bytes: 32 KiB, far below what the inputs give.
    let result = try CLI.measured(
      ["convert", inputs, "--to", format, "-o", target], fileSizeLimitBlocks: 64)
    #expect(result.signal == nil, "killed by signal \(result.signal ?? 0): SIGXFSZ must be ignored")
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.contains("File too large"), "\(result.stderr)")
    #expect(result.stderr.contains("[output.unwritable]"))
    #expect(!result.stderr.contains("wrote "))
    // No partial file: the output never appeared, the temporary files are gone.
    #expect(!FileManager.default.fileExists(atPath: out + ".jsonl"))
    #expect(Self.entries(out).isEmpty, "\(Self.entries(out))")
    #expect(Self.entries(root) == ["inputs"] || Self.entries(root) == ["inputs", "out"], "\(Self.entries(root))")
  }

  @Test func fileSizeLimitOnSQLiteIs73AndKeepsTheDatabaseWhole() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let database = root + "/store.sqlite"
    let first = try CLI.measured(["convert", Self.tokyo, "--to", "sqlite", "-o", database])
    try #require(first.status == 0, "\(first.stderr)")
    let before = try InterruptedRunTests.contents(database)
    let inputs = root + "/inputs"
    try writeExerciseFolder(inputs, files: 3, samples: 4000)
    let size = (try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
    // Room for the database as it is, not for three exercises with 12,000 samples.
    let result = try CLI.measured(
      ["convert", inputs, "--to", "sqlite", "-o", database], fileSizeLimitBlocks: size / 512 + 16)
    #expect(result.signal == nil, "killed by signal \(result.signal ?? 0)")
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.contains("[output.unwritable]"), "\(result.stderr)")
    #expect(try sqlite(database, "PRAGMA integrity_check") == "ok\n")
    // Whatever was committed is whole documents: the first import, plus complete exercises only.
    let after = try InterruptedRunTests.contents(database)
    if after != before {
      for line in try sqlite(database, "SELECT exercise_id, count(*) FROM exercise_samples GROUP BY 1")
        .split(separator: "\n") where line.hasPrefix("polar:Kill")
      {
        #expect(line.hasSuffix("|4000"), "\(line)")
      }
    }
  }

  /// Holds a write lock on a database from another process (the sqlite3 shell) while the test body runs.
  static func withLockedDatabase(_ database: String, _ body: () throws -> Void) throws {
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    shell.arguments = [database]
    let input = Pipe()
    let output = Pipe()
    shell.standardInput = input
    shell.standardOutput = output
    try shell.run()
    input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nSELECT 'locked';\n".utf8))
    var seen = ""
    while !seen.contains("locked") {
      let data = output.fileHandleForReading.availableData
      if data.isEmpty { break }
      seen += String(decoding: data, as: UTF8.self)
    }
    #expect(seen.contains("locked"))
    defer {
      input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
      try? input.fileHandleForWriting.close()
      shell.waitUntilExit()
    }
    try body()
  }

  @Test func lockedDatabaseWaitsForTheBusyTimeoutThenIs73() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let database = root + "/store.sqlite"
    let first = try CLI.measured(["convert", Self.tokyo, "--to", "sqlite", "-o", database])
    try #require(first.status == 0, "\(first.stderr)")
    let before = try InterruptedRunTests.contents(database)
    let other = fixturePath("polar/accesslink/exercise-list-los-angeles.json")
    try Self.withLockedDatabase(database) {
      let result = try CLI.measured(
        ["convert", other, "--to", "sqlite", "-o", database, "--busy-timeout", "1"], hardLimit: 20)
      #expect(result.status == 73, "\(result.stderr)")
      #expect(result.stderr.contains("store.sqlite"))
      #expect(result.stderr.contains("locked"), "\(result.stderr)")
      // It waited for the lock about as long as asked, no longer.
      #expect(result.seconds >= 1 && result.seconds < 4, "\(result.seconds) s")
      #expect(!result.stderr.contains("wrote "))
    }
    #expect(try InterruptedRunTests.contents(database) == before)
    #expect(try sqlite(database, "PRAGMA integrity_check") == "ok\n")
    // Once the lock is gone, the same command goes through.
    let again = try CLI.measured(["convert", other, "--to", "sqlite", "-o", database, "--busy-timeout", "1"])
    #expect(again.status == 0, "\(again.stderr)")
    let help = try CLI.run(["convert", "--help"])
    #expect(help.stdout.contains("--busy-timeout <seconds>"))
    #expect(help.stdout.contains("(default: 5.0)"))
  }
}
