import CSQLite
import WearportCore

#if canImport(Glibc)
  import Glibc
#endif

/// The compact storage behind the `heart_rate` and `metric_samples` views: the two tables that grow by millions of
/// rows (a year of Fitbit heart rate at 5 s is 6.3M rows).
///
/// Each sample is a row of integers keyed by `(series_id, time)`: the provider, user and metric live once in
/// `sample_series`; the time is milliseconds since the epoch plus the offset in seconds; the input location is an
/// `origins` entry (`…/heart_rate-2024-01-14.json#/`) plus the trailing array index (`123`). The views render the
/// contract columns back, text for text as version 1 stored them. A row takes about 25 bytes instead of 180.
///
/// The stores declare no foreign keys to `sample_series` and `origins`: checking two parents per sample took a third
/// of SQLite's time, and only ``SampleStoreWriter`` writes the stores, always after the ids it refers to
/// (`SampleStoreTests` checks that every stored row appears in its view).
enum SampleStore {
  /// The DDL of each store, by the name of the view it backs.
  static let stores: [String: String] = [
    Catalog.heartRate.name: heartRateDDL, Catalog.metricSamples.name: metricDDL,
  ]

  /// The dictionaries the stores refer to.
  static let dictionaries = """

    -- the provider, user and metric of each sample series (heart rate is the metric `heart_rate`)
    CREATE TABLE IF NOT EXISTS sample_series (
      series_id INTEGER PRIMARY KEY,
      provider TEXT NOT NULL,
      user_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      UNIQUE (provider, user_id, metric)
    ) STRICT;

    -- input locations of samples without their trailing array index: `source_file` is `prefix || item`
    CREATE TABLE IF NOT EXISTS origins (
      origin_id INTEGER PRIMARY KEY,
      prefix TEXT NOT NULL UNIQUE
    ) STRICT;

    """

  static let heartRateDDL = """
    CREATE TABLE IF NOT EXISTS heart_rate_store (
      series_id INTEGER NOT NULL,
      time_ms INTEGER NOT NULL,
      utc_offset_s INTEGER NOT NULL,
      offset_source TEXT NOT NULL,
      heart_rate_bpm REAL,
      confidence INTEGER,
      origin_id INTEGER NOT NULL,
      item INTEGER,
      PRIMARY KEY (series_id, time_ms)
    ) STRICT, WITHOUT ROWID;

    """

  /// `time_key` is the UTC instant in milliseconds (an integer) or the local date of a daily value (text); SQLite
  /// orders all integers before all text, so the two never collide.
  static let metricDDL = """
    CREATE TABLE IF NOT EXISTS metric_store (
      series_id INTEGER NOT NULL,
      time_key ANY NOT NULL,
      utc_offset_s INTEGER,
      value REAL,
      unit TEXT,
      origin_id INTEGER NOT NULL,
      item INTEGER,
      PRIMARY KEY (series_id, time_key)
    ) STRICT, WITHOUT ROWID;

    """

  // MARK: rendering in SQL (the same text as TimestampRenderer and SourceLocation.appendSourceDescription)

  /// `yyyy-MM-ddTHH:mm:ss` plus `.SSS` (always, or only when not zero) for an integer count of milliseconds.
  static func dateTime(_ milliseconds: String, alwaysMilliseconds: Bool) -> String {
    let fraction = "((\(milliseconds)) % 1000 + 1000) % 1000"
    let base = "strftime('%Y-%m-%dT%H:%M:%S', ((\(milliseconds)) - \(fraction)) / 1000, 'unixepoch')"
    if alwaysMilliseconds { return "\(base) || printf('.%03d', \(fraction))" }
    return "\(base) || CASE WHEN \(fraction) = 0 THEN '' ELSE printf('.%03d', \(fraction)) END"
  }

  /// `±HH:mm`, or `±HH:mm:ss` for an offset with seconds.
  static func offset(_ seconds: String) -> String {
    "CASE WHEN \(seconds) < 0 THEN '-' ELSE '+' END || printf('%02d:%02d', abs(\(seconds)) / 3600, "
      + "abs(\(seconds)) / 60 % 60) || CASE WHEN abs(\(seconds)) % 60 = 0 THEN '' "
      + "ELSE printf(':%02d', abs(\(seconds)) % 60) END"
  }

