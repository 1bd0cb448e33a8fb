import Foundation
import Testing
import WearportContainers
import WearportCore
import ZIPFoundation

@Suite struct ZipTests {
  @Test func membersInFoldersKeepTheirNamesAndPaths() throws {
    let scratch = try Scratch()
    let heart = Array("[{\"dateTime\":\"06/05/17 00:00:00\",\"value\":{\"bpm\":61}}]".utf8)
    let steps = Array("[]".utf8)
    let path = try scratch.zip(
      "MyFitbitData.zip",
      [
        ("user-site-export/", nil),
        ("user-site-export/heart_rate/heart_rate-2017-06-05.json", heart),
        ("user-site-export/steps/steps-2017-06-05.json", steps),
        ("__MACOSX/user-site-export/._steps-2017-06-05.json", [0, 5, 22, 7]),
        ("user-site-export/.DS_Store", [0, 0, 0, 1]),
      ])
    let walked = try walk(path)
    #expect(walked.names == ["heart_rate-2017-06-05.json", "steps-2017-06-05.json"])
    #expect(
      walked.documents.map(\.logicalPath) == [
        "user-site-export/heart_rate/heart_rate-2017-06-05.json", "user-site-export/steps/steps-2017-06-05.json",
      ])
    #expect(walked.members == walked.documents.map(\.logicalPath))
    #expect(walked.documents.map(\.location.path) == [path, path])
    #expect(walked.documents.map(\.bytes) == [heart, steps])
    #expect(walked.documents.map(\.declaredSize) == [Int64(heart.count), Int64(steps.count)])
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func storedMembersAndZipWithoutExtension() throws {
    let scratch = try Scratch()
    let path = try scratch.zip("export", [("a.json", Array("1".utf8)), ("b.json", Array("2".utf8))], compress: false)
    let walked = try walk(path)
    #expect(walked.texts == ["1", "2"])
    #expect(walked.members == ["a.json", "b.json"])
  }

