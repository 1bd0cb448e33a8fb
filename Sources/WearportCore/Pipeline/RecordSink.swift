/// Receives checked records and writes them somewhere.
///
/// A sink writes to a temporary name and makes its outputs appear only in ``finish()``; ``abort()`` removes
/// whatever it started. It never knows which reader produced a record.
///
/// Around the records of each input document the pipeline calls ``beginDocument(_:)`` and ``endDocument(_:)``
/// (default: nothing), so that a sink can keep one transaction per document and list its inputs (the `sources`
/// table). Records assembled across documents arrive after the last document, outside any begin/end pair.
public protocol RecordSink: AnyObject {
  /// Writes one record.
  ///
  /// - Throws: `output.unwritable` when the output cannot be written.
  func write(_ record: Record) throws
  /// ``write(_:)`` of a record the caller no longer needs: the sink may keep its parts instead of copying them
  /// (default: ``write(_:)``). The writing thread of a ``BackgroundSink`` hands records over this way.
  func take(_ record: consuming Record) throws
  /// Makes the outputs appear; returns their paths.
  func finish() throws -> [String]
  /// Removes partial outputs.
  func abort()

  /// The pipeline computes each document's SHA-256 only when a sink asks for it (default: false).
  var wantsDocumentDigests: Bool { get }
  /// The sink replaces a record already written when it receives a newer revision with the same natural key
  /// (default: false). The pipeline then passes on, within one run, a later record whose ``Record/modifiedAt`` is
  /// newer than the one written first; other sinks keep the first.
  var replacesByKey: Bool { get }
  /// Whether this sink already holds everything the document would give, read the same way: same
  /// ``DocumentReport/source``, ``DocumentReport/sha256`` and ``DocumentReport/readWith`` (default: false). When
  /// every sink says so, the pipeline does not read the document again: it reports it as skipped
  /// (`input.unchanged`) and passes it to ``endDocument(_:)`` with ``DocumentReport/unchanged`` set.
  func isAlreadyImported(_ document: DocumentReport) -> Bool
  /// A document is about to be read (its `status` is nil, `records` 0).
  func beginDocument(_ document: DocumentReport) throws
  /// A document has been read, recognised or not: its format, status, record and diagnostic counts.
  func endDocument(_ document: DocumentReport) throws
  /// The sink may be driven from a thread other than the one that created it (one thread at a time, in call order)
  /// and has no notes (``takeNotes()``), so the pipeline may run it in a ``BackgroundSink`` (default: false).
  var canWriteInBackground: Bool { get }
  /// Notes and warnings about the record just written (e.g. "not written as GPX: it has no GPS"), which the pipeline
  /// reports at the record's source after each ``write(_:)`` (default: none). Returning them empties the list.
  func takeNotes() -> [Diagnostic]
}

extension RecordSink {
  public var wantsDocumentDigests: Bool { false }
  public var replacesByKey: Bool { false }
  public var canWriteInBackground: Bool { false }
  public func take(_ record: consuming Record) throws { try write(record) }
  public func isAlreadyImported(_ document: DocumentReport) -> Bool { false }
  public func beginDocument(_ document: DocumentReport) throws {}
  public func endDocument(_ document: DocumentReport) throws {}
  public func takeNotes() -> [Diagnostic] { [] }
}

/// One input document as the sinks see it: where it is, what it was, its fingerprint and what came of it.
public struct DocumentReport: Hashable, Sendable {
  public var location: SourceLocation
  /// The reader that read it; nil when no reader recognised it.
  public var format: String?
  /// Nil while the document is being read.
  public var status: RunSummary.DocumentResult.Status?
  /// Lowercase hex SHA-256 of the document's bytes, when a sink asked for digests and the bytes could be read.
  public var sha256: String?
  /// The document's length in bytes, known with the digest.
  public var byteCount: Int64?
  /// Records the reader emitted (before duplicate merging).
  public var records: Int
  public var errors: Int
  public var warnings: Int
  public var notes: Int
  /// The run's settings that change what a reader makes of the bytes (`--timezone`, `--units`, `--strict`).
  public var readWith: String = ""
  /// The reader handed records to a run assembler (they combine with other documents' records), so the document
  /// cannot be skipped on its own.
  public var spansDocuments = false
  /// The document was not read again: a sink already held it (see ``RecordSink/isAlreadyImported(_:)``).
  public var unchanged = false

  public init(
    location: SourceLocation, format: String? = nil, status: RunSummary.DocumentResult.Status? = nil,
    sha256: String? = nil, byteCount: Int64? = nil, records: Int = 0, errors: Int = 0, warnings: Int = 0,
    notes: Int = 0, readWith: String = "", spansDocuments: Bool = false, unchanged: Bool = false
  ) {
    self.location = location
    self.format = format
    self.status = status
    self.sha256 = sha256
    self.byteCount = byteCount
    self.records = records
    self.errors = errors
    self.warnings = warnings
    self.notes = notes
    self.readWith = readWith
    self.spansDocuments = spansDocuments
    self.unchanged = unchanged
  }

  /// `path!/member`, then `:line` for a JSON Lines document: the `source` key of the `sources` table.
  public var source: String {
    var text = location.fileDescription
    if let line = location.line { text += ":\(line)" }
    return text
  }
}
