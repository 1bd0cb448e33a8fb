/// The outline of a JSON document seen in its first bytes, for sniffing.
public struct JSONPrefixShape: Hashable, Sendable {
  public enum Root: Sendable, Hashable { case object, array, other }
  public var root: Root
  /// Keys of the root object, or of the first object element of a root array (for `[{…}, …]`).
  public var keys: Set<String>
  /// For a root array: whether its first element is an object.
  public var arrayOfObjects: Bool
}

/// Collects the top-level keys of a (possibly truncated) JSON prefix without building values.
public enum JSONPrefixScanner {
  public static func scan(_ bytes: [UInt8]) -> JSONPrefixShape {
    var shape = JSONPrefixShape(root: .other, keys: [], arrayOfObjects: false)
    guard let first = bytes.first else { return shape }
    var index = 0
    var objectDepth: Int
    if first == UInt8(ascii: "{") {
      shape.root = .object
      objectDepth = 1
    } else if first == UInt8(ascii: "[") {
      shape.root = .array
      index = 1
      while index < bytes.count, isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return shape }
      shape.arrayOfObjects = true
      objectDepth = 2
    } else {
      return shape
    }
    // Walk, tracking depth; a string directly inside the target object followed by ':' is a key.
    var depth = shape.root == .array ? 1 : 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        index += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        index += 1
        if depth < objectDepth { return shape }
      case UInt8(ascii: "\""):
        let start = index + 1
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < bytes.count else { return shape }
        let end = index
        index += 1
        if depth == objectDepth {
          var look = index
          while look < bytes.count, isSpace(bytes[look]) { look += 1 }
          if look < bytes.count, bytes[look] == UInt8(ascii: ":") {
            shape.keys.insert(String(decoding: bytes[start..<end], as: UTF8.self))
          }
        }
      default:
        index += 1
      }
    }
    return shape
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
