import CLibXML2
import WearportCore

/// What a pull-style pass over an XML document needs: the GPX reader runs over either libxml2's `xmlTextReader`
/// (``XMLStreamReader``, needed for schema validation) or its SAX2 push parser (``XMLPushReader``, no tree).
protocol XMLPullSource: AnyObject {
  /// Moves to the next node (past a skipped subtree); nil at the end of the document.
  func advance() throws -> XMLNodeKind?
  /// Skips the current element's subtree: the next ``advance()`` returns the node after it.
  func skipSubtree()
  /// The current node's local name as libxml2's interned pointer (equal pointers, equal names).
  var localNameKey: UnsafePointer<xmlChar>? { get }
  /// The name behind a ``localNameKey``.
  func name(forKey key: UnsafePointer<xmlChar>?) -> String
  var isEmptyElement: Bool { get }
  /// The text of the current text node, appended to `buffer`.
  func appendValue(to buffer: inout [UInt8])
  /// An attribute of the current element by local name (any namespace), or nil.
  func attribute(_ name: String) -> String?
  /// Each attribute's local name and NUL-terminated value until `body` returns false.
  func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>) -> Bool)
  /// The 1-based line of the current node in the original document.
  var currentLine: Int { get }
  var here: SourceLocation { get }
  func reportIgnoredDoctype(to context: ReadContext)
}

extension XMLStreamReader: XMLPullSource {}

/// A streaming XML reader over libxml2's SAX2 push parser: the same input checks (``InputFeeder``: BOM, prolog,
/// entity declarations refused, wide encodings refused), the same parser options (no network, no DTD loading, no
/// entity substitution) and the same located `xml.syntax` diagnostics as ``XMLStreamReader``, without building and
/// freeing a tree node per element.
///
/// The parser is fed 64 KiB at a time; the events of each chunk (element starts and ends, text, attributes) are
/// queued in flat arrays and handed out one at a time, so memory is bounded by a chunk. As with the tree reader
/// (whose node type for them is "white space", not text), text made only of white space is not reported, and
/// attribute values are decoded the way the tree decodes them.
final class XMLPushReader: XMLPullSource {
  fileprivate struct Event {
    var kind: XMLNodeKind
    var isEmpty = false
    var name: UnsafePointer<xmlChar>?
    var line: Int
    /// Element start: first attribute index and count. Text: offset and length in ``store``.
    var start = 0
    var count = 0
    /// Text: nothing but spaces, tabs and line breaks so far.
    var isBlank = true
  }

  fileprivate struct Attribute {
    var name: UnsafePointer<xmlChar>
    /// Offset of the NUL-terminated value in ``store``.
    var value: Int
  }

  /// Everything that changes while reading, behind one pointer: the SAX callbacks and the consumer touch it
  /// millions of times, and a class's stored properties would pay a dynamic exclusivity check on each access.
  fileprivate struct State {
    var events: [Event] = []
    var attributes: [Attribute] = []
    var store: [UInt8] = []
    /// The start lines of the open elements (an end event is located at its element's start, as in the tree).
    var open: [Int] = []
    /// The last event is text that the next characters continue (no markup in between): one text node.
    var textOpen = false
    /// White space read since the last markup, held back: it becomes text only if non-blank text follows before the
    /// next markup (the usual indentation between elements never becomes an event).
    var pendingBlank: [UInt8] = []
    var hasPendingBlank = false
    /// The end event of the element just started empty (`<a/>`) is not an event of its own.
    var emptyPending = false
    var xmlnsName: UnsafePointer<xmlChar>?
    var cursor = -1
    var parsing = true
    var stopped = false
    var skipPending = false
    var names = InternedNames()
    var errors: ErrorCollector
  }

  fileprivate let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
  private let context: xmlParserCtxtPtr
  private let feeder: InputFeeder
  private var errors: ErrorCollector { state.pointee.errors }
  private let location: SourceLocation
  private let chunk = UnsafeMutablePointer<CChar>.allocate(capacity: XMLPushReader.chunkSize)
  private static let chunkSize = 64 * 1024

