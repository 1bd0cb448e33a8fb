import CSQLite
import WearportCore

/// Writes records into a SQLite database, created or updated: idempotent, incremental upserts by natural key.
///
/// - Every input document is one transaction (`BEGIN IMMEDIATE` … `COMMIT`): a failure or a kill never leaves a
///   half-imported file. Records assembled across documents are committed by ``finish()``.
/// - Importing the same input again changes nothing: an upsert only updates a row whose content differs.
/// - Newer wins: a table with `modified_at_utc` (exercises, daily activity, sleep) takes an update only from a later
///   `modified_at_utc` (or when the stored row has none); an older revision never overwrites a newer one. Tables
///   without a revision (samples, body, notifications) take the latest import.
/// - The children of an updated exercise (samples, laps, zones, route) and of an updated sleep session (stages) are
///   replaced, never duplicated; a parent that did not change keeps its children untouched.
/// - The `sources` table lists every input document (with its SHA-256); `metadata` holds the schema version, the
///   tool version and the number of inputs imported. `PRAGMA user_version` drives migrations.
/// - A database locked by another process is waited for up to the busy timeout, then `output.unwritable` (exit 73).
public final class SQLiteSink: RecordSink {
  public let path: String
  private let toolVersion: String
  private var database: SQLiteDatabase?
  private let writers: Writers
  /// The database was last written by this tool version, so an unchanged document can be skipped.
  private let canSkipUnchanged: Bool
  private let findImported: SQLiteStatement

  public var wantsDocumentDigests: Bool { true }
  public var replacesByKey: Bool { true }
  public var canWriteInBackground: Bool { true }

  /// Opens or creates the database and brings its schema to the current version.
  ///
  /// - Parameters:
  ///   - toolVersion: recorded in `metadata`.
  ///   - busyTimeoutMilliseconds: how long to wait for another process's lock.
  /// - Throws: `output.unwritable`: the file cannot be opened, is locked, is not a wearport database, or was written
  ///   by a newer schema.
  public init(path: String, toolVersion: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
    self.path = path
    self.toolVersion = toolVersion
    let database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    do {
      // 16 KiB pages (taken by a new database only, before WAL): fewer page splits and cell moves per appended row,
      // a tenth less time for a large import than the default 4 KiB. A 32 MiB page cache: a large import otherwise
      // spills pages to the WAL mid-transaction.
      try database.execute(
        "PRAGMA page_size = 16384; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
          + "PRAGMA cache_size = -32768;")
      try SQLiteSink.migrate(database)
      writers = try Writers(database)
      canSkipUnchanged = try database.scalarText("SELECT value FROM metadata WHERE key = 'tool_version'") == toolVersion
      findImported = try database.prepare(
        "SELECT 1 FROM sources WHERE source = ? AND sha256 = ? AND read_with = ? AND status = 'converted' "
          + "AND errors = 0 AND NOT spans_documents")
    } catch {
      database.close()
      throw error
    }
    self.database = database
  }

  // MARK: schema

  static func migrate(_ database: SQLiteDatabase) throws {
    try database.execute("BEGIN IMMEDIATE")
    do {
      let current = Int32(try database.scalarInteger("PRAGMA user_version") ?? 0)
      if current > SQLiteSchema.version {
        throw Diagnostic.error(
          .outputUnwritable,
          "the database has schema version \(current), newer than this wearport's \(SQLiteSchema.version); "
            + "use a newer wearport", at: SourceLocation(path: database.path))
      }
      if current == 0 {
        let objects = try database.scalarInteger("SELECT count(*) FROM sqlite_schema") ?? 0
        if objects > 0 {
          throw Diagnostic.error(
            .outputUnwritable, "the file is a SQLite database that wearport did not create; choose another file",
            at: SourceLocation(path: database.path))
        }
      }
      for step in SQLiteSchema.migration(from: current) {
        try database.execute(step)
      }
      if current != SQLiteSchema.version {
        try database.execute("PRAGMA user_version = \(SQLiteSchema.version)")
      }
      try database.execute("COMMIT")
    } catch {
      try? database.execute("ROLLBACK")
      throw error
    }
  }

  // MARK: RecordSink

  /// True when the same document (same source, bytes and settings) was imported cleanly by this tool version and
  /// its records stand alone: reading it again would change nothing.
  public func isAlreadyImported(_ document: DocumentReport) -> Bool {
    guard canSkipUnchanged, database != nil, let sha256 = document.sha256 else { return false }
    defer { findImported.reset() }
    findImported.bindText(document.source, at: 1)
    findImported.bindText(sha256, at: 2)
    findImported.bindText(document.readWith, at: 3)
    return (try? findImported.step()) ?? false
  }

