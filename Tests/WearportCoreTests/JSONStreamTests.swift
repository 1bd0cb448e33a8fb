import Foundation
import Testing
import WearportTestSupport

@testable import WearportCore

/// The streaming parser against the whole-document parser: same values, findings, errors and positions, whatever
/// the chunk size (1…7 bytes puts every token across a chunk boundary).
@Suite struct JSONStreamTests {
  static let chunkSizes = [1, 2, 3, 4, 5, 6, 7, 4096]
  static let patterns: [JSONPathPattern] = ["", "/*", "/*/*"]

  /// Every JSON fixture of the repository.
  static let fixtures: [String] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures").path
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var paths: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.hasSuffix(".json") { paths.append(root + "/" + relative) }
    }
    return paths.sorted()
  }()

  /// What a parse gave, rendered so that NaN equals NaN and every field of an error counts.
  static func outcome(_ body: () throws -> JSONDocument) -> String {
    do {
      let document = try body()
      return "ok " + render(document.root) + " " + document.findings.map(render).joined(separator: ";")
    } catch let error as JSONSyntaxError {
      return "error \(error.code) \(error.message) @\(error.offset) \(error.line):\(error.column) \(error.pointer)"
    } catch {
      return "other \(error)"
    }
  }

  static func render(_ finding: JSONFinding) -> String {
    "\(finding.kind.rawValue)@\(finding.offset) \(finding.line):\(finding.column) \(finding.pointer)"
  }

  static func render(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): "\(flag)"
    case .number(let number): "n\(number.double.bitPattern)/\(number.exactInteger.map(String.init) ?? "-")"
    case .string(let text): "s\(text.debugDescription)"
    case .array(let items): "[" + items.map(render).joined(separator: ",") + "]"
    case .object(let object):
      "{" + object.entries.map { "\($0.0.debugDescription):\(render($0.1))" }.joined(separator: ",") + "}"
    }
  }

  /// The elements handed out and the skeleton, from a stream in chunks of `chunkSize`.
  static func streamed(_ bytes: [UInt8], chunkSize: Int, options: JSONParseOptions = JSONParseOptions()) -> String {
    var elements: [String] = []
    let result = outcome {
      try JSONParser.stream(MemoryByteStream(bytes), options: options, chunkSize: chunkSize, elementsOf: patterns) {
        element in
        // The element's bytes are the element: parsed alone they give the same value.
        let alone = element.withBytes { Array($0) }
        let reparsed = outcome { try JSONParser.parse(alone, options: options) }
        let value = render(element.value)
        if !reparsed.hasPrefix("ok " + value + " ") && reparsed != "ok " + value + " " {
          Issue.record("element bytes at \(element.path.pointer) do not parse to the element")
        }
        elements.append(element.path.pointer + "=" + value)
      }.document
    }
    return elements.joined(separator: "\n") + "\n" + result
  }

  /// The same from the whole-document parser, split afterwards.
  static func split(_ bytes: [UInt8], options: JSONParseOptions = JSONParseOptions()) -> String {
    var elements: [String] = []
    let result = outcome {
      let whole = try JSONParser.parse(bytes, options: options)
      return JSONParser.split(whole, elementsOf: patterns) { value, path in
        elements.append(path.pointer + "=" + render(value))
      }
    }
    // A failed parse hands out nothing from the whole-document parser; compare only the error then.
    return result.hasPrefix("error") ? result : elements.joined(separator: "\n") + "\n" + result
  }

  static func errorLine(_ text: String) -> String { String(text.split(separator: "\n").last ?? "") }

  @Test func thereAreFixtures() {
    #expect(Self.fixtures.count > 50)
  }

  @Test(arguments: fixtures)
  func fixtureStreamsAsItParses(path: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
    let expected = Self.split(bytes)
    for chunkSize in Self.chunkSizes {
      let actual = Self.streamed(bytes, chunkSize: chunkSize)
      if expected.hasPrefix("error") {
        #expect(Self.errorLine(actual) == expected, "chunk size \(chunkSize)")
      } else {
        #expect(actual == expected, "chunk size \(chunkSize)")
      }
    }
    // Nothing streamed: the same document.
    let whole = Self.outcome { try JSONParser.parse(bytes) }
    let unsplit = Self.outcome {
      try JSONParser.stream(MemoryByteStream(bytes), chunkSize: 3, elementsOf: []) { _ in }.document
    }
    #expect(unsplit == whole)
    let strict = Self.outcome { try JSONParser.parse(bytes, options: .strict) }
    let strictStreamed = Self.outcome {
      try JSONParser.stream(MemoryByteStream(bytes), options: .strict, chunkSize: 5, elementsOf: []) { _ in }.document
    }
    #expect(strictStreamed == strict)
  }

  @Test(arguments: fixtures)
  func truncatedFixtureFailsAtTheSamePlace(path: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
    let cuts = Set((0..<24).map { bytes.count * $0 / 24 })
    for cut in cuts.sorted() {
      let truncated = Array(bytes.prefix(cut))
      let expected = Self.outcome { try JSONParser.parse(truncated) }
      for chunkSize in [1, 4, 4096] {
        let actual = Self.outcome {
          try JSONParser.stream(MemoryByteStream(truncated), chunkSize: chunkSize, elementsOf: Self.patterns) { _ in }
            .document
        }
        // Streamed arrays are empty in the skeleton: compare errors fully, documents by their findings.
        if expected.hasPrefix("error") {
          #expect(actual == expected, "cut at \(cut), chunk size \(chunkSize)")
        } else {
          #expect(actual.hasPrefix("ok"), "cut at \(cut), chunk size \(chunkSize)")
        }
      }
    }
  }

  @Test func seededRandomDocumentsStreamAsTheyParse() {
    var generator = SplitMix(seed: 0x5EED_0009)
    for round in 0..<400 {
      var text = ""
      RandomJSON.value(&text, depth: 0, generator: &generator)
      if round % 3 == 0 { text = "\u{FEFF}\n " + text }
      var bytes = Array(text.utf8)
      // A quarter are broken: cut short or with a byte flipped.
      switch round % 8 {
      case 1: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
      case 5 where !bytes.isEmpty:
        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      default: break
      }
      let expected = Self.split(bytes)
      let chunkSize = Self.chunkSizes[round % Self.chunkSizes.count]
      let actual = Self.streamed(bytes, chunkSize: chunkSize)
      if expected.hasPrefix("error") {
        #expect(Self.errorLine(actual) == expected, "round \(round)")
      } else {
        #expect(actual == expected, "round \(round)")
      }
    }
  }

  @Test func deepNestingIsRefusedAtTheSameDepth() {
    let bytes = Array(String(repeating: "[", count: 300).utf8)
    let expected = Self.outcome { try JSONParser.parse(bytes) }
    #expect(expected.contains("json.too-deep"))
    #expect(Self.errorLine(Self.streamed(bytes, chunkSize: 2)) == expected)
  }

  @Test func windowStaysBoundedOnALongArray() throws {
    // 200,000 elements, 64-byte chunks: the window never holds more than a chunk and an element or two.
    var text = "[\n"
    for index in 0..<200_000 { text += #"{"t":\#(index),"v":"x"},"# + (index % 7 == 0 ? "\n" : "") }
    text += #"{"t":-1,"v":NaN}]"#
    var count = 0
    var lastLine = 0
    let result = try JSONParser.stream(MemoryByteStream(Array(text.utf8)), chunkSize: 64, elementsOf: [""]) {
      element in
      count += 1
      #expect(element.window.count <= 3 * 64)
      lastLine = element.position.line
    }
    #expect(count == 200_001)
    #expect(lastLine == 2 + 200_000 / 7 + 1)
    #expect(result.document.findings.map(\.pointer) == ["/200000/v"])
    #expect(result.document.findings.first?.line == lastLine)
  }

  @Test func patternsMatchKeysIndicesAndWildcards() {
    let pattern = JSONPathPattern("/exercises/*/samples")
    #expect(pattern.matches([.key("exercises"), .index(3), .key("samples")]))
    #expect(!pattern.matches([.key("exercises"), .index(3)]))
    #expect(!pattern.matches([.key("exercise"), .index(3), .key("samples")]))
    #expect(JSONPathPattern("").matches([]))
    #expect(JSONPathPattern("/a/2").matches([.key("a"), .index(2)]))
    #expect(!JSONPathPattern("/a/2").matches([.key("a"), .index(1)]))
  }

  @Test func skeletonPositionsFallBackToTheDeepestAncestor() throws {
    let text = "{\n  \"id\": 7,\n  \"route\": [\n    {\"a\": 1}\n  ],\n  \"tail\": {\"x\": true}\n}"
    var pointers: [String] = []
    let result = try JSONParser.stream(MemoryByteStream(Array(text.utf8)), chunkSize: 2, elementsOf: ["/route"]) {
      element in
      pointers.append(element.path.pointer)
      #expect(element.position == JSONSourcePosition(line: 4, column: 5))
    }
    #expect(pointers == ["/route/0"])
    #expect(result.position(of: "/id") == JSONSourcePosition(line: 2, column: 9))
    #expect(result.position(of: "/tail/x") == JSONSourcePosition(line: 6, column: 17))
    #expect(result.position(of: "/tail/missing") == JSONSourcePosition(line: 6, column: 11))
    #expect(result.position(of: "/route/0/a") == JSONSourcePosition(line: 3, column: 12))
    #expect(Self.render(result.document.root).contains(#""route":[]"#))
  }
}

