import FuzzSupport
import TrainingXML
import WearportCore

/// Each reader on its own, so that both see every input whatever the other one's sniffing says.
let tcx = ReaderRegistry([TCXReader()])
let gpx = ReaderRegistry([GPXReader()])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
  for (registry, name) in [(tcx, "fuzz.tcx"), (gpx, "fuzz.gpx")] {
    let document = InputDocument(location: SourceLocation(path: name), name: name, bytes: bytes)
    let pipeline = Pipeline(registry: registry, options: ReadOptions(), sinks: [DiscardSink()])
    do {
      try pipeline.process(document, isTopLevel: true)
    } catch {
      fatalError("the pipeline threw \(error)")
    }
    _ = pipeline.finish()
  }
  return 0
}

@main
enum FuzzXMLMain {
  static func main() { runFuzzer(fuzzXML) }
}
