import Testing

@testable import WearportCore

@Suite struct JSONParserTests {
  @Test func parsesValuesInDocumentOrder() throws {
    let document = try JSONParser.parse(#"{"b": 1, "a": [true, null, -2.5e1, "x\u00e9\n"], "c": {}}"#)
    guard case .object(let root) = document.root else {
      Issue.record("not an object")
      return
    }
    #expect(root.keys == ["b", "a", "c"])
    #expect(root["b"] == .number(JSONNumber(double: 1, exactInteger: 1)))
    #expect(root["a"] == .array([.bool(true), .null, .number(JSONNumber(double: -25)), .string("xé\n")]))
    #expect(root["c"] == .object(JSONObject()))
    #expect(document.findings.isEmpty)
  }

  @Test func keepsLargeIntegersExact() throws {
    let document = try JSONParser.parse("[9675733775, 9223372036854775807, 18446744073709551615]")
    guard case .array(let items) = document.root else { return }
    #expect(items[0] == .number(JSONNumber(double: 9_675_733_775, exactInteger: 9_675_733_775)))
    #expect(items[1] == .number(JSONNumber(double: 9.223372036854775807e18, exactInteger: Int64.max)))
    // 2^64 - 1 does not fit in Int64: the double remains, without an exact integer.
    if case .number(let number) = items[2] { #expect(number.exactInteger == nil) }
  }

  @Test func toleratesBOMAndLeadingWhitespaceAndReportsThem() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\n  {\"a\": 1}".utf8)
    let document = try JSONParser.parse(bytes)
    #expect(document.findings.map(\.kind) == [.byteOrderMark, .leadingWhitespace])
  }

  @Test func acceptsNaNTokensAndReportsTheirPointer() throws {
    let document = try JSONParser.parse(#"{"values": [1, NaN, -Infinity]}"#)
    #expect(document.findings.map(\.kind) == [.nonFiniteNumber, .nonFiniteNumber])
    #expect(document.findings.map(\.pointer) == ["/values/1", "/values/2"])
  }

  @Test func strictRefusesNaNAndTrailingCommas() {
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[NaN]", options: .strict) }
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[1,]", options: .strict) }
    #expect((try? JSONParser.parse("[1,]"))?.findings.map(\.kind) == [.trailingComma])
  }

  @Test func reportsDuplicateKeys() throws {
    let document = try JSONParser.parse(#"{"a": {"x": 1, "x": 2}}"#)
    #expect(document.findings.map(\.kind) == [.duplicateKey])
    #expect(document.findings.first?.pointer == "/a/x")
  }

  @Test func syntaxErrorHasLineColumnAndPointer() {
    // A missing comma on line 3: the error points at the key that follows.
    let text = "{\n  \"id\": \"x\",\n  \"start_time\": \"2026-02-27T00:42:39\"\n  \"duration\": \"PT1M\"\n}"
    do {
      _ = try JSONParser.parse(text)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .jsonSyntax)
      #expect(error.line == 4)
      #expect(error.column == 3)
      #expect(error.pointer == "")
      #expect(error.message == "unexpected '\"', expected ',' or '}' after a value in an object")
    }
  }

  @Test func errorInsideNestedValueNamesItsPointer() {
    do {
      _ = try JSONParser.parse("{\"samples\": [{\"data\": tru}]}")
      Issue.record("expected an error")
    } catch {
      #expect(error.pointer == "/samples/0/data")
      #expect(error.line == 1)
      #expect(error.column == 23)
    }
  }

  @Test(arguments: [
    ("", "the document is empty"),
    ("   ", "the document holds only white space"),
    ("{\"a\": 1} x", "unexpected 'x' after the end of the document"),
    ("[01]", "a number may not start with a leading zero"),
    ("\"abc", "a string is not closed before the end of the document"),
    ("[1.]", "expected a digit after the decimal point"),
    ("{\"a\" 1}", "expected ':' after the key \"a\""),
    ("\"\\x\"", "\\x is not a JSON escape sequence"),
  ])
  func rejectsMalformedInput(text: String, message: String) {
    do {
      _ = try JSONParser.parse(text)
      Issue.record("expected an error for \(text)")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func refusesDeepNestingWithoutCrashing() {
    let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
    do {
      _ = try JSONParser.parse(deep)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .jsonTooDeep)
    }
  }

  @Test func refusesInvalidUTF8InStrings() {
    let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF, 0xFE] + Array("\"]".utf8)
    do {
      _ = try JSONParser.parse(bytes)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .encodingInvalidUTF8)
    }
  }

  @Test func decodesSurrogatePairs() throws {
    let document = try JSONParser.parse(#"["\ud83c\udfc3"]"#)
    #expect(document.root == .array([.string("🏃")]))
  }

  @Test func hugeExponentIsInfiniteAndRejectedByTypedAccess() throws {
    let document = try JSONParser.parse("{\"x\": 1e400}")
    let node = JSONNode(document.root)
    #expect(throws: Diagnostic.self) { try node.required("x").double() }
  }
}

@Suite struct JSONLocatorTests {
  let text = """
    {
      "id": "hX7k2Qp",
      "samples": [
        {"sample_type": 0, "data": "90,91"},
        {"sample_type": "x", "data": 5}
      ]
    }
    """

  @Test func locatesPointerLineAndColumn() {
    let bytes = Array(text.utf8)
    #expect(JSONLocator.locate("/samples/1/data", in: bytes)! == (5, 34))
    #expect(JSONLocator.locate("/id", in: bytes)! == (2, 9))
    #expect(JSONLocator.locate("", in: bytes)! == (1, 1))
  }

  @Test func missingKeyPointsAtItsParent() {
    let bytes = Array(text.utf8)
    #expect(JSONLocator.locate("/samples/0/recording_rate", in: bytes)! == (4, 5))
  }

  @Test func typeErrorFromNodeGetsPointerAndPosition() throws {
    let bytes = Array(text.utf8)
    let root = JSONNode(try JSONParser.parse(bytes).root)
    do {
      _ = try root.required("samples").array()[1].required("data").string()
      Issue.record("expected a type error")
    } catch let diagnostic as Diagnostic {
      #expect(diagnostic.code == .jsonTypeMismatch)
      #expect(diagnostic.location?.jsonPointer == "/samples/1/data")
      let location = JSONLocator.location(
        of: "/samples/1/data", in: bytes, base: SourceLocation(path: "a.zip", member: "x/ex.json"))
      let rendered = diagnostic.located(location).description
      #expect(
        rendered
          == "a.zip!/x/ex.json:5:34: error: expected a string, found a number at /samples/1/data [json.type-mismatch]")
    }
  }

  @Test func pointerEscapingRoundTrips() {
    let path = JSONPath.root.appending("a/b").appending("m~n").appending(3)
    #expect(path.pointer == "/a~1b/m~0n/3")
    #expect(JSONPath.components(ofPointer: path.pointer) == [.key("a/b"), .key("m~n"), .index(3)])
  }
}

@Suite struct JSONPrefixScannerTests {
  @Test func collectsTopLevelKeysOnly() {
    let shape = JSONPrefixScanner.scan(Array(#"{"a": {"inner": 1}, "b": [{"c": 2}], "d": "e:f"}"#.utf8))
    #expect(shape.root == .object)
    #expect(shape.keys == ["a", "b", "d"])
  }

  @Test func readsFirstObjectOfArrayAndSurvivesTruncation() {
    let shape = JSONPrefixScanner.scan(Array(#"[{"id": "x", "start_time": "2026-0"#.utf8))
    #expect(shape.root == .array)
    #expect(shape.arrayOfObjects)
    #expect(shape.keys == ["id", "start_time"])
  }
}

@Suite struct DuplicateKeyTests {
  @Test func theLastOfTwoKeysIsUsedAsOtherJSONReadersDo() throws {
    let root = JSONNode(try JSONParser.parse(#"{"sport": "RUNNING", "sport": "CYCLING"}"#).root)
    #expect(try root.required("sport").string() == "CYCLING")
  }
}