  static func utc(_ milliseconds: String) -> String { dateTime(milliseconds, alwaysMilliseconds: true) + " || 'Z'" }

  static func local(_ milliseconds: String, _ offsetSeconds: String) -> String {
    dateTime("\(milliseconds) + \(offsetSeconds) * 1000", alwaysMilliseconds: false) + " || " + offset(offsetSeconds)
  }

  /// The local calendar day of a heart-rate row `h`.
  static let localDate =
    "date((h.time_ms + h.utc_offset_s * 1000 - ((h.time_ms + h.utc_offset_s * 1000) % 1000 + 1000) % 1000) / 1000, "
    + "'unixepoch')"

  static let heartRateView = """
    SELECT s.provider, s.user_id, \(utc("h.time_ms")) AS time_utc,
      \(local("h.time_ms", "h.utc_offset_s")) AS time_local,
      h.utc_offset_s / 60 AS utc_offset_minutes, h.offset_source, h.heart_rate_bpm, h.confidence,
      o.prefix || coalesce(h.item, '') AS source_file
    FROM heart_rate_store h
    JOIN sample_series s ON s.series_id = h.series_id
    JOIN origins o ON o.origin_id = h.origin_id
    """

  static let metricView = """
    SELECT s.provider, s.user_id, s.metric,
      CASE WHEN typeof(m.time_key) = 'integer' THEN \(utc("m.time_key")) ELSE m.time_key END AS time_key,
      CASE WHEN typeof(m.time_key) = 'integer' THEN \(utc("m.time_key")) END AS time_utc,
      CASE WHEN typeof(m.time_key) = 'integer' THEN \(local("m.time_key", "m.utc_offset_s")) END AS time_local,
      CASE WHEN typeof(m.time_key) = 'text' THEN m.time_key END AS date,
      m.value, m.unit, o.prefix || coalesce(m.item, '') AS source_file
    FROM metric_store m
    JOIN sample_series s ON s.series_id = m.series_id
    JOIN origins o ON o.origin_id = m.origin_id
    """

  // MARK: migration from schema version 1

  /// Version 1 stored `heart_rate` and `metric_samples` as tables of text: their rows move into the stores (the
  /// views then show the same text), the tables are dropped, and the caller recreates the views.
  static var migrationFromVersion1: String {
    func prefix(_ column: String) -> String {
      "CASE WHEN \(indexValid(column)) THEN rtrim(\(column), '0123456789') ELSE \(column) END"
    }
    func item(_ column: String) -> String {
      "CASE WHEN \(indexValid(column)) THEN CAST(\(digits(column)) AS INTEGER) END"
    }
    // `yyyy-MM-ddTHH:mm:ss.SSSZ` → milliseconds; the offset is the local wall clock minus the UTC one.
    func milliseconds(_ column: String) -> String {
      "(strftime('%s', substr(\(column), 1, 19)) * 1000 + CAST(substr(\(column), 21, 3) AS INTEGER))"
    }
    func offsetSeconds(utc: String, local: String) -> String {
      "(strftime('%s', substr(\(local), 1, 19)) - strftime('%s', substr(\(utc), 1, 19)))"
    }
    var text = "\n"
    for view in SQLiteSchema.viewDefinitions.reversed() where stores[view.name] == nil {
      text += "DROP VIEW IF EXISTS \(view.name);\n"
    }
    text += dictionaries + heartRateDDL + metricDDL
    text += """
      INSERT OR IGNORE INTO sample_series (provider, user_id, metric)
        SELECT DISTINCT provider, user_id, 'heart_rate' FROM heart_rate;
      INSERT OR IGNORE INTO sample_series (provider, user_id, metric)
        SELECT DISTINCT provider, user_id, metric FROM metric_samples;
      INSERT OR IGNORE INTO origins (prefix)
        SELECT \(prefix("f")) FROM (
          SELECT coalesce(source_file, '') AS f FROM heart_rate
          UNION SELECT coalesce(source_file, '') FROM metric_samples);
      INSERT INTO heart_rate_store
        SELECT s.series_id, \(milliseconds("h.time_utc")), \(offsetSeconds(utc: "h.time_utc", local: "h.time_local")),
          coalesce(h.offset_source, 'unknown'), h.heart_rate_bpm, h.confidence, o.origin_id, \(item("h.f"))
        FROM (SELECT *, coalesce(source_file, '') AS f FROM heart_rate) h
        JOIN sample_series s ON s.provider = h.provider AND s.user_id = h.user_id AND s.metric = 'heart_rate'
        JOIN origins o ON o.prefix = \(prefix("h.f"));
      INSERT INTO metric_store
        SELECT s.series_id,
          CASE WHEN m.time_utc IS NULL THEN m.time_key ELSE \(milliseconds("m.time_utc")) END,
          CASE WHEN m.time_utc IS NOT NULL THEN \(offsetSeconds(utc: "m.time_utc", local: "m.time_local")) END,
          m.value, m.unit, o.origin_id, \(item("m.f"))
        FROM (SELECT *, coalesce(source_file, '') AS f FROM metric_samples) m
        JOIN sample_series s ON s.provider = m.provider AND s.user_id = m.user_id AND s.metric = m.metric
        JOIN origins o ON o.prefix = \(prefix("m.f"));
      DROP TABLE heart_rate;
      DROP TABLE metric_samples;

      """
    return text
  }

