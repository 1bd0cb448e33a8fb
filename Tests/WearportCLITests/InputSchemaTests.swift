import Foundation
import Testing
import Wearport
import WearportTestSupport

/// The JSON Schemas of `schemas/input/` against what the tool accepts, through
/// `scripts/oracles/check_input_schemas.py` (Python `jsonschema`, draft 2020-12): one Python process per root.
///
/// In CI (`CI` set, as `.ci/run` and `scripts/test` run) a missing python3 or jsonschema is a failure, never a silent
/// skip; elsewhere the checks return early.
@Suite struct InputSchemaTests {
  static let script = repositoryRoot + "/scripts/oracles/check_input_schemas.py"
  static let schemaFolder = repositoryRoot + "/schemas/input"

  struct Run {
    var status: Int32
    var output: String
  }

  /// Runs the checker; nil when python3 or its modules are missing outside CI.
  static func check(_ arguments: [String]) throws -> Run? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "--wearport", CLI.executable] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    do {
      try process.run()
    } catch {
      try requireOracle("python3 cannot be started: \(error)")
      return nil
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let run = Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    // Exit 2: setup (jsonschema missing, wearport not built); 127: no python3.
    if run.status == 2 || run.status == 127 {
      try requireOracle(run.output)
      return nil
    }
    return run
  }

  /// Fails in CI, returns (so the caller skips) elsewhere.
  static func requireOracle(_ message: String) throws {
    if ProcessInfo.processInfo.environment["CI"] != nil {
      throw Failure(message: "the input-schema oracle cannot run (scripts/setup --oracles): \(message)")
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// The number after `label` in the summary, e.g. `accepted documents: 125`.
  static func count(_ label: String, in output: String) -> Int? {
    guard let range = output.range(of: label) else { return nil }
    let digits = output[range.upperBound...].prefix { $0.isNumber }
    return Int(digits)
  }

  /// A copy of `schemas/input` in a temporary folder, for checks that must fail.
  static func schemaCopy() throws -> String {
    let folder = NSTemporaryDirectory() + "wearport-input-schemas-\(UUID().uuidString)"
    try FileManager.default.copyItem(atPath: schemaFolder, toPath: folder)
    return folder
  }

  @Test func everyAcceptedFixtureValidates() throws {
    guard let run = try Self.check([repositoryRoot + "/Fixtures"]) else { return }
    #expect(run.status == 0, "\(run.output)")
    #expect(!run.output.contains("FAIL "), "\(run.output)")
    #expect((Self.count("accepted documents: ", in: run.output) ?? 0) >= 100, "\(run.output)")
    #expect(Self.count(", failed ", in: run.output) == 0, "\(run.output)")
    // The built-in wrong documents and the wrong-shape fixtures all failed their schema.
    #expect((Self.count("failed as expected: ", in: run.output) ?? 0) >= 18, "\(run.output)")
    #expect(run.output.contains("(0 invalid)"), "\(run.output)")
  }

  @Test func everyAcceptedCorpusFileValidates() throws {
    guard let corpus = corpusPath("") else { return }
    guard let run = try Self.check(["--no-controls", corpus]) else { return }
    #expect(run.status == 0, "\(run.output)")
    #expect((Self.count("accepted documents: ", in: run.output) ?? 0) >= 50, "\(run.output)")
    #expect(Self.count(", failed ", in: run.output) == 0, "\(run.output)")
  }

  /// Every JSON format the tool registers has its schema; every schema names a registered format (or is common).
  @Test func oneSchemaPerJSONFormat() throws {
    let formats = Set(Formats.readers.readers.map(\.info.id).filter { !$0.hasPrefix("xml.") })
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder)
    let schemas = Set(files.filter { $0.hasSuffix(".schema.json") }.map { String($0.dropLast(".schema.json".count)) })
    #expect(formats.subtracting(schemas).isEmpty, "formats without a schema: \(formats.subtracting(schemas).sorted())")
    #expect(
      schemas.subtracting(formats) == ["common"], "schemas of no format: \(schemas.subtracting(formats).sorted())")
  }

  /// The check fails, naming the format, when a format the tool accepted has no schema.
  @Test func aMissingSchemaFails() throws {
    let folder = try Self.schemaCopy()
    try FileManager.default.removeItem(atPath: folder + "/polar.accesslink.sleep.schema.json")
    guard
      let run = try Self.check([
        "--schemas", folder, "--no-controls", fixturePath("polar/accesslink/sleep-new-york.json"),
      ])
    else { return }
    #expect(run.status == 1)
    #expect(run.output.contains("NO-SCHEMA polar.accesslink.sleep"), "\(run.output)")
  }

  /// A schema stricter than the tool fails on the accepted file, with the file and the JSON pointer of the error.
  @Test func aStricterSchemaFailsWithPointer() throws {
    let folder = try Self.schemaCopy()
    let path = folder + "/polar.accesslink.exercise.schema.json"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    // Heart-rate zones of the Tokyo run must now have an index below 2 (the fixture has 0…4).
    let zone = "\"index\": {"
    let range = try #require(text.range(of: zone))
    text.replaceSubrange(range, with: "\"index\": {\"maximum\": 1, ")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let fixture = fixturePath("polar/accesslink/exercise-tokyo-run.json")
    guard let run = try Self.check(["--schemas", folder, "--no-controls", fixture]) else { return }
    #expect(run.status == 1)
    #expect(
      run.output.contains("FAIL \(fixture) polar.accesslink.exercise /heart_rate_zones/2/index:"), "\(run.output)")
  }

  /// A schema that is not valid draft 2020-12 is reported and fails the check.
  @Test func anInvalidSchemaFails() throws {
    let folder = try Self.schemaCopy()
    try #"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": 5}"#.write(
      toFile: folder + "/fitbit.api.profile.schema.json", atomically: true, encoding: .utf8)
    guard
      let run = try Self.check(["--schemas", folder, "--no-controls", fixturePath("fitbit/api/us/profile.json")])
    else { return }
    #expect(run.status == 1)
    #expect(run.output.contains("SCHEMA fitbit.api.profile.schema.json"), "\(run.output)")
  }
}
