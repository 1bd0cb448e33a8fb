import FuzzSupport
import WearportContainers
import WearportCore

/// The names the input is given, chosen by the selector byte: the name decides what a gzip holds (`.tar.gz`,
/// `.tgz`), whether a damaged tar header is still read as tar, and JSON Lines splitting. Fuzz/seeds.py gives each
/// seed the selector of the name that fits it; keep the order.
let containerNames = [
  "input.zip", "input.tar", "input.tar.gz", "input.tgz", "input.json.gz", "input.jsonl", "input.json", "input.gz",
]

/// Small limits, so that bombs are refused quickly and memory stays well under the fuzzer's RSS limit.
let limits: ContainerOptions = {
  var options = ContainerOptions()
  options.maxDocumentBytes = 1 << 20
  options.maxTotalBytes = 4 << 20
  options.inMemoryDocumentBytes = 256 << 10
  return options
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContainers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = FuzzInput(data, size)
  let name = input.choose(containerNames)
  var options = limits
  if input.flag { options.maxNestingDepth = 1 }
  do {
    try InputWalker.walk(
      stream: MemoryByteStream(input.payload), path: name, options: options, report: { _ in },
      body: { document in
        // Every member read to its end, then its first block again as sniffing reads it.
        _ = try? drain(document, limit: 2 << 20)
        _ = try? document.prefix(512)
      })
  } catch {
    // A stream input that exists can only fail through the body, which never throws.
    fatalError("the walk threw \(error)")
  }
  return 0
}

@main
enum FuzzContainersMain {
  static func main() { runFuzzer(fuzzContainers) }
}
