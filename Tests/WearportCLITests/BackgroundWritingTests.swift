import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import Wearport

/// Every byte of a file or of each file in a folder, by name.
private func contents(of path: String) -> [String: [UInt8]] {
  var isFolder: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [:] }
  if !isFolder.boolValue { return ["": Array(FileManager.default.contents(atPath: path) ?? Data())] }
  var result: [String: [UInt8]] = [:]
  for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
    result[name] = Array(FileManager.default.contents(atPath: path + "/" + name) ?? Data())
  }
  return result
}

/// The SQL text of a whole database, as the `sqlite3` shell dumps it (an independent reader of the file).
private func sqliteDump(_ path: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = ["-batch", path, ".dump"]
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

/// Writing on a second thread (``BackgroundSink``) changes nothing a user can see: the same files, the same database,
/// the same summary and diagnostics, on every fixture (good and bad).
@Suite struct BackgroundWritingTests {
  static let inputs = ["fitbit", "polar", "webhooks", "bad", "tabular", "xml"].map { fixturePath($0) }

  @Test(arguments: [Formats.Output.csv, .jsonl, .sqlite])
  func outputsAreTheSameWithAndWithoutTheWritingThread(_ format: Formats.Output) throws {
    let folder = NSTemporaryDirectory() + "wearport-background-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var results: [(RunSummary, [Diagnostic], String)] = []
    for background in [false, true] {
      let path = folder + "/out-\(background)" + (format == .sqlite ? ".sqlite" : format == .jsonl ? ".jsonl" : "")
      var diagnostics: [Diagnostic] = []
      let summary = Conversion.run(
        inputs: Self.inputs, sinks: [try Formats.sink(format, path: path)], onDiagnostic: { diagnostics.append($0) },
        writeInBackground: background)
      results.append((summary, diagnostics, path))
    }
    let (plain, plainDiagnostics, plainPath) = results[0]
    let (threaded, threadedDiagnostics, threadedPath) = results[1]
    #expect(!plain.outputFailed && !threaded.outputFailed)
    #expect(plain.total.written > 150)
    #expect(plain.counts == threaded.counts)
    #expect(plain.documents == threaded.documents)
    // Compared one by one: a mismatch then names the diagnostic rather than printing hundreds.
    #expect(plainDiagnostics.count == threadedDiagnostics.count)
    for (index, (one, other)) in zip(plainDiagnostics, threadedDiagnostics).enumerated() where one != other {
      Issue.record("diagnostic \(index) differs: \(one) / \(other)")
      break
    }
    #expect(plain.diagnostics.count == threaded.diagnostics.count)
    if format == .sqlite {
      let dump = try sqliteDump(plainPath)
      #expect(dump.contains("INSERT INTO heart_rate_store VALUES"))
      #expect(dump == (try sqliteDump(threadedPath)))
    } else {
      let files = contents(of: plainPath)
      #expect(!files.isEmpty)
      #expect(files == contents(of: threadedPath))
    }
  }
}
