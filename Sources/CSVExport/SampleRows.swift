import WearportCore

/// The rows of a CSV file as they are built: the bytes not yet written, which timestamp columns have held whole
/// seconds or milliseconds, and what the two bulk tables keep from row to row.
///
/// It lives in one stored property of ``CSVFile`` and a row is built by one mutating call on it: a row costs one
/// exclusive access to the file object, not one per byte or cell.
struct CSVRows {
  var buffer: [UInt8] = []
  /// Per column: a time with milliseconds was written / a whole-second time was written.
  var sawFraction: [Bool]
  var sawWhole: [Bool]
  var count = 0
  /// `heart_rate` and `metric_samples` rows (``appendHeartRate(_:)``, ``appendMetric(_:)``).
  private var utcText = TimestampTextCache()
  private var localText = TimestampTextCache()
  private var keyText = TimestampTextCache()
  private var source = SourceText()

  init(columns: Int) {
    sawFraction = Array(repeating: false, count: columns)
    sawWhole = sawFraction
  }

  @inline(__always)
  mutating func note(_ milliseconds: Int64, column: Int) {
    if milliseconds % 1000 == 0 {
      if !sawWhole[column] { sawWhole[column] = true }
    } else if !sawFraction[column] {
      sawFraction[column] = true
    }
  }

  /// One row of `table`, its cells in column order.
  mutating func append<Row>(_ row: Row, _ columns: UnsafeBufferPointer<Column<Row>>) {
    for index in columns.indices {
      if index > 0 { buffer.append(UInt8(ascii: ",")) }
      let cell = columns[index].value(row)
      switch cell {
      case .null: break
      case .text(let text): CSVText.appendField(text, to: &buffer)
      case .source:
        let start = buffer.count
        cell.appendText(to: &buffer)
        CSVText.quoteField(in: &buffer, from: start)
      case .timestampUTC(let instant):
        note(instant.millisecondsSinceEpoch, column: index)
        cell.appendText(to: &buffer)
      case .timestampLocal(let timestamp):
        note(timestamp.instant.millisecondsSinceEpoch, column: index)
        cell.appendText(to: &buffer)
      default:
        // Numbers, booleans and dates never need quoting.
        cell.appendText(to: &buffer)
      }
    }
    buffer.append(0x0A)
    count += 1
  }

  // MARK: the bulk tables

  /// The columns ``appendHeartRate(_:)`` writes, in order: a `heart_rate` table of other columns is written cell by
  /// cell from the catalog instead.
  static let heartRateColumns: [(String, ColumnType)] = [
    ("provider", .text), ("user_id", .text), ("time_utc", .timestampUTC), ("time_local", .timestampLocal),
    ("utc_offset_minutes", .integer), ("offset_source", .text), ("heart_rate_bpm", .real), ("confidence", .integer),
    ("source_file", .text),
  ]

  /// The columns ``appendMetric(_:)`` writes, in order.
  static let metricColumns: [(String, ColumnType)] = [
    ("provider", .text), ("user_id", .text), ("metric", .text), ("time_key", .text), ("time_utc", .timestampUTC),
    ("time_local", .timestampLocal), ("date", .date), ("value", .real), ("unit", .text), ("source_file", .text),
  ]

  /// True when `shape` has exactly `columns`.
  static func hasColumns(_ shape: TableShape, _ columns: [(String, ColumnType)]) -> Bool {
    shape.columns.count == columns.count
      && zip(shape.columns, columns).allSatisfy { $0.name == $1.0 && $0.type == $1.1 }
  }

