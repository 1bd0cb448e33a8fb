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
  /// A record's input location, shown as ``Provenance/sourceDescription`` (rendered by the writer, without a
  /// `String` per row).
  case source(SourceLocation)

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

  /// Appends ``text`` to `output` without building a `String` (numbers, times and dates are written as bytes);
  /// false for null, which appends nothing. Text is appended as it is: quoting is the caller's.
  @discardableResult
  public func appendText(to output: inout [UInt8]) -> Bool {
    switch self {
    case .null: return false
    case .text(var text): text.withUTF8 { output.append(contentsOf: $0) }
    case .integer(let value): NumberRenderer.append(value, to: &output)
    case .real(let value): NumberRenderer.append(value, to: &output)
    case .boolean(let flag): output.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
    case .timestampUTC(let instant): TimestampRenderer.appendUTC(instant, to: &output)
    case .timestampLocal(let timestamp): TimestampRenderer.appendLocal(timestamp, to: &output)
    case .date(let date):
      var text = date.description
      text.withUTF8 { output.append(contentsOf: $0) }
    case .source(let location): location.appendSourceDescription(to: &output)
    }
    return true
  }

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
    case .source:
      {
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
      }()
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

  /// Appends ``render(_:)`` of `value` to `output`.
  public static func append(_ value: Double, to output: inout [UInt8]) {
    if value == value.rounded(), abs(value) < 1e15 {
      append(Int64(value), to: &output)
      return
    }
    var text = value.description
    text.withUTF8 { output.append(contentsOf: $0) }
  }

  /// Appends the decimal digits of `value` (with a `-` when negative) to `output`.
  public static func append(_ value: Int64, to output: inout [UInt8]) {
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      if value < 0 { output.append(UInt8(ascii: "-")) }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
    }
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
