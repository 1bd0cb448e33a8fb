import Foundation
import Testing
import WearportContainers
import WearportCore

/// Standard input goes through `InputWalker.walk(stream:)`; these feed it streams directly.
@Suite struct StreamTests {
  @Test func plainStreamIsOneDocumentNamedDash() throws {
    let walked = try walk(stream: MemoryByteStream(Array("{\"a\":1}".utf8)))
    #expect(walked.texts == ["{\"a\":1}"])
    #expect(walked.names == ["-"])
    #expect(walked.documents.first?.location == SourceLocation(path: "-"))
    #expect(walked.documents.first?.logicalPath == "-")
  }

  @Test func zipFromAStreamIsBufferedAndWalked() throws {
    let scratch = try Scratch()
    let zip = try scratch.zip("s.zip", [("a/b.json", Array("{}".utf8)), ("c.json.gz", gzip("[]"))])
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: zip)))
    let walked = try walk(stream: TrickleStream(bytes))
    #expect(walked.texts == ["{}", "[]"])
    #expect(walked.members == ["a/b.json", "c.json.gz"])
    #expect(walked.documents.allSatisfy { $0.location.path == "-" })

    var options = ContainerOptions()
    options.maxDocumentBytes = 50
    let limited = try walk(stream: MemoryByteStream(bytes), options: options)
    #expect(limited.documents.isEmpty)
    #expect(limited.codes == [.inputTooLarge])
  }

  @Test func tarGzFromATrickleStream() throws {
    var tar = TarBuilder()
    tar.add("x/1.json", data: noise(3000))
    tar.add("x/2.json", "{}")
    tar.finish()
    let walked = try walk(stream: TrickleStream(gzip(tar.bytes)))
    #expect(walked.members == ["x/1.json", "x/2.json"])
    #expect(walked.documents.first?.bytes == noise(3000))
    #expect(walked.diagnostics.isEmpty)
  }

  @Test func streamsThatReturnMoreThanAskedAreHandled() throws {
    var tar = TarBuilder()
    tar.add("a.json", data: noise(250_000))
    tar.add("b.json", "{}")
    tar.finish()
    let walked = try walk(stream: OversizedChunkStream(gzip(tar.bytes)))
    #expect(walked.members == ["a.json", "b.json"])
    #expect(walked.documents.first?.bytes == noise(250_000))
  }

  @Test func namedStreamIsSplitAsJSONLines() throws {
    let walked = try walk(stream: MemoryByteStream(gzip("{\"a\":1}\n{\"b\":2}\n")), name: "capture.jsonl.gz")
    #expect(walked.texts == ["{\"a\":1}", "{\"b\":2}"])
    #expect(walked.names == ["capture.jsonl", "capture.jsonl"])
    #expect(walked.documents.map(\.location.line) == [1, 2])
  }

  @Test func streamOverTheLimitIsReported() throws {
    var options = ContainerOptions()
    options.maxDocumentBytes = 10
    let walked = try walk(stream: MemoryByteStream(Array(repeating: 0x20, count: 100)), options: options)
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.inputTooLarge])
  }

  @Test func gzipBombStopsReadingAsSoonAsTheLimitIsPassed() throws {
    let bomb = deflate([UInt8](repeating: 0, count: 64 << 20), level: 9)
    let counting = CountingStream(bomb, chunk: 512)
    var options = ContainerOptions()
    options.maxDocumentBytes = 1 << 20
    let walked = try walk(stream: counting, name: "bomb.json.gz", options: options)
    #expect(walked.documents.isEmpty)
    #expect(walked.codes == [.inputTooLarge])
    // About 1 MiB of output needs about 1 KiB of this input: far less than the whole bomb is read.
    #expect(counting.consumed < bomb.count / 10)
  }
}

/// Counts the bytes taken from it, handing out at most `chunk` at a time.
final class CountingStream: ByteStream {
  private let bytes: [UInt8]
  private let chunk: Int
  private(set) var consumed = 0

  init(_ bytes: [UInt8], chunk: Int) {
    self.bytes = bytes
    self.chunk = chunk
  }

  func read(maxCount: Int) throws -> [UInt8] {
    let count = min(maxCount, chunk, bytes.count - consumed)
    defer { consumed += count }
    return Array(bytes[consumed..<consumed + count])
  }
}
