import Testing

@testable import WearportCore

@Suite struct DiagnosticTests {
  @Test func rendersCompilerStyle() {
    let diagnostic = Diagnostic.error(
      .jsonTypeMismatch, "expected an integer",
      at: SourceLocation(
        path: "export.zip", member: "training-session-1.json", jsonPointer: "/exercises/0/samples/2/value",
        line: 12, column: 11))
    #expect(
      diagnostic.description
        == "export.zip!/training-session-1.json:12:11: error: expected an integer at /exercises/0/samples/2/value "
        + "[json.type-mismatch]")
  }

  @Test func rendersWithoutLocationAndWithCause() {
    let diagnostic = Diagnostic.warning("x.y", "something", cause: "No such file")
    #expect(diagnostic.description == "warning: something [x.y] (No such file)")
  }

  @Test func codesMatchByPrefix() {
    let code: Diagnostic.Code = "polar.sample.length-mismatch"
    switch code {
    case "fitbit": Issue.record("wrong family")
    case "polar.sample": break
    default: Issue.record("no match")
    }
    #expect(!("polar.sam" ~= code))
  }

  @Test func severityOrder() {
    #expect(Diagnostic.Severity.note < .warning)
    #expect(Diagnostic.Severity.warning < .error)
  }
}
