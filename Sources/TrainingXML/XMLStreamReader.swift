import CLibXML2
import WearportCore

extension Diagnostic.Code {
  /// The document is not well-formed XML (libxml2's message follows, with the line).
  public static let xmlSyntax: Self = "xml.syntax"
  /// The DOCTYPE declares entities: refused before parsing (XXE and entity-expansion protection).
  public static let xmlEntityDeclaration: Self = "xml.entity-declaration"
  /// A DOCTYPE without entity declarations: ignored (no DTD is loaded, nothing in it applied).
  public static let xmlDoctypeIgnored: Self = "xml.doctype-ignored"
  /// The prolog (declarations before the root element) is implausibly long.
  public static let xmlPrologTooLong: Self = "xml.prolog-too-long"
  /// UTF-16 or UTF-32 documents are not read.
  public static let xmlEncodingUnsupported: Self = "xml.encoding-unsupported"
}

/// libxml2's one-time global set-up, run exactly once (Swift initialises globals once, thread-safely) before any
/// reader, writer or schema is made: libxml2 2.9 asks for it before use from several threads.
let libxml2Ready: Void = xmlInitParser()

/// What a streaming pass over an XML document sees, one node at a time.
enum XMLNodeKind {
  case elementStart
  case elementEnd
  case text
  case other
}

/// A streaming XML reader over a ``ByteStream`` (libxml2's `xmlTextReader`), memory bounded by the current node.
///
/// Safe by construction: no DTD is loaded, no entity substituted, no network touched, and a DOCTYPE that declares
/// entities is refused before libxml2 sees it (so entity-expansion bombs and XXE fail at once). A UTF-8 BOM and
/// white space before `<?xml` are skipped (the lines they held are still counted in diagnostics).
final class XMLStreamReader {
  private let reader: xmlTextReaderPtr
  private let feeder: InputFeeder
  private let errors: ErrorCollector
  private let location: SourceLocation
  /// Names by libxml2's interned pointer: a document uses a few dozen, so a short list searched by pointer beats
  /// hashing (millions of lookups in a large track).
  private var names = InternedNames()

