import Foundation
import Testing
import Wearport
import WearportTestSupport

/// `schemas/` is generated from the table definitions; this fails when the committed files fall behind the code.
/// Regenerate with `swift run wearport schema --write schemas`.
@Suite struct SchemaFilesTests {
  @Test func committedSchemasMatchTheCode() throws {
    let generated = SchemaGenerator.files()
    for (name, content) in generated {
      let path = repositoryRoot + "/schemas/" + name
      let committed = try? String(contentsOfFile: path, encoding: .utf8)
      #expect(committed == content, "schemas/\(name) differs from the code: run `wearport schema --write schemas`")
    }
    // schemas/input/ holds the hand-written JSON Schemas of the accepted inputs (InputSchemaTests checks them), and
    // validate-report.schema.json the hand-written schema of `validate --format json` (ValidateReportTests).
    let onDisk = Set(
      files(under: repositoryRoot + "/schemas").map { String($0.dropFirst(repositoryRoot.count + 9)) }
        .filter { !$0.hasPrefix("input/") && $0 != "validate-report.schema.json" })
    #expect(onDisk == Set(generated.map(\.0)), "schemas/ holds files the code does not generate")
  }

  @Test func sqlSchemaLoadsIntoSQLite() throws {
    let database = NSTemporaryDirectory() + "wearport-schema-\(UUID().uuidString).sqlite"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    input.fileHandleForWriting.write(Data(SchemaGenerator.sqlDDL().utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(message)")
    #expect(message.isEmpty)
  }
}
