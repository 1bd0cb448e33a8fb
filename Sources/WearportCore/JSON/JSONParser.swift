/// Options for ``JSONParser``: what to tolerate beyond RFC 8259, and how deep documents may nest.
public struct JSONParseOptions: Sendable {
  /// Accept the bare tokens `NaN`, `Infinity` and `-Infinity` (the new Polar Flow export writes `NaN`).
  public var allowNonFiniteNumbers = true
  /// Accept a comma before `]` or `}` (hand-edited fixtures have them).
  public var allowTrailingCommas = true
  /// Deepest nesting accepted; deeper input is refused rather than recursed into.
  public var maxDepth = 256
  public init() {}
  /// Strict RFC 8259: nothing tolerated.
  public static var strict: JSONParseOptions {
    var options = JSONParseOptions()
    options.allowNonFiniteNumbers = false
    options.allowTrailingCommas = false
    return options
  }
}

/// Something tolerated that strict JSON would refuse, with where it was. `wearport validate` reports these.
public struct JSONFinding: Hashable, Sendable {
  public enum Kind: String, Sendable, Hashable {
    case byteOrderMark = "byte-order-mark"
    case nonFiniteNumber = "non-finite-number"
    case trailingComma = "trailing-comma"
    case duplicateKey = "duplicate-key"
    case leadingWhitespace = "leading-whitespace"
  }
  public var kind: Kind
  public var offset: Int
  public var pointer: String
  /// 1-based line and column (in bytes) of ``offset``.
  public var line = 0
  public var column = 0
}

/// A syntax error: what was wrong, the byte offset, the line and column, and the pointer of the value being read.
public struct JSONSyntaxError: Error, Hashable, Sendable {
  public var code: Diagnostic.Code
  public var message: String
  public var offset: Int
  public var line: Int
  public var column: Int
  public var pointer: String

  /// The diagnostic for this error at a document's location.
  public func diagnostic(at location: SourceLocation) -> Diagnostic {
    .error(code, message, at: location.at(pointer: pointer, line: line, column: column))
  }
}

/// A parsed document: its root value and what was tolerated on the way.
public struct JSONDocument: Sendable {
  public var root: JSONValue
  public var findings: [JSONFinding]
}

/// A fast JSON parser over bytes, with positions and pointers in its errors.
///
/// It accepts a UTF-8 byte-order mark and leading whitespace, checks UTF-8 inside strings, and refuses documents
/// nested deeper than ``JSONParseOptions/maxDepth`` instead of overflowing the stack.
public enum JSONParser {
  /// Parses a whole document.
  ///
  /// - Throws: ``JSONSyntaxError`` with code `json.syntax`, `json.too-deep`, `json.non-standard` (a tolerated form
  ///   that the options refuse) or `encoding.invalid-utf8`.
  public static func parse(_ bytes: [UInt8], options: JSONParseOptions = JSONParseOptions()) throws(JSONSyntaxError)
    -> JSONDocument
  {
    do {
      return try bytes.withUnsafeBufferPointer { buffer in
        var parser = Parser(window: JSONByteWindow(borrowing: buffer), options: options)
        return try parser.parseDocument()
      }
    } catch let error as JSONSyntaxError {
      throw error
    } catch {
      fatalError("unreachable: the parser throws only JSONSyntaxError")
    }
  }

  /// Parses a whole document given as text.
  public static func parse(_ text: String, options: JSONParseOptions = JSONParseOptions()) throws(JSONSyntaxError)
    -> JSONDocument
  {
    try parse(Array(text.utf8), options: options)
  }
}

/// 1-based line and column (in bytes) of a byte offset.
public func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
  var line = 1
  var lineStart = 0
  let end = min(offset, bytes.count)
  var index = 0
  while index < end {
    if bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    index += 1
  }
  return (line, end - lineStart + 1)
}

