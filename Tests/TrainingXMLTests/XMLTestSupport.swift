import Foundation
import TrainingXML
import WearportCore
import WearportTestSupport

/// `../shared/xsd` beside the checkout (found next to the corpus), when present.
let xsdDirectory: String? = {
  guard let corpus = corpusPath("gpx_tcx") else { return nil }
  let path = URL(fileURLWithPath: corpus).deletingLastPathComponent().deletingLastPathComponent().path + "/xsd"
  return FileManager.default.fileExists(atPath: path + "/tcx_all.xsd") ? path : nil
}()

/// The result of a finished subprocess.
struct ProcessResult {
  var status: Int32
  var output: String
  var error: String
}

/// Runs a program (looked up on PATH through /usr/bin/env) and waits; nil when it cannot be started.
func run(_ arguments: [String]) -> ProcessResult? {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  let output = Pipe()
  // Standard error goes to a file, so that neither stream can fill its pipe and block the child.
  let errorPath = NSTemporaryDirectory() + "wearport-xml-stderr-\(UUID().uuidString)"
  _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
  defer { try? FileManager.default.removeItem(atPath: errorPath) }
  guard let errorHandle = FileHandle(forWritingAtPath: errorPath) else { return nil }
  process.standardOutput = output
  process.standardError = errorHandle
  do { try process.run() } catch { return nil }
  let outData = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  try? errorHandle.close()
  let errData = FileManager.default.contents(atPath: errorPath) ?? Data()
  return ProcessResult(
    status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
    error: String(decoding: errData, as: UTF8.self))
}

/// True when a command exists on PATH.
func hasTool(_ name: String) -> Bool {
  run(["sh", "-c", "command -v \(name)"])?.status == 0
}

/// True when the Python oracles (gpxpy, python-tcxparser) are importable.
let hasPythonOracles: Bool = run(["python3", "-c", "import gpxpy, tcxparser"])?.status == 0

/// What `scripts/oracles/xml_readback.py` read from a file.
struct Readback: Decodable {
  var reader: String
  var points: Int
  var first_time_utc: String?
  var last_time_utc: String?
  var hr: [Int]
  var cadence: [Int]
  var power: [Int]
}

/// In CI (`CI` set, as `.ci/run` and `scripts/test` run) a missing oracle is a failure, never a silent skip.
let oraclesRequired = ProcessInfo.processInfo.environment["CI"] != nil

/// Reads a TCX or GPX file with the independent Python readers.
func oracleReadback(_ path: String) throws -> Readback? {
  guard hasPythonOracles else {
    if oraclesRequired {
      throw OracleFailure(message: "gpxpy or python-tcxparser is missing (scripts/setup --oracles)")
    }
    return nil
  }
  guard let result = run(["python3", repositoryRoot + "/scripts/oracles/xml_readback.py", path]) else { return nil }
  guard result.status == 0 else {
    throw OracleFailure(message: "read-back failed: \(result.error)")
  }
  return try JSONDecoder().decode(Readback.self, from: Data(result.output.utf8))
}

struct OracleFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// xmllint's verdict on a file against `tcx_all.xsd` or `gpx_all.xsd`; nil when xmllint or the XSDs are missing.
func xmllintSchemaErrors(_ path: String) -> String? {
  guard let xsdDirectory, hasTool("xmllint") else {
    return oraclesRequired ? "xmllint or ../shared/xsd is missing (scripts/setup --oracles)" : nil
  }
  let schema = xsdDirectory + (path.hasSuffix(".tcx") ? "/tcx_all.xsd" : "/gpx_all.xsd")
  guard let result = run(["xmllint", "--noout", "--nonet", "--schema", schema, path]) else { return nil }
  return result.status == 0 ? "" : result.error
}

/// A fresh temporary folder.
func temporaryFolder() -> String {
  let path = NSTemporaryDirectory() + "wearport-xml-\(UUID().uuidString)"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Writes exercises through the sink and returns the files it made (and the notes it gave).
func writeFiles(
  _ exercises: [Exercise], as format: TrainingXMLSink.Format, into folder: String = temporaryFolder()
) throws -> (paths: [String], notes: [Diagnostic]) {
  let sink = try TrainingXMLSink(format: format, folder: folder)
  var notes: [Diagnostic] = []
  for exercise in exercises {
    try sink.write(.exercise(exercise))
    notes += sink.takeNotes()
  }
  return (try sink.finish(), notes)
}

func contents(_ path: String) -> String {
  (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

/// A synthetic Polar-like run: 1 Hz samples for 120 s (HR with a gap and a 0, speed, single-foot cadence,
/// altitude, distance) and a 1 Hz route for the first 110 s whose fixes sit 26 ms after each second.
func syntheticRun(samples count: Int = 120, routePoints: Int = 110) -> Exercise {
  let start = Timestamp(
    instant: utc("2026-02-26T15:42:39Z"), utcOffsetSeconds: 9 * 3600, offsetSource: .sourceField)
  let provenance = Provenance(provider: .polar, format: "test", location: SourceLocation(path: "synthetic.json"))
  var exercise = Exercise(
    provider: .polar, providerID: "hX7k2Qp", sport: .running, start: start, provenance: provenance)
  exercise.durationSeconds = Double(count)
  exercise.distanceMeters = 3.1 * Double(count - 1)
  exercise.energyKilocalories = 33.6
  exercise.device = "Polar Vantage V2"
  var series = SampleSeries()
  series.setTimeAxis((0..<count).map { Int64($0) * 1000 })
  var heartRates: [Double] = []
  for index in 0..<count {
    if index == 5 {
      heartRates.append(.nan)
    } else if index == 6 {
      heartRates.append(0)
    } else {
      heartRates.append(Double(100 + index % 40))
    }
  }
  series.setColumn(.heartRate, heartRates)
  series.setColumn(.speed, [Double](repeating: 3.1, count: count))
  series.setColumn(.cadence, (0..<count).map { index -> Double in Double(80 + index % 7) })
  series.setColumn(.altitude, (0..<count).map { index -> Double in 12.5 + Double(index) * 0.25 })
  series.setColumn(.distance, (0..<count).map { index -> Double in 3.1 * Double(index) })
  exercise.samples = series
  var route: [RoutePoint] = []
  for index in 0..<routePoints {
    let latitude = 35.681236 + Double(index) * 0.000027
    let longitude = 139.767125 + Double(index) * 0.000011
    route.append(
      RoutePoint(
        elapsedMilliseconds: Int64(index) * 1000 + 26, latitudeDegrees: latitude, longitudeDegrees: longitude))
  }
  exercise.route = route
  return exercise
}
