import CSQLite
import Foundation
import Testing
import Wearport
import WearportCore
import WearportTestSupport

@testable import SQLiteStore

/// Runs the `sqlite3` command-line shell (an independent reader of the file) and returns its output.
func sqlite3CLI(_ database: String, _ sql: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = ["-batch", database, sql]
  let output = Pipe()
  process.standardOutput = output
  process.standardError = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

/// Every table's rows, sorted, as the CLI prints them: the content of the database.
func dump(_ database: String) throws -> String {
  var text = ""
  for shape in Catalog.allShapes {
    text += "## \(shape.name)\n" + (try sqlite3CLI(database, "SELECT * FROM \(shape.name) ORDER BY 1, 2, 3, 4"))
  }
  return text
}

func count(_ database: String, _ table: String) throws -> Int {
  Int(try sqlite3CLI(database, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
}

func temporaryDatabase() -> String { NSTemporaryDirectory() + "wearport-\(UUID().uuidString).sqlite" }

/// Converts inputs into a database with every registered reader, as `wearport convert --to sqlite` does.
@discardableResult
func convert(_ inputs: [String], into database: String, toolVersion: String = "test") throws -> RunSummary {
  let sink = try SQLiteSink(path: database, toolVersion: toolVersion)
  return Conversion.run(inputs: inputs, sinks: [sink])
}

let polarFixtures = fixturePath("polar/accesslink")
let tokyo = fixturePath("polar/accesslink/exercise-tokyo-run.json")
let tokyoRevised = fixturePath("tabular/exercise-tokyo-run-revised.json")

@Suite struct SQLiteSinkTests {
  @Test func importingTheFixturesTwiceChangesNothing() throws {
    let database = temporaryDatabase()
    let first = try convert([polarFixtures], into: database)
    #expect(first.exitCode == 0)
    let before = try dump(database)
    #expect(try count(database, "exercises") == 6)
    #expect(try count(database, "heart_rate_zones") > 0)
    #expect(try count(database, "sources") == files(under: polarFixtures).count)
    // Skipped as unchanged…
    let second = try convert([polarFixtures], into: database)
    #expect(second.exitCode == 0)
    #expect(second.documents.allSatisfy { $0.status == .skipped })
    #expect(try dump(database) == before)
    // …and read and upserted again by another tool version: still the same rows.
    let third = try convert([polarFixtures], into: database, toolVersion: "test-2")
    #expect(third.counts[.exercise]?.written == 6)
    #expect(try dump(database) == before)
    #expect(try sqlite3CLI(database, "PRAGMA integrity_check") == "ok\n")
    #expect(try sqlite3CLI(database, "PRAGMA foreign_keys = ON; PRAGMA foreign_key_check").isEmpty)
    #expect(try sqlite3CLI(database, "PRAGMA user_version") == "\(SQLiteSchema.version)\n")
    #expect(
      try sqlite3CLI(database, "SELECT key, value FROM metadata ORDER BY key")
        == "inputs_imported|\(files(under: polarFixtures).count)\nschema_version|\(SQLiteSchema.version)\ntool_version|test-2\n"
    )
    // The WAL is checkpointed and removed on close: one file remains.
    #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
  }

  @Test func aNewDatabaseHas16KiBPagesAndAnOlderOneKeepsItsOwn() throws {
    let fresh = temporaryDatabase()
    try convert([tokyo], into: fresh)
    #expect(try sqlite3CLI(fresh, "PRAGMA page_size") == "16384\n")
    #expect(try sqlite3CLI(fresh, "PRAGMA journal_mode") == "wal\n")
    // A database made with the default 4 KiB pages (as wearport made them before) is written as it is.
    let older = temporaryDatabase()
    _ = try sqlite3CLI(older, "PRAGMA page_size = 4096; VACUUM")
    #expect(try convert([tokyo], into: older).exitCode == 0)
    #expect(try sqlite3CLI(older, "PRAGMA page_size") == "4096\n")
    #expect(try count(older, "exercises") == 1)
    #expect(try dump(older) == (try dump(fresh)))
  }

  @Test func aSecondImportSkipsUnchangedDocumentsButRereadsChangedOnes() throws {
    let folder = NSTemporaryDirectory() + "wearport-inputs-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: tokyo, toPath: folder + "/run.json")
    try FileManager.default.copyItem(
      atPath: fixturePath("polar/accesslink/exercise-list-los-angeles.json"), toPath: folder + "/list.json")
    let database = temporaryDatabase()
    #expect(try convert([folder], into: database).counts[.exercise]?.written == 3)
    let before = try dump(database)
    var notes: [Diagnostic] = []
    let sink = try SQLiteSink(path: database, toolVersion: "test")
    let second = Conversion.run(inputs: [folder], sinks: [sink], onDiagnostic: { notes.append($0) })
    #expect(second.counts[.exercise] == nil)
    #expect(second.documents.map(\.status) == [.skipped, .skipped])
    #expect(notes.map(\.code) == [.inputUnchanged, .inputUnchanged])
    #expect(try dump(database) == before)
    // A newer revision in place of run.json is read again; the unchanged list is not.
    try FileManager.default.removeItem(atPath: folder + "/run.json")
    try FileManager.default.copyItem(atPath: tokyoRevised, toPath: folder + "/run.json")
    let third = try convert([folder], into: database)
    #expect(third.documents.map(\.status) == [.skipped, .converted])
    #expect(
      try sqlite3CLI(database, "SELECT distance_m FROM exercises WHERE exercise_id = 'polar:hX7k2Qp'") == "8150.25\n")
    // Other settings read everything again.
    let sink4 = try SQLiteSink(path: database, toolVersion: "test")
    let fourth = Conversion.run(inputs: [folder], options: ReadOptions(strict: true), sinks: [sink4])
    #expect(fourth.documents.map(\.status) == [.converted, .converted])
    // A new tool version reads everything again too.
    let fifth = Conversion.run(inputs: [folder], sinks: [try SQLiteSink(path: database, toolVersion: "test-2")])
    #expect(fifth.documents.map(\.status) == [.converted, .converted])
  }

  @Test func exerciseRowHoldsTheContractColumns() throws {
    let database = temporaryDatabase()
    try convert([tokyo], into: database)
    let row = try sqlite3CLI(
      database,
      "SELECT exercise_id, provider, user_id, sport, start_time_utc, start_time_local, utc_offset_minutes, "
        + "offset_source, duration_s, distance_m, modified_at_utc FROM exercises")
    #expect(
      row == "polar:hX7k2Qp|polar|90000001|running|2026-02-26T15:42:39.000Z|2026-02-27T00:42:39+09:00|540|"
        + "source_field|2525.664|8123.4|2026-02-27T01:30:12.000Z\n")
    #expect(
      try sqlite3CLI(
        database, "SELECT zone_index, lower_bpm, time_in_zone_s FROM heart_rate_zones WHERE zone_index = 2")
        == "2|134.0|1230.5\n")
    let sha = try sqlite3CLI(database, "SELECT sha256, bytes, records FROM sources")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: tokyo)))
    var digest = DocumentDigest.sha256.start()
    digest.update(bytes)
    #expect(sha == "\(digest.finalizeHex())|\(bytes.count)|1\n")
  }

  @Test func aNewerRevisionUpdatesInPlaceAndAnOlderOneNeverOverwrites() throws {
    let database = temporaryDatabase()
    try convert([tokyo], into: database)
    #expect(try count(database, "heart_rate_zones") == 5)
    try convert([tokyoRevised], into: database)
    let query = "SELECT distance_m, calories_kcal, modified_at_utc FROM exercises"
    #expect(try sqlite3CLI(database, query) == "8150.25|530.0|2026-02-28T09:00:00.000Z\n")
    // The children of the updated exercise are replaced, not added to.
    #expect(try count(database, "heart_rate_zones") == 4)
    #expect(try sqlite3CLI(database, "SELECT time_in_zone_s FROM heart_rate_zones WHERE zone_index = 3") == "933.164\n")
    // The older revision again: nothing changes.
    let after = try dump(database)
    try convert([tokyo], into: database)
    #expect(try dump(database).replacingOccurrences(of: "", with: "") == after)
    #expect(try count(database, "exercises") == 1)
  }

  @Test(arguments: [[tokyo, tokyoRevised], [tokyoRevised, tokyo]])
  func withinOneRunTheNewerRevisionWins(_ order: [String]) throws {
    let database = temporaryDatabase()
    let summary = try convert(order, into: database)
    let counts = try #require(summary.counts[.exercise])
    #expect(counts.read == 2 && counts.written == 1 && counts.merged == 1)
    #expect(try sqlite3CLI(database, "SELECT distance_m FROM exercises") == "8150.25\n")
    #expect(try count(database, "heart_rate_zones") == 4)
  }

  @Test func recordsOfEveryKindUpsertWithoutDuplicates() throws {
    let database = temporaryDatabase()
    for _ in 0..<2 {
      let sink = try SQLiteSink(path: database, toolVersion: "test")
      for record in Samples.allKinds() { try sink.write(record) }
      _ = try sink.finish()
    }
    for (table, rows) in [
      ("heart_rate", 2), ("metric_samples", 3), ("body_measurements", 1), ("sleep_sessions", 1), ("sleep_stages", 3),
      ("daily_activity", 1), ("notifications", 2), ("fetch_plan", 2), ("exercises", 1), ("exercise_samples", 3),
      ("exercise_route", 1), ("laps", 1),
    ] {
      #expect(try count(database, table) == rows, "\(table)")
    }
    // A missing user id is stored as '' in the key, so the daily metric without a user upserts too.
    #expect(try sqlite3CLI(database, "SELECT count(*) FROM metric_samples WHERE user_id = ''") == "1\n")
    #expect(
      try sqlite3CLI(database, "SELECT time_key, value FROM metric_samples WHERE metric = 'steps' ORDER BY 1")
        == "2021-05-23T08:01:00.000Z|12.0\n2021-05-23T08:02:00.500Z|14.0\n")
    #expect(try sqlite3CLI(database, "PRAGMA foreign_keys = ON; PRAGMA foreign_key_check").isEmpty)
    #expect(
      try sqlite3CLI(
        database,
        "SELECT date, steps, exercises, asleep_s, readings FROM daily_summary JOIN "
          + "daily_heart_rate USING (provider, user_id, date)") == "2021-05-23|9000|0|25200.0|2\n")
  }

  @Test func anUpdatedSleepReplacesItsStages() throws {
    let database = temporaryDatabase()
    var sleep = Samples.sleep()
    let sink = try SQLiteSink(path: database, toolVersion: "test")
    try sink.write(.sleepSession(sleep))
    sleep.stages.removeLast()
    sleep.modifiedAt = Instant(millisecondsSinceEpoch: sleep.modifiedAt!.millisecondsSinceEpoch + 1000)
    try sink.write(.sleepSession(sleep))
    _ = try sink.finish()
    #expect(try count(database, "sleep_stages") == 2)
  }

  @Test func abortRollsBackTheDocumentBeingImported() throws {
    let database = temporaryDatabase()
    let sink = try SQLiteSink(path: database, toolVersion: "test")
    try sink.beginDocument(DocumentReport(location: SourceLocation(path: "a.json")))
    try sink.write(.heartRate(Samples.heartRate(second: 0)))
    try sink.endDocument(DocumentReport(location: SourceLocation(path: "a.json"), status: .converted, records: 1))
    try sink.beginDocument(DocumentReport(location: SourceLocation(path: "b.json")))
    try sink.write(.heartRate(Samples.heartRate(second: 1)))
    sink.abort()
    #expect(try count(database, "heart_rate") == 1)
    #expect(try sqlite3CLI(database, "SELECT source FROM sources") == "a.json\n")
  }

  @Test func aLockedDatabaseFailsWithAClearMessageAfterTheTimeout() throws {
    let database = temporaryDatabase()
    _ = try SQLiteSink(path: database, toolVersion: "test").finish()
    var other: OpaquePointer?
    #expect(sqlite3_open(database, &other) == SQLITE_OK)
    defer { sqlite3_close(other) }
    #expect(sqlite3_exec(other, "BEGIN EXCLUSIVE", nil, nil, nil) == SQLITE_OK)
    let started = Date()
    let error = try #require(
      throws: Diagnostic.self,
      performing: {
        let sink = try SQLiteSink(path: database, toolVersion: "test", busyTimeoutMilliseconds: 300)
        try sink.write(.heartRate(Samples.heartRate(second: 0)))
      })
    #expect(Date().timeIntervalSince(started) >= 0.25)
    #expect(error.code == .outputUnwritable)
    #expect(error.message.contains("locked by another process"))
    sqlite3_exec(other, "ROLLBACK", nil, nil, nil)
  }

  @Test func refusesANewerSchemaAndForeignDatabases() throws {
    let newer = temporaryDatabase()
    _ = try sqlite3CLI(newer, "PRAGMA user_version = \(SQLiteSchema.version + 1); CREATE TABLE metadata (key TEXT)")
    let newerError = try #require(throws: Diagnostic.self) { _ = try SQLiteSink(path: newer, toolVersion: "test") }
    #expect(newerError.message.contains("newer than this wearport"))
    let foreign = temporaryDatabase()
    _ = try sqlite3CLI(foreign, "CREATE TABLE photos (id INTEGER)")
    let foreignError = try #require(throws: Diagnostic.self) { _ = try SQLiteSink(path: foreign, toolVersion: "test") }
    #expect(foreignError.message.contains("did not create"))
    #expect(try sqlite3CLI(foreign, "SELECT name FROM sqlite_schema") == "photos\n")
  }

  @Test func theSchemaIsStrictWithKeysAndIndexes() throws {
    let ddl = SQLiteSchema.ddl()
    // Every contract table is a table, except the two high-volume ones: views over compact stores.
    let views = [Catalog.heartRate.name, Catalog.metricSamples.name]
    for shape in Catalog.allShapes {
      #expect(ddl.contains("CREATE TABLE IF NOT EXISTS \(shape.name) (") == !views.contains(shape.name))
      #expect(ddl.contains("CREATE VIEW \(shape.name) AS") == views.contains(shape.name))
    }
    #expect(ddl.contains("PRIMARY KEY (series_id, time_key)"))
    #expect(ddl.contains("time_key ANY NOT NULL,"))
    #expect(ddl.contains("CREATE INDEX IF NOT EXISTS exercises_by_start_time_utc ON exercises (start_time_utc);"))
    // The contract tables minus the views, plus the two stores.
    #expect(ddl.components(separatedBy: ") STRICT, WITHOUT ROWID;").count - 1 == Catalog.allShapes.count)
    #expect(ddl.components(separatedBy: ") STRICT;").count - 1 == 3)
  }
}