/// What a streaming parse hands out instead of keeping: the arrays whose elements go to `handler` one at a time.
struct JSONStreamSpec {
  let patterns: [JSONPathPattern]
  let handler: (JSONStreamElement) throws -> Void
  /// Tried first on each element, given where it is and its bytes up to ``fastLookahead`` past its start (fewer at
  /// the end of the document): returns how many bytes it read and handled, or nil to leave the element to the full
  /// parser. Only for elements that need at most two more levels of nesting.
  var fast: JSONFastElementHandler? = nil
  static let fastLookahead = 512
}

/// The fast path's view of an element: its array's path, its index, its bytes (up to the lookahead) and their absolute
/// offset. The parts are passed apart, not as a ``JSONStreamElement``: making one per element counted references to
/// the path and the window twice.
typealias JSONFastElementHandler = (
  _ arrayPath: JSONPath, _ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ window: JSONByteWindow
) throws -> Int?

struct Parser {
  let window: JSONByteWindow
  let options: JSONParseOptions
  /// Cached from the window: its first byte, that byte's absolute offset, and the absolute end of the bytes held.
  var storage: UnsafePointer<UInt8>
  var base: Int
  var end: Int
  var index = 0
  var depth = 0
  var findings: [JSONFinding] = []
  /// The path to the value being parsed, kept for error messages.
  var path: [JSONPath.Component] = []
  /// Streaming: the arrays handed out, whether an element of one is being read, where the bytes still needed begin,
  /// and where each value of the skeleton starts (for diagnostics after the parse).
  let stream: JSONStreamSpec?
  var inElement = false
  var keepFrom = 0
  var skeletonPositions: [String: JSONSourcePosition] = [:]

  init(window: JSONByteWindow, options: JSONParseOptions, stream: JSONStreamSpec? = nil) {
    self.window = window
    self.options = options
    self.stream = stream
    storage = window.storage
    base = window.base
    end = window.end
  }

  // MARK: the bytes

  @inline(__always) func at(_ offset: Int) -> UInt8 { storage[offset &- base] }

  /// True when the byte at `offset` exists, reading more of a stream when needed.
  @inline(__always) mutating func has(_ offset: Int) throws -> Bool {
    if offset < end { return true }
    return try refill(upTo: offset)
  }

  mutating func refill(upTo offset: Int) throws -> Bool {
    while offset >= end {
      guard try window.fill(keepFrom: min(keepFrom, index)) else { return false }
      storage = window.storage
      base = window.base
      end = window.end
    }
    return true
  }

