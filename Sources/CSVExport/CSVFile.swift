import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One CSV file being written: RFC 4180, UTF-8 without BOM, `\n` line ends, a header row, empty cells for missing
/// values. Rows stream to a temporary file beside the destination, renamed into place by ``commit()``.
///
/// Timestamps show milliseconds only when they are not zero — per column and file: when one column holds both
/// whole-second and sub-second times, ``commit()`` rewrites that column with milliseconds on every row (one
/// streaming pass), because pandas' `parse_dates` gives up on a column that mixes the two forms.
final class CSVFile {
  let path: String
  let temporaryPath: String
  private var descriptor: Int32
  /// The rows not yet written and what the columns held (``CSVRows``).
  private var pending: CSVRows
  private let types: [ColumnType]
  private var finished = false
  var rows: Int { pending.count }
  /// Rows of this file may be written by ``appendHeartRate(_:)`` / ``appendMetric(_:)``: it has the columns they
  /// write.
  let takesHeartRateRows: Bool
  let takesMetricRows: Bool
  private static let bufferSize = 1 << 20

  /// - Throws: `output.unwritable`.
  init(path: String, shape: TableShape) throws {
    self.path = path
    temporaryPath = CSVFile.temporaryName(for: path, suffix: "")
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CSVFile.failure("cannot create the output file", path) }
    types = shape.columns.map(\.type)
    takesHeartRateRows =
      shape.name == Catalog.heartRate.name && CSVRows.hasColumns(shape, CSVRows.heartRateColumns)
    takesMetricRows =
      shape.name == Catalog.metricSamples.name && CSVRows.hasColumns(shape, CSVRows.metricColumns)
    pending = CSVRows(columns: types.count)
    pending.buffer.reserveCapacity(CSVFile.bufferSize + 4096)
    for (index, column) in shape.columns.enumerated() {
      if index > 0 { pending.buffer.append(UInt8(ascii: ",")) }
      CSVFile.appendField(column.name, to: &pending.buffer)
    }
    pending.buffer.append(0x0A)
  }

  deinit { abort() }

  static func temporaryName(for path: String, suffix: String) -> String {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return directory + ".\(base).wearport-tmp\(suffix)-\(getpid())"
  }

  static func failure(_ message: String, _ path: String) -> Diagnostic {
    .error(.outputUnwritable, message, at: SourceLocation(path: path), cause: String(cString: strerror(errno)))
  }

  /// Appends one row; `cells` come in column order.
  func append<Row>(_ row: Row, of table: Table<Row>) throws {
    table.columns.withUnsafeBufferPointer { columns in pending.append(row, columns) }
    if pending.buffer.count >= CSVFile.bufferSize { try flush() }
  }

  /// Appends the row of ``Catalog/heartRate`` for `sample`; only when ``takesHeartRateRows``.
  func appendHeartRate(_ sample: HeartRateSample) throws {
    pending.appendHeartRate(sample)
    if pending.buffer.count >= CSVFile.bufferSize { try flush() }
  }

  /// Appends the row of ``Catalog/metricSamples`` for `sample`; only when ``takesMetricRows``.
  func appendMetric(_ sample: MetricSample) throws {
    pending.appendMetric(sample)
    if pending.buffer.count >= CSVFile.bufferSize { try flush() }
  }

  /// A field, quoted when it holds a comma, a quote, CR or LF (quotes doubled), as RFC 4180 says.
  static func appendField(_ text: String, to buffer: inout [UInt8]) { CSVText.appendField(text, to: &buffer) }

  private func flush() throws {
    try CSVFile.write(pending.buffer, to: descriptor, path: path)
    pending.buffer.removeAll(keepingCapacity: true)
  }

  static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw failure("cannot write the output file", path)
      }
      offset += written
    }
  }

  /// Flushes, fixes mixed timestamp columns, syncs and renames the file into place.
  ///
  /// - Throws: `output.unwritable` (the temporary files are removed).
  func commit() throws {
    try prepare()
    try publish()
  }

  /// The complete temporary file, synced and closed, waiting for ``publish()``; nil until ``prepare()``.
  private var prepared: String?

  /// Everything that can fail for want of space: flushes, fixes mixed timestamp columns, syncs and closes the
  /// temporary file. A sink prepares all its files before it renames any, so a full disk leaves none in place.
  ///
  /// - Throws: `output.unwritable` (the temporary files are removed).
  func prepare() throws {
    do {
      try flush()
      let mixed = types.indices.filter { pending.sawFraction[$0] && pending.sawWhole[$0] }
      var source = temporaryPath
      if !mixed.isEmpty {
        let rewritten = CSVFile.temporaryName(for: path, suffix: "2")
        try CSVRewriter.addMilliseconds(from: temporaryPath, to: rewritten, columns: Set(mixed), path: path)
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
        source = rewritten
        descriptor = open(rewritten, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
          unlink(rewritten)
          throw CSVFile.failure("cannot reopen the output file", path)
        }
      }
      if fsync(descriptor) != 0 || close(descriptor) != 0 {
        descriptor = -1
        unlink(source)
        throw CSVFile.failure("cannot finish the output file", path)
      }
      descriptor = -1
      prepared = source
    } catch {
      abort()
      throw error
    }
  }

  /// Renames the prepared file into place.
  ///
  /// - Throws: `output.unwritable` (the temporary file is removed).
  func publish() throws {
    guard let source = prepared else { return }
    if rename(source, path) != 0 {
      let failure = CSVFile.failure("cannot finish the output file", path)
      abort()
      throw failure
    }
    prepared = nil
    finished = true
  }

  /// Removes the temporary files.
  func abort() {
    guard !finished else { return }
    finished = true
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    unlink(temporaryPath)
    unlink(CSVFile.temporaryName(for: path, suffix: "2"))
  }
}

