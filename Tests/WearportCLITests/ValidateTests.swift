import Foundation
import Testing
import Wearport
import WearportCore
import WearportTestSupport

/// Issue 8: `wearport validate` for CI: --expect, --timezone/--units, --explain and the code catalogue, fixtures that
/// validate clean, and reports that independent parsers accept.
@Suite(.serialized) struct ValidateTests {
  let tokyo = "Fixtures/polar/accesslink/exercise-tokyo-run.json"
  let intraday = "Fixtures/fitbit/api/intraday-distance-2026-03-14.json"

  static func report(_ result: CLI.Result) throws -> JSONNode {
    JSONNode(try JSONParser.parse(result.stdout, options: .strict).root)
  }

  /// The diagnostics of the document at `path` in a JSON report.
  static func diagnostics(_ report: JSONNode, path: String) throws -> [(code: String, message: String)] {
    try report.required("diagnostics").array().filter { try $0.required("path").string() == path }.map {
      (try $0.required("code").string(), try $0.required("message").string())
    }
  }

  @Test func expectReadsTheFormatAndRefusesOthersNamingWhatTheyAre() throws {
    let result = try CLI.run(["validate", tokyo, intraday, "--expect", "polar.accesslink.exercise", "--format", "json"])
    #expect(result.status == 65)
    let report = try ValidateTests.report(result)
    let documents = try report.required("documents").array()
    #expect(try documents.map { try $0.required("status").string() } == ["converted", "failed"])
    #expect(try documents[0].required("records").int() == 1)
    #expect(try documents[1].required("errors").int() == 1)
    let findings = try ValidateTests.diagnostics(report, path: intraday)
    #expect(findings.map(\.code) == ["input.unexpected-format"])
    #expect(
      findings.first?.message
        == "expected polar.accesslink.exercise but the document was recognised as fitbit.api.intraday "
        + "(Fitbit Web API intraday time series)")
    #expect(try ValidateTests.diagnostics(report, path: tokyo).isEmpty)

