import WearportCore

/// The legacy Fitbit notification body: `<updates><updatedResource><collectionType>…</collectionType>…
/// </updatedResource>…</updates>`.
///
/// A tiny tokenizer, safe by construction: it never loads a DTD or expands an entity other than the five predefined
/// ones and numeric references, refuses a `<!DOCTYPE` outright, and is bounded by the document's length.
enum FitbitUpdatesXML {
  struct Resource {
    var fields: [String: String] = [:]
    /// 1-based line of `<updatedResource>`.
    var line: Int
  }

  struct Failure: Error {
    var message: String
    var line: Int
  }

  /// The resources of an `<updates>` document.
  ///
  /// - Throws: ``Failure`` when the document is not well formed or not an `<updates>` document.
  static func parse(_ bytes: [UInt8]) throws(Failure) -> [Resource] {
    var index = 0
    var line = 1
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    var stack: [String] = []
    var resources: [Resource] = []
    var current: Resource?
    var text: [UInt8] = []
    var sawRoot = false

    func fail(_ message: String) -> Failure { Failure(message: message, line: line) }

    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\n") { line += 1 }
      guard byte == UInt8(ascii: "<") else {
        if stack.count == 3 { text.append(byte) }
        index += 1
        continue
      }
      // A markup item: find its end.
      guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { throw fail("a tag is not closed") }
      let inner = Array(bytes[(index + 1)..<end])
      for byte in inner where byte == UInt8(ascii: "\n") { line += 1 }
      index = end + 1
      guard let first = inner.first else { throw fail("an empty tag") }
      if first == UInt8(ascii: "?") { continue }  // the XML declaration or a processing instruction
      if first == UInt8(ascii: "!") {
        if inner.starts(with: Array("!--".utf8)) {
          // A comment may contain '>': find its real end.
          if !inner.reversed().starts(with: Array("--".utf8)) {
            guard let close = find(Array("-->".utf8), in: bytes, from: index) else {
              throw fail("a comment is not closed")
            }
            for byte in bytes[index..<close] where byte == UInt8(ascii: "\n") { line += 1 }
            index = close + 3
          }
          continue
        }
        throw fail("document type declarations and CDATA sections are not accepted in a notification")
      }
      var closing = false
      var nameBytes = inner[...]
      if first == UInt8(ascii: "/") {
        closing = true
        nameBytes = nameBytes.dropFirst()
      }
      let selfClosing = nameBytes.last == UInt8(ascii: "/")
      if selfClosing { nameBytes = nameBytes.dropLast() }
      let name = String(decoding: nameBytes.prefix { !isSpace($0) }, as: UTF8.self)
      let local = name.split(separator: ":").last.map(String.init) ?? name
      if closing {
        guard stack.last == local else { throw fail("</\(local)> does not close <\(stack.last ?? "")>") }
        if stack.count == 3, current != nil {
          current?.fields[local] = try decodeText(text, line: line)
        }
        if stack.count == 2, let done = current {
          resources.append(done)
          current = nil
        }
        stack.removeLast()
        text = []
        continue
      }
      if selfClosing {
        if stack.count == 2, current != nil { current?.fields[local] = "" }
        continue
      }
      switch stack.count {
      case 0:
        guard local == "updates", !sawRoot else { throw fail("the root element is <\(local)>, not <updates>") }
        sawRoot = true
      case 1:
        guard local == "updatedResource" else { throw fail("<\(local)> inside <updates>") }
        current = Resource(line: line)
      case 2: text = []
      default: break
      }
      stack.append(local)
    }
    guard sawRoot else { throw fail("no <updates> element") }
    guard stack.isEmpty else { throw fail("<\(stack.last ?? "")> is not closed") }
    return resources
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard needle.count <= bytes.count else { return nil }
    var index = start
    while index + needle.count <= bytes.count {
      if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }

  /// Text content with the predefined entities and numeric character references decoded, trimmed.
  private static func decodeText(_ raw: [UInt8], line: Int) throws(Failure) -> String {
    var out: [UInt8] = []
    var index = 0
    while index < raw.count {
      let byte = raw[index]
      guard byte == UInt8(ascii: "&") else {
        out.append(byte)
        index += 1
        continue
      }
      guard let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")), semicolon - index <= 10 else {
        throw Failure(message: "a bare '&' in text", line: line)
      }
      let entity = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
      switch entity {
      case "amp": out.append(UInt8(ascii: "&"))
      case "lt": out.append(UInt8(ascii: "<"))
      case "gt": out.append(UInt8(ascii: ">"))
      case "quot": out.append(UInt8(ascii: "\""))
      case "apos": out.append(UInt8(ascii: "'"))
      default:
        var scalar: UInt32?
        if entity.hasPrefix("#x") {
          scalar = UInt32(entity.dropFirst(2), radix: 16)
        } else if entity.hasPrefix("#") {
          scalar = UInt32(entity.dropFirst())
        }
        guard let scalar, let character = Unicode.Scalar(scalar) else {
          throw Failure(message: "the entity &\(entity); is not accepted", line: line)
        }
        out += Array(String(Character(character)).utf8)
      }
      index = semicolon + 1
    }
    let text = String(decoding: out, as: UTF8.self)
    return String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