  func bytes(_ start: Int, _ stop: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: storage + (start - base), count: stop - start)
  }

  mutating func parseDocument() throws -> JSONDocument {
    if try has(2), at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF {
      addFinding(.byteOrderMark, offset: 0)
      index = 3
    }
    let beforeWhitespace = index
    try skipWhitespace()
    if index > beforeWhitespace {
      addFinding(.leadingWhitespace, offset: beforeWhitespace)
    }
    guard try has(index) else {
      throw error(.jsonSyntax, end == 0 ? "the document is empty" : "the document holds only white space")
    }
    let root = try parseValue()
    try skipWhitespace()
    if try has(index) {
      throw error(.jsonSyntax, "unexpected \(describe(index)) after the end of the document")
    }
    return JSONDocument(root: root, findings: findings)
  }

  mutating func addFinding(_ kind: JSONFinding.Kind, offset: Int) {
    let position = window.position(of: offset)
    findings.append(
      JSONFinding(
        kind: kind, offset: offset, pointer: JSONPath.pointer(path), line: position.line, column: position.column))
  }

  // MARK: values

  mutating func parseValue() throws -> JSONValue {
    guard try has(index) else { throw error(.jsonSyntax, "unexpected end of the document, expected a value") }
    if stream != nil, !inElement {
      keepFrom = index
      let pointer = JSONPath.pointer(path)
      if skeletonPositions[pointer] == nil {
        let position = window.position(of: index)
        skeletonPositions[pointer] = JSONSourcePosition(line: position.line, column: position.column)
      }
    }
    switch at(index) {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "N"):
      try expectNonFinite("NaN")
      return .number(JSONNumber(double: .nan))
    case UInt8(ascii: "I"):
      try expectNonFinite("Infinity")
      return .number(JSONNumber(double: .infinity))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      if at(index) == UInt8(ascii: "-"), try has(index + 1), at(index + 1) == UInt8(ascii: "I") {
        index += 1
        try expectNonFinite("Infinity")
        return .number(JSONNumber(double: -.infinity))
      }
      return .number(try parseNumber())
    default:
      throw error(.jsonSyntax, "unexpected \(describe(index)), expected a value")
    }
  }

  mutating func enter() throws {
    depth += 1
    if depth > options.maxDepth {
      throw error(.jsonTooDeep, "nesting is deeper than \(options.maxDepth) levels")
    }
  }

  mutating func parseObject() throws -> JSONValue {
    try enter()
    index += 1  // {
    var keys: [String] = []
    var values: [JSONValue] = []
    try skipWhitespace()
    if try has(index), at(index) == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(JSONObject())
    }
    // One allocation each for the small objects of sample arrays, instead of growing 1, 2, 4.
    keys.reserveCapacity(4)
    values.reserveCapacity(4)
    while true {
      try skipWhitespace()
      guard try has(index) else { throw error(.jsonSyntax, "unexpected end of the document inside an object") }
      if at(index) == UInt8(ascii: "}"), !keys.isEmpty {
        try trailingComma()
        index += 1
        break
      }
      guard at(index) == UInt8(ascii: "\"") else {
        throw error(.jsonSyntax, "unexpected \(describe(index)), expected a key in double quotes")
      }
      let keyOffset = index
      let key = try parseString()
      if keys.count < 64 ? keys.contains(key) : Set(keys).contains(key) {
        path.append(.key(key))
        addFinding(.duplicateKey, offset: keyOffset)
        path.removeLast()
      }
      try skipWhitespace()
      guard try has(index), at(index) == UInt8(ascii: ":") else {
        throw error(.jsonSyntax, "expected ':' after the key \"\(key)\"")
      }
      index += 1
      try skipWhitespace()
      path.append(.key(key))
      let value = try parseValue()
      path.removeLast()
      keys.append(key)
      values.append(value)
      try skipWhitespace()
      guard try has(index) else { throw error(.jsonSyntax, "unexpected end of the document inside an object") }
      if at(index) == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if at(index) == UInt8(ascii: "}") {
        index += 1
        break
      }
      throw error(.jsonSyntax, "unexpected \(describe(index)), expected ',' or '}' after a value in an object")
    }
    depth -= 1
    return .object(JSONObject(keys: keys, values: values))
  }

  mutating func parseArray() throws -> JSONValue {
    try enter()
    index += 1  // [
    // A streamed array: its elements go to the handler and it stays empty in the skeleton.
    var handler: ((JSONStreamElement) throws -> Void)?
    var arrayPath = JSONPath.root
    if let stream, !inElement, stream.patterns.contains(where: { $0.matches(path) }) {
      handler = stream.handler
      arrayPath = JSONPath.from(path)
    }
    var items: [JSONValue] = []
    var count = 0
    try skipWhitespace()
    if try has(index), at(index) == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(items)
    }
    while true {
      try skipWhitespace()
      guard try has(index) else { throw error(.jsonSyntax, "unexpected end of the document inside an array") }
      if at(index) == UInt8(ascii: "]"), count > 0 {
        try trailingComma()
        index += 1
        break
      }
      if let handler {
        try streamElement(count, of: arrayPath, to: handler)
      } else {
        path.append(.index(count))
        items.append(try parseValue())
        path.removeLast()
      }
      count += 1
      try skipWhitespace()
      guard try has(index) else { throw error(.jsonSyntax, "unexpected end of the document inside an array") }
      if at(index) == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if at(index) == UInt8(ascii: "]") {
        index += 1
        break
      }
      throw error(.jsonSyntax, "unexpected \(describe(index)), expected ',' or ']' after a value in an array")
    }
    depth -= 1
    return .array(items)
  }

  /// Hands one element of a streamed array to the stream's fast path, or parses it and hands it to `handler`.
  mutating func streamElement(
    _ elementIndex: Int, of arrayPath: JSONPath, to handler: (JSONStreamElement) throws -> Void
  ) throws {
    let start = index
    keepFrom = start
    if let fast = stream?.fast, depth + 2 <= options.maxDepth {
      _ = try has(start + JSONStreamSpec.fastLookahead - 1)
      let bytes = window.bytes(from: start, to: min(end, start + JSONStreamSpec.fastLookahead))
      if let read = try fast(arrayPath, elementIndex, bytes, start, window) {
        index = start + read
        return
      }
    }
    // The path is kept for the full parser's messages only (the fast path has its own).
    path.append(.index(elementIndex))
    defer { path.removeLast() }
    inElement = true
    let value = try parseValue()
    inElement = false
    try handler(
      JSONStreamElement(
        value: value, arrayPath: arrayPath, index: elementIndex, offset: start, endOffset: index, window: window))
  }

  mutating func trailingComma() throws {
    guard options.allowTrailingCommas else {
      throw error(.jsonNonStandard, "a trailing comma before \(describe(index)) is not allowed in strict JSON")
    }
    addFinding(.trailingComma, offset: index)
  }

  // MARK: scalars

  mutating func expectLiteral(_ literal: StaticString) throws {
    let count = literal.utf8CodeUnitCount
    let start = literal.utf8Start
    guard try has(index + count - 1) else { throw error(.jsonSyntax, "unexpected end of the document in a literal") }
    for offset in 0..<count where at(index + offset) != start[offset] {
      throw error(.jsonSyntax, "unexpected \(describe(index)), expected a value")
    }
    index += count
  }

  mutating func expectNonFinite(_ literal: StaticString) throws {
    let tokenStart = index
    try expectLiteral(literal)
    guard options.allowNonFiniteNumbers else {
      index = tokenStart
      throw error(.jsonNonStandard, "the token \(literal) is not allowed in strict JSON")
    }
    addFinding(.nonFiniteNumber, offset: tokenStart)
  }

  mutating func parseNumber() throws -> JSONNumber {
    let start = index
    var isInteger = true
    if at(index) == UInt8(ascii: "-") { index += 1 }
    guard try has(index), isDigit(at(index)) else {
      throw error(.jsonSyntax, "expected a digit in a number")
    }
    if at(index) == UInt8(ascii: "0"), try has(index + 1), isDigit(at(index + 1)) {
      throw error(.jsonSyntax, "a number may not start with a leading zero")
    }
    while try has(index), isDigit(at(index)) { index += 1 }
    if try has(index), at(index) == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard try has(index), isDigit(at(index)) else {
        throw error(.jsonSyntax, "expected a digit after the decimal point")
      }
      while try has(index), isDigit(at(index)) { index += 1 }
    }
    if try has(index), at(index) == UInt8(ascii: "e") || at(index) == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if try has(index), at(index) == UInt8(ascii: "+") || at(index) == UInt8(ascii: "-") { index += 1 }
      guard try has(index), isDigit(at(index)) else {
        throw error(.jsonSyntax, "expected a digit in the exponent")
      }
      while try has(index), isDigit(at(index)) { index += 1 }
    }
    let literal = bytes(start, index)
    if isInteger, let exact = parseInt64(literal) {
      return JSONNumber(double: Double(exact), exactInteger: exact)
    }
    let text = String(decoding: literal, as: UTF8.self)
    guard let value = Double(text) else { throw error(.jsonSyntax, "the number \(text) cannot be read") }
    return JSONNumber(double: value)
  }

  /// The exact value of an integer literal, or nil when it does not fit in Int64.
  func parseInt64(_ digits: UnsafeBufferPointer<UInt8>) -> Int64? {
    var index = 0
    let negative = digits.first == UInt8(ascii: "-")
    if negative { index = 1 }
    guard digits.count - index <= 19 else { return nil }
    var value: Int64 = 0
    while index < digits.count {
      let digit = Int64(digits[index] &- UInt8(ascii: "0"))
      let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (added, overflow2) =
        negative ? multiplied.subtractingReportingOverflow(digit) : multiplied.addingReportingOverflow(digit)
      if overflow1 || overflow2 { return nil }
      value = added
      index += 1
    }
    return value
  }

  mutating func parseString() throws -> String {
    let quote = index
    index += 1
    let start = index
    // Fast path: no escapes, ASCII or valid UTF-8 checked by the String initialiser.
    var hasEscape = false
    var isASCII = true
    while try has(index) {
      let byte = at(index)
      if byte == UInt8(ascii: "\"") { break }
      if byte == UInt8(ascii: "\\") {
        hasEscape = true
        index += 2
        continue
      }
      if byte < 0x20 {
        throw error(.jsonSyntax, "a control character (byte \(byte)) must be escaped inside a string")
      }
      if byte >= 0x80 { isASCII = false }
      index += 1
    }
    guard try has(index) else {
      index = quote
      throw error(.jsonSyntax, "a string is not closed before the end of the document")
    }
    let raw = bytes(start, index)
    index += 1  // closing quote
    if !hasEscape {
      if isASCII { return String(decoding: raw, as: UTF8.self) }
      guard let text = String(validating: raw, as: UTF8.self) else {
        index = start
        throw error(.encodingInvalidUTF8, "a string holds bytes that are not valid UTF-8")
      }
      return text
    }
    return try unescape(raw, startOffset: start)
  }

  mutating func unescape(_ raw: UnsafeBufferPointer<UInt8>, startOffset: Int) throws -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count)
    var position = 0
    func fail(_ message: String) -> JSONSyntaxError {
      var copy = self
      copy.index = startOffset + position
      return copy.error(.jsonSyntax, message)
    }
    while position < raw.count {
      let byte = raw[position]
      guard byte == UInt8(ascii: "\\") else {
        bytes.append(byte)
        position += 1
        continue
      }
      guard position + 1 < raw.count else { throw fail("an escape sequence is cut off") }
      let escaped = raw[position + 1]
      position += 2
      switch escaped {
      case UInt8(ascii: "\""): bytes.append(0x22)
      case UInt8(ascii: "\\"): bytes.append(0x5C)
      case UInt8(ascii: "/"): bytes.append(0x2F)
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hex4(raw, at: position) else { throw fail("\\u must be followed by four hex digits") }
        position += 4
        if (0xD800...0xDBFF).contains(scalar) {
          // A high surrogate must be followed by a low one.
          if position + 6 <= raw.count, raw[position] == UInt8(ascii: "\\"), raw[position + 1] == UInt8(ascii: "u"),
            let low = hex4(raw, at: position + 2), (0xDC00...0xDFFF).contains(low)
          {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            position += 6
          } else {
            scalar = 0xFFFD
          }
        } else if (0xDC00...0xDFFF).contains(scalar) {
          scalar = 0xFFFD
        }
        let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
      default:
        throw fail("\\\(Character(Unicode.Scalar(escaped))) is not a JSON escape sequence")
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw fail("a string holds bytes that are not valid UTF-8")
    }
    return text
  }

  func hex4(_ raw: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32? {
    guard position + 4 <= raw.count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = raw[position + offset]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value << 4 | digit
    }
    return value
  }

  // MARK: helpers

  @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  @inline(__always) mutating func skipWhitespace() throws {
    while try has(index) {
      switch at(index) {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func describe(_ offset: Int) -> String {
    guard (try? has(offset)) == true else { return "end of the document" }
    let byte = at(offset)
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    let hex = Array("0123456789ABCDEF")
    return "byte 0x\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
  }

  func error(_ code: Diagnostic.Code, _ message: String) -> JSONSyntaxError {
    let position = window.position(of: index)
    return JSONSyntaxError(
      code: code, message: message, offset: index, line: position.line, column: position.column,
      pointer: JSONPath.pointer(path))
  }
}