/// Records of every kind, built directly (their readers are written elsewhere).
enum Samples {
  static let provenance = Provenance(provider: .fitbit, format: "test", location: SourceLocation(path: "t.json"))
  static let base: Int64 = 1_621_756_800_000  // 2021-05-23T08:00:00Z

  static func time(_ seconds: Double, offset: Int = 0) -> Timestamp {
    Timestamp(
      instant: Instant(millisecondsSinceEpoch: base + Int64(seconds * 1000)), utcOffsetSeconds: offset,
      offsetSource: .explicit)
  }

  static func heartRate(second: Int) -> HeartRateSample {
    HeartRateSample(
      provider: .fitbit, userID: "228S74", time: time(Double(second)), heartRateBPM: 60 + Double(second),
      provenance: provenance)
  }

  static func sleep() -> SleepSession {
    var sleep = SleepSession(
      provider: .fitbit, providerID: "26589710670", userID: "228S74", date: try! LocalDate.parse("2021-05-23"),
      start: time(-8 * 3600), end: time(-3600), provenance: provenance)
    sleep.asleepSeconds = 25_200
    sleep.modifiedAt = Instant(millisecondsSinceEpoch: base)
    sleep.stages = [
      SleepStage(start: time(-8 * 3600), durationSeconds: 1800, stage: .light, rawStage: "light"),
      SleepStage(start: time(-7.5 * 3600), durationSeconds: 3600, stage: .deep, rawStage: "deep"),
      SleepStage(start: time(-6.5 * 3600), durationSeconds: 60, stage: .wake, rawStage: "wake"),
    ]
    return sleep
  }