  init(stream: any ByteStream, location: SourceLocation) throws {
    libxml2Ready
    self.location = location
    state.initialize(to: State(errors: ErrorCollector()))
    feeder = InputFeeder(stream: stream, location: location)
    do {
      try feeder.prime()
    } catch {
      state.deinitialize(count: 1)
      state.deallocate()
      chunk.deallocate()
      throw error
    }
    var handler = xmlSAXHandler()
    handler.initialized = UInt32(XML_SAX2_MAGIC)
    handler.startElementNs = pushStartElement
    handler.endElementNs = pushEndElement
    handler.characters = pushCharacters
    handler.comment = pushComment
    handler.processingInstruction = pushProcessingInstruction
    handler.serror = pushError
    guard let created = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else {
      state.deinitialize(count: 1)
      state.deallocate()
      chunk.deallocate()
      throw Diagnostic.error(.xmlSyntax, "the XML parser could not be started", at: location)
    }
    context = created
    // The same options as the tree reader; NOBLANKS is emulated (a SAX parser without a tree keeps every blank).
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
        | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_BIG_LINES.rawValue)
    xmlCtxtUseOptions(context, options)
    state.pointee.xmlnsName = xmlDictLookup(context.pointee.dict, "xmlns", 5)
    state.pointee.events.reserveCapacity(4096)
    state.pointee.store.reserveCapacity(XMLPushReader.chunkSize + 1024)
    context.pointee._private = UnsafeMutableRawPointer(state)
  }

  deinit {
    context.pointee._private = nil
    if let document = context.pointee.myDoc { xmlFreeDoc(document) }
    xmlFreeParserCtxt(context)
    chunk.deallocate()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Parses the next chunk into the queue; false when nothing more can come.
  private func parseMore() -> Bool {
    guard state.pointee.parsing else { return false }
    state.pointee.events.removeAll(keepingCapacity: true)
    state.pointee.attributes.removeAll(keepingCapacity: true)
    state.pointee.store.removeAll(keepingCapacity: true)
    // A text node can continue in the next chunk: `textOpen` and held-back blanks carry over (the continuation is
    // an event of its own; consumers append text events).
    state.pointee.cursor = -1
    let count = feeder.fill(chunk, XMLPushReader.chunkSize)
    if count < 0 {
      state.pointee.parsing = false
      state.pointee.stopped = true
      return false
    } else if count == 0 {
      let result = xmlParseChunk(context, nil, 0, 1)
      state.pointee.parsing = false
      if errors.hasFatal || result != 0 || context.pointee.wellFormed == 0 { state.pointee.stopped = true }
    } else {
      let result = xmlParseChunk(context, chunk, count, 0)
      if result != 0 || context.pointee.wellFormed == 0 {
        state.pointee.parsing = false
        state.pointee.stopped = true
      }
    }
    return true
  }

  private func nextEvent() throws -> XMLNodeKind? {
    while true {
      let cursor = state.pointee.cursor + 1
      if cursor < state.pointee.events.count {
        state.pointee.cursor = cursor
        let event = state.pointee.events[cursor]
        if event.kind == .text && event.isBlank { continue }
        return event.kind
      }
      if !parseMore() {
        if state.pointee.stopped || errors.hasFatal { throw failure() }
        return nil
      }
    }
  }

  func skipSubtree() {
    state.pointee.skipPending = true
  }

  func advance() throws -> XMLNodeKind? {
    if state.pointee.skipPending {
      state.pointee.skipPending = false
      if let event = current, event.kind == .elementStart, !event.isEmpty {
        var depth = 1
        while depth > 0 {
          guard let kind = try nextEvent() else { return nil }
          if kind == .elementStart && !(current?.isEmpty ?? false) { depth += 1 }
          if kind == .elementEnd { depth -= 1 }
        }
      }
    }
    return try nextEvent()
  }

  private func failure() -> Diagnostic {
    if let diagnostic = feeder.failure { return diagnostic }
    var first = errors.firstFatal
    if first == nil {
      let last = context.pointee.lastError
      if last.level == XML_ERR_FATAL || last.level == XML_ERR_ERROR {
        var message = last.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        first = ErrorCollector.Entry(line: Int(last.line), message: message)
      }
    }
    var location = self.location
    location.line = first.map { max(1, $0.line) + feeder.strippedLines } ?? currentLine
    let message = first?.message ?? "the document is not well-formed XML"
    return .error(.xmlSyntax, "not well-formed XML: \(message)", at: location)
  }

  private var current: Event? {
    let cursor = state.pointee.cursor
    return cursor >= 0 && cursor < state.pointee.events.count ? state.pointee.events[cursor] : nil
  }

  var localNameKey: UnsafePointer<xmlChar>? { current?.name }

  func name(forKey key: UnsafePointer<xmlChar>?) -> String {
    guard let key else { return "" }
    return state.pointee.names.name(key)
  }

  var isEmptyElement: Bool { current?.isEmpty ?? false }

  func appendValue(to buffer: inout [UInt8]) {
    guard let event = current, event.kind == .text else { return }
    state.pointee.store.withUnsafeBufferPointer { bytes in
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[event.start..<event.start + event.count]))
    }
  }

  func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>) -> Bool) {
    guard let event = current, event.kind == .elementStart, event.count > 0 else { return }
    let attributes = state.pointee.attributes
    state.pointee.store.withUnsafeBufferPointer { bytes in
      for index in event.start..<event.start + event.count {
        let attribute = attributes[index]
        if !body(attribute.name, bytes.baseAddress! + attribute.value) { break }
      }
    }
  }

  func attribute(_ name: String) -> String? {
    var found: String?
    forEachAttribute { attribute, value in
      if self.name(forKey: attribute) == name {
        found = String(cString: value)
        return false
      }
      return true
    }
    return found
  }

  var currentLine: Int {
    if let event = current { return event.line + feeder.strippedLines }
    return Int(xmlSAX2GetLineNumber(context)) + feeder.strippedLines
  }

  var here: SourceLocation {
    var location = self.location
    location.line = currentLine
    return location
  }

  func reportIgnoredDoctype(to context: ReadContext) { feeder.reportIgnoredDoctype(to: context) }

  fileprivate static func line(_ context: xmlParserCtxtPtr) -> Int {
    Int(context.pointee.input?.pointee.line ?? 0)
  }

  /// The parser context and the reader's state behind a callback's context pointer.
  fileprivate static func state(
    _ context: UnsafeMutableRawPointer?
  ) -> (xmlParserCtxtPtr, UnsafeMutablePointer<State>)? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let state = parser.pointee._private else { return nil }
    return (parser, state.assumingMemoryBound(to: State.self))
  }
}

