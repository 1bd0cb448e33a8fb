import Foundation
import Testing
import WearportContainers
import WearportCore
import WearportTestSupport

/// Damaged copies of valid containers must end in documents or diagnostics: never a crash, a hang or a throw.
@Suite struct RobustnessTests {
  private static func samples() throws -> [(String, [UInt8])] {
    let scratch = try Scratch()
    var tar = TarBuilder()
    tar.add("d/a.json", "{\"a\":1}")
    tar.add("d/" + String(repeating: "l", count: 120), type: "L", data: [])
    tar.add("d/b.jsonl", "{}\n{}\n")
    tar.finish()
    let zip = try scratch.zip(
      "s.zip",
      [
        ("a.json", Array(String(repeating: "{\"k\":1}", count: 50).utf8)), ("n/t.tar.gz", gzip(tar.bytes)),
        ("s.json", Array("{}".utf8)),
      ])
    return [
      ("zip", Array(try Data(contentsOf: URL(fileURLWithPath: zip)))),
      ("tar.gz", gzip(tar.bytes)),
      ("tar", tar.bytes),
      ("jsonl.gz", gzip("{\"a\":1}\n{\"b\":2}\n")),
    ]
  }

  @Test func mutatedContainersNeverCrashOrHang() throws {
    let scratch = try Scratch()
    var seeded = SplitMix(seed: 0x5eed)
    var options = ContainerOptions()
    options.maxDocumentBytes = 1 << 20
    options.maxTotalBytes = 4 << 20
    var documents = 0
    var diagnostics = 0
    for (kind, original) in try Self.samples() {
      for round in 0..<150 {
        var bytes = original
        switch round % 3 {
        case 0:
          for _ in 0..<(1 + Int(seeded.next() % 8)) {
            let index = Int(seeded.next() % UInt64(bytes.count))
            bytes[index] = UInt8(truncatingIfNeeded: seeded.next())
          }
        case 1:
          bytes = Array(bytes.prefix(Int(seeded.next() % UInt64(bytes.count))))
        default:
          let index = Int(seeded.next() % UInt64(bytes.count))
          bytes.insert(contentsOf: noise(Int(seeded.next() % 40), seed: seeded.next()), at: index)
        }
        let path = try scratch.write("m\(round).\(kind)", bytes)
        let walked = try walk(path, options: options)
        documents += walked.documents.count
        diagnostics += walked.diagnostics.count
        let streamed = try walk(stream: TrickleStream(bytes), name: "m.\(kind)", options: options)
        documents += streamed.documents.count
      }
    }
    #expect(documents > 0)
    #expect(diagnostics > 0)
  }
}
