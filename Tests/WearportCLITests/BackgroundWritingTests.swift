import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import Wearport

/// Writing on a second thread (``BackgroundSink``) changes nothing a user can see: the same files, the same database,
/// the same summary and diagnostics, on every fixture (good and bad).
@Suite struct BackgroundWritingTests {
  static let inputs = ["fitbit", "polar", "webhooks", "bad", "tabular", "xml"].map { fixturePath($0) }

  @Test(arguments: [Formats.Output.csv, .jsonl, .sqlite])
  func outputsAreTheSameWithAndWithoutTheWritingThread(_ format: Formats.Output) throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var results: [(RunSummary, [Diagnostic], String)] = []
    for background in [false, true] {
      // Each run writes into a folder of its own: the CSV files, or the one JSONL or SQLite file.
      let folder = root + "/background-\(background)"
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let path = format == .csv ? folder : folder + "/out." + format.rawValue
      var diagnostics: [Diagnostic] = []
      let summary = Conversion.run(
        inputs: Self.inputs, sinks: [try Formats.sink(format, path: path)], onDiagnostic: { diagnostics.append($0) },
        writeInBackground: background)
      results.append((summary, diagnostics, folder))
    }
    let (plain, plainDiagnostics, plainFolder) = results[0]
    let (threaded, threadedDiagnostics, threadedFolder) = results[1]
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
      let dump = try sqlite(plainFolder + "/out.sqlite", ".dump")
      #expect(dump.contains("INSERT INTO heart_rate_store VALUES"))
      #expect(dump == (try sqlite(threadedFolder + "/out.sqlite", ".dump")))
    } else {
      let files = InterruptedRunTests.files(in: plainFolder)
      #expect(!files.outputs.isEmpty && files.temporary.isEmpty)
      #expect(files.outputs == InterruptedRunTests.files(in: threadedFolder).outputs)
    }
  }
}
