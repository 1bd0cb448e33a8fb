import Foundation
import WearportCore

/// Writes one CSV file per non-empty table into a folder (created if missing): `exercises.csv`,
/// `exercise_samples.csv`, `laps.csv`, `heart_rate_zones.csv`, `exercise_route.csv`, `daily_activity.csv`,
/// `sleep_sessions.csv`, `sleep_stages.csv`, `heart_rate.csv`, `metric_samples.csv`, `body_measurements.csv`,
/// `notifications.csv`, `fetch_plan.csv` and `sources.csv` (every input document read, with its SHA-256).
///
/// Headers and cells come from ``Catalog`` (the same names as the JSONL fields and SQLite columns). Rows stream to
/// temporary files; each file appears under its name, whole, in ``finish()``. A run that fails leaves none.
///
/// Duplicates: within one run the first record of a natural key is written and later ones are counted as merged
/// (a streamed file cannot take back a row). To keep the newest revision across runs or within one, use SQLite.
public final class CSVSink: RecordSink {
  public let directory: String
  private var files: [String: CSVFile] = [:]
  /// The files of the two tables that take a row per sample, once open: found without a lookup by name.
  private var heartRateFile: CSVFile?
  private var metricFile: CSVFile?

  public var wantsDocumentDigests: Bool { true }
  public var canWriteInBackground: Bool { true }

  /// - Throws: `output.unwritable` when the folder cannot be created or is a file.
  public init(directory: String) throws {
    self.directory = directory
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw Diagnostic.error(
          .outputUnwritable, "the CSV output must be a folder, and this is a file", at: SourceLocation(path: directory))
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw Diagnostic.error(
          .outputUnwritable, "cannot create the output folder", at: SourceLocation(path: directory),
          cause: "\(error.localizedDescription)")
      }
    }
  }

  public func write(_ record: Record) throws {
    switch record {
    case .exercise(let exercise):
      try append(exercise, to: Catalog.exercises)
      for row in Catalog.sampleRows(of: exercise) { try append(row, to: Catalog.exerciseSamples) }
      for (index, lap) in exercise.laps.enumerated() {
        try append(ChildRow(parent: exercise, index: index, child: lap), to: Catalog.laps)
      }
      for (index, zone) in exercise.heartRateZones.enumerated() {
        try append(ChildRow(parent: exercise, index: index, child: zone), to: Catalog.heartRateZones)
      }
      for (index, point) in exercise.route.enumerated() {
        try append(ChildRow(parent: exercise, index: index, child: point), to: Catalog.route)
      }
    case .sleepSession(let sleep):
      try append(sleep, to: Catalog.sleepSessions)
      for (index, stage) in sleep.stages.enumerated() {
        try append(ChildRow(parent: sleep, index: index, child: stage), to: Catalog.sleepStages)
      }
    case .dailyActivity(let day): try append(day, to: Catalog.dailyActivity)
    case .heartRate(let sample):
      let file = try heartRateFile ?? open(Catalog.heartRate)
      heartRateFile = file
      if file.takesHeartRateRows {
        try file.appendHeartRate(sample)
      } else {
        try file.append(sample, of: Catalog.heartRate)
      }
    case .metricSample(let sample):
      let file = try metricFile ?? open(Catalog.metricSamples)
      metricFile = file
      if file.takesMetricRows {
        try file.appendMetric(sample)
      } else {
        try file.append(sample, of: Catalog.metricSamples)
      }
    case .bodyMeasurement(let body): try append(body, to: Catalog.bodyMeasurements)
    case .notification(let note):
      try append(note, to: Catalog.notifications)
      try append(FetchPlanEntry(note), to: Catalog.fetchPlan)
    }
  }

  public func endDocument(_ document: DocumentReport) throws {
    try append(document, to: Catalog.sources)
  }

  /// Completes every file, then renames them all into place, in the order of ``Catalog/allShapes``; returns their
  /// paths. A failure while completing (a full disk) leaves none of them in place.
  public func finish() throws -> [String] {
    let open = Catalog.allShapes.compactMap { shape in files[shape.name] }
    do {
      for file in open { try file.prepare() }
      for file in open { try file.publish() }
    } catch {
      abort()
      throw error
    }
    forget()
    return open.map(\.path)
  }

  public func abort() {
    for file in files.values { file.abort() }
    forget()
  }

  private func forget() {
    files = [:]
    heartRateFile = nil
    metricFile = nil
  }

  /// The path of a table's file.
  public func path(of table: String) -> String { directory + "/" + table + ".csv" }

  private func append<Row>(_ row: Row, to table: Table<Row>) throws {
    try open(table).append(row, of: table)
  }

  /// The file of `table`, created on its first row.
  private func open<Row>(_ table: Table<Row>) throws -> CSVFile {
    if let open = files[table.name] { return open }
    let file = try CSVFile(path: path(of: table.name), shape: table.shape)
    files[table.name] = file
    return file
  }
}
