/// Finds where a JSON pointer's value starts in a document, for diagnostics (the failure path only).
///
/// It skims the bytes without building values, tolerating what ``JSONParser`` tolerates. Object keys are matched
/// exactly; an array step may be written as a number. The result is nil when the pointer does not lead anywhere
/// (the value is missing): then the position of the deepest existing parent is returned by ``locate(_:in:)``.
public enum JSONLocator {
  /// 1-based line and column of the value at `pointer`, or of its deepest existing ancestor.
  public static func locate(_ pointer: String, in bytes: [UInt8]) -> (line: Int, column: Int)? {
    bytes.withUnsafeBufferPointer { locate(pointer, in: $0) }
  }

  /// 1-based line and column of the value at `pointer` in `buffer`, or of its deepest existing ancestor.
  public static func locate(_ pointer: String, in buffer: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
    var scanner = Skimmer(buffer: buffer)
    guard let offset = scanner.find(JSONPath.components(ofPointer: pointer)) else { return nil }
    return lineAndColumn(of: offset, in: buffer)
  }

  /// The location of a pointer inside a document, with line and column filled in when they can be found.
  public static func location(of pointer: String, in bytes: [UInt8], base: SourceLocation) -> SourceLocation {
    let position = locate(pointer, in: bytes)
    var location = base.at(pointer: pointer, line: position?.line, column: position?.column)
    if let baseLine = base.line, let line = position?.line {
      // A JSON Lines document: the line is the file's line, the column the column in that line.
      location.line = baseLine + line - 1
    }
    return location
  }
}

private struct Skimmer {
  let buffer: UnsafeBufferPointer<UInt8>
  var index = 0

  mutating func find(_ components: [JSONPath.Component]) -> Int? {
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
    skipWhitespace()
    guard index < buffer.count else { return nil }
    var lastFound = index
    for component in components {
      guard index < buffer.count else { return lastFound }
      switch buffer[index] {
      case UInt8(ascii: "{"):
        let wanted: String
        switch component {
        case .key(let key): wanted = key
        case .index(let number): wanted = String(number)
        }
        guard seekKey(wanted) else { return lastFound }
      case UInt8(ascii: "["):
        guard case .index(let number) = component, seekIndex(number) else { return lastFound }
      default:
        return lastFound
      }
      lastFound = index
    }
    return lastFound
  }

  /// With `index` at `{`, moves to the value of `key`; false if the object has no such key.
  mutating func seekKey(_ key: String) -> Bool {
    let wanted = Array(key.utf8)
    index += 1
    while true {
      skipWhitespace()
      guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return false }
      let keyStart = index + 1
      skipString()
      let keyEnd = index - 1
      skipWhitespace()
      guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return false }
      index += 1
      skipWhitespace()
      if keyEnd >= keyStart, keyEnd - keyStart == wanted.count,
        wanted.withUnsafeBufferPointer({ memcmpEqual($0, UnsafeBufferPointer(rebasing: buffer[keyStart..<keyEnd])) })
      {
        return true
      }
      skipValue()
      skipWhitespace()
      guard index < buffer.count, buffer[index] == UInt8(ascii: ",") else { return false }
      index += 1
    }
  }

  /// With `index` at `[`, moves to element `number`; false if the array is shorter.
  mutating func seekIndex(_ number: Int) -> Bool {
    index += 1
    var current = 0
    while true {
      skipWhitespace()
      guard index < buffer.count, buffer[index] != UInt8(ascii: "]") else { return false }
      if current == number { return true }
      skipValue()
      skipWhitespace()
      guard index < buffer.count, buffer[index] == UInt8(ascii: ",") else { return false }
      index += 1
      current += 1
    }
  }

  func memcmpEqual(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for offset in 0..<lhs.count where lhs[offset] != rhs[offset] { return false }
    return true
  }

  mutating func skipString() {
    index += 1
    while index < buffer.count {
      if buffer[index] == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if buffer[index] == UInt8(ascii: "\"") {
        index += 1
        return
      }
      index += 1
    }
  }

  /// Skips one value of any kind, counting nesting without recursion.
  mutating func skipValue() {
    var depth = 0
    while index < buffer.count {
      let byte = buffer[index]
      switch byte {
      case UInt8(ascii: "\""):
        skipString()
        if depth == 0 { return }
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if depth == 0 { return }
        depth -= 1
        if depth == 0 {
          index += 1
          return
        }
      case UInt8(ascii: ","):
        if depth == 0 { return }
      default:
        break
      }
      index += 1
    }
  }

  mutating func skipWhitespace() {
    while index < buffer.count {
      switch buffer[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }
}
