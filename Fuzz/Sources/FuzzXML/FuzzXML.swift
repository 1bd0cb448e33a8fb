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
  compareReaders(bytes)
  return 0
}

/// A differential check: GPX is read with libxml2's push parser, and under `validate` (conformance checks) with its
/// tree reader; on a document both read without an XML error, both must give the same records. (On a malformed
/// document the records read before the error depend on how far each parser had got: not compared.)
func compareReaders(_ bytes: [UInt8]) {
  func records(conformance: Bool) -> [String]? {
    var options = ReadOptions()
    options.checkConformance = conformance
    let document = InputDocument(location: SourceLocation(path: "fuzz.gpx"), name: "fuzz.gpx", bytes: bytes)
    let sink = KeepingSink()
    var malformed = false
    let pipeline = Pipeline(
      registry: gpx, options: options, sinks: [sink],
      onDiagnostic: { diagnostic in
        if diagnostic.severity == .error, diagnostic.code.rawValue.hasPrefix("xml.") { malformed = true }
      })
    do {
      try pipeline.process(document, isTopLevel: true)
    } catch {
      fatalError("the pipeline threw \(error)")
    }
    _ = pipeline.finish()
    // Compared as text: a missing sample is NaN, which is never equal to itself.
    return malformed ? nil : sink.records.map { String(describing: $0) }
  }
  guard let push = records(conformance: false), let tree = records(conformance: true) else { return }
  if push != tree { fatalError("the push reader gave other records than the tree reader: \(push) against \(tree)") }
}

@main
enum FuzzXMLMain {
  static func main() { runFuzzer(fuzzXML) }
}
