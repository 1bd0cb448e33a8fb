/// A JSON value together with its path, with typed accessors whose errors name the JSON pointer.
///
/// Errors thrown here carry a location holding only the pointer; the reader context that knows the document fills
/// in the file, member, line and column (``ReadContext/locate(_:)``).
public struct JSONNode: Sendable {
  public let value: JSONValue
  public let path: JSONPath

  public init(_ value: JSONValue, path: JSONPath = .root) {
    self.value = value
    self.path = path
  }

  public var pointer: String { path.pointer }
  public var isNull: Bool { if case .null = value { true } else { false } }

  /// The member `key`, or nil when it is absent. A present `null` is returned as a node.
  public subscript(key: String) -> JSONNode? {
    guard case .object(let object) = value, let child = object[key] else { return nil }
    return JSONNode(child, path: path.appending(key))
  }

  /// The member `key`, or nil when it is absent or `null`.
  public func optional(_ key: String) -> JSONNode? {
    guard let child = self[key], !child.isNull else { return nil }
    return child
  }

  /// The first of several spellings of a key that is present and not null.
  public func optional(_ keys: String...) -> JSONNode? {
    for key in keys { if let child = optional(key) { return child } }
    return nil
  }

  /// The member `key`.
  ///
  /// - Throws: `json.missing-key` when it is absent or null.
  public func required(_ key: String) throws -> JSONNode {
    guard let child = optional(key) else {
      throw Diagnostic.error(
        .jsonMissingKey, "the required key \"\(key)\" is missing", at: relative(path.appending(key)))
    }
    return child
  }

  public var keys: [String] {
    if case .object(let object) = value { object.keys } else { [] }
  }

  public func string() throws -> String {
    guard case .string(let text) = value else { throw mismatch("a string") }
    return text
  }

  /// An integer: a JSON integer, or a number with no fraction (`1600.0`).
  ///
  /// - Throws: `json.type-mismatch`, or `json.invalid-value` for a fraction or a value out of range.
  public func int() throws -> Int64 {
    guard case .number(let number) = value else { throw mismatch("an integer") }
    return try integer(from: number)
  }

  /// An integer given as a number or as a string of digits (`"1781"`, as Fitbit series and some Polar ids do).
  public func intOrString() throws -> Int64 {
    switch value {
    case .number(let number): return try integer(from: number)
    case .string(let text):
      guard let parsed = Int64(text.trimmingWhitespace) else {
        throw invalid("expected an integer, found the string \"\(text)\"")
      }
      return parsed
    default: throw mismatch("an integer")
    }
  }

  /// A finite number.
  ///
  /// - Throws: `json.type-mismatch`, or `json.invalid-value` for NaN or infinity.
  public func double() throws -> Double {
    guard case .number(let number) = value else { throw mismatch("a number") }
    guard number.double.isFinite else {
      throw invalid("expected a finite number, found NaN, infinity or a number too large for a 64-bit float")
    }
    return number.double
  }

  /// A finite number given as a number or as a numeric string (`"73.1"`).
  public func doubleOrString() throws -> Double {
    switch value {
    case .number: return try double()
    case .string(let text):
      guard let parsed = Double(text.trimmingWhitespace), parsed.isFinite else {
        throw invalid("expected a number, found the string \"\(text)\"")
      }
      return parsed
    default: throw mismatch("a number")
    }
  }

  public func bool() throws -> Bool {
    guard case .bool(let flag) = value else { throw mismatch("a boolean") }
    return flag
  }

  public func array() throws -> [JSONNode] {
    guard case .array(let items) = value else { throw mismatch("an array") }
    return items.enumerated().map { JSONNode($0.element, path: path.appending($0.offset)) }
  }

  public func object() throws -> JSONObject {
    guard case .object(let object) = value else { throw mismatch("an object") }
    return object
  }

  /// The members of an object as nodes, in document order.
  public func members() throws -> [(key: String, node: JSONNode)] {
    let object = try object()
    return object.entries.map { ($0.0, JSONNode($0.1, path: path.appending($0.0))) }
  }

  // MARK: errors

  public func mismatch(_ expected: String) -> Diagnostic {
    .error(.jsonTypeMismatch, "expected \(expected), found \(value.typeDescription)", at: relative(path))
  }

  /// A `json.invalid-value` error at this node.
  public func invalid(_ message: String, code: Diagnostic.Code = .jsonInvalidValue) -> Diagnostic {
    .error(code, message, at: relative(path))
  }

  /// A diagnostic of any code and severity at this node.
  public func diagnostic(_ code: Diagnostic.Code, _ severity: Diagnostic.Severity, _ message: String) -> Diagnostic {
    Diagnostic(code, severity, message, at: relative(path))
  }

  private func integer(from number: JSONNumber) throws -> Int64 {
    if let exact = number.exactInteger { return exact }
    let double = number.double
    guard double.isFinite, double.rounded() == double else {
      throw invalid("expected an integer, found a number with a fraction")
    }
    guard double >= -9.2e18, double <= 9.2e18 else { throw invalid("the integer is out of range") }
    return Int64(double)
  }

  private func relative(_ path: JSONPath) -> SourceLocation { SourceLocation(path: "", jsonPointer: path.pointer) }
}

extension String {
  var trimmingWhitespace: Substring {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return slice
  }
}
