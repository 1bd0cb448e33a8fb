import SQLiteStore
import WearportCore

/// Generates the published schemas from the one table definition in ``Catalog``.
public enum SchemaGenerator {
  /// Every schema file, by path relative to the schema folder, in a fixed order.
  public static func files() -> [(String, String)] {
    var files: [(String, String)] = [("wearport.sql", sqlDDL()), ("tables.json", dataPackage())]
    for kind in RecordKind.allCases {
      files.append(("jsonl/\(kind.rawValue).schema.json", jsonSchema(kind)))
    }
    return files
  }

  /// A human-readable list of tables and columns.
  public static func listing() -> String {
    var text = ""
    for table in Catalog.allShapes {
      text += "\(table.name): \(table.description)\n"
      for column in table.columns {
        let unit = column.unit.map { " [\($0)]" } ?? ""
        text += "  \(column.name)  \(column.type.rawValue)\(unit)  \(column.description)\n"
      }
      text += "\n"
    }
    return text
  }

  // MARK: SQLite

  /// The SQLite DDL, as ``SQLiteSchema`` creates it.
  public static func sqlDDL() -> String {
    SQLiteSchema.ddl(
      header: "wearport \(WearportVersion.current): SQLite schema, generated from the table definitions.")
  }

  // MARK: Frictionless Data package (CSV dictionary)

  static func frictionlessType(_ type: ColumnType) -> (String, String?) {
    switch type {
    case .text: ("string", nil)
    case .integer: ("integer", nil)
    case .real: ("number", nil)
    case .boolean: ("boolean", nil)
    case .timestampUTC, .timestampLocal: ("datetime", nil)
    case .date: ("date", nil)
    }
  }

  public static func dataPackage() -> String {
    var writer = JSONTextWriter(capacity: 16_384)
    writer.beginObject()
    writer.field("profile", "tabular-data-package")
    writer.field("name", "wearport")
    writer.field("version", WearportVersion.current)
    writer.key("resources")
    writer.beginArray()
    for table in Catalog.allShapes {
      writer.beginObject()
      writer.field("name", table.name)
      writer.field("path", "\(table.name).csv")
      writer.field("profile", "tabular-data-resource")
      writer.field("description", table.description)
      writer.key("dialect")
      writer.beginObject()
      writer.field("delimiter", ",")
      writer.field("lineTerminator", "\n")
      writer.field("header", true)
      writer.endObject()
      writer.key("schema")
      writer.beginObject()
      writer.key("fields")
      writer.beginArray()
      for column in table.columns {
        writer.beginObject()
        writer.field("name", column.name)
        writer.field("type", frictionlessType(column.type).0)
        writer.field("description", column.description)
        if let unit = column.unit {
          writer.field("unit", unit)
        }
        writer.endObject()
      }
      writer.endArray()
      writer.key("primaryKey")
      writer.beginArray()
      for key in table.primaryKey { writer.string(key) }
      writer.endArray()
      if !table.foreignKeys.isEmpty {
        writer.key("foreignKeys")
        writer.beginArray()
        for key in table.foreignKeys {
          writer.beginObject()
          writer.field("fields", key.column)
          writer.key("reference")
          writer.beginObject()
          writer.field("resource", key.table)
          writer.field("fields", key.parentColumn)
          writer.endObject()
          writer.endObject()
        }
        writer.endArray()
      }
      writer.key("missingValues")
      writer.beginArray()
      writer.string("")
      writer.endArray()
      writer.endObject()
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return String(decoding: writer.bytes, as: UTF8.self) + "\n"
  }

  // MARK: JSON Schema for JSONL

  static func jsonSchemaType(_ type: ColumnType, into writer: inout JSONTextWriter) {
    switch type {
    case .text: writer.string("string")
    case .integer: writer.string("integer")
    case .real: writer.string("number")
    case .boolean: writer.string("boolean")
    case .timestampUTC, .timestampLocal, .date: writer.string("string")
    }
  }

  static func properties(_ table: TableShape, skipping: String? = nil, into writer: inout JSONTextWriter) {
    for column in table.columns where column.name != skipping {
      writer.key(column.name)
      writer.beginObject()
      writer.key("type")
      writer.beginArray()
      jsonSchemaType(column.type, into: &writer)
      writer.string("null")
      writer.endArray()
      switch column.type {
      case .timestampUTC, .timestampLocal:
        writer.field("format", "date-time")
      case .date:
        writer.field("format", "date")
      default: break
      }
      writer.field("description", column.description + (column.unit.map { " [\($0)]" } ?? ""))
      writer.endObject()
    }
  }

  static func childArray(_ name: String, _ table: TableShape, skipping: String, into writer: inout JSONTextWriter) {
    writer.key(name)
    writer.beginObject()
    writer.field("type", "array")
    writer.key("items")
    writer.beginObject()
    writer.field("type", "object")
    writer.key("properties")
    writer.beginObject()
    properties(table, skipping: skipping, into: &writer)
    writer.endObject()
    writer.endObject()
    writer.endObject()
  }

  public static func jsonSchema(_ kind: RecordKind) -> String {
    let table: TableShape
    switch kind {
    case .exercise: table = Catalog.exercises.shape
    case .dailyActivity: table = Catalog.dailyActivity.shape
    case .sleepSession: table = Catalog.sleepSessions.shape
    case .heartRate: table = Catalog.heartRate.shape
    case .metricSample: table = Catalog.metricSamples.shape
    case .bodyMeasurement: table = Catalog.bodyMeasurements.shape
    case .notification: table = Catalog.notifications.shape
    }
    var writer = JSONTextWriter(capacity: 8192)
    writer.beginObject()
    writer.field("$schema", "https://json-schema.org/draft/2020-12/schema")
    writer.field("$id", "https://wearport.invalid/schemas/jsonl/\(kind.rawValue).schema.json")
    writer.field("title", "wearport JSONL \(kind.rawValue) line")
    writer.field("type", "object")
    writer.key("properties")
    writer.beginObject()
    writer.key("kind")
    writer.beginObject()
    writer.field("const", kind.rawValue)
    writer.endObject()
    properties(table, into: &writer)
    switch kind {
    case .exercise:
      childArray("samples", Catalog.exerciseSamples.shape, skipping: "exercise_id", into: &writer)
      childArray("laps", Catalog.laps.shape, skipping: "exercise_id", into: &writer)
      childArray("route", Catalog.route.shape, skipping: "exercise_id", into: &writer)
      childArray("heart_rate_zones", Catalog.heartRateZones.shape, skipping: "exercise_id", into: &writer)
      writer.key("rr_intervals_ms")
      writer.beginObject()
      writer.field("type", "array")
      writer.key("items")
      writer.beginObject()
      writer.key("type")
      writer.beginArray()
      writer.string("number")
      writer.string("null")
      writer.endArray()
      writer.endObject()
      writer.endObject()
    case .sleepSession:
      childArray("stages", Catalog.sleepStages.shape, skipping: "sleep_id", into: &writer)
    default: break
    }
    writer.endObject()
    writer.key("required")
    writer.beginArray()
    writer.string("kind")
    for column in table.columns { writer.string(column.name) }
    writer.endArray()
    writer.endObject()
    return String(decoding: writer.bytes, as: UTF8.self) + "\n"
  }
}
