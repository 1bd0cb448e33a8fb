import Foundation
import WearportContainers
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

/// Every Fitbit reader, in the order `Formats.readers` registers them.
let fitbitReaders: [any FormatReader] = [
  FitbitDailySummaryReader(), FitbitTimeSeriesReader(), FitbitIntradayReader(), FitbitHeartRateSeriesReader(),
  FitbitActivityLogListReader(), FitbitSleepReader(), FitbitBodyLogReader(), FitbitProfileReader(),
  FitbitHealthSeriesReader(), FitbitErrorResponseReader(), FitbitNotConvertedReader(), FitbitExportHeartRateReader(),
  FitbitExportMinuteSeriesReader(), FitbitExportExerciseReader(), FitbitExportSleepReader(), FitbitExportBodyReader(),
  FitbitExportDailyReader(), FitbitExportStampReader(),
]

/// Reads files, folders and archives the way the CLI does (through the container walker).
func readInputs(_ paths: [String], options: ReadOptions = ReadOptions()) throws -> WalkResult {
  let sink = CollectingSink()
  var diagnostics: [Diagnostic] = []
  let pipeline = Pipeline(
    registry: ReaderRegistry(fitbitReaders), options: options, sinks: [sink],
    onDiagnostic: { diagnostics.append($0) })
  for path in paths {
    try InputWalker.walk(path, report: { pipeline.report($0) }) { document in
      try pipeline.process(document)
    }
  }
  let summary = pipeline.finish()
  return WalkResult(records: sink.records, summary: summary, diagnostics: diagnostics)
}

/// What a walked run produced (the support library's `ReadResult` has no public initialiser).
struct WalkResult: RunOutcome {
  var records: [Record]
  var summary: RunSummary
  var diagnostics: [Diagnostic]
}

/// What the tests ask of a run, walked or read.
protocol RunOutcome {
  var records: [Record] { get }
  var summary: RunSummary { get }
  var diagnostics: [Diagnostic] { get }
}

extension ReadResult: RunOutcome {}

extension RunOutcome {
  var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  var exercises: [Exercise] {
    records.exercises
  }
  var days: [DailyActivity] {
    records.days
  }
  var sleeps: [SleepSession] {
    records.sleeps
  }
  var heartRates: [HeartRateSample] {
    records.heartRates
  }
  var metrics: [MetricSample] {
    records.metrics
  }
  var bodies: [BodyMeasurement] {
    records.bodies
  }
  func metrics(_ name: String) -> [MetricSample] { metrics.filter { $0.metric == name } }
  func codes(_ severity: Diagnostic.Severity) -> [String] {
    diagnostics.filter { $0.severity == severity }.map(\.code.rawValue)
  }
  /// Every count adds up: read = written + merged + rejected.
  var balanced: Bool {
    summary.counts.values.allSatisfy { $0.read == $0.written + $0.merged + $0.rejected }
  }
}

func fitbitFixture(_ relative: String) -> String { fixturePath("fitbit/" + relative) }

/// Within a millimetre (or any other tolerance).
func close(_ actual: Double?, _ expected: Double, within tolerance: Double = 0.0005) -> Bool {
  guard let actual else { return false }
  return abs(actual - expected) <= tolerance
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "wearport-fitbit-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Zips `folder` (its contents, recursively) into `archive` with /usr/bin/zip, else python3's zipfile module.
func makeZip(of folder: String, named archive: String) throws {
  let process = Process()
  if FileManager.default.isExecutableFile(atPath: "/usr/bin/zip") {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    process.arguments = ["-q", "-r", archive, "."]
  } else {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", "-m", "zipfile", "-c", archive]
      + (try FileManager.default.contentsOfDirectory(
        atPath: folder))
  }
  process.currentDirectoryURL = URL(fileURLWithPath: folder)
  try process.run()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
}
