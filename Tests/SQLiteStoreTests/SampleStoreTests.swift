import CSQLite
import Foundation
import Testing
import Wearport
import WearportCore
import WearportTestSupport

@testable import SQLiteStore

/// A cell as SQLite returns it, for comparing a view's rows with the contract's columns.
enum StoredCell: Hashable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  var description: String {
    switch self {
    case .null: "NULL"
    case .integer(let value): "\(value)"
    case .real(let value): "\(value)r"
    case .text(let text): "'\(text)'"
    }
  }

  /// What version 1 stored for a contract cell: UTC timestamps with milliseconds always, NaN as NULL, a missing
  /// key as `''`.
  init(_ value: CellValue, key: Bool) {
    switch value {
    case .null: self = key ? .text("") : .null
    case .integer(let integer): self = .integer(integer)
    case .real(let real): self = real.isNaN ? .null : .real(real)
    case .boolean(let flag): self = .integer(flag ? 1 : 0)
    case .timestampUTC(let instant): self = .text(TimestampRenderer.utcMilliseconds(instant))
    case .text, .timestampLocal, .date, .source: self = .text(value.text ?? "")
    }
  }
}

/// Every row of a query, through the C API (types as SQLite reports them).
func storedRows(_ database: String, _ sql: String) throws -> [[StoredCell]] {
  var connection: OpaquePointer?
  guard sqlite3_open_v2(database, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
    throw Diagnostic.error(.outputUnwritable, "cannot open", at: SourceLocation(path: database))
  }
  defer { sqlite3_close_v2(connection) }
  var statement: OpaquePointer?
  guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
    throw Diagnostic.error(
      .outputUnwritable, String(cString: sqlite3_errmsg(connection)), at: SourceLocation(path: database))
  }
  defer { sqlite3_finalize(statement) }
  var rows: [[StoredCell]] = []
  while sqlite3_step(statement) == SQLITE_ROW {
    rows.append(
      (0..<sqlite3_column_count(statement)).map { column in
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT: .text(String(cString: sqlite3_column_text(statement, column)))
        default: .null
        }
      })
  }
  return rows
}

/// Runs SQL text (several statements) on a database file.
func executeScript(_ database: String, _ sql: String) throws {
  var connection: OpaquePointer?
  #expect(sqlite3_open(database, &connection) == SQLITE_OK)
  defer { sqlite3_close_v2(connection) }
  var message: UnsafeMutablePointer<CChar>?
  let status = sqlite3_exec(connection, sql, nil, nil, &message)
  let reason = message.map { String(cString: $0) } ?? ""
  sqlite3_free(message)
  #expect(status == SQLITE_OK, "\(reason)")
}

@Suite struct SampleStoreTests {
  /// Random samples in every form the renderers know: before 1970, milliseconds, offsets west and east, with
  /// seconds, users or none, locations with members, lines, pointers, indexes with leading zeros or 19 digits.
  static func randomSamples(count: Int, seed: UInt64) -> [Record] {
    var random = SplitMix(seed: seed)
    let offsets = [0, 3600, -18_000, 19_800, 20_730, -34_200, 50_400, -43_200, 765]
    let locations = [
      SourceLocation(path: "export/heart_rate-2024-01-14.json", jsonPointer: "/"),
      SourceLocation(path: "takeout.zip", member: "Takeout/Fitbit/Global Export Data/hr 07.json"),
      SourceLocation(path: "export/heart_rate-2024-01-14.json", jsonPointer: "/"),
      SourceLocation(path: "a.jsonl", line: 12),
      SourceLocation(path: "a.jsonl", member: "b/c.json", jsonPointer: "/x/012", line: 7),
      SourceLocation(path: "digits-2024", jsonPointer: "/1234567890123456789"),
      SourceLocation(path: "ü/ß.json", jsonPointer: "/data/0/value"),
      // All digits: the origin prefix is empty.
      SourceLocation(path: "20240114"),
    ]
    var records: [Record] = []
    for index in 0..<count {
      let milliseconds: Int64 = Int64.random(in: -5_000_000_000_000...4_000_000_000_000, using: &random)
      let rounded: Int64 = index % 3 == 0 ? milliseconds / 1000 * 1000 : milliseconds
      let time = Timestamp(
        instant: Instant(millisecondsSinceEpoch: rounded),
        utcOffsetSeconds: offsets[index % offsets.count],
        offsetSource: OffsetSource.allCases[index % OffsetSource.allCases.count])
      // Runs of five samples share a file, as a reader's samples do; some pointers end in the sample's index.
      var location = locations[index / 5 % locations.count]
      if location.jsonPointer == "/" { location.jsonPointer = "/\(index)" }
      if location.member != nil, location.line == nil { location.jsonPointer = "/a/\(index % 3 == 0 ? 0 : index)" }
      let provider: Provider = index % 2 == 0 ? .fitbit : .polar
      let provenance = Provenance(provider: provider, format: "test", location: location)
      let user: String? = index % 4 == 0 ? nil : "U\(index % 3)"
      if index % 2 == 0 {
        let whole = Double(Int.random(in: 30...220, using: &random))
        let bpm: Double = index % 11 == 0 ? Double.nan : whole + 0.5
        var sample = HeartRateSample(
          provider: provenance.provider, userID: user, time: time, heartRateBPM: bpm, provenance: provenance)
        sample.confidence = index % 5 == 0 ? nil : index % 4
        records.append(.heartRate(sample))
      } else {
        let metricTime: MetricTime
        if index % 7 == 1 {
          metricTime = .day(LocalDate(daysSinceEpoch: milliseconds / 86_400_000))
        } else {
          metricTime = .instant(time)
        }
        let metrics: [String] = ["steps", "hrv_rmssd", "spo2"]
        let units: [String] = ["count", "ms", "%"]
        let sample = MetricSample(
          provider: provenance.provider, userID: user, metric: metrics[index % 3], time: metricTime,
          value: Double(index) / 8, unit: units[index % 3], provenance: provenance)
        records.append(.metricSample(sample))
      }
    }
    return records
  }

