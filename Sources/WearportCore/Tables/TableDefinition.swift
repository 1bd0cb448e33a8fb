/// The type of a column, which decides its CSV text, SQLite type and JSON Schema type.
public enum ColumnType: String, Hashable, Sendable, CaseIterable {
  case text, integer, real, boolean
  /// An instant rendered `2026-02-26T15:42:39Z` (milliseconds only when non-zero).
  case timestampUTC = "timestamp_utc"
  /// A local time with its offset, `2026-02-27T00:42:39+09:00`.
  case timestampLocal = "timestamp_local"
  /// A calendar date, `2026-02-27`.
  case date
}

/// One value of a row.
public enum CellValue: Hashable, Sendable {
  case null
  case text(String)
  case integer(Int64)
  case real(Double)
  case boolean(Bool)
  case timestampUTC(Instant)
  case timestampLocal(Timestamp)
  case date(LocalDate)

  public static func optional(_ value: String?) -> CellValue { value.map(CellValue.text) ?? .null }
  public static func optional(_ value: Double?) -> CellValue {
    guard let value, value.isFinite else { return .null }
    return .real(value)
  }
  public static func optional(_ value: Int64?) -> CellValue { value.map(CellValue.integer) ?? .null }
  public static func optional(_ value: Int?) -> CellValue { value.map { CellValue.integer(Int64($0)) } ?? .null }
  public static func optional(_ value: Bool?) -> CellValue { value.map(CellValue.boolean) ?? .null }
  public static func optional(_ value: Instant?) -> CellValue { value.map(CellValue.timestampUTC) ?? .null }
  public static func optional(_ value: LocalDate?) -> CellValue { value.map(CellValue.date) ?? .null }

  /// The value as text, as CSV and reports show it; nil for null.
  public var text: String? {
    switch self {
    case .null: nil
    case .text(let text): text
    case .integer(let value): String(value)
    case .real(let value): NumberRenderer.render(value)
    case .boolean(let flag): flag ? "true" : "false"
    case .timestampUTC(let instant): TimestampRenderer.utc(instant)
    case .timestampLocal(let timestamp): TimestampRenderer.local(timestamp)
    case .date(let date): date.description
    }
  }
}

/// Shortest text that reads back as the same `Double`; integral values without a fraction (`1600`, not `1600.0`).
public enum NumberRenderer {
  public static func render(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return value.description
  }
}

/// A column: its snake_case name (the contract with users), type, unit and meaning.
public struct Column<Row>: Sendable {
  public let name: String
  public let type: ColumnType
  /// The unit, when the column is a quantity (`m`, `s`, `bpm`, `kcal`, `m/s`, `rpm`, `W`, `°C`, `deg`, `min`).
  public let unit: String?
  public let description: String
  public let value: @Sendable (Row) -> CellValue

  public init(
    _ name: String, _ type: ColumnType, unit: String? = nil, _ description: String,
    _ value: @escaping @Sendable (Row) -> CellValue
  ) {
    self.name = name
    self.type = type
    self.unit = unit
    self.description = description
    self.value = value
  }
}

/// The type-erased shape of a table, for schema generators and sinks.
public struct TableShape: Sendable, Hashable {
  public struct ColumnShape: Sendable, Hashable {
    public let name: String
    public let type: ColumnType
    public let unit: String?
    public let description: String
  }
  public let name: String
  public let description: String
  public let columns: [ColumnShape]
  /// The natural key columns.
  public let primaryKey: [String]
  /// `(column, parent table, parent column)`.
  public let foreignKeys: [ForeignKey]
  /// Extra indexes (column lists) for time-range queries; the primary key is indexed already.
  public let indexes: [[String]]
  public struct ForeignKey: Sendable, Hashable {
    public let column: String
    public let table: String
    public let parentColumn: String
  }
}

/// A table whose rows come from values of type `Row`.
public struct Table<Row>: Sendable {
  public let name: String
  public let description: String
  public let columns: [Column<Row>]
  public let primaryKey: [String]
  public let foreignKeys: [TableShape.ForeignKey]
  public let indexes: [[String]]

  public init(
    _ name: String, _ description: String, primaryKey: [String], foreignKeys: [TableShape.ForeignKey] = [],
    indexes: [[String]] = [], columns: [Column<Row>]
  ) {
    self.name = name
    self.indexes = indexes
    self.description = description
    self.columns = columns
    self.primaryKey = primaryKey
    self.foreignKeys = foreignKeys
  }

  public var shape: TableShape {
    TableShape(
      name: name, description: description,
      columns: columns.map { .init(name: $0.name, type: $0.type, unit: $0.unit, description: $0.description) },
      primaryKey: primaryKey, foreignKeys: foreignKeys, indexes: indexes)
  }

  public func row(_ value: Row) -> [CellValue] { columns.map { $0.value(value) } }
}
