import Foundation
import Testing
import WearportContainers
import WearportCore

@Suite struct FileAndFolderTests {
  @Test func folderIsWalkedInByteOrderWithHiddenEntriesSkipped() throws {
    let scratch = try Scratch()
    try scratch.write("export/b.json", "b")
    try scratch.write("export/a.json", "a")
    try scratch.write("export/Z.json", "Z")
    try scratch.write("export/.hidden.json", "hidden")
    try scratch.write("export/__MACOSX/._a.json", "junk")
    try scratch.write("export/sub/c.json", "c")
    try scratch.write("export/sub/.DS_Store", "junk")
    try scratch.write("export/.git/config", "junk")
    try FileManager.default.createSymbolicLink(atPath: scratch.path("export/link.json"), withDestinationPath: "a.json")
    #expect(mkfifo(scratch.path("export/pipe.json"), 0o644) == 0)  // opening it would block: it must be skipped

    let root = scratch.path("export")
    let walked = try walk(root)
    #expect(walked.names == ["Z.json", "a.json", "b.json", "c.json"])
    #expect(walked.texts == ["Z", "a", "b", "c"])
    #expect(
      walked.documents.map(\.logicalPath) == ["export/Z.json", "export/a.json", "export/b.json", "export/sub/c.json"])
    #expect(
      walked.documents.map(\.location.path) == ["Z.json", "a.json", "b.json", "sub/c.json"].map { root + "/" + $0 })
    #expect(walked.members == [nil, nil, nil, nil])
    #expect(walked.documents.map(\.declaredSize) == [1, 1, 1, 1])

    let notes = walked.diagnostics(.archiveSkippedEntry)
    #expect(notes.map(\.location?.path) == [root + "/link.json", root + "/pipe.json"])
    #expect(notes.allSatisfy { $0.severity == .note })
    #expect(walked.diagnostics.count == 2)
  }

  @Test func folderNamedWithTrailingSlashAndDot() throws {
    let scratch = try Scratch()
    try scratch.write("data/year=2026/month=02/x.json", "{}")
    let walked = try walk(scratch.path("data") + "/")
    #expect(walked.documents.map(\.logicalPath) == ["data/year=2026/month=02/x.json"])
    #expect(walked.documents.first?.location.path == scratch.path("data") + "/year=2026/month=02/x.json")

    let dotted = try walk(scratch.path("data") + "/.")
    #expect(dotted.documents.map(\.logicalPath) == ["data/year=2026/month=02/x.json"])
  }

  @Test func plainFileIsOneDocumentWithItsRawBytes() throws {
    let scratch = try Scratch()
    let bom: [UInt8] = [0xef, 0xbb, 0xbf] + Array("{\"a\":1}".utf8)
    let path = try scratch.write("training-session-1.json", bom)
    let walked = try walk(path)
    #expect(walked.documents.count == 1)
    #expect(walked.documents.first?.bytes == bom)
    #expect(walked.documents.first?.name == "training-session-1.json")
    #expect(walked.documents.first?.logicalPath == path)
    #expect(walked.documents.first?.location == SourceLocation(path: path))
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func emptyFileIsOneEmptyDocument() throws {
    let scratch = try Scratch()
    let path = try scratch.write("empty.json", [])
    let walked = try walk(path)
    #expect(walked.documents.count == 1)
    #expect(walked.documents.first?.bytes == [])
    #expect(walked.documents.first?.declaredSize == 0)
  }

  @Test func missingPathThrowsNotFound() throws {
    let scratch = try Scratch()
    let missing = scratch.path("nope/missing.zip")
    #expect {
      try walk(missing)
    } throws: { error in
      let diagnostic = error as? Diagnostic
      return diagnostic?.code == .inputNotFound && diagnostic?.location?.path == missing
    }
    #expect(throws: Diagnostic.self) { try walk("") }
  }

  @Test func emptyFolderIsReported() throws {
    let scratch = try Scratch()
    try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
    let walked = try walk(scratch.path("empty"))
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.inputEmpty])
  }

  @Test func unreadableFileInsideFolderIsReportedAndTheWalkGoesOn() throws {
    guard getuid() != 0 else { return }  // root reads everything
    let scratch = try Scratch()
    try scratch.write("f/a.json", "a")
    let locked = try scratch.write("f/b.json", "b")
    try scratch.write("f/c.json", "c")
    chmod(locked, 0)
    let walked = try walk(scratch.path("f"))
    #expect(walked.texts == ["a", "c"])
    #expect(walked.codes == [.inputUnreadable])
  }

  @Test func jsonLinesFileGivesOneDocumentPerLine() throws {
    let scratch = try Scratch()
    let path = try scratch.write(
      "capture.ndjson", [0xef, 0xbb, 0xbf] + Array("{\"a\":1}\n  \n{\"b\":2}\r\n{\"c\":3}".utf8))
    let walked = try walk(path)
    #expect(walked.texts == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
    #expect(walked.documents.map(\.location.line) == [1, 3, 4])
    #expect(walked.names == ["capture.ndjson", "capture.ndjson", "capture.ndjson"])
    #expect(walked.documents.map(\.location.path) == [path, path, path])
  }

  @Test func overlongJSONLineIsSkippedAndReported() throws {
    let scratch = try Scratch()
    let long = String(repeating: "x", count: 5000)
    let path = try scratch.write("c.jsonl", "{\"a\":1}\n\(long)\n{\"b\":2}\n")
    var options = ContainerOptions()
    options.maxDocumentBytes = 1000
    let walked = try walk(path, options: options)
    #expect(walked.texts == ["{\"a\":1}", "{\"b\":2}"])
    #expect(walked.documents.map(\.location.line) == [1, 3])
    #expect(walked.diagnostics(.inputTooLarge).first?.location?.line == 2)
  }

  @Test func emptyJSONLinesFileIsReported() throws {
    let scratch = try Scratch()
    let walked = try walk(try scratch.write("e.jsonl", "\n\r\n"))
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.inputEmpty])
  }

  @Test func errorsThrownByBodyStopTheWalkUnchanged() throws {
    struct Stop: Error {}
    let scratch = try Scratch()
    let zip = try scratch.zip("e.zip", [("a.json", Array("a".utf8)), ("b.json", Array("b".utf8))])
    var seen = 0
    #expect(throws: Stop.self) {
      try InputWalker.walk(zip, report: { _ in }) { _ in
        seen += 1
        throw Stop()
      }
    }
    #expect(seen == 1)
    // A Diagnostic thrown by the body is the body's, not the walker's: it is rethrown, not reported.
    var reported: [Diagnostic] = []
    #expect(throws: Diagnostic.self) {
      try InputWalker.walk(zip, report: { reported.append($0) }) { _ in
        throw Diagnostic.error(.jsonSyntax, "bad")
      }
    }
    #expect(reported.isEmpty)
  }
}