  /// The run of digits that ends a text column.
  private static func digits(_ column: String) -> String {
    "substr(\(column), length(rtrim(\(column), '0123456789')) + 1)"
  }

  /// True when the trailing digits are an array index that ``TrailingIndex`` splits off: 1 to 18 digits, no leading
  /// zero.
  private static func indexValid(_ column: String) -> String {
    "(length(\(digits(column))) BETWEEN 1 AND 18 AND (\(digits(column)) = '0' OR substr(\(digits(column)), 1, 1) <> '0'))"
  }
}

/// A rendered input location split into its prefix and the array index that ends it: `a.json#/12` is `a.json#/` and
/// 12. Consecutive samples share the prefix, so it is stored once.
struct TrailingIndex {
  /// The number of bytes before the index (all of them when there is none).
  var prefixCount: Int
  var index: Int64?

  /// The index is 1 to 18 digits without a leading zero, so `prefix + String(index)` is the text again.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var start = bytes.count
    while start > 0, bytes[start - 1] &- UInt8(ascii: "0") < 10 { start -= 1 }
    let digits = bytes.count - start
    guard digits >= 1, digits <= 18, digits == 1 || bytes[start] != UInt8(ascii: "0") else {
      prefixCount = bytes.count
      index = nil
      return
    }
    var value: Int64 = 0
    for position in start..<bytes.count { value = value * 10 + Int64(bytes[position] &- UInt8(ascii: "0")) }
    prefixCount = start
    index = value
  }
}

/// Writes heart-rate and metric samples into the stores: one upsert per sample by `(series_id, time)`, taking the
/// latest import when the row differs, with the series and origin ids looked up once per run of equal values.
///
/// Rows are written in batches of ``batchRows`` per statement (`INSERT … VALUES (…), (…), …`): SQLite's cost per
/// statement run (savepoint, cursor, halt) is larger than that of a compact row. ``flush()`` writes what is pending;
/// the sink calls it before every commit.
///
/// A full batch is first offered as new rows (`INSERT OR IGNORE`), and only when some of them were already stored
/// is it upserted row by row. A multi-row upsert would have to be undone whole if one of its rows failed a `NOT
/// NULL`, so SQLite copies every page it is about to change into a statement journal first (a 16 KiB copy per
/// batch, written to a temporary file once past 64 KiB); a multi-row `INSERT OR IGNORE` cannot fail halfway and
/// needs none. The outcome is the same: a row that is new is inserted, and every other row goes through the same
/// upsert as before (which also reports a row that is invalid, as before).
final class SampleStoreWriter {
  static let batchRows = 256

  private unowned let database: SQLiteDatabase
  private var heartRate: Batch<HeartRateRow>?
  private var metric: Batch<MetricRow>?
  private var findSeries: SQLiteStatement?
  private var addSeries: SQLiteStatement?
  private var findOrigin: SQLiteStatement?
  private var addOrigin: SQLiteStatement?