    // A prefix names a family: both are read with their own prefix, and the other is refused.
    #expect(try CLI.run(["validate", tokyo, "--expect", "polar"]).status == 0)
    #expect(try CLI.run(["validate", intraday, "--expect", "fitbit.api", "--units", "metric"]).status == 0)
    let fitbit = try CLI.run(["validate", tokyo, "--expect", "fitbit"])
    #expect(fitbit.status == 65)
    #expect(fitbit.stdout.contains("\(tokyo): error: expected fitbit but the document was recognised as "))
    #expect(fitbit.stdout.contains("[input.unexpected-format]"))
  }

  @Test func expectRefusesDocumentsNoReaderRecognisesEvenInsideAFolder() throws {
    let folder = try CLI.temporaryDirectory()
    try FileManager.default.copyItem(
      atPath: fixturePath("polar/accesslink/exercise-tokyo-run.json"), toPath: folder + "/a.json")
    try "{\"nothing\": \"known\"}\n".write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
    // Without --expect the stray file is a skipped note; with it, an error.
    #expect(try CLI.run(["validate", folder]).status == 0)
    let result = try CLI.run(["validate", folder, "--expect", "polar.accesslink.exercise"])
    #expect(result.status == 65)
    #expect(
      result.stdout.contains(
        "\(folder)/b.json: error: expected polar.accesslink.exercise but no reader recognises the document "
          + "[input.unexpected-format]"))
    #expect(result.stdout.hasSuffix("2 documents checked: 1 error, 0 warnings\n"))
  }

  @Test func unknownExpectIsAUsageErrorListingTheValidIDs() throws {
    let result = try CLI.run(["validate", tokyo, "--expect", "polar.accesslink.exercises"])
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown format 'polar.accesslink.exercises' for --expect"))
    for id in ["polar.accesslink.exercise", "fitbit.export", "xml.tcx", "webhook.polar.payload"] {
      #expect(result.stderr.contains("\n  \(id)\n"), "\(id) is not listed")
    }
  }

  @Test func timezoneAndUnitsApplyAsInConvert() throws {
    let bare = try CLI.run(["validate", intraday])
    #expect(bare.status == 0)
    #expect(bare.stdout.contains("[time.offset-unknown]"))
    #expect(bare.stdout.contains("[fitbit.units.assumed]"))
    // Both warnings count under --strict.
    #expect(try CLI.run(["validate", intraday, "--strict"]).status == 65)
    let given = try CLI.run(["validate", intraday, "--timezone", "Asia/Tokyo", "--units", "metric", "--strict"])
    #expect(given.status == 0)
    #expect(given.stdout == "1 document checked: 0 errors, 0 warnings\n")
    #expect(try CLI.run(["validate", intraday, "--timezone", "Mars/Olympus_Mons"]).status == 64)
    #expect(try CLI.run(["validate", intraday, "--units", "imperial"]).status == 64)
  }

  @Test func helpDocumentsTheOptionsAndExitCodes() throws {
    let help = try CLI.run(["validate", "--help"])
    #expect(help.status == 0)
    for text in [
      "--timezone", "--units", "--expect", "--explain", "--list-codes", "--strict", "--xsd-dir",
      "schemas/validate-report.schema.json", "65  some document has an error",
    ] {
      #expect(help.stdout.contains(text), "validate --help does not mention \(text)")
    }
  }

  @Test func explainPrintsTheMeaningAndWhatToDo() throws {
    let result = try CLI.run(["validate", "--explain", "consistency.heart-rate.average"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("consistency.heart-rate.average (usually warning)\n\n"))
    #expect(result.stdout.contains("heart_rate.average"))
    #expect(result.stdout.contains("\nWhat to do: "))
    // Every catalogued code explains itself the same way.
    let codes = Formats.codes.entries
    for entry in codes where entry.code.rawValue.hasPrefix("json.") {
      let explained = try CLI.run(["validate", "--explain", entry.code.rawValue])
      #expect(explained.stdout == CodeCatalog.render(entry))
    }
  }

  @Test func unknownCodeIsAUsageErrorWithCloseMatches() throws {
    let result = try CLI.run(["validate", "--explain", "json.trailing-coma"])
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains("unknown diagnostic code 'json.trailing-coma'; did you mean:\n  json.trailing-comma\n"))
    let family = try CLI.run(["validate", "--explain", "plausibility"])
    #expect(family.status == 64)
    #expect(family.stderr.contains("  plausibility.heart-rate\n"))
    #expect(try CLI.run(["validate", "--explain", "zzzzzz.qqqq"]).stderr.contains("did you mean") == false)
  }

  @Test func listCodesPrintsEveryCodeOnce() throws {
    let listed = try CLI.run(["validate", "--list-codes"])
    #expect(listed.status == 0)
    let codes = listed.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
    #expect(codes == Formats.codes.entries.map(\.code.rawValue))
    #expect(codes.contains("input.unexpected-format"))
    #expect(codes.contains("polar.sample.length-mismatch"))
    #expect(try CLI.run(["validate", "--explain", "all"]).stdout == listed.stdout)
    let json = JSONNode(
      try JSONParser.parse(try CLI.run(["validate", "--list-codes", "--format", "json"]).stdout).root)
    #expect(try json.array().count == codes.count)
  }

  /// Every code declared anywhere in Sources (`static let name: Self = "code"` in an extension of Diagnostic.Code)
  /// has an explanation, and every explanation is of a declared code: a new code without one fails here.
  @Test func everyDeclaredCodeIsExplained() throws {
    var declared: [String: String] = [:]
    let pattern = try NSRegularExpression(
      pattern: #"static\s+(?:let|var)\s+\w+\s*:\s*(?:Self|Diagnostic\.Code)\s*=\s*"([^"]+)""#)
    for file in files(under: repositoryRoot + "/Sources", withExtension: "swift") {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      let range = NSRange(text.startIndex..., in: text)
      for match in pattern.matches(in: text, range: range) {
        if let code = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) {
          declared[code] = String(file.dropFirst(repositoryRoot.count + 1))
        }
      }
    }
    #expect(declared.count > 100, "the scan found too few codes: \(declared.count)")
    let catalogue = Formats.codes
    for (code, file) in declared.sorted(by: { $0.key < $1.key }) {
      #expect(
        catalogue.explanation(for: Diagnostic.Code(code)) != nil,
        "\(code) (declared in \(file)) has no explanation: add one to its module's code list")
    }
    for entry in catalogue.entries {
      #expect(declared[entry.code.rawValue] != nil, "\(entry.code) is explained but declared nowhere")
      #expect(entry.meaning.count > 20 && entry.action.count > 5, "\(entry.code) needs a meaning and an action")
      #expect(entry.summary.hasSuffix(".") || entry.summary == entry.meaning)
    }
    #expect(catalogue.duplicates.isEmpty, "explained twice: \(catalogue.duplicates)")
  }

  /// Every fixture meant to be valid validates without errors, and no consistency or date check fires on one; the
  /// invalid ones (pinned in ValidateGoldenTests) are exactly the documents with errors. Fixtures/bad and
  /// Fixtures/validate hold invalid fixtures only.
  @Test(arguments: [
    "Fixtures/polar", "Fixtures/fitbit/api", "Fixtures/fitbit/export", "Fixtures/webhooks", "Fixtures/tabular",
    "Fixtures/xml",
  ])
  func validFixturesValidateClean(_ folder: String) throws {
    let knownInvalid: Set<String> = [
      "Fixtures/polar/transactions/v3/users/21/exercise-transactions/34/exercises/77/samples/0",
      "Fixtures/xml/billion-laughs.tcx", "Fixtures/xml/extensions-anywhere.gpx",
      "Fixtures/xml/lenient-bom-whitespace.tcx", "Fixtures/xml/malformed.gpx", "Fixtures/xml/parameter-entity.gpx",
      "Fixtures/xml/xxe.gpx",
    ]
    let result = try CLI.run(["validate", folder, "--format", "json"])
    let report = try ValidateTests.report(result)
    var failing: Set<String> = []
    for diagnostic in try report.required("diagnostics").array() {
      let code = try diagnostic.required("code").string()
      let path = (try? diagnostic.required("path").string()) ?? ""
      if try diagnostic.required("severity").string() == "error" { failing.insert(path) }
      let newCheck = code.hasPrefix("consistency.") || code == "time.implausible-date"
      #expect(!newCheck || knownInvalid.contains(path), "\(path): \(code) fires on a valid fixture")
    }
    #expect(failing == knownInvalid.filter { $0.hasPrefix(folder + "/") }, "\(result.stdout.prefix(2000))")
    #expect(result.status == (failing.isEmpty ? 0 : 65))
  }

  /// The JSON report of valid and invalid inputs validates against schemas/validate-report.schema.json, and the JUnit
  /// report is read by junitparser and by xml.etree with the documented structure, with counts matching the JSON.
  @Test func reportsAreAcceptedByIndependentParsers() throws {
    guard let oracle = try ValidateOracle.available() else { return }
    let directory = try CLI.temporaryDirectory()
    let runs: [(String, [String])] = [
      ("valid", [tokyo, "Fixtures/polar/accesslink/sleep-new-york.json"]),
      ("invalid", ["Fixtures/bad", "Fixtures/fitbit/bad", "Fixtures/validate", "Fixtures/xml"]),
      ("missing", [tokyo, "Fixtures/does-not-exist.json"]),
      ("expect", [tokyo, intraday, "--expect", "fitbit", "--strict"]),
    ]
    var jsonFiles: [String] = []
    var junitFiles: [String] = []
    var expected: [String: (status: Int32, documents: Int, failed: Int)] = [:]
    for (name, arguments) in runs {
      let json = try CLI.run(["validate"] + arguments + ["--format", "json"])
      let junit = try CLI.run(["validate"] + arguments + ["--format", "junit"])
      #expect(json.status == junit.status)
      try json.stdout.write(toFile: "\(directory)/\(name).json", atomically: true, encoding: .utf8)
      try junit.stdout.write(toFile: "\(directory)/\(name).xml", atomically: true, encoding: .utf8)
      jsonFiles.append("\(directory)/\(name).json")
      junitFiles.append("\(directory)/\(name).xml")
      let report = try ValidateTests.report(json)
      let documents = try report.required("documents").array()
      let failed = try documents.filter {
        try $0.required("errors").int() > 0 || ["failed", "unreadable"].contains(try $0.required("status").string())
      }.count
      expected["\(directory)/\(name).xml"] = (json.status, documents.count, failed)
    }
    #expect(expected["\(directory)/valid.xml"]?.status == 0)
    #expect(expected["\(directory)/invalid.xml"]?.status == 65)
    #expect(expected["\(directory)/missing.xml"]?.status == 66)
    #expect(expected["\(directory)/expect.xml"]?.status == 65)

    let checked = try oracle.check(json: jsonFiles, junit: junitFiles)
    for file in jsonFiles {
      let errors = try checked.required("schema_errors").required(file).array().map { try $0.string() }
      #expect(errors.isEmpty, "\(file): \(errors)")
    }
    for file in junitFiles {
      let junit = try checked.required("junit").required(file)
      #expect(try junit.required("problems").array().isEmpty, "\(file): \(junit)")
      let want = try #require(expected[file])
      #expect(try junit.required("tests").int() == want.documents)
      #expect(try junit.required("failures").int() == want.failed)
      if let parsed = junit.optional("junitparser") {
        #expect(try parsed.required("suites").int() == 1)
        #expect(try parsed.required("tests").int() == want.documents)
        #expect(try parsed.required("failures").int() == want.failed)
        #expect(
          try parsed.required("cases").array().filter { try $0.required("failures").int() > 0 }.count == want.failed)
      }
    }
    #expect(try checked.required("junitparser").bool() || !ValidateOracle.required, "junitparser is missing")
  }
}