extension XMLPushReader.State {
  /// Appends `count` bytes and a NUL to the store; returns their offset.
  fileprivate mutating func keep(_ bytes: UnsafePointer<xmlChar>, _ count: Int) -> Int {
    let offset = store.count
    store.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    store.append(0)
    return offset
  }

  /// Markup: the current text node (if any) ends; white space held back was a blank node, which is not reported.
  @inline(__always) fileprivate mutating func endText() {
    textOpen = false
    hasPendingBlank = false
  }

  /// Appends an attribute value, decoded as the tree decodes it: without entity substitution libxml2 hands over
  /// `&` (from `&amp;` or `&#38;`) as `&#38;`, every other reference already replaced.
  fileprivate mutating func keepAttributeValue(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> Int {
    let count = end - start
    var hasReference = false
    for index in 0..<count where start[index] == UInt8(ascii: "&") {
      hasReference = true
      break
    }
    guard hasReference else { return keep(start, count) }
    let offset = store.count
    var index = 0
    while index < count {
      if start[index] == UInt8(ascii: "&"), index + 4 < count, start[index + 1] == UInt8(ascii: "#"),
        start[index + 2] == UInt8(ascii: "3"), start[index + 3] == UInt8(ascii: "8"),
        start[index + 4] == UInt8(ascii: ";")
      {
        store.append(UInt8(ascii: "&"))
        index += 5
      } else {
        store.append(start[index])
        index += 1
      }
    }
    store.append(0)
    return offset
  }
}

private func pushStartElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
  _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32,
  _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int32, _ defaulted: Int32,
  _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
  guard let (parser, reader) = XMLPushReader.state(context) else { return }
  let line = XMLPushReader.line(parser)
  reader.pointee.endText()
  var event = XMLPushReader.Event(
    kind: .elementStart, name: qualifiedName(parser, localName, prefix, uri), line: line)
  event.start = reader.pointee.attributes.count
  // Namespace declarations first, then attributes, in document order: the tree reader's attribute order.
  if let namespaces {
    for index in 0..<Int(namespaceCount) {
      guard let href = namespaces[2 * index + 1] else { continue }
      let name = namespaces[2 * index] ?? reader.pointee.xmlnsName
      guard let name else { continue }
      let value = reader.pointee.keep(href, Int(xmlStrlen(href)))
      reader.pointee.attributes.append(.init(name: name, value: value))
    }
  }
  if let attributes {
    for index in 0..<Int(attributeCount) {
      let base = 5 * index
      guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else {
        continue
      }
      let value = reader.pointee.keepAttributeValue(start, end)
      guard let qualified = qualifiedName(parser, name, attributes[base + 1], attributes[base + 2]) else { continue }
      reader.pointee.attributes.append(.init(name: qualified, value: value))
    }
  }
  event.count = reader.pointee.attributes.count - event.start
  if let cursor = parser.pointee.input?.pointee.cur, cursor[0] == UInt8(ascii: "/"), cursor[1] == UInt8(ascii: ">") {
    event.isEmpty = true
    reader.pointee.emptyPending = true
  } else {
    reader.pointee.open.append(line)
  }
  reader.pointee.events.append(event)
}