  /// The row ``Catalog/heartRate`` gives for `sample`, written from the record without a ``CellValue`` per cell.
  mutating func appendHeartRate(_ sample: HeartRateSample) {
    CSVText.appendField(sample.provider.rawValue, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    if let user = sample.userID { CSVText.appendField(user, to: &buffer) }
    buffer.append(UInt8(ascii: ","))
    appendTimeColumns(sample.time, first: 2)
    buffer.append(UInt8(ascii: ","))
    NumberRenderer.append(Int64(sample.time.utcOffsetSeconds / 60), to: &buffer)
    buffer.append(UInt8(ascii: ","))
    CSVText.appendField(sample.time.offsetSource.rawValue, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    NumberRenderer.append(sample.heartRateBPM, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    if let confidence = sample.confidence { NumberRenderer.append(Int64(confidence), to: &buffer) }
    buffer.append(UInt8(ascii: ","))
    source.append(sample.provenance, to: &buffer)
    buffer.append(0x0A)
    count += 1
  }

  /// The row ``Catalog/metricSamples`` gives for `sample`.
  mutating func appendMetric(_ sample: MetricSample) {
    CSVText.appendField(sample.provider.rawValue, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    if let user = sample.userID { CSVText.appendField(user, to: &buffer) }
    buffer.append(UInt8(ascii: ","))
    CSVText.appendField(sample.metric, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    switch sample.time {
    case .instant(let time):
      // A rendered time never holds a byte that needs quotes.
      keyText.appendUTC(time.instant, alwaysMilliseconds: true, to: &buffer)
      buffer.append(UInt8(ascii: ","))
      appendTimeColumns(time, first: 4)
      buffer.append(UInt8(ascii: ","))
    case .day(let date):
      var text = date.description
      text.withUTF8 { buffer.append(contentsOf: $0) }
      buffer.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: ","), UInt8(ascii: ",")])
      text.withUTF8 { buffer.append(contentsOf: $0) }
    }
    buffer.append(UInt8(ascii: ","))
    NumberRenderer.append(sample.value, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    CSVText.appendField(sample.unit, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    source.append(sample.provenance, to: &buffer)
    buffer.append(0x0A)
    count += 1
  }

  /// `time_utc,time_local` of `time`, columns `first` and `first + 1`.
  @inline(__always)
  private mutating func appendTimeColumns(_ time: Timestamp, first: Int) {
    note(time.instant.millisecondsSinceEpoch, column: first)
    utcText.appendUTC(time.instant, to: &buffer)
    buffer.append(UInt8(ascii: ","))
    note(time.instant.millisecondsSinceEpoch, column: first + 1)
    localText.appendLocal(time, to: &buffer)
  }
}

/// The `source_file` cell (``SourceLocation/appendSourceDescription(to:)``, quoted as RFC 4180 asks) with the
/// `path!/member` part kept from the previous row: the rows of one document differ only in their pointer or line.
struct SourceText {
  private var path = ""
  private var member: String?
  private var known = false
  /// `path!/member`, and whether it holds a byte that needs quotes.
  private var prefix: [UInt8] = []
  private var prefixNeedsQuotes = false

  @inline(__always)
  private static func needsQuotes(_ byte: UInt8) -> Bool {
    byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
  }

  mutating func append(_ provenance: Provenance, to buffer: inout [UInt8]) {
    if !known || provenance.path != path || provenance.member != member {
      known = true
      path = provenance.path
      member = provenance.member
      prefix = []
      SourceLocation(path: path, member: member).appendSourceDescription(to: &prefix)
      prefixNeedsQuotes = prefix.contains(where: SourceText.needsQuotes)
    }
    var pointerNeedsQuotes = false
    if let pointer = provenance.jsonPointer {
      for byte in pointer.utf8 where SourceText.needsQuotes(byte) {
        pointerNeedsQuotes = true
        break
      }
    }
    if prefixNeedsQuotes || pointerNeedsQuotes {
      let start = buffer.count
      provenance.location.appendSourceDescription(to: &buffer)
      CSVText.quoteField(in: &buffer, from: start)
      return
    }
    // No quotes: the prefix, then `:line` and `#pointer` as appendSourceDescription writes them.
    buffer.append(contentsOf: prefix)
    if let line = provenance.line {
      buffer.append(UInt8(ascii: ":"))
      NumberRenderer.append(Int64(line), to: &buffer)
    }
    if var pointer = provenance.jsonPointer, !pointer.isEmpty {
      buffer.append(UInt8(ascii: "#"))
      pointer.withUTF8 { buffer.append(contentsOf: $0) }
    }
  }
}