/// Issue 8 acceptance on ../shared/corpus/: the GPX/TCX files its SOURCES.md marks schema-INVALID (xmllint against
/// shared/xsd) get located `xml.schema-invalid` errors and the valid ones none; the non-strict JSON files get their
/// located findings. Skipped when the corpus is absent.
@Suite(.serialized) struct ValidateCorpusTests {
  @Test func schemaInvalidGPXAndTCXAreReportedAndValidOnesPassTheSchema() throws {
    guard let folder = corpusPath("gpx_tcx") else { return }
    let xsd = (folder as NSString).deletingLastPathComponent.replacingOccurrences(of: "/corpus", with: "/xsd")
    var verdicts: [String: Bool] = [:]
    for row in try String(contentsOfFile: folder + "/SOURCES.md", encoding: .utf8).split(separator: "\n") {
      let cells = row.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count > 3, cells[1].hasSuffix(".gpx") || cells[1].hasSuffix(".tcx") else { continue }
      verdicts[cells[1]] = !cells[cells.count - 2].contains("INVALID")
    }
    #expect(verdicts.count >= 20)
    let report = try ValidateTests.report(try CLI.run(["validate", folder, "--xsd-dir", xsd, "--format", "json"]))
    var schemaErrors: [String: [Int]] = [:]
    for diagnostic in try report.required("diagnostics").array()
    where try diagnostic.required("code").string() == "xml.schema-invalid"
      && diagnostic.required("severity").string() == "error"
    {
      let name = (try diagnostic.required("path").string() as NSString).lastPathComponent
      schemaErrors[name, default: []].append(Int(try diagnostic.required("line").int()))
    }
    for (name, valid) in verdicts.sorted(by: { $0.key < $1.key }) {
      if valid {
        #expect(schemaErrors[name] == nil, "\(name) is valid against the XSD but was reported")
      } else {
        #expect(schemaErrors[name]?.allSatisfy { $0 >= 1 } == true, "\(name) is schema-invalid but was not reported")
      }
    }
  }