  /// The rows version 1 would have stored for these records, keyed by their contract key.
  static func expectedRows<Row>(_ table: Table<Row>, _ rows: [Row]) -> [[StoredCell]: [StoredCell]] {
    var expected: [[StoredCell]: [StoredCell]] = [:]
    for row in rows {
      let cells = table.columns.map { StoredCell($0.value(row), key: table.primaryKey.contains($0.name)) }
      let key = table.columns.indices.filter { table.primaryKey.contains(table.columns[$0].name) }.map { cells[$0] }
      expected[key] = cells  // the latest sample with a key wins, as the upsert does
    }
    return expected
  }

  static func storedByKey<Row>(_ database: String, _ table: Table<Row>) throws -> [[StoredCell]: [StoredCell]] {
    let names = table.columns.map(\.name)
    var stored: [[StoredCell]: [StoredCell]] = [:]
    for cells in try storedRows(database, "SELECT \(names.joined(separator: ", ")) FROM \(table.name)") {
      let key = names.indices.filter { table.primaryKey.contains(names[$0]) }.map { cells[$0] }
      #expect(stored[key] == nil, "duplicate key \(key)")
      stored[key] = cells
    }
    return stored
  }

  @Test(arguments: [1 as UInt64, 2, 3])
  func theViewsShowEveryContractColumnAsVersion1StoredIt(seed: UInt64) throws {
    let records = Self.randomSamples(count: 700, seed: seed)
    let database = temporaryDatabase()
    let sink = try SQLiteSink(path: database, toolVersion: "test")
    for record in records { try sink.write(record) }
    _ = try sink.finish()
    let heartRates = records.compactMap { if case .heartRate(let sample) = $0 { sample } else { nil } }
    let metrics = records.compactMap { if case .metricSample(let sample) = $0 { sample } else { nil } }
    let expectedHeartRate = Self.expectedRows(Catalog.heartRate, heartRates)
    let storedHeartRate = try Self.storedByKey(database, Catalog.heartRate)
    #expect(storedHeartRate.count == expectedHeartRate.count)
    for (key, cells) in expectedHeartRate { #expect(storedHeartRate[key] == cells, "\(key)") }
    // Every stored row has its series and origin (the stores declare no foreign keys).
    #expect(try count(database, "heart_rate_store") == storedHeartRate.count)
    #expect(try count(database, "metric_store") == Self.expectedRows(Catalog.metricSamples, metrics).count)
    let expectedMetrics = Self.expectedRows(Catalog.metricSamples, metrics)
    let storedMetrics = try Self.storedByKey(database, Catalog.metricSamples)
    #expect(storedMetrics.count == expectedMetrics.count)
    for (key, cells) in expectedMetrics { #expect(storedMetrics[key] == cells, "\(key)") }
  }

  @Test func knownValuesReadBackFromTheViews() throws {
    let database = temporaryDatabase()
    let sink = try SQLiteSink(path: database, toolVersion: "test")
    let provenance = Provenance(
      provider: .fitbit, format: "test",
      location: SourceLocation(path: "in.zip", member: "hr/heart_rate-1969-12-31.json", jsonPointer: "/41"))
    var sample = HeartRateSample(
      provider: .fitbit, userID: nil,
      time: Timestamp(
        instant: Instant(millisecondsSinceEpoch: -750), utcOffsetSeconds: -19_800 - 30, offsetSource: .explicit),
      heartRateBPM: 58.5, provenance: provenance)
    sample.confidence = 3
    try sink.write(.heartRate(sample))
    _ = try sink.finish()
    let row: [StoredCell] = [
      .text("fitbit"), .text(""), .text("1969-12-31T23:59:59.250Z"), .text("1969-12-31T18:29:29.250-05:30:30"),
      .integer(-330), .text("explicit"), .real(58.5), .integer(3), .text("in.zip!/hr/heart_rate-1969-12-31.json#/41"),
    ]
    #expect(try storedRows(database, "SELECT * FROM heart_rate") == [row])
    let stored: [StoredCell] = [.integer(1), .integer(-750), .integer(-19_830), .integer(1), .integer(41)]
    #expect(
      try storedRows(database, "SELECT series_id, time_ms, utc_offset_s, origin_id, item FROM heart_rate_store")
        == [stored])
    let origin: StoredCell = .text("in.zip!/hr/heart_rate-1969-12-31.json#/")
    #expect(try storedRows(database, "SELECT prefix FROM origins") == [[origin]])
    let day: [StoredCell] = [.text("1969-12-31"), .integer(1)]
    #expect(try storedRows(database, "SELECT date, readings FROM daily_heart_rate") == [day])
  }

  struct Split: Sendable, CustomTestStringConvertible {
    let text: String
    let prefix: String
    let index: Int64?
    var testDescription: String { text }
  }

  static let splits: [Split] = [
    Split(text: "a.json#/12", prefix: "a.json#/", index: 12), Split(text: "#/0", prefix: "#/", index: 0),
    Split(text: "x#/012", prefix: "x#/012", index: nil), Split(text: "a.json", prefix: "a.json", index: nil),
    Split(text: "123", prefix: "", index: 123),
    Split(text: "p#/123456789012345678", prefix: "p#/", index: 123_456_789_012_345_678),
    Split(text: "p#/1234567890123456789", prefix: "p#/1234567890123456789", index: nil),
    Split(text: "a.csv:17", prefix: "a.csv:", index: 17), Split(text: "", prefix: "", index: nil),
  ]

  @Test(arguments: splits)
  func aLocationSplitsIntoItsPrefixAndTrailingIndex(_ split: Split) {
    let (text, prefix, index) = (split.text, split.prefix, split.index)
    let bytes = Array(text.utf8)
    let found = bytes.withUnsafeBufferPointer { TrailingIndex($0) }
    #expect(String(decoding: bytes[0..<found.prefixCount], as: UTF8.self) == prefix)
    #expect(found.index == index)
  }

  @Test func batchesKeepTheLatestSampleOfAKeyAndAReimportChangesNothing() throws {
    let database = temporaryDatabase()
    // With batches of 256: the first batch is all new; the second holds 128 new samples, then 128 that replace
    // samples of the first batch; the last 85 are written one by one and replace samples of the first batch too.
    #expect(SampleStoreWriter.batchRows == 256)
    func samples(shift: Double) -> [Record] {
      (0..<Self.sampleCount).map { index in
        var sample = Samples.heartRate(second: index % Self.period)
        sample.heartRateBPM = Double(index) + shift
        return .heartRate(sample)
      }
    }
    let sink = try SQLiteSink(path: database, toolVersion: "test")
    for record in samples(shift: 0) { try sink.write(record) }
    _ = try sink.finish()
    #expect(try count(database, "heart_rate") == Self.period)
    // Second 7 was written by samples 7 (first batch) and 391 (second batch).
    let replaced: StoredCell = .real(391)
    #expect(
      try storedRows(database, "SELECT heart_rate_bpm FROM heart_rate WHERE time_utc = '2021-05-23T08:00:07.000Z'")
        == [[replaced]])
    // Second 200 by samples 200 (first batch) and 584 (the remainder, one by one); second 300 only by sample 300.
    let lastOfRemainder: StoredCell = .real(584)
    #expect(
      try storedRows(database, "SELECT heart_rate_bpm FROM heart_rate WHERE time_utc = '2021-05-23T08:03:20.000Z'")
        == [[lastOfRemainder]])
    let onlyOnce: StoredCell = .real(300)
    #expect(
      try storedRows(database, "SELECT heart_rate_bpm FROM heart_rate WHERE time_utc = '2021-05-23T08:05:00.000Z'")
        == [[onlyOnce]])
    let sum: StoredCell = .real(Double(sumOfKept))
    #expect(try storedRows(database, "SELECT sum(heart_rate_bpm) FROM heart_rate") == [[sum]])
    let before = try dump(database)
    let again = try SQLiteSink(path: database, toolVersion: "test")
    for record in samples(shift: 0) { try again.write(record) }
    _ = try again.finish()
    #expect(try dump(database) == before)
    let changed = try SQLiteSink(path: database, toolVersion: "test")
    for record in samples(shift: 1) { try changed.write(record) }
    _ = try changed.finish()
    let newSum: StoredCell = .real(Double(sumOfKept + Self.period))
    #expect(try storedRows(database, "SELECT sum(heart_rate_bpm) FROM heart_rate") == [[newSum]])
    #expect(try count(database, "origins") == 1)
    #expect(try count(database, "sample_series") == 1)
  }

  private static let sampleCount = 597
  /// Seconds repeat after this many samples.
  private static let period = 384
  /// Samples 384–596 replaced 0–212; 213–383 stay.
  private var sumOfKept: Int { (213..<Self.sampleCount).reduce(0) { $0 + $1 } }

  @Test func aVersion1DatabaseMigratesWithTheSameRows() throws {
    let database = temporaryDatabase()
    try executeScript(database, String(contentsOfFile: fixturePath("sqlite/wearport-v1.sql"), encoding: .utf8))
    #expect(try sqlite3CLI(database, "PRAGMA user_version") == "1\n")
    let queries = [
      "SELECT * FROM heart_rate ORDER BY provider, user_id, time_utc",
      "SELECT * FROM metric_samples ORDER BY provider, user_id, metric, time_key",
      "SELECT * FROM daily_heart_rate ORDER BY 1, 2, 3", "SELECT * FROM daily_summary ORDER BY 1, 2, 3",
    ]
    let before = try queries.map { try storedRows(database, $0) }
    #expect(before[0].count == 18)
    #expect(before[1].count == 57)
    let tables = try dump(database)

    _ = try SQLiteSink(path: database, toolVersion: "test").finish()
    #expect(try sqlite3CLI(database, "PRAGMA user_version") == "2\n")
    #expect(try queries.map { try storedRows(database, $0) } == before)
    #expect(try dump(database) == tables)
    #expect(
      try sqlite3CLI(database, "SELECT type FROM sqlite_schema WHERE name IN ('heart_rate', 'metric_samples')")
        == "view\nview\n")
    #expect(try sqlite3CLI(database, "PRAGMA integrity_check") == "ok\n")
    #expect(try sqlite3CLI(database, "PRAGMA foreign_keys = ON; PRAGMA foreign_key_check").isEmpty)
    let migrated: [StoredCell] = [.integer(-750), .integer(-19_800), .null]
    #expect(
      try storedRows(
        database, "SELECT time_ms, utc_offset_s, item FROM heart_rate_store WHERE offset_source = 'explicit'")
        == [migrated])

    // Importing the inputs it was made from again adds nothing and changes no value: the migrated rows are what an
    // import writes. (The fixture's locations are relative to the repository root, these are absolute, so only
    // `source_file` differs.)
    let inputs = [
      "fitbit/export/user-site-export", "polar/flow-export", "polar/accesslink/continuous-hr-range.json",
      "polar/accesslink/activity-day-samples.json", "polar/accesslink/nightly-recharge.json",
      "fitbit/api/intraday-heart-2026-03-14.json", "fitbit/api/intraday-distance-2026-03-14.json", "fitbit/api/metric",
    ]
    var options = ReadOptions()
    options.zone = try ZoneRules(identifier: "Europe/Berlin")
    let sink = try SQLiteSink(path: database, toolVersion: "another version")
    let summary = Conversion.run(inputs: inputs.map { fixturePath($0) }, options: options, sinks: [sink])
    #expect(summary.exitCode == 0)
    let after = try queries.map { try storedRows(database, $0) }
    for table in 0..<2 {
      let withoutSource: [[StoredCell]] = after[table].map { Array($0.dropLast()) }
      let expected: [[StoredCell]] = before[table].map { Array($0.dropLast()) }
      #expect(withoutSource == expected)
    }
    #expect(Array(after[2...]) == Array(before[2...]))
    #expect(try count(database, "origins") > 31)
  }

  /// The independent oracle: pandas reads the same values from the database (views included) as from the CSV files
  /// of the same conversion, one run writing both.
  @Test func pandasReadsTheSameRowsFromSQLiteAsFromCSV() throws {
    let folder = NSTemporaryDirectory() + "wearport-oracle-\(UUID().uuidString)"
    let database = temporaryDatabase()
    var options = ReadOptions()
    options.zone = try ZoneRules(identifier: "Europe/Berlin")
    let inputs = [
      "fitbit/export/user-site-export", "polar/flow-export", "polar/accesslink", "fitbit/api/metric",
      "fitbit/api/intraday-heart-2026-03-14.json",
    ]
    let summary = Conversion.run(
      inputs: inputs.map { fixturePath($0) }, options: options,
      sinks: [try Formats.sink(.csv, path: folder), try Formats.sink(.sqlite, path: database)])
    #expect(summary.exitCode == 0)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", repositoryRoot + "/scripts/oracles/sqlite_pandas_check.py", repositoryRoot + "/schemas/tables.json",
      database, folder,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("heart_rate: 18 rows") && text.contains("metric_samples: 65 rows"), "\(text)")
  }
}