  private var seriesIDs: [SeriesKey: Int64] = [:]
  /// The series of the last sample. (Constants of an object: comparing a sample with them copies nothing.)
  private var lastSeries: LastSeries?
  /// The origin id of the last sample.
  private var lastOriginID: Int64 = -1
  private var originIDs: [[UInt8]: Int64] = [:]
  /// The last location whose origin was looked up, with its pointer up to the trailing index.
  private var lastLocation: LastLocation?

  private final class LastSeries {
    let key: SeriesKey
    let id: Int64
    init(_ key: SeriesKey, _ id: Int64) {
      self.key = key
      self.id = id
    }
  }

  private final class LastLocation {
    /// A provenance with the file, member and line of the location (the latest one seen, so that the next sample
    /// of the document usually shares its parts and compares without reading them).
    var provenance: Provenance
    let pointerPrefix: [UInt8]
    init(_ provenance: Provenance, pointerPrefix: [UInt8]) {
      self.provenance = provenance
      self.pointerPrefix = pointerPrefix
    }

    /// True when `provenance` has the same file, member and line.
    @inline(__always)
    func sameFile(as provenance: Provenance) -> Bool {
      if provenance.sharesDocumentParts(with: self.provenance) { return true }
      guard
        provenance.path == self.provenance.path, provenance.member == self.provenance.member,
        provenance.line == self.provenance.line
      else { return false }
      self.provenance = provenance
      return true
    }
  }
  private var scratch: [UInt8] = []

  private struct SeriesKey: Hashable {
    var provider: String
    var userID: String
    var metric: String
  }

  init(_ database: SQLiteDatabase) throws {
    self.database = database
    heartRate = try Batch(database, "heart_rate_store")
    metric = try Batch(database, "metric_store")
    findSeries = try database.prepare(
      "SELECT series_id FROM sample_series WHERE provider = ? AND user_id = ? AND metric = ?")
    addSeries = try database.prepare("INSERT INTO sample_series (provider, user_id, metric) VALUES (?, ?, ?)")
    findOrigin = try database.prepare("SELECT origin_id FROM origins WHERE prefix = ?")
    addOrigin = try database.prepare("INSERT INTO origins (prefix) VALUES (?)")
  }

  func write(_ sample: HeartRateSample) throws {
    guard let batch = heartRate else { return }
    let series = try seriesID(provider: sample.provider.rawValue, userID: sample.userID, metric: "heart_rate")
    let origin = try originID(sample.provenance)
    try batch.append(
      HeartRateRow(
        series: series, timeMilliseconds: sample.time.instant.millisecondsSinceEpoch,
        offsetSeconds: Int64(sample.time.utcOffsetSeconds), offsetSource: sample.time.offsetSource,
        heartRateBPM: sample.heartRateBPM, confidence: sample.confidence.map { Int64($0) }, origin: origin.id,
        item: origin.item))
  }

  func write(_ sample: MetricSample) throws {
    guard let batch = metric else { return }
    let series = try seriesID(provider: sample.provider.rawValue, userID: sample.userID, metric: sample.metric)
    let origin = try originID(sample.provenance)
    try batch.append(
      MetricRow(
        series: series, time: sample.time, value: sample.value, unit: sample.unit, origin: origin.id,
        item: origin.item))
  }

  /// Writes the pending rows.
  func flush() throws {
    try heartRate?.flush()
    try metric?.flush()
  }

  private func seriesID(provider: String, userID: String?, metric: String) throws -> Int64 {
    // The series of the last sample (the usual case), compared without building a key.
    if let lastSeries, lastSeries.key.provider == provider, lastSeries.key.userID == userID ?? "",
      lastSeries.key.metric == metric
    {
      return lastSeries.id
    }
    let key = SeriesKey(provider: provider, userID: userID ?? "", metric: metric)
    let id: Int64
    if let known = seriesIDs[key] {
      id = known
    } else {
      id = try lookUp(find: findSeries, add: addSeries) { statement in
        statement.bindText(key.provider, at: 1)
        statement.bindText(key.userID, at: 2)
        statement.bindText(key.metric, at: 3)
      }
      seriesIDs[key] = id
    }
    lastSeries = LastSeries(key, id)
    return id
  }