  static func allKinds() -> [Record] {
    var day = DailyActivity(
      provider: .fitbit, userID: "228S74", date: try! LocalDate.parse("2021-05-23"),
      provenance: provenance)
    day.steps = 9000
    var body = BodyMeasurement(provider: .fitbit, userID: "228S74", time: time(0), provenance: provenance)
    body.massKilograms = 72.5
    var first = WebhookNotification(provider: .fitbit, event: "activities", signature: .valid, provenance: provenance)
    first.userID = "228S74"
    first.date = try! LocalDate.parse("2021-05-23")
    first.receivedAt = Instant(millisecondsSinceEpoch: base)
    var second = WebhookNotification(provider: .polar, event: "EXERCISE", signature: .unsigned, provenance: provenance)
    second.entityID = "hX7k2Qp"
    var exercise = Exercise(
      provider: .fitbit, providerID: "42", sport: .running, start: time(0), provenance: provenance)
    var samples = SampleSeries()
    samples.setTimeAxis([0, 1000, 2000])
    samples.setColumn(.heartRate, [100, .nan, 102])
    exercise.samples = samples
    exercise.route = [RoutePoint(elapsedMilliseconds: 1000, latitudeDegrees: 1.5, longitudeDegrees: 2.5)]
    exercise.laps = [Lap(start: time(0), durationSeconds: 2)]
    return [
      .heartRate(heartRate(second: 0)), .heartRate(heartRate(second: 1)),
      .metricSample(
        MetricSample(
          provider: .fitbit, userID: "228S74", metric: "steps", time: .instant(time(60)),
          value: 12, unit: "count", provenance: provenance)),
      .metricSample(
        MetricSample(
          provider: .fitbit, userID: "228S74", metric: "steps", time: .instant(time(120.5)),
          value: 14, unit: "count", provenance: provenance)),
      .metricSample(
        MetricSample(
          provider: .fitbit, userID: nil, metric: "hrv_rmssd",
          time: .day(try! LocalDate.parse("2021-05-23")), value: 41.5, unit: "ms", provenance: provenance)),
      .bodyMeasurement(body), .sleepSession(sleep()), .dailyActivity(day), .notification(first),
      .notification(second), .exercise(exercise),
    ]
  }
}