  /// - Parameter schema: a compiled XSD to validate against while reading (validate mode); its errors are
  ///   collected in ``validityErrors``.
  init(stream: any ByteStream, location: SourceLocation, schema: xmlSchemaPtr? = nil) throws {
    libxml2Ready
    self.location = location
    feeder = InputFeeder(stream: stream, location: location)
    errors = ErrorCollector()
    try feeder.prime()
    xmlResetLastError()
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
        | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_BIG_LINES.rawValue)
    let context = Unmanaged.passUnretained(feeder).toOpaque()
    guard
      let created = xmlReaderForIO(
        { context, buffer, length in
          guard let context, let buffer else { return -1 }
          let feeder = Unmanaged<InputFeeder>.fromOpaque(context).takeUnretainedValue()
          return feeder.fill(buffer, Int(length))
        }, nil, context, nil, nil, options)
    else {
      throw Diagnostic.error(.xmlSyntax, "the XML parser could not be started", at: location)
    }
    reader = created
    xmlTextReaderSetStructuredErrorHandler(
      reader,
      { userData, error in
        guard let userData, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().add(error.pointee)
      }, Unmanaged.passUnretained(errors).toOpaque())
    if let schema {
      if xmlTextReaderSetSchema(reader, schema) != 0 {
        xmlFreeTextReader(reader)
        throw Diagnostic.error(.xmlSyntax, "the schema could not be attached to the reader", at: location)
      }
    }
  }

  deinit {
    xmlFreeTextReader(reader)
  }

  /// Moves to the next node; nil at the end of the document.
  ///
  /// - Throws: `xml.syntax` located at the line libxml2 stopped at, or the input stream's own diagnostic.
  private func next() throws -> XMLNodeKind? {
    let result = xmlTextReaderRead(reader)
    if result == 1 { return kindOfCurrent() }
    if result == 0 && !errors.hasFatal { return nil }
    throw failure()
  }

  /// Skips the current element's subtree: the next ``advance()`` returns the node after it.
  func skipSubtree() {
    skipPending = true
  }
  private var skipPending = false

  /// Moves to the next node (past a skipped subtree); nil at the end of the document.
  ///
  /// - Throws: `xml.syntax` located at the line libxml2 stopped at, or the input stream's own diagnostic.
  func advance() throws -> XMLNodeKind? {
    if skipPending {
      skipPending = false
      let result = xmlTextReaderNext(reader)
      if result == 1 { return kindOfCurrent() }
      if result == 0 && !errors.hasFatal { return nil }
      throw failure()
    }
    return try next()
  }

  private func kindOfCurrent() -> XMLNodeKind {
    switch xmlTextReaderNodeType(reader) {
    case 1: .elementStart
    case 15: .elementEnd
    case 3, 4: .text
    default: .other
    }
  }

  private func failure() -> Diagnostic {
    if let diagnostic = feeder.failure { return diagnostic }
    var first = errors.firstFatal
    if first == nil, let last = xmlGetLastError(),
      last.pointee.level == XML_ERR_FATAL || last.pointee.level == XML_ERR_ERROR
    {
      // With a schema attached libxml2 plugs its validator into the SAX chain and parse errors no longer reach the
      // reader's handler; the thread's last error still has them.
      var message = last.pointee.message.map { String(cString: $0) } ?? "unknown error"
      while message.last == "\n" || message.last == " " { message.removeLast() }
      first = ErrorCollector.Entry(line: Int(last.pointee.line), message: message)
    }
    var location = self.location
    location.line = first.map { max(1, $0.line) + feeder.strippedLines } ?? currentLine
    let message = first?.message ?? "the document is not well-formed XML"
    return .error(.xmlSyntax, "not well-formed XML: \(message)", at: location)
  }

  /// The local name of the current node (cached by libxml2's interned pointer).
  var localName: String {
    guard let pointer = xmlTextReaderConstLocalName(reader) else { return "" }
    return cachedName(pointer)
  }

  /// The namespace URI of the current node, "" when none.
  var namespaceURI: String {
    guard let pointer = xmlTextReaderConstNamespaceUri(reader) else { return "" }
    return cachedName(pointer)
  }

  /// The current node's local name as libxml2's interned pointer: equal pointers are equal names within one
  /// document (names live in the parser's dictionary), so callers can classify a name once and compare pointers.
  var localNameKey: UnsafePointer<xmlChar>? { xmlTextReaderConstLocalName(reader) }

  /// The name behind a ``localNameKey`` (cached).
  func name(forKey key: UnsafePointer<xmlChar>?) -> String {
    guard let key else { return "" }
    return cachedName(key)
  }

  /// Calls `body` with the local name and value of each attribute of the current element (namespace declarations
  /// included, as ``attribute(_:)`` sees them) until it returns false. The pointers are valid during the call only.
  func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>) -> Bool) {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return }
    if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
      repeat {
        if let name = xmlTextReaderConstLocalName(reader), let value = xmlTextReaderConstValue(reader) {
          if !body(name, value) { break }
        }
      } while xmlTextReaderMoveToNextAttribute(reader) == 1
      xmlTextReaderMoveToElement(reader)
    }
  }

  /// True when the NUL-terminated `bytes` spell `name` exactly.
  static func equals(_ bytes: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
    let count = name.utf8CodeUnitCount
    let expected = name.utf8Start
    for index in 0..<count where bytes[index] != expected[index] { return false }
    return bytes[count] == 0
  }

  private func cachedName(_ pointer: UnsafePointer<xmlChar>) -> String { names.name(pointer) }

  /// Warns (`xml.doctype-ignored`) when the document has a DOCTYPE: no DTD is loaded and nothing in it applies.
  func reportIgnoredDoctype(to context: ReadContext) { feeder.reportIgnoredDoctype(to: context) }

  var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

  /// The text of the current text node, appended to `buffer`.
  func appendValue(to buffer: inout [UInt8]) {
    guard let value = xmlTextReaderConstValue(reader) else { return }
    buffer.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
  }

  /// An attribute of the current element by local name (any namespace), or nil.
  func attribute(_ name: String) -> String? {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return nil }
    var found: String?
    if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
      repeat {
        if localName == name, let value = xmlTextReaderConstValue(reader) {
          found = String(cString: value)
          break
        }
      } while xmlTextReaderMoveToNextAttribute(reader) == 1
      xmlTextReaderMoveToElement(reader)
    }
    return found
  }

  /// The declared namespaces of the current element (`xmlns:p="uri"` and `xmlns="uri"`), as (prefix, uri).
  func namespaceDeclarations() -> [(prefix: String, uri: String)] {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
    var result: [(String, String)] = []
    if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
      repeat {
        if xmlTextReaderIsNamespaceDecl(reader) == 1, let value = xmlTextReaderConstValue(reader) {
          let name = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
          let prefix = name.hasPrefix("xmlns:") ? String(name.dropFirst(6)) : ""
          result.append((prefix, String(cString: value)))
        }
      } while xmlTextReaderMoveToNextAttribute(reader) == 1
      xmlTextReaderMoveToElement(reader)
    }
    return result
  }

  /// The prefix of the current element, "" when none.
  var prefix: String {
    guard let pointer = xmlTextReaderConstPrefix(reader) else { return "" }
    return String(cString: pointer)
  }

  /// The 1-based line of the current node in the original document.
  var currentLine: Int {
    if let node = xmlTextReaderCurrentNode(reader) {
      let line = Int(xmlGetLineNo(node))
      if line > 0 { return line + feeder.strippedLines }
    }
    return Int(xmlTextReaderGetParserLineNumber(reader)) + feeder.strippedLines
  }

  /// The location of the current node.
  var here: SourceLocation {
    var location = self.location
    location.line = currentLine
    return location
  }

  /// Schema-validity errors seen so far (validate mode), with their lines.
  var validityErrors: [(line: Int, message: String)] {
    errors.validity.map { (max(1, $0.line) + feeder.strippedLines, $0.message) }
  }

  /// True when the reader reported the document valid against the attached schema (after the whole document).
  var isValid: Bool { xmlTextReaderIsValid(reader) == 1 && errors.validity.isEmpty }

  /// libxml2's warnings and recoverable errors (not schema errors).
  var parserWarnings: [(line: Int, message: String)] {
    errors.warnings.map { (max(1, $0.line) + feeder.strippedLines, $0.message) }
  }
}

