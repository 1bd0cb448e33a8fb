import FuzzSupport
import Wearport
import WearportCore

/// The names the document is given, chosen by the input's selector byte: several readers sniff by file name
/// (Polar Flow export sessions and days, Fitbit account export series) or by the path inside an archive (Polar
/// transaction samples). Fuzz/seeds.py gives each seed the selector of the name that fits it and lists the names
/// in the same order.
let documentNames: [(name: String, logicalPath: String)] = [
  ("document.json", "document.json"),
  ("training-session-2024-01-01-1-a.json", "training-session-2024-01-01-1-a.json"),
  ("activity-2024-01-01-a.json", "activity-2024-01-01-a.json"),
  ("account-profile.json", "account-profile.json"),
  ("heart_rate-2024-01-01.json", "Physical Activity/heart_rate-2024-01-01.json"),
  ("sleep-2024-01-01.json", "Sleep/sleep-2024-01-01.json"),
  ("exercise-0.json", "Physical Activity/exercise-0.json"),
  ("steps-2024-01-01.json", "Physical Activity/steps-2024-01-01.json"),
  ("weight-2024-01-01.json", "Personal & Account/weight-2024-01-01.json"),
  ("resting_heart_rate-2024-01-01.json", "Physical Activity/resting_heart_rate-2024-01-01.json"),
  ("trophy.json", "Personal & Account/trophy.json"),
  ("0", "v3/users/21/exercise-transactions/34/exercises/56/samples/0"),
  ("56.json", "v3/users/21/exercise-transactions/34/exercises/56.json"),
  ("deliveries.har", "deliveries.har"),
  ("altitude-2024-01-01.json", "Physical Activity/altitude-2024-01-01.json"),
  ("calories-2024-01-01.json", "Physical Activity/calories-2024-01-01.json"),
  ("distance-2024-01-01.json", "Physical Activity/distance-2024-01-01.json"),
  ("height-2024-01-01.json", "Personal & Account/height-2024-01-01.json"),
  ("lightly_active_minutes-2024-01-01.json", "Physical Activity/lightly_active_minutes-2024-01-01.json"),
  ("demographic_vo2_max-2024-01-01.json", "Physical Activity/demographic_vo2_max-2024-01-01.json"),
  ("time_in_heart_rate_zones-2024-01-01.json", "Physical Activity/time_in_heart_rate_zones-2024-01-01.json"),
  ("activities-2024-01-01.json", "activities-2024-01-01.json"),
]

/// Every reader wearport registers, made once.
let registry = Formats.readers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = FuzzInput(data, size)
  // The parser alone, tolerant and strict.
  _ = try? JSONParser.parse(input.payload)
  _ = try? JSONParser.parse(input.payload, options: .strict)
  // The whole read path: sniffing, the chosen reader, checks, merging, the sink.
  let (name, logicalPath) = input.choose(documentNames)
  let document = InputDocument(
    location: SourceLocation(path: "fuzz/" + logicalPath), name: name, logicalPath: logicalPath,
    bytes: input.payload)
  let sink = DiscardSink()
  let pipeline = Pipeline(registry: registry, options: ReadOptions(strict: input.flag), sinks: [sink])
  do {
    try pipeline.process(document, isTopLevel: true)
  } catch {
    // Only a failing sink throws here, and this one never fails.
    fatalError("the pipeline threw \(error)")
  }
  _ = pipeline.finish()
  if fastPathNames.contains(name) { compareFastPath(document) }
  return 0
}

/// The documents read with a byte-level fast path (``ReadOptions/fastPaths``).
let fastPathNames: Set<String> = [
  "heart_rate-2024-01-01.json", "steps-2024-01-01.json", "calories-2024-01-01.json", "distance-2024-01-01.json",
]

/// A differential check: the fast path must give exactly what the full parser gives, records and diagnostics.
func compareFastPath(_ document: InputDocument) {
  func run(fast: Bool) -> (records: [Record], diagnostics: [String]) {
    var options = ReadOptions()
    options.fastPaths = fast
    let sink = KeepingSink()
    var diagnostics: [String] = []
    let pipeline = Pipeline(
      registry: registry, options: options, sinks: [sink], onDiagnostic: { diagnostics.append($0.description) })
    do {
      try pipeline.process(document, isTopLevel: true)
    } catch {
      fatalError("the pipeline threw \(error)")
    }
    _ = pipeline.finish()
    return (sink.records, diagnostics)
  }
  let fast = run(fast: true)
  let full = run(fast: false)
  // Compared as text: a record may hold NaN (a sample that is not a number), which is never equal to itself.
  if fast.records.map({ String(describing: $0) }) != full.records.map({ String(describing: $0) }) {
    fatalError("the fast path gave other records than the full parser")
  }
  if fast.diagnostics != full.diagnostics {
    fatalError("the fast path gave other diagnostics: \(fast.diagnostics) against \(full.diagnostics)")
  }
}

@main
enum FuzzJSONMain {
  static func main() { runFuzzer(fuzzJSON) }
}
