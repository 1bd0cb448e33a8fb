/// A parsed JSON value. Objects keep their keys in document order (Polar's hypnogram is ordered only by it).
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// A short name of the value's type for messages: "a string", "an object".
  public var typeDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number(let number): number.isNonFinite ? "a non-finite number" : "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A JSON number: the nearest `Double`, and the exact integer when the literal was an integer that fits in 64 bits.
public struct JSONNumber: Hashable, Sendable {
  public var double: Double
  /// The exact value of an integer literal (no fraction, no exponent) that fits in `Int64`.
  public var exactInteger: Int64?
  public init(double: Double, exactInteger: Int64? = nil) {
    self.double = double
    self.exactInteger = exactInteger
  }
  public var isNonFinite: Bool { !double.isFinite }
}

/// A JSON object with keys in document order. Lookups are linear: JSON objects in these formats are small.
public struct JSONObject: Hashable, Sendable {
  public var keys: [String]
  public var values: [JSONValue]
  public init(keys: [String] = [], values: [JSONValue] = []) {
    self.keys = keys
    self.values = values
  }
  public var count: Int { keys.count }
  /// The value of `key`; when a key appears twice (not valid JSON, but seen), the last one, as JavaScript and
  /// Python read it.
  public subscript(key: String) -> JSONValue? {
    guard let index = keys.lastIndex(of: key) else { return nil }
    return values[index]
  }
  public var entries: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }
}

extension JSONValue {
  /// The same value with every object key rewritten (Polar: `recording-rate` → `recording_rate`).
  public func mappingKeys(_ transform: (String) -> String) -> JSONValue {
    switch self {
    case .array(let items): return .array(items.map { $0.mappingKeys(transform) })
    case .object(let object):
      return .object(
        JSONObject(keys: object.keys.map(transform), values: object.values.map { $0.mappingKeys(transform) }))
    default: return self
    }
  }
}
