import WearportCore

/// Writes the model as JSON Lines: one record per line, `"kind"` first, then the same snake_case fields as the
/// CSV/SQLite columns of that kind. Exercises carry `samples`, `laps`, `route`, `heart_rate_zones` and
/// `rr_intervals_ms` inline; sleep sessions carry `stages`.
public final class JSONLSink: RecordSink {
  private let file: AtomicFile

  /// - Parameter path: a file, or `-` for standard output.
  /// - Throws: `output.unwritable`.
  public init(path: String) throws {
    file = try AtomicFile(path: path)
  }

  public var canWriteInBackground: Bool { true }

  /// Reused from record to record: a run may write millions of lines.
  private var writer = JSONTextWriter(capacity: 4096)

  public func write(_ record: Record) throws {
    writer.reset()
    JSONLSink.encode(record, into: &writer)
    writer.bytes.append(0x0A)
    try file.write(writer.bytes)
  }

  public func finish() throws -> [String] {
    try file.commit()
    return file.path == "-" ? [] : [file.path]
  }

  public func abort() { file.abort() }

  /// Encodes one record as a JSON object (no newline).
  public static func encode(_ record: Record, into writer: inout JSONTextWriter) {
    writer.beginObject()
    writer.key("kind")
    writer.string(record.kind.rawValue)
    switch record {
    case .exercise(let exercise):
      fields(Catalog.exercises, exercise, into: &writer)
      writer.key("samples")
      children(Catalog.exerciseSamples, Catalog.sampleRows(of: exercise), skipping: "exercise_id", into: &writer)
      writer.key("laps")
      children(
        Catalog.laps, exercise.laps.enumerated().map { ChildRow(parent: exercise, index: $0, child: $1) },
        skipping: "exercise_id", into: &writer)
      writer.key("route")
      children(
        Catalog.route, exercise.route.enumerated().map { ChildRow(parent: exercise, index: $0, child: $1) },
        skipping: "exercise_id", into: &writer)
      writer.key("heart_rate_zones")
      children(
        Catalog.heartRateZones,
        exercise.heartRateZones.enumerated().map { ChildRow(parent: exercise, index: $0, child: $1) },
        skipping: "exercise_id", into: &writer)
      writer.key("rr_intervals_ms")
      writer.beginArray()
      for interval in exercise.rrIntervalsMilliseconds {
        if let interval { writer.number(interval) } else { writer.null() }
      }
      writer.endArray()
    case .dailyActivity(let day):
      fields(Catalog.dailyActivity, day, into: &writer)
    case .sleepSession(let sleep):
      fields(Catalog.sleepSessions, sleep, into: &writer)
      writer.key("stages")
      children(
        Catalog.sleepStages, sleep.stages.enumerated().map { ChildRow(parent: sleep, index: $0, child: $1) },
        skipping: "sleep_id", into: &writer)
    case .heartRate(let sample):
      fields(Catalog.heartRate, sample, into: &writer)
    case .metricSample(let sample):
      fields(Catalog.metricSamples, sample, into: &writer)
    case .bodyMeasurement(let body):
      fields(Catalog.bodyMeasurements, body, into: &writer)
    case .notification(let notification):
      fields(Catalog.notifications, notification, into: &writer)
    }
    writer.endObject()
  }

  private static func fields<Row>(
    _ table: Table<Row>, _ row: Row, skipping: String? = nil, into writer: inout JSONTextWriter
  ) {
    for column in table.columns where column.name != skipping {
      writer.key(column.name)
      writer.cell(column.value(row))
    }
  }

  private static func children<Row, Rows: Sequence<Row>>(
    _ table: Table<Row>, _ rows: Rows, skipping: String, into writer: inout JSONTextWriter
  ) {
    writer.beginArray()
    for row in rows {
      writer.beginObject()
      fields(table, row, skipping: skipping, into: &writer)
      writer.endObject()
    }
    writer.endArray()
  }
}