/// Collects libxml2's structured errors.
final class ErrorCollector {
  struct Entry {
    var line: Int
    var message: String
  }
  private(set) var fatal: [Entry] = []
  private(set) var validity: [Entry] = []
  private(set) var warnings: [Entry] = []
  var hasFatal: Bool { !fatal.isEmpty }
  var firstFatal: Entry? { fatal.first }
  private let limit = 200

  func add(_ error: xmlError) {
    var message = error.message.map { String(cString: $0) } ?? "unknown error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    let entry = Entry(line: Int(error.line), message: message)
    if error.domain == Int32(XML_FROM_SCHEMASV.rawValue) || error.domain == Int32(XML_FROM_SCHEMASP.rawValue) {
      if validity.count < limit { validity.append(entry) }
    } else if error.level == XML_ERR_FATAL || error.level == XML_ERR_ERROR {
      if fatal.count < limit { fatal.append(entry) }
    } else if warnings.count < limit {
      warnings.append(entry)
    }
  }
}

/// Feeds libxml2 from a ``ByteStream``: skips a UTF-8 BOM and leading white space, refuses entity declarations and
/// wide encodings before anything is parsed, and keeps the stream's own error.
final class InputFeeder {
  private let stream: any ByteStream
  private let location: SourceLocation
  private var pending: [UInt8] = []
  private var offset = 0
  private var ended = false
  /// Newlines removed before `<?xml`, added back to libxml2's line numbers.
  private(set) var strippedLines = 0
  /// The line of a DOCTYPE without entity declarations (ignored: no DTD is loaded), when there is one.
  private(set) var doctypeLine: Int?
  /// The reason the input stopped, when it was not libxml2's.
  private(set) var failure: Diagnostic?
  static let prologLimit = 1 << 20

