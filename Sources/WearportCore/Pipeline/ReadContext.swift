/// What a reader works with: the document, the run's options, and the way out for records and diagnostics.
public final class ReadContext {
  public let document: InputDocument
  public let options: ReadOptions
  public let format: FormatInfo
  private let pipeline: Pipeline
  /// The document's bytes once read, kept to find line and column of later diagnostics.
  private var bytes: [UInt8]?
  private var warnedCodes: [Diagnostic.Code: Int] = [:]

  init(document: InputDocument, options: ReadOptions, format: FormatInfo, pipeline: Pipeline) {
    self.document = document
    self.options = options
    self.format = format
    self.pipeline = pipeline
  }

  // MARK: reading

  /// The whole document.
  public func readBytes() throws -> [UInt8] {
    if let bytes { return bytes }
    let read = try document.readAll()
    bytes = read
    return read
  }

  /// The document parsed as JSON; tolerated non-standard forms are kept in the result's findings.
  ///
  /// - Throws: a located `json.syntax` (or `json.too-deep`, `encoding.invalid-utf8`) diagnostic.
  public func parseJSON(options: JSONParseOptions = JSONParseOptions()) throws -> JSONDocument {
    let bytes = try readBytes()
    do {
      let parsed = try JSONParser.parse(bytes, options: options)
      if self.options.checkConformance { reportNonStandard(parsed.findings, in: bytes) }
      return parsed
    } catch {
      var location = document.location.at(pointer: error.pointer, line: error.line, column: error.column)
      if let baseLine = document.location.line { location.line = baseLine + error.line - 1 }
      throw Diagnostic.error(error.code, error.message, at: location)
    }
  }

  /// Under `validate`: what the parser tolerated but strict JSON (RFC 8259) refuses, one warning per kind.
  private func reportNonStandard(_ findings: [JSONFinding], in bytes: [UInt8]) {
    for finding in findings {
      let (code, message): (Diagnostic.Code, String)
      switch finding.kind {
      case .byteOrderMark: (code, message) = (.jsonByteOrderMark, "the document starts with a UTF-8 byte-order mark")
      case .leadingWhitespace: continue
      case .nonFiniteNumber: (code, message) = (.jsonNonFinite, "NaN or Infinity is not a JSON number")
      case .trailingComma: (code, message) = (.jsonTrailingComma, "a comma before a closing bracket is not JSON")
      case .duplicateKey:
        (code, message) = (.jsonDuplicateKey, "a key appears twice in one object; the last one is used")
      }
      let position = bytes.withUnsafeBufferPointer { lineAndColumn(of: finding.offset, in: $0) }
      var location = document.location.at(pointer: finding.pointer, line: position.line, column: position.column)
      if let baseLine = document.location.line { location.line = baseLine + position.line - 1 }
      report(.warning(code, message, at: location))
    }
  }

  // MARK: output

  /// Hands a record on to the checks and sinks.
  public func emit(_ record: Record) throws { try pipeline.accept(record, from: self) }

  /// The run's single assembler of a type, created on first use.
  public func assembler<A: RunAssembler>(_ type: A.Type) -> A { pipeline.assembler(type) }

  /// Counts a record of `kind` as rejected, with the reason.
  public func reject(_ kind: RecordKind, _ diagnostic: Diagnostic) {
    pipeline.rejected(kind, locate(diagnostic))
  }

  /// Reports a diagnostic about the document. Warnings and notes of one code are reported once per document, and
  /// the repeats counted.
  public func report(_ diagnostic: Diagnostic) {
    if diagnostic.severity != .error {
      let seen = warnedCodes[diagnostic.code, default: 0]
      warnedCodes[diagnostic.code] = seen + 1
      if seen > 0 {
        pipeline.countRepeat(diagnostic.code, diagnostic.severity)
        return
      }
    }
    pipeline.report(locate(diagnostic))
  }