  /// The origin id of a location's prefix, and the array index that ends it.
  private func originID(_ provenance: Provenance) throws -> (id: Int64, item: Int64?) {
    // The common case, without rendering: the same file, member and line as the last sample, and a pointer that
    // differs from the last one only in its trailing index (`/41` after `/40`).
    if lastOriginID >= 0, var pointer = provenance.jsonPointer, let last = lastLocation, last.sameFile(as: provenance) {
      let index: Int64? = pointer.withUTF8 { bytes in
        let split = TrailingIndex(bytes)
        guard let index = split.index, split.prefixCount == last.pointerPrefix.count else { return nil }
        let same = last.pointerPrefix.withUnsafeBufferPointer { prefix in
          split.prefixCount == 0 || memcmp(bytes.baseAddress!, prefix.baseAddress!, split.prefixCount) == 0
        }
        return same ? index : nil
      }
      if let index { return (lastOriginID, index) }
    }
    let origin = try renderedOriginID(provenance.location)
    // Remember the pointer's part before its index, when the index is what ends the whole rendered text.
    if let pointer = provenance.jsonPointer, !pointer.isEmpty, origin.item != nil {
      var pointer = pointer
      let prefix = pointer.withUTF8 { Array($0.prefix(TrailingIndex($0).prefixCount)) }
      lastLocation = LastLocation(provenance, pointerPrefix: prefix)
    } else {
      lastLocation = nil
    }
    return origin
  }

  /// ``originID(_:)`` from the rendered `source_file` text.
  private func renderedOriginID(_ location: SourceLocation) throws -> (id: Int64, item: Int64?) {
    scratch.removeAll(keepingCapacity: true)
    location.appendSourceDescription(to: &scratch)
    let split = scratch.withUnsafeBufferPointer { TrailingIndex($0) }
    let prefix = Array(scratch[0..<split.prefixCount])
    if let known = originIDs[prefix] {
      lastOriginID = known
    } else {
      lastOriginID = try lookUp(find: findOrigin, add: addOrigin) { statement in
        statement.bindBytesAsText(prefix, at: 1)
      }
      originIDs[prefix] = lastOriginID
    }
    return (lastOriginID, split.index)
  }

  /// The id of a dictionary row, inserted when missing.
  private func lookUp(
    find: SQLiteStatement?, add: SQLiteStatement?, bind: (SQLiteStatement) -> Void
  ) throws -> Int64 {
    guard let find, let add else { return -1 }
    bind(find)
    defer { find.reset() }
    if try find.step() { return find.integer(0) }
    bind(add)
    try add.run()
    return database.lastInsertedRowID
  }

  /// Drops the pending rows (the transaction is being rolled back) and releases the statements before the
  /// connection closes.
  func finalize() {
    heartRate?.finalize()
    metric?.finalize()
    heartRate = nil
    metric = nil
    findSeries = nil
    addSeries = nil
    findOrigin = nil
    addOrigin = nil
  }
}

/// A row of a store: its columns, and how it binds them from a statement parameter on.
private protocol StoreRow {
  static var columns: [String] { get }
  func bind(to statement: SQLiteStatement, from first: Int32)
}

/// A row of `heart_rate_store`: plain values, so a batch of them holds no references.
private struct HeartRateRow: StoreRow {
  static let columns = [
    "series_id", "time_ms", "utc_offset_s", "offset_source", "heart_rate_bpm", "confidence", "origin_id", "item",
  ]
  var series: Int64
  var timeMilliseconds: Int64
  var offsetSeconds: Int64
  var offsetSource: OffsetSource
  var heartRateBPM: Double
  var confidence: Int64?
  var origin: Int64
  var item: Int64?

  @inline(__always)
  func bind(to statement: SQLiteStatement, from first: Int32) {
    statement.bindInteger(series, at: first)
    statement.bindInteger(timeMilliseconds, at: first + 1)
    statement.bindInteger(offsetSeconds, at: first + 2)
    statement.bindStaticText(offsetSource.cText, at: first + 3)
    statement.bindDouble(heartRateBPM, at: first + 4)
    statement.bindInteger(confidence, at: first + 5)
    statement.bindInteger(origin, at: first + 6)
    statement.bindInteger(item, at: first + 7)
  }
}

extension OffsetSource {
  /// The raw value as a NUL-terminated C string made once, for SQLite to read without copying it.
  fileprivate var cText: StaticCText {
    switch self {
    case .explicit: StaticCText.explicit
    case .utc: StaticCText.utc
    case .sourceField: StaticCText.sourceField
    case .timeZone: StaticCText.timeZone
    case .profile: StaticCText.profile
    case .unknown: StaticCText.unknown
    }
  }
}

