import WearportCore

/// The SQLite schema, generated from the one table definition in ``Catalog``: `STRICT, WITHOUT ROWID` tables keyed
/// by their natural keys, foreign keys from children to parents, indexes for time-range queries, views of daily
/// summaries, and a `metadata` table. `schemas/wearport.sql` is this text.
///
/// Conventions: key columns are `NOT NULL`, and a missing `user_id` (or any missing text in a key) is stored as `''`
/// so that upserts find the row; `*_utc` columns always carry milliseconds (`2026-02-26T15:42:39.000Z`) so that text
/// order is time order; booleans are 0/1.
///
/// The two high-volume tables, `heart_rate` and `metric_samples`, are views with the same columns over compact
/// integer-keyed storage (``SampleStore``): millions of rows then take a tenth of the space and import several times
/// faster.
public enum SQLiteSchema {
  /// `PRAGMA user_version` of a database with this schema.
  ///
  /// 1: every table stored as its columns. 2: `heart_rate` and `metric_samples` are views over compact stores.
  public static let version: Int32 = 2

  /// The SQL that takes a database from version `current` to ``version``: an empty file (0) gets the whole schema,
  /// an older one the migration steps after it, in order.
  static func migration(from current: Int32) -> [String] {
    if current == 0 { return [tables() + views()] }
    var steps: [String] = []
    if current < 2 { steps.append(SampleStore.migrationFromVersion1 + views()) }
    return steps
  }

  /// The whole schema: tables, indexes, views.
  ///
  /// - Parameter header: a first comment line.
  public static func ddl(header: String? = nil) -> String {
    var text = header.map { "-- \($0)\n" } ?? ""
    text +=
      "-- Apply with: sqlite3 wearport.sqlite < wearport.sql (wearport itself sets PRAGMA user_version = \(version)).\n"
    return text + tables() + views()
  }

  /// `INSERT INTO table (columns) VALUES (…)`, taking an update only where a value differs (so a re-import changes
  /// nothing) and, with a `revision` column, only from a later revision (or over none).
  ///
  /// - Parameters:
  ///   - key: the conflict target.
  ///   - keep: columns an update never changes.
  static func upsert(
    _ table: String, columns: [String], key: [String], revision: String? = nil, keep: Set<String> = []
  ) -> String {
    var text = insert(table, columns: columns) + " ON CONFLICT (\(key.joined(separator: ", "))) DO "
    let updated = columns.filter { !key.contains($0) && !keep.contains($0) }
    if updated.isEmpty { return text + "NOTHING" }
    text += "UPDATE SET " + updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    var conditions: [String] = []
    if let revision {
      conditions.append("(excluded.\(revision) > \(table).\(revision) OR \(table).\(revision) IS NULL)")
    }
    let old = updated.map { "\(table).\($0)" }.joined(separator: ", ")
    let new = updated.map { "excluded.\($0)" }.joined(separator: ", ")
    conditions.append(updated.count == 1 ? "\(old) IS NOT \(new)" : "(\(old)) IS NOT (\(new))")
    return text + " WHERE " + conditions.joined(separator: " AND ")
  }

  /// `INSERT INTO table (columns) VALUES (?, …)` with `rows` rows of parameters; `OR IGNORE` skips a row whose key
  /// is already stored.
  static func insert(_ table: String, columns: [String], rows: Int = 1, orIgnore: Bool = false) -> String {
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    return "INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
      + Array(repeating: row, count: rows).joined(separator: ", ")
  }

  static func sqlType(_ type: ColumnType) -> String {
    switch type {
    case .integer, .boolean: "INTEGER"
    case .real: "REAL"
    case .text, .timestampUTC, .timestampLocal, .date: "TEXT"
    }
  }