  /// Fills in a diagnostic's location: this document's file and member, and the line and column of its JSON pointer.
  public func locate(_ diagnostic: Diagnostic) -> Diagnostic {
    guard diagnostic.location == nil || diagnostic.location?.path == "" else { return diagnostic }
    let pointer = diagnostic.location?.jsonPointer
    var location = document.location
    if let pointer {
      if let bytes, bytes.count <= 256 << 20 {
        location = JSONLocator.location(of: pointer, in: bytes, base: document.location)
      } else {
        location = document.location.at(pointer: pointer, line: document.location.line)
      }
    }
    return diagnostic.located(location)
  }

  /// Provenance for a record found at `pointer` in this document.
  public func provenance(pointer: String? = nil, providerID: String? = nil) -> Provenance {
    var location = document.location
    if let pointer { location.jsonPointer = pointer }
    return Provenance(provider: format.provider, format: format.id, location: location, providerID: providerID)
  }

  // MARK: embedded documents

  /// Reads a document stored inside this one (an API body fetched for a webhook notification and kept in the same
  /// capture line) with the run's readers, as if it were a file of its own: its records and diagnostics count in
  /// this run. Its location is this document's, with `line N` and `pointer` appended to the member
  /// (`captures.jsonl!/line 7/response_body`), so that positions inside it are not mistaken for the capture's.
  ///
  /// - Parameter excluding: readers whose id starts with one of these prefixes are not asked (a capture reader
  ///   excludes itself, so that nothing nests without end).
  /// - Returns: the id of the reader that read it, or nil when none recognises it.
  /// - Throws: whatever the embedded document's reader throws to refuse it (located inside it).
  public func readEmbedded(_ bytes: [UInt8], name: String, pointer: String, excluding: [String] = []) throws
    -> String?
  {
    var inner = document.location.member.map { $0 + "!/" } ?? ""
    if let line = document.location.line { inner += "line \(line)" }
    inner += pointer
    let location = SourceLocation(path: document.location.path, member: inner)
    let embedded = InputDocument(
      location: location, name: name, logicalPath: document.logicalPath + "#" + pointer, bytes: bytes)
    let probe = SniffProbe(
      name: name, logicalPath: embedded.logicalPath, prefix: Array(bytes.prefix(SniffProbe.prefixLength)),
      isComplete: bytes.count <= SniffProbe.prefixLength)
    let candidates = ReaderRegistry(
      pipeline.registry.readers.filter { reader in !excluding.contains { reader.info.id.hasPrefix($0) } })
    guard let (reader, _) = candidates.reader(for: probe) else { return nil }
    let context = ReadContext(document: embedded, options: options, format: reader.info, pipeline: pipeline)
    do {
      try reader.read(context)
    } catch let diagnostic as Diagnostic {
      throw context.locate(diagnostic)
    }
    return reader.info.id
  }

  // MARK: time

  /// Resolves a parsed date-time with the run's offset policy, reporting any warning once per document.
  public func resolve(_ parsed: ParsedDateTime, context: OffsetContext, at node: JSONNode? = nil) -> Timestamp {
    var offsetContext = context
    if offsetContext.zone == nil { offsetContext.zone = options.zone }
    let resolved = OffsetPolicy.resolve(parsed, context: offsetContext)
    if let code = resolved.warning {
      let message: String
      switch code {
      case .timeOffsetUnknown:
        message = "a local time has no UTC offset and nothing gives one; it was read as UTC (give --timezone)"
      case .timeLocalNonexistent:
        message =
          "a local time falls in a daylight-saving gap of \(offsetContext.zone?.identifier ?? "the zone"); "
          + "it was moved forward"
      case .timeLocalAmbiguous:
        message = "a local time occurs twice in \(offsetContext.zone?.identifier ?? "the zone"); the first was taken"
      default:
        message = "a local time could not be resolved exactly"
      }
      let location = node.map { SourceLocation(path: "", jsonPointer: $0.pointer) }
      report(Diagnostic(code, .warning, message, at: location))
    }
    return resolved.timestamp
  }
}