private func pushEndElement(
  _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
  _ uri: UnsafePointer<xmlChar>?
) {
  guard let (parser, reader) = XMLPushReader.state(context) else { return }
  if reader.pointee.emptyPending {
    reader.pointee.emptyPending = false
    return
  }
  reader.pointee.endText()
  let line = reader.pointee.open.popLast() ?? 0
  reader.pointee.events.append(
    .init(kind: .elementEnd, name: qualifiedName(parser, localName, prefix, uri), line: line))
}

/// The name the tree reader gives: a prefix that no namespace declaration binds stays part of the name
/// (`gpxtpx:hr`, as libxml2's tree builder names such a node), so that both readers see the same names.
private func qualifiedName(
  _ parser: xmlParserCtxtPtr, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
  _ uri: UnsafePointer<xmlChar>?
) -> UnsafePointer<xmlChar>? {
  guard let localName, let prefix, uri == nil, let dictionary = parser.pointee.dict else { return localName }
  return xmlDictQLookup(dictionary, prefix, localName) ?? localName
}

private func pushCharacters(_ context: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ count: Int32) {
  guard let (parser, reader) = XMLPushReader.state(context), let text, count > 0 else { return }
  var isBlank = true
  for index in 0..<Int(count) {
    let byte = text[index]
    if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
      isBlank = false
      break
    }
  }
  // Adjacent runs (split by libxml2 at references or every few hundred bytes) are one text node, as in the tree.
  if reader.pointee.textOpen, let last = reader.pointee.events.last, last.kind == .text {
    reader.pointee.store.removeLast()
    _ = reader.pointee.keep(text, Int(count))
    let last = reader.pointee.events.count - 1
    reader.pointee.events[last].count += Int(count)
    if !isBlank { reader.pointee.events[last].isBlank = false }
    return
  }
  if reader.pointee.textOpen {
    // The continuation, in a new chunk, of a text node already reported.
    var event = XMLPushReader.Event(kind: .text, name: nil, line: XMLPushReader.line(parser))
    event.start = reader.pointee.keep(text, Int(count))
    event.count = Int(count)
    event.isBlank = false
    reader.pointee.events.append(event)
    return
  }
  if isBlank {
    if !reader.pointee.hasPendingBlank {
      reader.pointee.hasPendingBlank = true
      reader.pointee.pendingBlank.removeAll(keepingCapacity: true)
    }
    reader.pointee.pendingBlank.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(count)))
    return
  }
  var event = XMLPushReader.Event(kind: .text, name: nil, line: XMLPushReader.line(parser))
  event.start = reader.pointee.store.count
  if reader.pointee.hasPendingBlank {
    reader.pointee.hasPendingBlank = false
    reader.pointee.store.append(contentsOf: reader.pointee.pendingBlank)
    event.count = reader.pointee.pendingBlank.count
  }
  reader.pointee.store.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(count)))
  reader.pointee.store.append(0)
  event.count += Int(count)
  event.isBlank = false
  reader.pointee.events.append(event)
  reader.pointee.textOpen = true
}

private func pushComment(_ context: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?) {
  guard let (_, reader) = XMLPushReader.state(context) else { return }
  reader.pointee.endText()
}

private func pushProcessingInstruction(
  _ context: UnsafeMutableRawPointer?, _ target: UnsafePointer<xmlChar>?, _ data: UnsafePointer<xmlChar>?
) {
  guard let (_, reader) = XMLPushReader.state(context) else { return }
  reader.pointee.endText()
}

private func pushError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let error, let (_, reader) = XMLPushReader.state(userData) else { return }
  reader.pointee.errors.add(error.pointee)
}
