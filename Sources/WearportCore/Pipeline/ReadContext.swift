/// What a reader works with: the document, the run's options, and the way out for records and diagnostics.
public final class ReadContext {
  public let document: InputDocument
  public let options: ReadOptions
  public let format: FormatInfo
  private let pipeline: Pipeline
  /// The document's bytes once read, kept to find line and column of later diagnostics.
  private var bytes: [UInt8]?
  private var warnedCodes: [Diagnostic.Code: Int] = [:]
  /// While a streamed element is handed to a reader: the element (its bytes locate diagnostics inside it).
  private var streamedElement: JSONStreamElement?
  /// While an element read by a fast matcher is handed to a reader: where it is, in memory of its own (it changes
  /// for every element, and a stored property would cost an exclusive access and reference counting each time); its
  /// ``JSONStreamElement`` is made from this and ``matchedArrayPath`` only when a diagnostic needs it.
  private let matchedElement: UnsafeMutablePointer<MatchedElement>
  /// The array, window and array pointer of the elements read by a fast matcher (the same for every element of an
  /// array). Three properties, not a tuple: comparing a tuple's parts counted references to all three.
  private var matchedArrayPath: JSONPath?
  private var matchedWindow: JSONByteWindow?
  private var matchedArrayPointer = ""
  /// What ``provenance(pointer:providerID:)`` gives without a pointer, made once and refreshed every
  /// ``provenanceStripe`` records.
  private var baseProvenance: Provenance
  /// Records given the current ``baseProvenance``.
  private var provenanceUses = 0
  /// Every record holds the document's path (and archive member). When a ``BackgroundSink`` writes on another core,
  /// that core releases each record's strings while this one retains them for the next records: on one shared
  /// string, each count change would move its cache line between the cores (measured: an eighth of the reading
  /// thread's time on the one-year export). A fresh copy of the provenance's shared part (its strings and the object
  /// that holds them) for every stripe of records keeps the two threads on different objects: the writer releases
  /// one stripe while the reader retains the next.
  public static let provenanceStripe = 1024

  private struct MatchedElement {
    var isActive = false
    var index = 0
    var offset = 0
    var endOffset = 0
  }
  /// After a streamed parse: where the skeleton's values start.
  private var skeleton: JSONStreamResult?
  /// Positions of streamed nodes a reader asked to keep (``retainPosition(of:)``).
  private var retainedPositions: [String: JSONSourcePosition] = [:]

  init(document: InputDocument, options: ReadOptions, format: FormatInfo, pipeline: Pipeline) {
    self.document = document
    self.options = options
    self.format = format
    self.pipeline = pipeline
    matchedElement = .allocate(capacity: 1)
    matchedElement.initialize(to: MatchedElement())
    baseProvenance = Provenance(provider: format.provider, format: format.id, location: document.location)
  }

  deinit { matchedElement.deallocate() }