/// Rewrites a CSV file written by ``CSVFile`` in one streaming pass, adding `.000` to the whole-second times of some
/// columns so that every time of such a column has milliseconds.
enum CSVRewriter {
  static func addMilliseconds(from source: String, to destination: String, columns: Set<Int>, path: String) throws {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw CSVFile.failure("cannot reread the output file", path) }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard output >= 0 else { throw CSVFile.failure("cannot create the output file", path) }
    defer { close(output) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var out: [UInt8] = []
    out.reserveCapacity((1 << 20) + 4096)
    var field: [UInt8] = []
    var column = 0
    var row = 0
    var inQuotes = false

    func endField() {
      if row > 0, columns.contains(column), !field.isEmpty, field[0] != 0x22 {
        // `yyyy-MM-ddTHH:mm:ss` then `Z` or an offset: insert `.000` after the seconds.
        if let t = field.firstIndex(of: UInt8(ascii: "T")), t + 9 <= field.count,
          t + 9 == field.count || field[t + 9] != UInt8(ascii: ".")
        {
          field.insert(contentsOf: Array(".000".utf8), at: t + 9)
        }
      }
      out.append(contentsOf: field)
      field.removeAll(keepingCapacity: true)
    }

    while true {
      let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw CSVFile.failure("cannot reread the output file", path)
      }
      if count == 0 { break }
      for index in 0..<count {
        let byte = chunk[index]
        if byte == 0x22 { inQuotes.toggle() }
        if !inQuotes && (byte == 0x2C || byte == 0x0A) {
          endField()
          out.append(byte)
          if byte == 0x0A {
            row += 1
            column = 0
          } else {
            column += 1
          }
        } else {
          field.append(byte)
        }
      }
      if out.count >= 1 << 20 {
        try CSVFile.write(out, to: output, path: path)
        out.removeAll(keepingCapacity: true)
      }
    }
    endField()
    try CSVFile.write(out, to: output, path: path)
  }
}
