import Foundation
import WearportCore

/// The repository root, found from this file's path (so goldens can be re-recorded into the tree).
public let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// A file under `Fixtures/`.
public func fixturePath(_ relative: String) -> String { repositoryRoot + "/Fixtures/" + relative }

/// `../shared/corpus/<relative>` beside the checkout, when it exists (CI has it); nil otherwise.
public func corpusPath(_ relative: String) -> String? {
  let path = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().path + "/shared/corpus/" + relative
  return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// A sink that keeps what it receives.
public final class CollectingSink: RecordSink {
  public private(set) var records: [Record] = []
  public init() {}
  public func write(_ record: Record) throws { records.append(record) }
  public func finish() throws -> [String] { [] }
  public func abort() {}
  public var exercises: [Exercise] {
    records.exercises
  }
}

/// What one run of readers over some documents produced.
public struct ReadResult {
  public var records: [Record]
  public var summary: RunSummary
  public var diagnostics: [Diagnostic]
  public var exercises: [Exercise] {
    records.exercises
  }
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Reads files (plain files only, each a top-level document) with the given readers.
public func read(
  _ paths: [String], with readers: [any FormatReader], options: ReadOptions = ReadOptions()
) throws -> ReadResult {
  let sink = CollectingSink()
  var diagnostics: [Diagnostic] = []
  let pipeline = Pipeline(
    registry: ReaderRegistry(readers), options: options, sinks: [sink], onDiagnostic: { diagnostics.append($0) })
  for path in paths {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let document = InputDocument(
      location: SourceLocation(path: path), name: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes)
    try pipeline.process(document, isTopLevel: true)
  }
  let summary = pipeline.finish()
  return ReadResult(records: sink.records, summary: summary, diagnostics: diagnostics)
}

/// The sniff score a reader gives a file.
public func sniff(_ reader: any FormatReader, _ path: String) throws -> SniffScore {
  let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  let probe = SniffProbe(
    name: URL(fileURLWithPath: path).lastPathComponent, logicalPath: path,
    prefix: Array(bytes.prefix(SniffProbe.prefixLength)), isComplete: bytes.count <= SniffProbe.prefixLength)
  return reader.sniff(probe)
}

/// Every file below a folder, sorted.
public func files(under folder: String, withExtension ext: String? = nil) -> [String] {
  guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
  var result: [String] = []
  while let relative = enumerator.nextObject() as? String {
    let path = folder + "/" + relative
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      continue
    }
    if let ext, !relative.hasSuffix("." + ext) { continue }
    result.append(path)
  }
  return result.sorted()
}

/// An instant from an ISO-8601 UTC text, for readable expectations.
public func utc(_ text: String) -> Instant {
  guard let parsed = try? DateTimeParser.parse(text), let instant = parsed.instant else {
    fatalError("bad test timestamp \(text)")
  }
  return instant
}

/// Compares `actual` with the golden file `Fixtures/golden/<name>` byte for byte.
///
/// With `WEARPORT_RECORD_GOLDEN=1` in the environment the golden file is written instead, and the comparison fails
/// so that a recording run can never pass (review the new file by hand, then run again without the variable).
/// - Returns: nil when equal, else a message describing the first difference.
public func compareWithGolden(_ actual: String, _ name: String) -> String? {
  let path = fixturePath("golden/" + name)
  if ProcessInfo.processInfo.environment["WEARPORT_RECORD_GOLDEN"] == "1" {
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? actual.write(toFile: path, atomically: true, encoding: .utf8)
    return "recorded \(path); review it and run again without WEARPORT_RECORD_GOLDEN"
  }
  guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
    return "no golden file at \(path); record it with WEARPORT_RECORD_GOLDEN=1"
  }
  if expected == actual { return nil }
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  for (index, pair) in zip(expectedLines, actualLines).enumerated() where pair.0 != pair.1 {
    return "golden \(name) differs at line \(index + 1):\n  expected: \(pair.0)\n  actual:   \(pair.1)"
  }
  return "golden \(name) differs in length: \(expectedLines.count) lines expected, \(actualLines.count) written"
}

/// The records of one kind, in order.
extension Array where Element == Record {
  public var exercises: [Exercise] { compactMap { if case .exercise(let value) = $0 { value } else { nil } } }
  public var days: [DailyActivity] { compactMap { if case .dailyActivity(let value) = $0 { value } else { nil } } }
  public var sleeps: [SleepSession] { compactMap { if case .sleepSession(let value) = $0 { value } else { nil } } }
  public var heartRates: [HeartRateSample] { compactMap { if case .heartRate(let value) = $0 { value } else { nil } } }
  public var metrics: [MetricSample] { compactMap { if case .metricSample(let value) = $0 { value } else { nil } } }
  public var bodies: [BodyMeasurement] {
    compactMap { if case .bodyMeasurement(let value) = $0 { value } else { nil } }
  }
  public var notifications: [WebhookNotification] {
    compactMap { if case .notification(let value) = $0 { value } else { nil } }
  }
}

/// A deterministic generator (SplitMix64), so a test's random cases and a failure can be replayed from the seed.
public struct SplitMix: RandomNumberGenerator {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var value = state
    value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
    value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
    return value ^ (value >> 31)
  }
}