  /// The element being handed to a reader, streamed or matched; nil outside the handlers.
  private var currentElement: JSONStreamElement? {
    if let streamedElement { return streamedElement }
    let matched = matchedElement.pointee
    guard matched.isActive, let arrayPath = matchedArrayPath, let window = matchedWindow else { return nil }
    return JSONStreamElement(
      value: .null, arrayPath: arrayPath, index: matched.index, offset: matched.offset,
      endOffset: matched.endOffset, window: window)
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
      if self.options.checkConformance { reportNonStandard(parsed.findings) }
      return parsed
    } catch {
      throw syntaxDiagnostic(error)
    }
  }

  /// The document parsed as JSON without holding it whole: each element of the arrays at `patterns` (`""` for a
  /// root array, `/route`, `/exercises/*/samples`) is parsed on its own and handed to `each` with its path, and
  /// the rest is returned as the skeleton document, where those arrays are **empty**. Arrays inside a streamed
  /// element are not streamed. Memory holds the skeleton, one element and one 64 KiB chunk.
  ///
  /// The document is refused, tolerated and reported exactly as by ``parseJSON(options:)``. The differences: the
  /// elements before a syntax error have been handed out when the error is thrown, and a diagnostic about an
  /// element reported after `each` returned gets the pointer but no line (nothing of the element is kept). Inside
  /// `each`, and for the skeleton, diagnostics get line and column. Under `validate` (`options.checkConformance`)
  /// the document is parsed whole, so findings are reported as ``parseJSON(options:)`` reports them.
  ///
  /// - Throws: as ``parseJSON(options:)``, and whatever `each` throws (located in the element).
  public func streamJSON(
    elementsOf patterns: [JSONPathPattern], options parseOptions: JSONParseOptions = JSONParseOptions(),
    chunkSize: Int = 1 << 16, each: (JSONNode) throws -> Void
  ) throws -> JSONDocument {
    if self.options.checkConformance || bytes != nil {
      return try JSONParser.split(parseJSON(options: parseOptions), elementsOf: patterns) { value, path in
        try each(JSONNode(value, path: path))
      }
    }
    return try streamed(patterns, parseOptions, chunkSize, fast: nil, each: each)
  }

  /// ``streamJSON(elementsOf:options:chunkSize:each:)`` with a byte-level fast path for the hot arrays of large
  /// files: `match` reads an element with a ``JSONFastScanner`` (all of it, up to and including its closing bracket)
  /// and returns its values, or nil for anything it does not expect; a matched element goes to `eachMatch` with
  /// where it is, every other one is parsed and goes to `each` as usual. `match` must accept only what the full
  /// parser reads without a finding, and `eachMatch` must do what `each` does with the same element: tests compare
  /// both ways on the same files (``ReadOptions/fastPaths`` off). An element is matched only when 512 bytes of it
  /// or the rest of the document are at hand; longer ones take the full parser.
  @inlinable
  public func streamJSON<Match>(
    elementsOf patterns: [JSONPathPattern], options parseOptions: JSONParseOptions = JSONParseOptions(),
    chunkSize: Int = 1 << 16, match: (inout JSONFastScanner) -> Match?,
    eachMatch: (Match, JSONStreamMatch) throws -> Void, each: (JSONNode) throws -> Void
  ) throws -> JSONDocument {
    // Inlined into the reader, so `Match` is a concrete type there: unspecialized generic code would look up the
    // metadata of `Match?` for every element. The rest is not generic.
    try withoutActuallyEscaping(eachMatch) { eachMatch in
      try streamJSON(
        elementsOf: patterns, options: parseOptions, chunkSize: chunkSize,
        fast: { scanner, deliver in
          guard let value = match(&scanner) else { return false }
          try deliver(scanner.offset) { try eachMatch(value, $0) }
          return true
        }, each: each)
    }
  }

  /// The fast path of ``streamJSON(elementsOf:options:chunkSize:match:eachMatch:each:)``: `fast` scans an element and
  /// returns false for anything it does not expect; for a match it calls `deliver` with the bytes it read and the
  /// handler, which gets where the element is.
  @usableFromInline
  func streamJSON(
    elementsOf patterns: [JSONPathPattern], options parseOptions: JSONParseOptions, chunkSize: Int,
    fast: (inout JSONFastScanner, _ deliver: (Int, (JSONStreamMatch) throws -> Void) throws -> Void) throws -> Bool,
    each: (JSONNode) throws -> Void
  ) throws -> JSONDocument {
    if self.options.checkConformance || bytes != nil || !self.options.fastPaths {
      return try streamJSON(elementsOf: patterns, options: parseOptions, chunkSize: chunkSize, each: each)
    }
    return try withoutActuallyEscaping(fast) { fast in
      let matched = self.matchedElement
      defer {
        self.matchedArrayPath = nil
        self.matchedWindow = nil
        self.matchedArrayPointer = ""
      }
      return try streamed(
        patterns, parseOptions, chunkSize,
        fast: { arrayPath, index, bytes, offset, window in
          var scanner = JSONFastScanner(bytes)
          var read: Int?
          let found = try fast(&scanner) { count, handle in
            read = count
            // The pointer of the array is made once per array, not once per element.
            if self.matchedArrayPath !== arrayPath || self.matchedWindow !== window {
              self.matchedArrayPath = arrayPath
              self.matchedWindow = window
              self.matchedArrayPointer = arrayPath.pointer
            }
            matched.pointee = MatchedElement(
              isActive: true, index: index, offset: offset, endOffset: offset + count)
            defer { matched.pointee.isActive = false }
            do {
              try handle(JSONStreamMatch(arrayPath: arrayPath, index: index, arrayPointer: self.matchedArrayPointer))
            } catch let diagnostic as Diagnostic {
              throw self.locate(diagnostic)
            }
          }
          return found ? read : nil
        }, each: each)
    }
  }

  private func streamed(
    _ patterns: [JSONPathPattern], _ parseOptions: JSONParseOptions, _ chunkSize: Int,
    fast: JSONFastElementHandler?, each: (JSONNode) throws -> Void
  ) throws -> JSONDocument {
    let stream = try document.open()
    do {
      let result = try JSONParser.stream(
        stream, options: parseOptions, chunkSize: chunkSize, elementsOf: patterns, fast: fast
      ) { element in
        streamedElement = element
        defer { streamedElement = nil }
        do {
          try each(JSONNode(element.value, path: element.path))
        } catch let diagnostic as Diagnostic {
          throw locate(diagnostic)
        }
      }
      skeleton = result
      return result.document
    } catch let error as JSONSyntaxError {
      throw syntaxDiagnostic(error)
    }
  }

  private func syntaxDiagnostic(_ error: JSONSyntaxError) -> Diagnostic {
    var location = document.location.at(pointer: error.pointer, line: error.line, column: error.column)
    if let baseLine = document.location.line { location.line = baseLine + error.line - 1 }
    return Diagnostic.error(error.code, error.message, at: location)
  }

  /// The location of `pointer` from a streamed parse: inside the element being handed out, else in the skeleton.
  private func streamedLocation(of pointer: String) -> SourceLocation? {
    var position: JSONSourcePosition?
    if let element = currentElement {
      let prefix = element.path.pointer
      if pointer == prefix || pointer.hasPrefix(prefix + "/") {
        let inner = String(pointer.dropFirst(prefix.count))
        let start = element.position
        if let found = element.withBytes({ JSONLocator.locate(inner, in: $0) }) {
          position = JSONSourcePosition(
            line: start.line + found.line - 1, column: found.line == 1 ? start.column + found.column - 1 : found.column)
        }
      }
    }
    if position == nil {
      var components = JSONPath.components(ofPointer: pointer)
      while position == nil {
        let ancestor = JSONPath.pointer(components)
        position = retainedPositions[ancestor] ?? skeleton?.skeletonPositions[ancestor]
        if components.isEmpty { break }
        components.removeLast()
      }
    }
    guard let position else { return nil }
    var location = document.location.at(pointer: pointer, line: position.line, column: position.column)
    if let baseLine = document.location.line { location.line = baseLine + position.line - 1 }
    return location
  }

  /// Inside the `each` of ``streamJSON(elementsOf:options:chunkSize:each:)``: keeps where `node` (of the element
  /// being handed out) starts, so that a diagnostic at its pointer reported after the element has gone (a summary
  /// warning naming the first bad point) still gets line and column. For a few nodes, not for every element.
  public func retainPosition(of node: JSONNode) {
    guard currentElement != nil, retainedPositions[node.pointer] == nil,
      let location = streamedLocation(of: node.pointer), let line = location.line, let column = location.column
    else { return }
    let baseLine = document.location.line.map { $0 - 1 } ?? 0
    retainedPositions[node.pointer] = JSONSourcePosition(line: line - baseLine, column: column)
  }

  /// Under `validate`: what the parser tolerated but strict JSON (RFC 8259) refuses, one warning per kind.
  private func reportNonStandard(_ findings: [JSONFinding]) {
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
      var location = document.location.at(pointer: finding.pointer, line: finding.line, column: finding.column)
      if let baseLine = document.location.line { location.line = baseLine + finding.line - 1 }
      report(.warning(code, message, at: location))
    }
  }

  // MARK: output

  /// Hands a record on to the checks and sinks.
  public func emit(_ record: consuming Record) throws { try pipeline.accept(consume record, from: self) }

  /// Emits a heart-rate sample found at `pointer` in this document: ``emit(_:)`` of a record built here, where its
  /// provenance is made in place (built by the reader, the sample was copied once more on its way into the record).
  /// The strings are taken, not copied (no reference count for each).
  public func emitHeartRate(
    provider: consuming Provider, userID: consuming String?, time: Timestamp, heartRateBPM: Double,
    confidence: Int?, pointer: consuming String
  ) throws {
    try pipeline.accept(
      .heartRate(
        HeartRateSample(
          provider: provider, userID: userID, time: time, heartRateBPM: heartRateBPM, confidence: confidence,
          provenance: provenance(pointer: pointer))), from: self)
  }

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
      } else if let streamed = streamedLocation(of: pointer) {
        location = streamed
      } else {
        location = document.location.at(pointer: pointer, line: document.location.line)
      }
    }
    return diagnostic.located(location)
  }

  /// Provenance for a record found at `pointer` in this document.
  public func provenance(pointer: String? = nil, providerID: String? = nil) -> Provenance {
    provenanceUses += 1
    if provenanceUses == Self.provenanceStripe {
      provenanceUses = 0
      baseProvenance = baseProvenance.withFreshOrigin()
    }
    return Provenance(
      origin: baseProvenance.origin, pointer: pointer ?? baseProvenance.pointer,
      providerID: providerID ?? baseProvenance.providerID)
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