  init(stream: any ByteStream, location: SourceLocation) {
    self.stream = stream
    self.location = location
  }

  /// Warns (`xml.doctype-ignored`) when the prolog had a DOCTYPE: no DTD is loaded and nothing in it applies.
  func reportIgnoredDoctype(to context: ReadContext) {
    guard let doctypeLine else { return }
    var at = location
    at.line = (location.line ?? 1) + doctypeLine - 1
    context.report(
      .warning(
        .xmlDoctypeIgnored, "the DOCTYPE is ignored: no DTD is loaded and nothing declared in it applies", at: at))
  }

  /// Reads until the root element starts, checking the prolog.
  func prime() throws {
    var bytes: [UInt8] = []
    while true {
      let chunk = try stream.read(maxCount: 64 * 1024)
      if chunk.isEmpty {
        ended = true
      } else {
        bytes += chunk
      }
      let (start, lines) = InputFeeder.leadingSkip(bytes)
      if start == bytes.count && !ended { continue }
      let body = bytes[start...]
      if let wide = InputFeeder.wideEncoding(body) {
        throw Diagnostic.error(
          .xmlEncodingUnsupported, "the document is encoded in \(wide); only UTF-8 and ASCII-based encodings are read",
          at: location)
      }
      var doctype: Int?
      switch PrologScanner.scan(body, doctypeLine: &doctype) {
      case .rootFound:
        pending = Array(body)
        strippedLines = lines
        doctypeLine = doctype.map { lines + $0 }
        return
      case .entityDeclared(let relativeLine):
        var at = location
        at.line = lines + relativeLine
        throw Diagnostic.error(
          .xmlEntityDeclaration,
          "the DOCTYPE declares entities; documents with entity declarations are refused (XXE and entity-expansion "
            + "protection)", at: at)
      case .needMore:
        if ended {
          pending = Array(body)
          strippedLines = lines
          return
        }
        if bytes.count > InputFeeder.prologLimit {
          throw Diagnostic.error(
            .xmlPrologTooLong, "the declarations before the root element are longer than 1 MiB", at: location)
        }
      }
    }
  }

  /// Copies up to `length` bytes into libxml2's buffer; 0 at the end, -1 on a stream error.
  func fill(_ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
    if offset >= pending.count {
      if ended || failure != nil { return failure == nil ? 0 : -1 }
      do {
        pending = try stream.read(maxCount: 64 * 1024)
        offset = 0
        if pending.isEmpty {
          ended = true
          return 0
        }
      } catch let diagnostic as Diagnostic {
        failure = diagnostic
        return -1
      } catch {
        failure = .error(.inputUnreadable, "the document could not be read", at: location, cause: "\(error)")
        return -1
      }
    }
    let count = min(length, pending.count - offset)
    pending.withUnsafeBytes { raw in
      UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + offset, byteCount: count)
    }
    offset += count
    return Int32(count)
  }

  /// Where the document starts after a UTF-8 BOM and white space, and the newlines skipped.
  static func leadingSkip(_ bytes: [UInt8]) -> (start: Int, lines: Int) {
    var start = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    var lines = 0
    while start < bytes.count,
      bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D
        || bytes[start] == 0x09
    {
      if bytes[start] == 0x0A { lines += 1 }
      start += 1
    }
    return (start, lines)
  }

  static func wideEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
    let first = Array(bytes.prefix(4))
    guard first.count >= 2 else { return nil }
    if first[0] == 0xFE && first[1] == 0xFF { return "UTF-16" }
    if first[0] == 0xFF && first[1] == 0xFE { return "UTF-16" }
    if first[0] == 0x00 || first[1] == 0x00 { return "UTF-16 or UTF-32" }
    return nil
  }
}

