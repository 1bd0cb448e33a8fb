import Foundation
import Testing
import WearportContainers
import WearportCore

@Suite struct GzipTests {
  @Test func gzippedJSONLinesGiveOneDocumentPerNonBlankLine() throws {
    let scratch = try Scratch()
    let path = try scratch.write("capture.jsonl.gz", gzip("{\"a\":1}\r\n{\"b\":2}\r\n\r\n{\"c\":3}\r\n"))
    let walked = try walk(path)
    #expect(walked.texts == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
    #expect(walked.documents.map(\.location.line) == [1, 2, 4])
    #expect(walked.names == ["capture.jsonl", "capture.jsonl", "capture.jsonl"])
    #expect(walked.documents.allSatisfy { $0.location.path == path && $0.location.member == nil })
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func concatenatedMembersAreOneDocument() throws {
    let scratch = try Scratch()
    let path = try scratch.write("two.json.gz", gzip("[1,") + gzip("2]"))
    let walked = try walk(path)
    #expect(walked.texts == ["[1,2]"])
    #expect(walked.names == ["two.json"])
    #expect(walked.documents.first?.logicalPath == String(path.dropLast(3)))
    #expect(walked.documents.first?.declaredSize == 5)
  }

  @Test func trailingZeroPaddingAfterTheLastMemberIsIgnored() throws {
    let scratch = try Scratch()
    let walked = try walk(try scratch.write("pad.json.gz", gzip("{}") + [0, 0, 0, 0]))
    #expect(walked.texts == ["{}"])
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func gzipIsFoundByItsMagicBytesWithoutAnExtension() throws {
    let scratch = try Scratch()
    let walked = try walk(try scratch.write("heart_rate-2017-06-05", gzip("[{\"bpm\":61}]")))
    #expect(walked.texts == ["[{\"bpm\":61}]"])
    #expect(walked.names == ["heart_rate-2017-06-05"])

    let notGzip = try walk(try scratch.write("fake.json.gz", "{\"plain\":true}"))
    #expect(notGzip.texts == ["{\"plain\":true}"])
    #expect(notGzip.names == ["fake.json.gz"])
  }

  @Test func gzipBombIsStoppedAtTheDocumentLimit() throws {
    let scratch = try Scratch()
    let bomb = gzip([UInt8](repeating: 0, count: 10 << 20))
    #expect(bomb.count < 20_000)
    let path = try scratch.write("bomb.json.gz", bomb)
    var options = ContainerOptions()
    options.maxDocumentBytes = 1 << 20
    let walked = try walk(path, options: options)
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.inputTooLarge])
    #expect(walked.diagnostics.first?.severity == .error)
    #expect(walked.diagnostics.first?.location == SourceLocation(path: path))
  }

  @Test func gzipBombIsStoppedAtTheTotalLimit() throws {
    let scratch = try Scratch()
    var tar = TarBuilder()
    for index in 0..<5 { tar.add("zeros\(index).bin", data: [UInt8](repeating: 0, count: 1 << 20)) }
    tar.finish()
    var options = ContainerOptions()
    options.maxTotalBytes = 3 << 20
    let walked = try walk(try scratch.write("many.tar.gz", gzip(tar.bytes)), options: options)
    #expect(walked.names == ["zeros0.bin", "zeros1.bin"])
    #expect(walked.codes == [.inputTooLarge])
    #expect(walked.diagnostics.first?.message.contains("in total") == true)
  }

  @Test func truncatedGzipIsCorrupt() throws {
    let scratch = try Scratch()
    let whole = gzip(noise(50_000))
    let walked = try walk(try scratch.write("cut.json.gz", Array(whole.prefix(whole.count / 2))))
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.archiveCorrupt])
    #expect(walked.diagnostics.first?.message.contains("ends early") == true)

    // Cut inside the 8-byte trailer: all data is there but the checksum is not.
    let trailer = try walk(try scratch.write("trailer.json.gz", Array(gzip("{\"a\":1}").dropLast(3))))
    #expect(trailer.documents.isEmpty)
    #expect(trailer.codes == [.archiveCorrupt])
  }

  @Test func damagedGzipIsCorrupt() throws {
    let scratch = try Scratch()
    var bytes = gzip(Array(String(repeating: "{\"value\":12345}", count: 200).utf8))
    bytes[bytes.count - 6] ^= 0xff  // CRC-32 in the trailer
    let walked = try walk(try scratch.write("crc.json.gz", bytes))
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.archiveCorrupt])
  }

  @Test func largeGzipDocumentsAreReadAgainFromDisk() throws {
    let scratch = try Scratch()
    let data = noise(200_000)
    let path = try scratch.write("big.bin.gz", gzip(data))
    var options = ContainerOptions()
    options.inMemoryDocumentBytes = 10_000
    var seen = 0
    try InputWalker.walk(path, options: options, report: { Issue.record("unexpected \($0)") }) {
      (document: InputDocument) throws in
      #expect(document.declaredSize == 200_000)
      #expect(try document.prefix(3) == Array(data.prefix(3)))
      #expect(try document.readAll() == data)
      #expect(try document.readAll() == data)
      seen += 1
    }
    #expect(seen == 1)
  }

  @Test func tgzInsideGzipInsideGzipCountsNestingLevels() throws {
    let scratch = try Scratch()
    let path = try scratch.write("triple.json.gz.gz.gz", gzip(gzip(gzip("{}"))))
    let walked = try walk(path)
    #expect(walked.texts == ["{}"])
    #expect(walked.names == ["triple.json"])

    var options = ContainerOptions()
    options.maxNestingDepth = 1
    let shallow = try walk(path, options: options)
    #expect(shallow.names == ["triple.json.gz"])
    #expect(shallow.codes == [.archiveTooDeep])
  }
}