/// Random JSON text with everything the parser tolerates: escapes, non-ASCII, NaN, trailing commas, repeated keys.
enum RandomJSON {
  static let keys = ["a", "b", "value", "dateTime", "é", "k\\\"q", "x/y~z"]

  static func value(_ text: inout String, depth: Int, generator: inout SplitMix) {
    let choice = depth > 4 ? Int.random(in: 2..<9, using: &generator) : Int.random(in: 0..<9, using: &generator)
    switch choice {
    case 0:
      text += "["
      let count = Int.random(in: 0..<5, using: &generator)
      for index in 0..<count {
        if index > 0 { text += "," }
        whitespace(&text, &generator)
        value(&text, depth: depth + 1, generator: &generator)
      }
      if count > 0, Bool.random(using: &generator) { text += ",\n" }
      text += "]"
    case 1:
      text += "{"
      let count = Int.random(in: 0..<5, using: &generator)
      for index in 0..<count {
        if index > 0 { text += "," }
        whitespace(&text, &generator)
        text += "\"" + keys.randomElement(using: &generator)! + "\" :"
        value(&text, depth: depth + 1, generator: &generator)
      }
      if count > 0, Bool.random(using: &generator) { text += " ,\t" }
      text += "}"
    case 2: text += String(Int64.random(in: -99_999_999_999...99_999_999_999, using: &generator))
    case 3: text += String(Double.random(in: -1e6...1e6, using: &generator))
    case 4:
      text += ["NaN", "Infinity", "-Infinity", "1e400", "-0", "0.5E-3", "18446744073709551616"].randomElement(
        using: &generator)!
    case 5: text += ["true", "false", "null"].randomElement(using: &generator)!
    case 6: text += #""\u00e9\ud83d\ude00\n\t\/ \"x\" \\""#
    case 7:
      text += "\"" + ["bpm", "05/18/15 05:25:00", "héllo wörld", "日本", ""].randomElement(using: &generator)! + "\""
    default: text += "\"" + String(repeating: "z", count: Int.random(in: 0..<40, using: &generator)) + "\""
    }
    whitespace(&text, &generator)
  }

  static func whitespace(_ text: inout String, _ generator: inout SplitMix) {
    text += ["", " ", "\n", "\r\n  ", "\t"].randomElement(using: &generator)!
  }
}