  static func tables() -> String {
    var text = """

      CREATE TABLE IF NOT EXISTS metadata (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT
      ) STRICT;

      """
    for table in Catalog.allShapes {
      if let ddl = SampleStore.stores[table.name] {
        if table.name == Catalog.heartRate.name { text += SampleStore.dictionaries }
        text += "\n-- \(table.description): the storage behind the view `\(table.name)`\n" + ddl
        continue
      }
      text += "\n-- \(table.description)\nCREATE TABLE IF NOT EXISTS \(table.name) (\n"
      var lines = table.columns.map { column in
        let notNull = table.primaryKey.contains(column.name) ? " NOT NULL" : ""
        return "  \(column.name) \(sqlType(column.type))\(notNull)"
      }
      lines.append("  PRIMARY KEY (\(table.primaryKey.joined(separator: ", ")))")
      for key in table.foreignKeys {
        lines.append("  FOREIGN KEY (\(key.column)) REFERENCES \(key.table)(\(key.parentColumn)) ON DELETE CASCADE")
      }
      text += lines.joined(separator: ",\n") + "\n) STRICT, WITHOUT ROWID;\n"
      var indexed = Set<[String]>()
      for key in table.foreignKeys where table.primaryKey.first != key.column {
        indexed.insert([key.column])
      }
      for columns in table.indexes { indexed.insert(columns) }
      for columns in indexed.sorted(by: { $0.joined(separator: ",") < $1.joined(separator: ",") }) {
        text +=
          "CREATE INDEX IF NOT EXISTS \(table.name)_by_\(columns.joined(separator: "_")) ON \(table.name) "
          + "(\(columns.joined(separator: ", ")));\n"
      }
    }
    return text
  }

  /// The views: the compact tables with their contract columns, then daily summaries (recreated by every migration).
  static let viewDefinitions: [(name: String, description: String, select: String)] = [
    (Catalog.heartRate.name, Catalog.heartRate.description, SampleStore.heartRateView),
    (Catalog.metricSamples.name, Catalog.metricSamples.description, SampleStore.metricView),
    (
      "daily_heart_rate", "continuous heart rate per local day",
      """
      SELECT s.provider, s.user_id, \(SampleStore.localDate) AS date, count(*) AS readings,
        min(h.heart_rate_bpm) AS min_heart_rate_bpm, avg(h.heart_rate_bpm) AS avg_heart_rate_bpm,
        max(h.heart_rate_bpm) AS max_heart_rate_bpm
      FROM heart_rate_store h JOIN sample_series s ON s.series_id = h.series_id
      GROUP BY h.series_id, \(SampleStore.localDate)
      """
    ),
    (
      "daily_exercise", "exercises per local day of their start",
      """
      SELECT provider, user_id, substr(start_time_local, 1, 10) AS date, count(*) AS exercises,
        sum(duration_s) AS duration_s, sum(distance_m) AS distance_m, sum(calories_kcal) AS calories_kcal
      FROM exercises GROUP BY provider, user_id, substr(start_time_local, 1, 10)
      """
    ),
    (
      "daily_sleep", "sleep per night (the day it ended)",
      """
      SELECT provider, user_id, date, count(*) AS sessions, sum(duration_s) AS in_bed_s, sum(asleep_s) AS asleep_s,
        sum(deep_s) AS deep_s, sum(rem_s) AS rem_s, max(score) AS score
      FROM sleep_sessions GROUP BY provider, user_id, date
      """
    ),
    (
      "daily_summary", "one row per day of daily activity, with that day's exercise, sleep and heart rate",
      """
      SELECT d.provider, d.user_id, d.date, d.steps, d.distance_m, d.calories_kcal, d.active_calories_kcal,
        d.resting_heart_rate_bpm, coalesce(e.exercises, 0) AS exercises, e.duration_s AS exercise_s,
        e.distance_m AS exercise_distance_m, s.asleep_s, h.avg_heart_rate_bpm, h.max_heart_rate_bpm
      FROM daily_activity d
      LEFT JOIN daily_exercise e ON e.provider = d.provider AND e.user_id = d.user_id AND e.date = d.date
      LEFT JOIN daily_sleep s ON s.provider = d.provider AND s.user_id = d.user_id AND s.date = d.date
      LEFT JOIN daily_heart_rate h ON h.provider = d.provider AND h.user_id = d.user_id AND h.date = d.date
      """
    ),
  ]

  static func views() -> String {
    var text = "\n"
    for view in viewDefinitions.reversed() { text += "DROP VIEW IF EXISTS \(view.name);\n" }
    for view in viewDefinitions {
      text += "\n-- \(view.description)\nCREATE VIEW \(view.name) AS\n\(view.select);\n"
    }
    return text
  }
}