  public func beginDocument(_ document: DocumentReport) throws {
    let database = try open()
    if database.isInTransaction { try commit(database) }
    try database.execute("BEGIN IMMEDIATE")
  }

  public func endDocument(_ document: DocumentReport) throws {
    let database = try open()
    // Not read again: its row in `sources` stays as the import that wrote its records left it.
    if document.unchanged { return }
    if !database.isInTransaction { try database.execute("BEGIN IMMEDIATE") }
    _ = try writers.sources.upsert(document)
    try commit(database)
  }

  /// Samples, the bulk of a large import, are taken apart without a copy; other records are written as by
  /// ``write(_:)``.
  public func take(_ record: consuming Record) throws {
    switch consume record {
    case .heartRate(let sample):
      try beginWriting()
      try writers.samples.write(sample)
    case .metricSample(let sample):
      try beginWriting()
      try writers.samples.write(sample)
    case let other:
      try write(other)
    }
  }

  /// Opens the transaction of the record about to be written, when none is open.
  @inline(__always)
  private func beginWriting() throws {
    let database = try open()
    if !database.isInTransaction { try database.execute("BEGIN IMMEDIATE") }
  }

  public func write(_ record: Record) throws {
    try beginWriting()
    switch record {
    case .exercise(let exercise):
      guard try writers.exercises.upsert(exercise) else { return }
      for delete in writers.deleteExerciseChildren {
        delete.bindText(exercise.exerciseID, at: 1)
        try delete.run()
      }
      for row in Catalog.sampleRows(of: exercise) { try writers.exerciseSamples.insert(row) }
      for (index, lap) in exercise.laps.enumerated() {
        try writers.laps.insert(ChildRow(parent: exercise, index: index, child: lap))
      }
      for (index, zone) in exercise.heartRateZones.enumerated() {
        try writers.zones.insert(ChildRow(parent: exercise, index: index, child: zone))
      }
      for (index, point) in exercise.route.enumerated() {
        try writers.route.insert(ChildRow(parent: exercise, index: index, child: point))
      }
    case .sleepSession(let sleep):
      guard try writers.sleep.upsert(sleep) else { return }
      writers.deleteSleepStages.bindText(sleep.sleepID, at: 1)
      try writers.deleteSleepStages.run()
      for (index, stage) in sleep.stages.enumerated() {
        try writers.stages.insert(ChildRow(parent: sleep, index: index, child: stage))
      }
    case .dailyActivity(let day): _ = try writers.daily.upsert(day)
    case .heartRate(let sample): try writers.samples.write(sample)
    case .metricSample(let sample): try writers.samples.write(sample)
    case .bodyMeasurement(let body): _ = try writers.body.upsert(body)
    case .notification(let note):
      _ = try writers.notifications.upsert(note)
      _ = try writers.fetchPlan.upsert(FetchPlanEntry(note))
    }
  }

  public func finish() throws -> [String] {
    let database = try open()
    do {
      if database.isInTransaction { try commit(database) }
      try database.execute("BEGIN IMMEDIATE")
      let imported = try database.scalarInteger("SELECT count(*) FROM sources WHERE status = 'converted'") ?? 0
      let set = try database.prepare(
        "INSERT INTO metadata (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      for (key, value) in [
        ("schema_version", String(SQLiteSchema.version)), ("tool_version", toolVersion),
        ("inputs_imported", String(imported)),
      ] {
        set.bindText(key, at: 1)
        set.bindText(value, at: 2)
        try set.run()
      }
      try database.execute("COMMIT")
      try database.execute("PRAGMA optimize")
    } catch {
      abort()
      throw error
    }
    writers.finalize()
    findImported.finalize()
    database.close()
    self.database = nil
    return [path]
  }

  public func abort() {
    guard let database else { return }
    if database.isInTransaction { try? database.execute("ROLLBACK") }
    writers.finalize()
    findImported.finalize()
    database.close()
    self.database = nil
  }

  /// Writes the pending sample rows, then commits.
  private func commit(_ database: SQLiteDatabase) throws {
    try writers.samples.flush()
    try database.execute("COMMIT")
  }

  private func open() throws -> SQLiteDatabase {
    guard let database else {
      throw Diagnostic.error(.outputUnwritable, "the database is already closed", at: SourceLocation(path: path))
    }
    return database
  }
}

