import Foundation
import Testing
import WearportContainers
import WearportCore

@Suite struct TarTests {
  /// A tree with a member path longer than 100 bytes, archived by `/bin/tar` in `format`.
  private func makeTree(_ scratch: Scratch) throws -> (longPath: String, shortPath: String) {
    let longPath = "export/" + String(repeating: "d", count: 60) + "/" + String(repeating: "n", count: 70) + ".json"
    try scratch.write("tree/" + longPath, "{\"long\":true}")
    try scratch.write("tree/export/short.json", "{\"short\":true}")
    return (longPath, "export/short.json")
  }

  @Test(arguments: [("gnu", "a.tar.gz", "-czf"), ("pax", "b.tgz", "-czf"), ("ustar", "c.tar", "-cf")])
  func longNamesInEveryTarFormat(format: String, file: String, flags: String) throws {
    let scratch = try Scratch()
    let (longPath, shortPath) = try makeTree(scratch)
    #expect(longPath.utf8.count > 100)
    try scratch.tar(["--format=\(format)", flags, file, "-C", "tree", "export"])
    let walked = try walk(scratch.path(file))
    let sorted = walked.documents.sorted { $0.logicalPath < $1.logicalPath }
    #expect(sorted.map(\.logicalPath) == [longPath, shortPath].sorted())
    #expect(sorted.map(\.location.member) == [longPath, shortPath].sorted())
    #expect(Set(walked.texts) == ["{\"long\":true}", "{\"short\":true}"])
    #expect(walked.documents.allSatisfy { $0.location.path == scratch.path(file) })
    #expect(Set(walked.names) == [String(repeating: "n", count: 70) + ".json", "short.json"])
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func linksDevicesAndPipesAreSkippedWithNotes() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("dir/", type: "5")
    tar.add("dir/a.json", "{\"a\":1}")
    tar.add("dir/link.json", type: "2", linkName: "/etc/passwd")
    tar.add("dir/hard.json", type: "1", linkName: "dir/a.json")
    tar.add("dev/null", type: "3")
    tar.add("dev/sda", type: "4")
    tar.add("pipe", type: "6")
    tar.add("dir/b.json", "{\"b\":2}")
    tar.finish()
    let path = try scratch.write("special.tar", tar.bytes)
    let walked = try walk(path)
    #expect(walked.texts == ["{\"a\":1}", "{\"b\":2}"])
    #expect(walked.documents.map(\.logicalPath) == ["dir/a.json", "dir/b.json"])
    let notes = walked.diagnostics(.archiveSkippedEntry)
    #expect(notes.map(\.location?.member) == ["dir/link.json", "dir/hard.json", "dev/null", "dev/sda", "pipe"])
    #expect(notes.allSatisfy { $0.severity == .warning })
    #expect(notes.first?.message.contains("'dir/link.json'") == true)
    #expect(walked.diagnostics.count == 5)
  }

  @Test func paxPathAndGNULongNameRecordsWrittenByHand() throws {
    let scratch = try Scratch()
    let longName = "folder/" + String(repeating: "x", count: 150) + ".json"
    var tar = TarBuilder()
    tar.add("././@LongLink", type: "L", data: Array(longName.utf8) + [0])
    tar.add("truncated-name", "{\"gnu\":1}")
    let paxName = "pax/" + String(repeating: "é", count: 80) + ".json"
    let record = " path=\(paxName)\n"
    var length = record.utf8.count
    while String(length).count + record.utf8.count != length { length = String(length).count + record.utf8.count }
    tar.add("PaxHeaders/x", type: "x", data: Array("\(String(length) + record)".utf8))
    tar.add("short", "{\"pax\":1}")
    tar.add("plain.json", "{\"plain\":1}")
    tar.finish()
    let walked = try walk(try scratch.write("names.tar", tar.bytes))
    #expect(walked.members == [longName, paxName, "plain.json"])
    #expect(walked.texts == ["{\"gnu\":1}", "{\"pax\":1}", "{\"plain\":1}"])
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func truncatedTarIsCorrupt() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("a.json", "{\"a\":1}")
    tar.add("b.json", data: noise(2000))
    tar.finish()
    let cut = try walk(try scratch.write("cut.tar", Array(tar.bytes.prefix(512 + 512 + 512 + 1000))))
    #expect(cut.texts == ["{\"a\":1}"])
    #expect(cut.codes == [.archiveCorrupt])
    #expect(cut.diagnostics.first?.location?.member == "b.json")

    let midHeader = try walk(try scratch.write("mid.tar", Array(tar.bytes.prefix(512 + 512 + 300))))
    #expect(midHeader.texts == ["{\"a\":1}"])
    #expect(midHeader.codes == [.archiveCorrupt])
    #expect(midHeader.diagnostics.first?.message.contains("middle of a header") == true)
  }