/// Looks at the declarations before the root element for entity declarations.
enum PrologScanner {
  enum Result: Equatable {
    case rootFound
    case entityDeclared(line: Int)
    case needMore
  }

  /// - Parameter doctypeLine: set to the (1-based) line of a DOCTYPE found before the root.
  static func scan(_ bytes: ArraySlice<UInt8>, doctypeLine: inout Int?) -> Result {
    let b = Array(bytes)
    let n = b.count
    var i = 0
    func starts(_ text: String, at index: Int) -> Bool? {
      let needle = Array(text.utf8)
      if index + needle.count > n { return nil }
      for k in 0..<needle.count where b[index + k] != needle[k] { return false }
      return true
    }
    func find(_ text: String, from index: Int) -> Int? {
      let needle = Array(text.utf8)
      var k = index
      while k + needle.count <= n {
        if b[k] == needle[0] && starts(text, at: k) == true { return k }
        k += 1
      }
      return nil
    }
    func line(at index: Int) -> Int { 1 + b[0..<index].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
    while true {
      while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
      if i >= n { return .needMore }
      guard b[i] == UInt8(ascii: "<") else { return .rootFound }
      guard i + 1 < n else { return .needMore }
      let next = b[i + 1]
      if next == UInt8(ascii: "?") {
        guard let end = find("?>", from: i + 2) else { return .needMore }
        i = end + 2
      } else if next == UInt8(ascii: "!") {
        guard let isComment = starts("<!--", at: i) else { return .needMore }
        if isComment {
          guard let end = find("-->", from: i + 4) else { return .needMore }
          i = end + 3
          continue
        }
        guard let isDoctype = starts("<!DOCTYPE", at: i) else { return .needMore }
        guard isDoctype else { return .rootFound }
        let doctypeStart = i
        var k = i + 9
        var quote: UInt8?
        var inSubset = false
        scanning: while true {
          guard k < n else { return .needMore }
          let byte = b[k]
          if let open = quote {
            if byte == open { quote = nil }
          } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
          } else if byte == UInt8(ascii: "[") {
            inSubset = true
          } else if byte == UInt8(ascii: "]") {
            inSubset = false
          } else if byte == UInt8(ascii: "<") && inSubset {
            guard let comment = starts("<!--", at: k), let entity = starts("<!ENTITY", at: k) else {
              return .needMore
            }
            if entity { return .entityDeclared(line: line(at: k)) }
            if comment {
              guard let end = find("-->", from: k + 4) else { return .needMore }
              k = end + 3
              continue scanning
            }
            if starts("<?", at: k) == true {
              guard let end = find("?>", from: k + 2) else { return .needMore }
              k = end + 2
              continue scanning
            }
          } else if byte == UInt8(ascii: "%") && inSubset {
            // A parameter-entity reference needs a declaration, which is refused above; refuse it anyway.
            return .entityDeclared(line: line(at: k))
          } else if byte == UInt8(ascii: ">") && !inSubset {
            i = k + 1
            break scanning
          }
          k += 1
        }
        doctypeLine = line(at: doctypeStart)
      } else {
        return .rootFound
      }
    }
  }
}

/// Strings for libxml2's interned names (they live in the parser's dictionary, so equal pointers are equal names
/// within one document), each made once; a document has few distinct names.
struct InternedNames {
  private var entries: [(key: UnsafeRawPointer, name: String)] = []

  mutating func name(_ pointer: UnsafePointer<xmlChar>) -> String {
    let key = UnsafeRawPointer(pointer)
    for entry in entries where entry.key == key { return entry.name }
    let name = String(cString: pointer)
    if entries.count < 256 { entries.append((key, name)) }
    return name
  }
}