  @Test func nestedZipAndGzipMembers() throws {
    let scratch = try Scratch()
    let inner = try scratch.zip("build/inner.zip", [("a.json", Array("{\"inner\":true}".utf8))])
    let innerBytes = Array(try Data(contentsOf: URL(fileURLWithPath: inner)))
    let path = try scratch.zip(
      "outer.zip",
      [
        ("data/b.json.gz", gzip("{\"gz\":1}")),
        ("inner.zip", innerBytes),
        ("logs/c.jsonl", Array("{\"l\":1}\n{\"l\":2}\n".utf8)),
      ])
    let walked = try walk(path)
    #expect(walked.texts == ["{\"gz\":1}", "{\"inner\":true}", "{\"l\":1}", "{\"l\":2}"])
    #expect(walked.names == ["b.json", "a.json", "c.jsonl", "c.jsonl"])
    #expect(walked.members == ["data/b.json.gz", "inner.zip!/a.json", "logs/c.jsonl", "logs/c.jsonl"])
    #expect(walked.documents.map(\.logicalPath) == ["data/b.json", "a.json", "logs/c.jsonl", "logs/c.jsonl"])
    #expect(walked.documents[1].location.fileDescription == path + "!/inner.zip!/a.json")
    #expect(walked.documents.map(\.location.line) == [nil, nil, 1, 2])
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func nestingDeeperThanTheLimitIsReadAsAPlainDocument() throws {
    let scratch = try Scratch()
    let level3 = try scratch.zip("build/level3.zip", [("deep.json", Array("{}".utf8))])
    let level2 = try scratch.zip(
      "build/level2.zip", [("level3.zip", Array(try Data(contentsOf: URL(fileURLWithPath: level3))))])
    let path = try scratch.zip(
      "level1.zip", [("level2.zip", Array(try Data(contentsOf: URL(fileURLWithPath: level2))))])

    let full = try walk(path)
    #expect(full.members == ["level2.zip!/level3.zip!/deep.json"])

    var options = ContainerOptions()
    options.maxNestingDepth = 1
    let walked = try walk(path, options: options)
    #expect(walked.names == ["level3.zip"])
    #expect(walked.members == ["level2.zip!/level3.zip"])
    #expect(walked.documents.first?.bytes.prefix(4) == [0x50, 0x4b, 3, 4])
    #expect(walked.codes == [.archiveTooDeep])
    #expect(walked.diagnostics.first?.severity == .warning)
  }

  @Test func unsafeMemberNamesAreWarnedButRead() throws {
    let scratch = try Scratch()
    var builder = ZipBuilder()
    builder.add("../evil.json", Array("evil".utf8))
    builder.add("/abs.json", Array("abs".utf8))
    builder.add("ok/../../x.json", Array("x".utf8), deflated: false)
    let path = try scratch.write("sub/unsafe.zip", builder.build())
    let walked = try walk(path)
    #expect(walked.texts == ["evil", "abs", "x"])
    #expect(walked.members == ["../evil.json", "/abs.json", "ok/../../x.json"])
    #expect(walked.documents.map(\.logicalPath) == ["evil.json", "abs.json", "ok/x.json"])
    #expect(walked.names == ["evil.json", "abs.json", "x.json"])
    let warnings = walked.diagnostics(.archiveUnsafePath)
    #expect(warnings.count == 3)
    #expect(warnings.allSatisfy { $0.severity == .warning })
    #expect(warnings.first?.location?.member == "../evil.json")
    #expect(!FileManager.default.fileExists(atPath: scratch.path("evil.json")))
    #expect(!FileManager.default.fileExists(atPath: "/abs.json"))
  }

  @Test func symbolicLinkMembersAreSkippedWithAWarning() throws {
    let scratch = try Scratch()
    let path = scratch.path("links.zip")
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    for (name, type, data) in [("a.json", Entry.EntryType.file, "a"), ("link.json", .symlink, "/etc/passwd")] {
      try archive.addEntry(
        with: name, type: type, uncompressedSize: Int64(data.utf8.count),
        provider: { _, _ in Data(data.utf8) })
    }
    let walked = try walk(path)
    #expect(walked.texts == ["a"])
    #expect(walked.codes == [.archiveSkippedEntry])
    #expect(walked.diagnostics.first?.severity == .warning)
    #expect(walked.diagnostics.first?.location?.member == "link.json")
  }

  @Test func memberOverTheDocumentLimitIsSkipped() throws {
    let scratch = try Scratch()
    let zeros = [UInt8](repeating: 0, count: 5 << 20)
    var builder = ZipBuilder()
    builder.add("honest.json", zeros)
    builder.add("liar.json", zeros, declaredSize: 1000)
    builder.add("small.json", Array("{}".utf8))
    let path = try scratch.write("bomb.zip", builder.build())
    var options = ContainerOptions()
    options.maxDocumentBytes = 1 << 20
    let walked = try walk(path, options: options)
    #expect(walked.texts == ["{}"])
    let tooLarge = walked.diagnostics(.inputTooLarge)
    #expect(tooLarge.map(\.location?.member) == ["honest.json"])
    #expect(tooLarge.first?.severity == .error)
    // A member that lies about its size is stopped as soon as it passes the size it declared.
    let corrupt = walked.diagnostics(.archiveCorrupt)
    #expect(corrupt.map(\.location?.member) == ["liar.json"])
    #expect(corrupt.first?.message.contains("longer than its declared 1000 bytes") == true)
  }

  @Test func totalDecompressedBytesStopTheArchive() throws {
    let scratch = try Scratch()
    let members = (0..<4).map { ("part\($0).json", [UInt8](repeating: UInt8($0), count: 400_000)) }
    let path = try scratch.zip("total.zip", members)
    var options = ContainerOptions()
    options.maxTotalBytes = 1_000_000
    let walked = try walk(path, options: options)
    #expect(walked.names == ["part0.json", "part1.json"])
    #expect(walked.codes == [.inputTooLarge])
    #expect(walked.diagnostics.first?.severity == .error)
    #expect(walked.diagnostics.first?.location == SourceLocation(path: path))
    #expect(walked.diagnostics.first?.message.contains("in total") == true)
  }

  @Test func damagedMemberIsReportedAndTheNextOneRead() throws {
    let scratch = try Scratch()
    var builder = ZipBuilder()
    builder.add("bad-crc.json", Array("{\"a\":1}".utf8), crc: 0x1234_5678)
    builder.add("good.json", Array("{\"b\":2}".utf8))
    builder.add("bad-stored.json", Array("{\"c\":3}".utf8), deflated: false, crc: 7)
    let path = try scratch.write("damaged.zip", builder.build())
    let walked = try walk(path)
    #expect(walked.texts == ["{\"b\":2}"])
    let corrupt = walked.diagnostics(.archiveCorrupt)
    #expect(corrupt.map(\.location?.member) == ["bad-crc.json", "bad-stored.json"])
    #expect(corrupt.first?.message.contains("'bad-crc.json'") == true)
    #expect(corrupt.first?.message.contains("0x12345678") == true)
  }

  @Test func deflateDataRunningPastTheEndIsCorruptNotAHang() throws {
    // A stored deflate block that announces 65535 bytes, then the file ends: ZIPFoundation 0.9.20 spins forever on
    // this on Linux. It must come back with a diagnostic.
    let scratch = try Scratch()
    var builder = ZipBuilder()
    builder.members.append(
      .init(
        name: "a.json", payload: [0x00, 0xff, 0xff, 0x00, 0x00] + Array("0123456789".utf8), method: 8, crc: 0,
        compressedSize: 15, uncompressedSize: 100))
    builder.add("b.json", Array("{}".utf8))
    let path = try scratch.write("hang.zip", builder.build())
    let walked = try walk(path)
    #expect(walked.texts == ["{}"])
    #expect(walked.diagnostics(.archiveCorrupt).map(\.location?.member) == ["a.json"])
  }

  @Test func garbageAfterTheZipSignatureIsCorrupt() throws {
    let scratch = try Scratch()
    let path = try scratch.write("broken.zip", [0x50, 0x4b, 3, 4] + noise(300))
    let walked = try walk(path)
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.archiveCorrupt])
    #expect(walked.diagnostics.first?.location == SourceLocation(path: path))
  }

  @Test func truncatedZipIsCorrupt() throws {
    let scratch = try Scratch()
    let whole = try scratch.zip("whole.zip", [("a.json", noise(5000)), ("b.json", noise(5000, seed: 2))])
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: whole)))
    let walked = try walk(try scratch.write("cut.zip", Array(bytes.prefix(bytes.count / 2))))
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.archiveCorrupt])
  }

  @Test func emptyZipIsReported() throws {
    let scratch = try Scratch()
    let path = try scratch.write("empty.zip", [0x50, 0x4b, 5, 6] + [UInt8](repeating: 0, count: 18))
    let walked = try walk(path)
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.inputEmpty])
  }

  @Test func largeMembersAreReopenedInsteadOfKeptInMemory() throws {
    let scratch = try Scratch()
    let data = noise(50_000)
    let path = try scratch.zip("big.zip", [("big.json", data), ("small.json", Array("s".utf8))])
    var options = ContainerOptions()
    options.inMemoryDocumentBytes = 1000
    var checked = 0
    try InputWalker.walk(path, options: options, report: { Issue.record("unexpected \($0)") }) {
      (document: InputDocument) throws in
      if document.name == "big.json" {
        #expect(document.declaredSize == 50_000)
        #expect(try document.prefix(10) == Array(data.prefix(10)))
        #expect(try document.readAll() == data)
        #expect(try document.readAll() == data)
        #expect(throws: Diagnostic.self) { try document.readAll(limit: 100) }
        checked += 1
      }
    }
    #expect(checked == 1)
  }

  @Test func zip64CentralDirectoryIsRead() throws {
    let scratch = try Scratch()
    var builder = ZipBuilder()
    builder.zip64 = true
    builder.add("a/one.json", Array("{\"n\":1}".utf8))
    builder.add("b/two.json", Array("{\"n\":2}".utf8), deflated: false)
    let path = try scratch.write("z64.zip", builder.build())
    let walked = try walk(path)
    #expect(walked.texts == ["{\"n\":1}", "{\"n\":2}"])
    #expect(walked.members == ["a/one.json", "b/two.json"])
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func legacyAndWindowsMemberNames() throws {
    let scratch = try Scratch()
    var builder = ZipBuilder()
    builder.add("x", Array("1".utf8))
    builder.members[0].rawName = Array("Fr".utf8) + [0x81] + Array("hst\\ck.json".utf8)  // CP437 0x81 is ü
    builder.add("y", Array("2".utf8))
    builder.members[1].rawName = Array("caf".utf8) + [0xc3, 0xa9] + Array(".json".utf8)  // UTF-8 without the flag
    let walked = try walk(try scratch.write("legacy.zip", builder.build()))
    #expect(walked.members == ["Frühst\\ck.json", "café.json"])
    #expect(walked.documents.map(\.logicalPath) == ["Frühst/ck.json", "café.json"])
    #expect(walked.names == ["ck.json", "café.json"])
  }
}
