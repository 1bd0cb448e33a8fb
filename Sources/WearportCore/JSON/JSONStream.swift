/// Which arrays a streaming parse hands out element by element: an RFC 6901 pointer in which a step `*` matches any
/// key or index. `""` is the root array, `/route` the array under `route`, `/exercises/*/samples` the `samples`
/// array of every exercise.
public struct JSONPathPattern: Hashable, Sendable, ExpressibleByStringLiteral {
  public enum Step: Hashable, Sendable {
    case key(String)
    case index(Int)
    case any
  }
  public let steps: [Step]

  public init(_ pointer: String) {
    steps = JSONPath.components(ofPointer: pointer).map { component in
      switch component {
      case .key("*"): .any
      case .key(let key): .key(key)
      case .index(let index): .index(index)
      }
    }
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// True when `path` is a path this pattern names.
  public func matches(_ path: [JSONPath.Component]) -> Bool {
    guard path.count == steps.count else { return false }
    for (step, component) in zip(steps, path) {
      switch (step, component) {
      case (.any, _): continue
      case (.key(let wanted), .key(let key)) where wanted == key: continue
      case (.index(let wanted), .index(let index)) where wanted == index: continue
      case (.index(let wanted), .key(let key)) where String(wanted) == key: continue
      default: return false
      }
    }
    return true
  }
}

/// A 1-based line and column (in bytes).
public struct JSONSourcePosition: Hashable, Sendable {
  public var line: Int
  public var column: Int
}

/// One element of a streamed array, parsed whole, as the handler of ``JSONParser/stream(_:options:chunkSize:elementsOf:each:)``
/// sees it. Its bytes and position are available only while the handler runs.
public struct JSONStreamElement {
  public let value: JSONValue
  /// The array's path and the element's index in it.
  public let arrayPath: JSONPath
  public let index: Int
  /// Absolute byte offsets of the element's first byte and just past its last.
  public let offset: Int
  public let endOffset: Int
  let window: JSONByteWindow

  init(value: JSONValue, arrayPath: JSONPath, index: Int, offset: Int, endOffset: Int, window: JSONByteWindow) {
    self.value = value
    self.arrayPath = arrayPath
    self.index = index
    self.offset = offset
    self.endOffset = endOffset
    self.window = window
  }

  /// The element's path: the array's path and the element's index.
  public var path: JSONPath { arrayPath.appending(index) }

  /// Where the element starts.
  public var position: JSONSourcePosition {
    let found = window.position(of: offset)
    return JSONSourcePosition(line: found.line, column: found.column)
  }

  /// The element's bytes: valid only inside the handler.
  public func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    try body(window.bytes(from: offset, to: endOffset))
  }
}

/// What a streaming parse returns: the skeleton document (every value except the streamed arrays' elements; those
/// arrays are left empty) and where the skeleton's values start.
public struct JSONStreamResult: Sendable {
  public var document: JSONDocument
  /// The start of each skeleton value by JSON pointer (the first one when a key is repeated).
  public var skeletonPositions: [String: JSONSourcePosition]

  /// The position of the value at `pointer`, or of its deepest ancestor in the skeleton (as ``JSONLocator`` finds
  /// for a missing value).
  public func position(of pointer: String) -> JSONSourcePosition? {
    var components = JSONPath.components(ofPointer: pointer)
    while true {
      if let found = skeletonPositions[JSONPath.pointer(components)] { return found }
      if components.isEmpty { return nil }
      components.removeLast()
    }
  }
}

extension JSONParser {
  /// Parses a document read from `stream` in chunks, handing each element of the arrays at `patterns` to `each` as
  /// soon as it is complete instead of keeping it. Memory holds the skeleton, one element and one chunk.
  ///
  /// It accepts, refuses and reports exactly what ``parse(_:options:)-([UInt8],_)`` does, with the same errors, line
  /// and column. Arrays inside a streamed element are not streamed themselves.
  ///
  /// - Throws: ``JSONSyntaxError`` for the document, the stream's own errors, and whatever `each` throws (the parse
  ///   stops there).
  public static func stream(
    _ stream: any ByteStream, options: JSONParseOptions = JSONParseOptions(), chunkSize: Int = 1 << 16,
    elementsOf patterns: [JSONPathPattern], each: (JSONStreamElement) throws -> Void
  ) throws -> JSONStreamResult {
    try self.stream(stream, options: options, chunkSize: chunkSize, elementsOf: patterns, fast: nil, each: each)
  }

  /// ``stream(_:options:chunkSize:elementsOf:each:)`` that first offers each element's bytes to `fast` (see
  /// ``JSONFastScanner``): `fast` gets where the element is and its bytes up to 512 past its start (fewer at the end
  /// of the document), and returns how many it read and handled, or nil to have the element parsed and handed to
  /// `each` as usual.
  static func stream(
    _ stream: any ByteStream, options: JSONParseOptions, chunkSize: Int, elementsOf patterns: [JSONPathPattern],
    fast: JSONFastElementHandler?, each: (JSONStreamElement) throws -> Void
  ) throws -> JSONStreamResult {
    try withoutActuallyEscaping(each) { handler in
      let window = JSONByteWindow(stream: stream, chunkSize: chunkSize)
      var spec = JSONStreamSpec(patterns: patterns, handler: handler)
      spec.fast = fast
      var parser = Parser(window: window, options: options, stream: spec)
      let document = try parser.parseDocument()
      return JSONStreamResult(document: document, skeletonPositions: parser.skeletonPositions)
    }
  }

  /// What ``stream(_:options:chunkSize:elementsOf:each:)`` would hand out and return, taken from a document already
  /// parsed whole: the elements of the arrays at `patterns` in document order, and the document with those arrays
  /// emptied.
  public static func split(
    _ document: JSONDocument, elementsOf patterns: [JSONPathPattern], each: (JSONValue, JSONPath) throws -> Void
  ) rethrows -> JSONDocument {
    var components: [JSONPath.Component] = []
    func walk(_ value: JSONValue) throws -> JSONValue {
      switch value {
      case .array(let items):
        if patterns.contains(where: { $0.matches(components) }) {
          let arrayPath = JSONPath.from(components)
          for (index, item) in items.enumerated() { try each(item, arrayPath.appending(index)) }
          return .array([])
        }
        var walked: [JSONValue] = []
        walked.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
          components.append(.index(index))
          walked.append(try walk(item))
          components.removeLast()
        }
        return .array(walked)
      case .object(let object):
        var values: [JSONValue] = []
        values.reserveCapacity(object.count)
        for (key, item) in object.entries {
          components.append(.key(key))
          values.append(try walk(item))
          components.removeLast()
        }
        return .object(JSONObject(keys: object.keys, values: values))
      default:
        return value
      }
    }
    return JSONDocument(root: try walk(document.root), findings: document.findings)
  }
}

extension JSONPath {
  /// The path of `components` from the root.
  static func from(_ components: [Component]) -> JSONPath {
    components.reduce(JSONPath.root) { path, component in
      switch component {
      case .key(let key): path.appending(key)
      case .index(let index): path.appending(index)
      }
    }
  }
}