/// The prepared statements of every table.
private final class Writers {
  let exercises: TableWriter<Exercise>
  let exerciseSamples: TableWriter<ExerciseSampleRow>
  let laps: TableWriter<ChildRow<Exercise, Lap>>
  let zones: TableWriter<ChildRow<Exercise, HeartRateZone>>
  let route: TableWriter<ChildRow<Exercise, RoutePoint>>
  let daily: TableWriter<DailyActivity>
  let sleep: TableWriter<SleepSession>
  let stages: TableWriter<ChildRow<SleepSession, SleepStage>>
  /// Heart-rate and metric samples, into the compact stores behind their views.
  let samples: SampleStoreWriter
  let body: TableWriter<BodyMeasurement>
  let notifications: TableWriter<WebhookNotification>
  let fetchPlan: TableWriter<FetchPlanEntry>
  let sources: TableWriter<DocumentReport>
  private(set) var deleteExerciseChildren: [SQLiteStatement]
  private(set) var deleteSleepStages: SQLiteStatement!

  init(_ database: SQLiteDatabase) throws {
    exercises = try TableWriter(Catalog.exercises, database, revision: "modified_at_utc")
    exerciseSamples = try TableWriter(Catalog.exerciseSamples, database)
    laps = try TableWriter(Catalog.laps, database)
    zones = try TableWriter(Catalog.heartRateZones, database)
    route = try TableWriter(Catalog.route, database)
    daily = try TableWriter(Catalog.dailyActivity, database, revision: "modified_at_utc")
    sleep = try TableWriter(Catalog.sleepSessions, database, revision: "modified_at_utc")
    stages = try TableWriter(Catalog.sleepStages, database)
    samples = try SampleStoreWriter(database)
    body = try TableWriter(Catalog.bodyMeasurements, database)
    notifications = try TableWriter(Catalog.notifications, database)
    // A later notification refreshes the plan; its status (set by whoever fetches) is kept.
    fetchPlan = try TableWriter(Catalog.fetchPlan, database, revision: "notified_at_utc", keep: ["status"])
    sources = try TableWriter(Catalog.sources, database)
    deleteExerciseChildren = try [
      Catalog.exerciseSamples.name, Catalog.laps.name, Catalog.heartRateZones.name, Catalog.route.name,
    ]
    .map { try database.prepare("DELETE FROM \($0) WHERE exercise_id = ?") }
    deleteSleepStages = try database.prepare("DELETE FROM \(Catalog.sleepStages.name) WHERE sleep_id = ?")
  }

  /// Releases the statements before the connection closes.
  func finalize() {
    for writer in [
      exercises.finalize, exerciseSamples.finalize, laps.finalize, zones.finalize, route.finalize, daily.finalize,
      sleep.finalize, stages.finalize, samples.finalize, body.finalize, notifications.finalize, fetchPlan.finalize,
      sources.finalize,
    ] { writer() }
    deleteExerciseChildren = []
    deleteSleepStages = nil
  }
}

/// The upsert and insert statements of one table.
private final class TableWriter<Row> {
  private let table: Table<Row>
  private var upsertStatement: SQLiteStatement?
  private var insertStatement: SQLiteStatement?
  /// Key columns bind a missing value as `''` (a NULL in a key would never match on conflict).
  private let emptyWhenNull: [Bool]
  private unowned let database: SQLiteDatabase

  /// - Parameters:
  ///   - revision: a timestamp column: an update needs a later value there (or none stored).
  ///   - keep: columns an update never changes.
  init(_ table: Table<Row>, _ database: SQLiteDatabase, revision: String? = nil, keep: Set<String> = []) throws {
    self.table = table
    self.database = database
    let names = table.columns.map(\.name)
    emptyWhenNull = names.map { table.primaryKey.contains($0) }
    let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
    upsertStatement = try database.prepare(
      SQLiteSchema.upsert(table.name, columns: names, key: table.primaryKey, revision: revision, keep: keep))
    insertStatement = try database.prepare(
      "INSERT OR REPLACE INTO \(table.name) (\(names.joined(separator: ", "))) VALUES (\(placeholders))")
  }

  /// Inserts or updates the row by its key; true when the table changed.
  func upsert(_ row: Row) throws -> Bool {
    guard let statement = upsertStatement else { return false }
    bind(row, to: statement)
    try statement.run()
    return database.changes > 0
  }

  /// Inserts a child row (its parent's old children are gone), replacing one with the same key.
  func insert(_ row: Row) throws {
    guard let statement = insertStatement else { return }
    bind(row, to: statement)
    try statement.run()
  }

  @inline(__always)
  private func bind(_ row: Row, to statement: SQLiteStatement) {
    for (index, column) in table.columns.enumerated() {
      statement.bind(column.value(row), at: Int32(index + 1), nullAsEmptyText: emptyWhenNull[index])
    }
  }

  func finalize() {
    upsertStatement = nil
    insertStatement = nil
  }
}