/// A NUL-terminated C string that lives as long as the process (made once per value, never freed).
struct StaticCText: @unchecked Sendable {
  let pointer: UnsafePointer<CChar>
  let count: Int32

  init(_ text: String) {
    let bytes = Array(text.utf8CString)
    let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
    copy.initialize(from: bytes, count: bytes.count)
    pointer = UnsafePointer(copy)
    count = Int32(bytes.count - 1)
  }

  static let explicit = StaticCText(OffsetSource.explicit.rawValue)
  static let utc = StaticCText(OffsetSource.utc.rawValue)
  static let sourceField = StaticCText(OffsetSource.sourceField.rawValue)
  static let timeZone = StaticCText(OffsetSource.timeZone.rawValue)
  static let profile = StaticCText(OffsetSource.profile.rawValue)
  static let unknown = StaticCText(OffsetSource.unknown.rawValue)
}

/// A row of `metric_store`: the time key is the instant in milliseconds, or the local date as text.
private struct MetricRow: StoreRow {
  static let columns = ["series_id", "time_key", "utc_offset_s", "value", "unit", "origin_id", "item"]
  var series: Int64
  var time: MetricTime
  var value: Double
  var unit: String
  var origin: Int64
  var item: Int64?

  @inline(__always)
  func bind(to statement: SQLiteStatement, from first: Int32) {
    statement.bindInteger(series, at: first)
    switch time {
    case .instant(let time):
      statement.bindInteger(time.instant.millisecondsSinceEpoch, at: first + 1)
      statement.bindInteger(Int64(time.utcOffsetSeconds), at: first + 2)
    case .day(let date):
      statement.bindText(date.description, at: first + 1)
      statement.bindInteger(nil, at: first + 2)
    }
    statement.bindDouble(value, at: first + 3)
    statement.bindText(unit, at: first + 4)
    statement.bindInteger(origin, at: first + 5)
    statement.bindInteger(item, at: first + 6)
  }
}

/// The pending rows of one store, its upsert of one row, and its insert of ``SampleStoreWriter/batchRows`` new rows.
private final class Batch<Row: StoreRow> {
  private var single: SQLiteStatement?
  private var full: SQLiteStatement?
  /// The pending rows, in memory of the batch's own (appending to an array property checked exclusive access on
  /// every row).
  private let rows: UnsafeMutablePointer<Row>
  private var count = 0

  init(_ database: SQLiteDatabase, _ table: String, key: Int = 2) throws {
    let key = Array(Row.columns.prefix(key))
    single = try database.prepare(SQLiteSchema.upsert(table, columns: Row.columns, key: key))
    full = try database.prepare(
      SQLiteSchema.insert(table, columns: Row.columns, rows: SampleStoreWriter.batchRows, orIgnore: true))
    rows = .allocate(capacity: SampleStoreWriter.batchRows)
  }

  deinit {
    rows.deinitialize(count: count)
    rows.deallocate()
  }

  /// Adds a row; runs the batch statement when it is full.
  @inline(__always)
  func append(_ row: consuming Row) throws {
    (rows + count).initialize(to: row)
    count += 1
    if count == SampleStoreWriter.batchRows { try flush() }
  }

  func flush() throws {
    guard count > 0, let single, let full else { return }
    let pending = UnsafeMutableBufferPointer(start: rows, count: count)
    defer {
      rows.deinitialize(count: count)
      count = 0
    }
    if pending.count == SampleStoreWriter.batchRows {
      let width = Int32(Row.columns.count)
      for (index, row) in pending.enumerated() { row.bind(to: full, from: Int32(index) * width + 1) }
      // All new (a first import): done. Otherwise the rows already stored are upserted below, and the new ones
      // just inserted are upserted again, which leaves them as they are.
      if try full.runKeepingBindings() == Int32(pending.count) { return }
    }
    for row in pending {
      row.bind(to: single, from: 1)
      try single.runKeepingBindings()
    }
  }

  func finalize() {
    rows.deinitialize(count: count)
    count = 0
    single = nil
    full = nil
  }
}