  @Test func nonStrictJSONIsReportedWithLineAndColumn() throws {
    guard let folder = corpusPath("fitbit") else { return }
    let result = try CLI.run(["validate", folder])
    let lines = result.stdout.split(separator: "\n")
    // Fitbit.NET's samples are saved with a UTF-8 byte-order mark; one notification has a trailing comma.
    #expect(
      lines.filter {
        $0.hasSuffix(":1:1: warning: the document starts with a UTF-8 byte-order mark [json.byte-order-mark]")
      }.count >= 20)
    #expect(
      lines.contains {
        $0.hasSuffix(
          "webhook/Fitbit.NET/ApiSubscriptionNotification.json:8:17: warning: a comma before a closing bracket is not "
            + "JSON at /0 [json.trailing-comma]")
      })
    // A document that is not JSON at all is an error located at its first bad byte.
    #expect(
      lines.contains { $0.contains("api/Fitbit.NET/GetSleepOld.json:13:35: error: ") && $0.hasSuffix("[json.syntax]") })
  }
}

/// `scripts/oracles/validate_report_check.py` (jsonschema, junitparser). In CI (`CI` set) a missing oracle fails the
/// test; elsewhere the test is skipped with a note.
struct ValidateOracle {
  static let required = ProcessInfo.processInfo.environment["CI"] != nil

  /// The oracle, or nil (outside CI) when python3 or jsonschema is missing.
  static func available() throws -> ValidateOracle? {
    let probe = try? Tool.run(["python3", "-c", "import jsonschema, junitparser"])
    if probe?.status == 0 { return ValidateOracle() }
    let jsonschemaOnly = try? Tool.run(["python3", "-c", "import jsonschema"])
    if jsonschemaOnly?.status == 0, !required { return ValidateOracle() }
    if required {
      throw Diagnostic.error("test.oracle", "jsonschema or junitparser is missing (scripts/setup --oracles)")
    }
    return nil
  }

  func check(json: [String], junit: [String]) throws -> JSONNode {
    let result = try Tool.run(
      ["python3", "scripts/oracles/validate_report_check.py", "schemas/validate-report.schema.json", "--json"] + json
        + ["--junit"] + junit)
    guard result.status == 0 else {
      throw Diagnostic.error("test.oracle", "validate_report_check.py failed: \(result.stderr)")
    }
    return JSONNode(try JSONParser.parse(result.stdout).root)
  }
}
