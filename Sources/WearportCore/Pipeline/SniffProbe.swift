/// What a reader may look at to recognise a document: its name, path and first bytes.
public struct SniffProbe: Sendable {
  /// The base name: `training-session-2026-02-22-….json`.
  public let name: String
  /// The path inside the container: `polar-user-data-export/training-session-….json`.
  public let logicalPath: String
  /// The first bytes (up to ``prefixLength``), without a UTF-8 byte-order mark or leading white space.
  public let prefix: [UInt8]
  /// True when ``prefix`` holds the whole document.
  public let isComplete: Bool

  public static let prefixLength = 64 * 1024

  public init(name: String, logicalPath: String, prefix raw: [UInt8], isComplete: Bool) {
    self.name = name
    self.logicalPath = logicalPath
    var start = 0
    if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
    while start < raw.count, raw[start] == 0x20 || raw[start] == 0x0A || raw[start] == 0x0D || raw[start] == 0x09 {
      start += 1
    }
    self.prefix = Array(raw[start...])
    self.isComplete = isComplete
    self.jsonShape = JSONPrefixScanner.scan(self.prefix)
  }

  /// The probe of a document.
  public init(_ document: InputDocument) throws {
    let bytes = try document.prefix(SniffProbe.prefixLength)
    self.init(
      name: document.name, logicalPath: document.logicalPath, prefix: bytes,
      isComplete: bytes.count < SniffProbe.prefixLength)
  }

  /// The first significant byte: `{`, `[`, `<` …
  public var firstByte: UInt8? { prefix.first }
  public var looksLikeJSON: Bool { firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") }
  public var looksLikeXML: Bool { firstByte == UInt8(ascii: "<") }

  /// The keys of the root object (or of the first object in a root array) seen in the prefix.
  public let jsonShape: JSONPrefixShape

  /// True when every key is among the top-level keys.
  public func hasKeys(_ keys: String...) -> Bool { keys.allSatisfy(jsonShape.keys.contains) }
  /// How many of the keys are among the top-level keys.
  public func countKeys(_ keys: [String]) -> Int { keys.filter(jsonShape.keys.contains).count }
  /// True when the prefix contains the bytes of `text` anywhere.
  public func contains(_ text: String) -> Bool {
    let needle = Array(text.utf8)
    guard !needle.isEmpty, needle.count <= prefix.count else { return false }
    let first = needle[0]
    var index = 0
    let last = prefix.count - needle.count
    while index <= last {
      if prefix[index] == first {
        var matched = true
        for offset in 1..<needle.count where prefix[index + offset] != needle[offset] {
          matched = false
          break
        }
        if matched { return true }
      }
      index += 1
    }
    return false
  }
}