  @Test func badHeaderChecksumIsCorrupt() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("a.json", "{\"a\":1}")
    tar.add("b.json", "{\"b\":1}")
    tar.finish()
    var bytes = tar.bytes
    bytes[1024 + 10] ^= 0x55  // inside the second header's name field
    let walked = try walk(try scratch.write("bad.tar", bytes))
    #expect(walked.texts == ["{\"a\":1}"])
    #expect(walked.codes == [.archiveCorrupt])
    #expect(walked.diagnostics.first?.message.contains("checksum") == true)
  }

  @Test func damagedFirstHeaderIsCorruptWhenTheNameSaysTar() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("a.json", "{}")
    tar.finish()
    var bytes = tar.bytes
    bytes[5] ^= 0x20
    let named = try walk(try scratch.write("x.tgz", gzip(bytes)))
    #expect(named.documents.isEmpty)
    #expect(named.codes == [.archiveCorrupt])
    // Without a tar name, a damaged header is not enough to call the file a tar: it is handed over as it is.
    let unnamed = try walk(try scratch.write("x.bin", bytes))
    #expect(unnamed.documents.map(\.bytes) == [bytes])
  }

  @Test func unsafeTarNamesAreWarnedButRead() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("../../etc/evil.json", "{}")
    tar.add("/abs/x.json", "{}")
    tar.add("./fine/y.json", "{}")
    tar.finish()
    let walked = try walk(try scratch.write("unsafe.tar", tar.bytes))
    #expect(walked.documents.map(\.logicalPath) == ["etc/evil.json", "abs/x.json", "fine/y.json"])
    #expect(walked.diagnostics(.archiveUnsafePath).map(\.location?.member) == ["../../etc/evil.json", "/abs/x.json"])
  }

  @Test func tarMemberOverTheLimitIsSkippedAndTheNextRead() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("big.json", data: noise(3000))
    tar.add("small.json", "{}")
    tar.finish()
    var options = ContainerOptions()
    options.maxDocumentBytes = 1000
    let walked = try walk(try scratch.write("limit.tar.gz", gzip(tar.bytes)), options: options)
    #expect(walked.texts == ["{}"])
    #expect(walked.diagnostics(.inputTooLarge).map(\.location?.member) == ["big.json"])
  }

  @Test func prefixThenReadAllAgreeOnTarAndZipMembers() throws {
    let scratch = try Scratch()
    let data = noise(10_000)
    var tar = TarBuilder()
    tar.add("x.bin", data: data)
    tar.finish()
    let tarPath = try scratch.write("x.tar", tar.bytes)
    let zipPath = try scratch.zip("x.zip", [("x.bin", data)])
    for path in [tarPath, zipPath] {
      var seen = 0
      try InputWalker.walk(path, report: { Issue.record("unexpected \($0)") }) { (document: InputDocument) throws in
        let prefix = try document.prefix(100)
        #expect(prefix == Array(data.prefix(100)))
        #expect(try document.readAll() == data)
        #expect(try document.prefix(20) == Array(data.prefix(20)))
        let stream = try document.open()
        #expect(try stream.read(maxCount: 5) == Array(data.prefix(5)))
        seen += 1
      }
      #expect(seen == 1)
    }
  }

  @Test func tarInsideZipAndTarGzInsideFolder() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("in/tar.json", "{\"t\":1}")
    tar.finish()
    let zipPath = try scratch.zip("box/z.zip", [("inner.tar", tar.bytes)])
    try scratch.write("box/t.tar.gz", gzip(tar.bytes))
    let walked = try walk(scratch.path("box"))
    #expect(walked.documents.map(\.location.path) == [scratch.path("box/t.tar.gz"), zipPath])
    #expect(walked.members == ["in/tar.json", "inner.tar!/in/tar.json"])
    #expect(walked.documents.map(\.logicalPath) == ["in/tar.json", "in/tar.json"])
  }
}
