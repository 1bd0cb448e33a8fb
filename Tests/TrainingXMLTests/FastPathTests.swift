import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import TrainingXML

/// The fast paths behind the GPX reader and the TCX writer give exactly what the general paths give: numbers parsed
/// from bytes, numbers written as bytes, and the SAX push reader's events against libxml2's tree reader.
@Suite struct FastPathTests {
  /// The general path: `Double(String)` on the trimmed text, as the reader always did.
  static func referenceNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .init(charactersIn: " \n\r\t"))
    guard !trimmed.isEmpty, trimmed.utf8.count < 64 else { return nil }
    for byte in trimmed.utf8 {
      guard (byte >= 48 && byte <= 57) || byte == 43 || byte == 45 || byte == 46 || byte == 101 || byte == 69 else {
        return nil
      }
    }
    guard let value = Double(trimmed), value.isFinite else { return nil }
    return value
  }

  @Test func plainDecimalsParseToTheSameDoubleAsStrtod() {
    var generator = SplitMix(seed: 20_260_301)
    var texts = [
      "0", "-0", "+5", "120.0", "60.2198208", "-25.1392726", "0.1", "0.3", "1.", ".5", "-.5", "-", "+", ".", "1-2",
      "1.2.3", "999999999999999", "9999999999999999", "0.000000000000001", "123456789.012345", " 42 ", "\n7.5\t",
      "1e3", "2E-2", "00012.5000", "abc", "", "   ", "1,5", "0x10", "nan", "inf", "12345678901234567890",
    ]
    for _ in 0..<20_000 {
      let integerDigits = Int.random(in: 0...9, using: &generator)
      let fractionDigits = Int.random(in: 0...9, using: &generator)
      var text = Bool.random(using: &generator) ? "-" : ""
      for _ in 0..<integerDigits { text += String(Int.random(in: 0...9, using: &generator)) }
      if fractionDigits > 0 || Bool.random(using: &generator) { text += "." }
      for _ in 0..<fractionDigits { text += String(Int.random(in: 0...9, using: &generator)) }
      texts.append(text)
    }
    for text in texts {
      let fast = XMLValues.number(Array(text.utf8))
      let reference = FastPathTests.referenceNumber(text)
      #expect(
        fast?.bitPattern == reference?.bitPattern,
        "\(text): \(String(describing: fast)) vs \(String(describing: reference))")
    }
    #expect(XMLValues.number(Array("60.2198208".utf8)) == 60.2198208)
    #expect(XMLValues.number(Array("-0".utf8))?.sign == .minus)
  }

  /// The writer's number text as it was computed before it wrote bytes (strings and `String(Int)`).
  static func referenceFixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "0" }
    func pow10(_ places: Int) -> Double {
      var result = 1.0
      for _ in 0..<places { result *= 10 }
      return result
    }
    var places = decimals
    while places > 0, abs(value) * pow10(places) >= 9.0e15 { places -= 1 }
    let scale = pow10(places)
    let scaled = (value * scale).rounded()
    guard abs(scaled) < 9.2e18 else { return String(Int64(value.rounded())) }
    var integer = Int64(scaled)
    let negative = integer < 0
    integer = abs(integer)
    let divisor = Int64(scale)
    let whole = integer / divisor
    var fraction = integer % divisor
    var text = negative && integer != 0 ? "-" : ""
    text += String(whole)
    if fraction != 0 {
      var digits = places
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let fractionText = String(fraction)
      text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
    return text
  }

  @Test func fixedNumbersAreWrittenAsBefore() {
    var generator = SplitMix(seed: 20_260_301)
    var values: [Double] = [
      0, -0.0, 1, -1, 0.5, -0.0000000001, 60.2198208, 25.1392726, 120.3, 1e15, -1e15, 9.0e15, 1.5e18, -9.1e18,
      .nan, .infinity, -.infinity, 0.000000001, 0.0000000004, 0.0000000005, 123456.789012345, 4.35,
    ]
    for _ in 0..<20_000 {
      let magnitude = Double.random(in: -6...7, using: &generator)
      let value = pow(10, magnitude) * (Bool.random(using: &generator) ? -1 : 1)
      values.append(value)
      values.append((value * 1000).rounded() / 1000)
    }
    for value in values {
      for decimals in [3, 6, 9] {
        #expect(XMLNumber.fixed(value, decimals: decimals) == FastPathTests.referenceFixed(value, decimals: decimals))
      }
    }
    // Beyond Int64 the writer used to trap; now the exact integer digits, no exponent, reading back the same double.
    for huge in [1e300, -9.3e18, 9.3e18, -Double.greatestFiniteMagnitude] {
      let text = XMLNumber.fixed(huge)
      #expect(!text.contains("e") && !text.contains("."), "\(text)")
      #expect(Double(text) == huge)
    }
    #expect(XMLNumber.fixed(-9.3e18) == "-9300000000000000000")
    #expect(XMLNumber.fixed(1e300).count == 301)
    for integer in [0, 7, -7, 109, 255, 65535, Int(Int32.max), -1_234_567_890] {
      var bytes: [UInt8] = []
      XMLNumber.appendInteger(Int64(integer), to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == String(integer))
    }
  }

  /// Everything a pull pass sees, one line per node.
  static func transcript(_ source: some XMLPullSource, skipping skipped: Set<String> = []) throws -> [String] {
    var lines: [String] = []
    var pendingText = ""
    while let kind = try source.advance() {
      switch kind {
      case .elementStart:
        let name = source.name(forKey: source.localNameKey)
        var attributes: [String] = []
        source.forEachAttribute { attribute, value in
          attributes.append("\(String(cString: attribute))=\(String(cString: value))")
          return true
        }
        let empty = source.isEmptyElement ? "/" : ""
        lines.append("start \(name)\(empty) [\(attributes.joined(separator: " "))] line \(source.currentLine)")
        if let first = attributes.first?.split(separator: "=").first {
          let value = source.attribute(String(first))
          lines.append("  attribute \(first) = \(value ?? "nil")")
        }
        if skipped.contains(name) { source.skipSubtree() }
      case .elementEnd:
        lines.append("end \(source.name(forKey: source.localNameKey)) line \(source.currentLine)")
      case .text:
        // Consecutive text events are one text to a consumer (the push reader splits a long text at its chunks).
        var text: [UInt8] = []
        source.appendValue(to: &text)
        var value = String(decoding: text, as: UTF8.self)
        if let last = lines.last, last.hasPrefix("text ") {
          value = pendingText + value
          lines.removeLast()
        }
        pendingText = value
        lines.append("text \(value.debugDescription)")
      case .other:
        break  // comments and the like: the push reader does not report them
      }
    }
    return lines
  }

  /// The first place two transcripts differ, for a readable failure.
  static func firstDifference(_ a: [String], _ b: [String]) -> String {
    let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    let aPart = a[max(0, index - 2)..<min(a.count, index + 3)].map { String($0.prefix(200)) }
    let bPart = b[max(0, index - 2)..<min(b.count, index + 3)].map { String($0.prefix(200)) }
    return "at \(index) of \(a.count)/\(b.count): \(aPart) vs \(bPart)"
  }

  static func bothReaders(_ xml: String, skipping: Set<String> = []) throws -> (push: [String], tree: [String]) {
    let location = SourceLocation(path: "test.xml")
    let push = try XMLPushReader(stream: MemoryByteStream(Array(xml.utf8)), location: location)
    let tree = try XMLStreamReader(stream: MemoryByteStream(Array(xml.utf8)), location: location)
    return (try transcript(push, skipping: skipping), try transcript(tree, skipping: skipping))
  }

  static let documents: [String] = [
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="x &amp; y" xmlns="http://www.topografix.com/GPX/1/1" \
    xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
      <trk>
        <name>  Morning &lt;run&gt; &#233;  </name>
        <trkseg>
          <trkpt lat="60.1" lon="25.2">
            <ele>12.5</ele>
            <time>2026-03-01T06:00:00Z</time>
            <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>109</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>
          </trkpt>
          <trkpt lat="60.2" lon="25.3"/>
          <trkpt lat="60.3" lon="25.4"></trkpt>
        </trkseg>
      </trk>
    </gpx>
    """,
    // Mixed content, comments, CDATA, blanks as only content, xml:space, processing instructions.
    """
    <root a="1" b='two'>
      <a>text <b/> tail</a>
      <c>   </c>
      <d><!-- note -->  <e/>  </d>
      <f><![CDATA[ <raw> ]]></f>
      <g xml:space="preserve">  <h/>  </g>
      <?pi data?>
      <i>x<j/>  <k/>y</i>
      <l>&#32;<m/></l>
    </root>
    """,
    // Namespaces and prefixes; a default namespace as an attribute named xmlns.
    """
    <p:a xmlns:p="urn:p" xmlns="urn:d" p:x="1" y="2"><b p:z="3"/><p:c>4</p:c></p:a>
    """,
    "\u{FEFF}\n\n  <?xml version=\"1.0\"?>\n<a>\n<b>1</b>\n</a>\n",
    "<!DOCTYPE gpx>\n<gpx><wpt lat=\"1\" lon=\"2\"><name>w</name><ele>3</ele></wpt><trk/></gpx>",
  ]

  @Test(arguments: FastPathTests.documents)
  func pushReaderSeesWhatTheTreeReaderSees(_ xml: String) throws {
    let (push, tree) = try FastPathTests.bothReaders(xml)
    #expect(push == tree)
    let (pushSkipping, treeSkipping) = try FastPathTests.bothReaders(xml, skipping: ["wpt", "trkseg", "d", "b"])
    #expect(pushSkipping == treeSkipping)
  }

  /// Documents larger than the push reader's 64 KiB chunks: events, text and skipped subtrees across chunk
  /// boundaries, CRLF line ends, a long text node, and a Latin-1 document.
  @Test func pushReaderAgreesAcrossChunkBoundaries() throws {
    var gpx = "<?xml version=\"1.0\"?>\r\n<gpx creator=\"a&amp;b\">\r\n"
    gpx += "<wpt lat=\"1\" lon=\"2\">" + String(repeating: "<name>w &lt; x</name>\r\n", count: 4000) + "</wpt>\r\n"
    gpx += "<trk><name>" + String(repeating: "long name ", count: 20000) + "</name>"
    let spaces = String(repeating: " ", count: 70000)
    gpx += "<desc>" + spaces + "x" + spaces + "</desc><cmt>" + spaces + spaces + "</cmt><trkseg>\r\n"
    for index in 0..<3000 {
      gpx += "  <trkpt lat=\"60.\(index)\" lon=\"25.\(index)\">\r\n    <ele>\(index).5</ele>\r\n"
      gpx += "    <time>2026-03-01T06:\(index % 60):00Z</time><extensions><hr>\(100 + index % 50)</hr></extensions>\r\n"
      gpx += "  </trkpt>\r\n"
    }
    gpx += "</trkseg></trk></gpx>\r\n"
    let (push, tree) = try FastPathTests.bothReaders(gpx)
    #expect(push.count > 30_000)
    #expect(push == tree, "\(FastPathTests.firstDifference(push, tree))")
    let (pushSkipping, treeSkipping) = try FastPathTests.bothReaders(gpx, skipping: ["wpt", "trkpt"])
    #expect(pushSkipping == treeSkipping, "\(FastPathTests.firstDifference(pushSkipping, treeSkipping))")

    var latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a n=\"".utf8)
    latin1 += [0xE9, 0x74, 0xE9]  // "été"
    latin1 += Array("\"><b>".utf8) + [0xC5] + Array("land</b></a>".utf8)
    let location = SourceLocation(path: "latin1.xml")
    let pushLatin = try FastPathTests.transcript(XMLPushReader(stream: MemoryByteStream(latin1), location: location))
    let treeLatin = try FastPathTests.transcript(XMLStreamReader(stream: MemoryByteStream(latin1), location: location))
    #expect(pushLatin == treeLatin)
    #expect(pushLatin.contains("text \"Åland\""))
  }

  @Test func pushReaderLinesCountFromTheOriginalDocument() throws {
    let (push, _) = try FastPathTests.bothReaders("\u{FEFF}\n\n  <?xml version=\"1.0\"?>\n<a>\n<b>1</b>\n</a>\n")
    #expect(push.first == "start a [] line 4")
    #expect(push.contains("start b [] line 5"))
    #expect(push.last == "end a line 4")
  }

  static let broken: [String] = [
    // A prefix no declaration binds (found by fuzzing): refused at the same place by both.
    "<a xmlns:q=\"urn:q\"><q:c/><p:b>3</p:b></a>",
    "<a xmlns:q=\"urn:q\"><b p:x=\"1\" q:y=\"2\">3</b></a>",
    "<a><b></a>",
    "<a>\n<b>\n</b>\n",
    "<a>&undefined;</a>",
    "<a><p:b/></a>",
    "<a x=\"1\" x=\"2\"/>",
    "<a>\n</a>\n<b/>",
  ]

  @Test(arguments: FastPathTests.broken)
  func pushReaderRefusesWhatTheTreeReaderRefuses(_ xml: String) throws {
    let location = SourceLocation(path: "bad.xml")
    func failure(_ source: some XMLPullSource) -> Diagnostic? {
      do {
        while try source.advance() != nil {}
        return nil
      } catch let diagnostic as Diagnostic {
        return diagnostic
      } catch {
        return nil
      }
    }
    let push = failure(try XMLPushReader(stream: MemoryByteStream(Array(xml.utf8)), location: location))
    let tree = failure(try XMLStreamReader(stream: MemoryByteStream(Array(xml.utf8)), location: location))
    let pushFailure = try #require(push)
    let treeFailure = try #require(tree)
    #expect(pushFailure.code == .xmlSyntax)
    #expect(pushFailure.message == treeFailure.message)
    #expect(pushFailure.location?.line == treeFailure.location?.line)
  }

  /// Every GPX and TCX file at hand (the shared corpus when present, every fixture): both
  /// readers see the same nodes, or refuse the file with the same message at the same line.
  @Test func pushReaderAgreesWithTheTreeReaderOnEveryFile() throws {
    var paths: [String] = []
    if let corpus = corpusPath("gpx_tcx") { paths += files(under: corpus) }
    paths += files(under: fixturePath(""))
    paths = paths.filter { $0.hasSuffix(".gpx") || $0.hasSuffix(".tcx") }
    #expect(paths.count >= 10)
    let location = SourceLocation(path: "file")
    func outcome(_ make: () throws -> any XMLPullSource) -> [String] {
      do {
        return try FastPathTests.transcript(try make(), skipping: ["wpt", "rte"])
      } catch let diagnostic as Diagnostic {
        return ["refused \(diagnostic.code) line \(diagnostic.location?.line ?? 0): \(diagnostic.message)"]
      } catch {
        return ["failed \(error)"]
      }
    }
    for path in paths {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
      let push = outcome { try XMLPushReader(stream: MemoryByteStream(bytes), location: location) }
      let tree = outcome { try XMLStreamReader(stream: MemoryByteStream(bytes), location: location) }
      #expect(push == tree, "\(path)")
    }
  }

  @Test func pushReaderRefusesEntityDeclarationsBeforeParsing() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ENTITY x \"y\">\n]>\n<a>&x;</a>"
    #expect(throws: Diagnostic.self) {
      _ = try XMLPushReader(stream: MemoryByteStream(Array(xml.utf8)), location: SourceLocation(path: "e.xml"))
    }
  }
}

/// Inputs the fuzzer found (Fixtures/bad/fuzz/), read by `convert` (the push reader) and by `validate` (the tree reader).
@Suite struct XMLFuzzRegressionTests {
  static func exercises(_ path: String, conformance: Bool) throws -> [Exercise] {
    var options = ReadOptions()
    options.checkConformance = conformance
    return try read([path], with: [GPXReader()], options: options).records.compactMap {
      if case .exercise(let exercise) = $0 { exercise } else { nil }
    }
  }

  /// A corrupted namespace declaration leaves `gpxtpx:` unbound: both readers name those elements `gpxtpx:hr` and
  /// read no heart rate from them, where the push reader alone used to find 102 bpm.
  @Test func anUnboundPrefixReadsAlikeInBothReaders() throws {
    let path = fixturePath("bad/fuzz/gpx-undeclared-prefix.gpx")
    let push = try Self.exercises(path, conformance: false)
    let tree = try Self.exercises(path, conformance: true)
    #expect(push == tree)
    let exercise = try #require(push.first)
    #expect(exercise.averageHeartRateBPM == nil)
    #expect(exercise.start.instant == utc("2026-02-26T15:42:41.026Z"))
  }
}
