import CSQLite
import WearportCore

/// A thin wrapper over one SQLite connection (the C API): open, execute, prepared statements, errors as diagnostics.
///
/// Bound values are never put into messages (they may be health data); messages name the database and SQLite's
/// own reason.
final class SQLiteDatabase {
  let path: String
  private(set) var handle: OpaquePointer?

  /// Opens (creating when missing) the database file.
  ///
  /// - Throws: `output.unwritable`.
  init(path: String, busyTimeoutMilliseconds: Int32) throws {
    _ = SQLiteDatabase.configured
    self.path = path
    var connection: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &connection, flags, nil)
    guard status == SQLITE_OK, let connection else {
      let reason = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
      sqlite3_close_v2(connection)
      throw Diagnostic.error(
        .outputUnwritable, "cannot open the database", at: SourceLocation(path: path), cause: reason)
    }
    handle = connection
    sqlite3_extended_result_codes(connection, 1)
    sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
  }

  deinit { close() }

  /// Process-wide settings, made once before the first connection.
  private static let configured: Bool = wearport_sqlite_disable_memstatus() == SQLITE_OK

  func close() {
    guard let handle else { return }
    sqlite3_close_v2(handle)
    self.handle = nil
  }

  /// Runs one or more statements without results.
  func execute(_ sql: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &message)
    if status != SQLITE_OK {
      let reason = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
      sqlite3_free(message)
      throw error(status, reason: reason)
    }
  }

  func prepare(_ sql: String) throws -> SQLiteStatement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard status == SQLITE_OK, let statement else { throw error(status) }
    return SQLiteStatement(statement, database: self)
  }

  /// The first column of the first row of a query, as text (nil for no row or NULL).
  func scalarText(_ sql: String, _ arguments: [CellValue] = []) throws -> String? {
    let statement = try prepare(sql)
    for (index, argument) in arguments.enumerated() { statement.bind(argument, at: Int32(index + 1)) }
    guard try statement.step() else { return nil }
    return statement.text(0)
  }

  func scalarInteger(_ sql: String) throws -> Int64? {
    let statement = try prepare(sql)
    guard try statement.step() else { return nil }
    return statement.isNull(0) ? nil : statement.integer(0)
  }

  /// The rowid (the `INTEGER PRIMARY KEY`) of the last row inserted.
  var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Rows changed by the last INSERT, UPDATE or DELETE (an upsert whose update was skipped changes none).
  var changes: Int32 { sqlite3_changes(handle) }

  var isInTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }

  /// A diagnostic for a failed call; a busy or locked database gets its own plain message.
  func error(_ status: Int32, reason: String? = nil) -> Diagnostic {
    let reason = reason ?? handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
    let primary = status & 0xFF
    if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
      return .error(
        .outputUnwritable, "the database is locked by another process; try again when it has finished",
        at: SourceLocation(path: path), cause: reason)
    }
    return .error(.outputUnwritable, "cannot write the database", at: SourceLocation(path: path), cause: reason)
  }
}

/// A prepared statement, reused row after row.
final class SQLiteStatement {
  private let statement: OpaquePointer
  private unowned let database: SQLiteDatabase

  init(_ statement: OpaquePointer, database: SQLiteDatabase) {
    self.statement = statement
    self.database = database
  }

  private var finalized = false

  deinit { finalize() }

  /// Releases the statement (before its connection closes); later calls do nothing.
  func finalize() {
    guard !finalized else { return }
    finalized = true
    sqlite3_finalize(statement)
  }

  /// Binds a cell at a 1-based position. UTC timestamps are stored with milliseconds always
  /// (`2026-02-26T15:42:39.000Z`) so that text order is time order.
  @inline(__always)
  func bind(_ value: CellValue, at index: Int32, nullAsEmptyText: Bool = false) {
    switch value {
    case .null:
      if nullAsEmptyText { bindText("", at: index) } else { sqlite3_bind_null(statement, index) }
    case .text(let text): bindText(text, at: index)
    case .integer(let integer): sqlite3_bind_int64(statement, index, integer)
    case .real(let real): sqlite3_bind_double(statement, index, real)
    case .boolean(let flag): sqlite3_bind_int64(statement, index, flag ? 1 : 0)
    case .timestampUTC(let instant):
      scratch.removeAll(keepingCapacity: true)
      TimestampRenderer.appendUTC(instant, alwaysMilliseconds: true, to: &scratch)
      bindBytesAsText(scratch, at: index)
    case .timestampLocal, .date, .source:
      scratch.removeAll(keepingCapacity: true)
      value.appendText(to: &scratch)
      bindBytesAsText(scratch, at: index)
    }
  }

  /// Text rendered for a binding, reused from row to row (SQLite copies it).
  private var scratch: [UInt8] = []

  @inline(__always)
  func bindInteger(_ value: Int64, at index: Int32) { sqlite3_bind_int64(statement, index, value) }

  /// Binds an integer, or NULL.
  func bindInteger(_ value: Int64?, at index: Int32) {
    if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
  }

  func bindDouble(_ value: Double, at index: Int32) { sqlite3_bind_double(statement, index, value) }

  /// Binds text that outlives the statement, without SQLite copying it.
  func bindStaticText(_ text: StaticCText, at index: Int32) {
    sqlite3_bind_text(statement, index, text.pointer, text.count, nil)
  }

  /// Binds UTF-8 bytes as text.
  func bindBytesAsText(_ bytes: [UInt8], at index: Int32) {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, !buffer.isEmpty else {
        sqlite3_bind_text(statement, index, "", 0, wearport_sqlite_transient())
        return
      }
      base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        _ = sqlite3_bind_text(statement, index, $0, Int32(buffer.count), wearport_sqlite_transient())
      }
    }
  }

  @inline(__always)
  func bindText(_ text: String, at index: Int32) {
    var text = text
    text.withUTF8 { bytes in
      _ = bytes.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
          sqlite3_bind_text(statement, index, $0, Int32(bytes.count), wearport_sqlite_transient())
        }
      }
      if bytes.baseAddress == nil { sqlite3_bind_text(statement, index, "", 0, wearport_sqlite_transient()) }
    }
  }

  /// Steps once: true when a row is available, false when done.
  ///
  /// - Throws: `output.unwritable` (the statement is reset).
  @discardableResult
  func step() throws -> Bool {
    let status = sqlite3_step(statement)
    if status == SQLITE_ROW { return true }
    if status == SQLITE_DONE { return false }
    let error = database.error(status)
    sqlite3_reset(statement)
    throw error
  }

  /// Runs the statement to completion, then resets it and clears its bindings for the next row.
  func run() throws {
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    while try step() {}
  }

  /// Runs the statement to completion and resets it, keeping its bindings (the caller binds every parameter anew).
  /// Returns the rows it changed (``SQLiteDatabase/changes``).
  @discardableResult
  func runKeepingBindings() throws -> Int32 {
    defer { sqlite3_reset(statement) }
    while try step() {}
    return database.changes
  }

  func reset() {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
  }

  func text(_ column: Int32) -> String? {
    guard let pointer = sqlite3_column_text(statement, column) else { return nil }
    return String(cString: pointer)
  }
  func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
}
