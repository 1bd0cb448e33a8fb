import WearportCore

/// The run summary as JSON (`--report FILE`, `inspect --json`, `validate --format json`).
///
/// Deterministic: no wall-clock time, keys in a fixed order. Diagnostics name fields and positions, never values.
/// `schemas/validate-report.schema.json` documents the structure.
public enum ReportWriter {
  public static func json(_ summary: RunSummary, command: String, extra: ((inout JSONTextWriter) -> Void)? = nil)
    -> String
  {
    var writer = JSONTextWriter(capacity: 4096)
    writer.beginObject()
    writer.field("tool", "wearport")
    writer.field("version", WearportVersion.current)
    writer.field("command", command)
    writer.field("exit_code", Int(summary.exitCode))

    writer.key("records")
    writer.beginObject()
    for kind in RecordKind.allCases {
      guard let counts = summary.counts[kind] else { continue }
      writer.key(kind.rawValue)
      counts.write(into: &writer)
    }
    writer.endObject()
    writer.key("totals")
    summary.total.write(into: &writer)

    writer.key("documents")
    writer.beginArray()
    for document in summary.documents {
      writer.beginObject()
      writer.field("path", document.location.path)
      writer.field("member", document.location.member)
      writer.field("line", document.location.line)
      writer.field("format", document.format)
      writer.field("status", document.status.rawValue)
      writer.field("records", document.records)
      let listed = summary.diagnostics(of: document)
      writer.field("errors", listed.filter { $0.severity == .error }.count)
      writer.field("warnings", listed.filter { $0.severity == .warning }.count)
      writer.endObject()
    }
    writer.endArray()

    writer.key("diagnostics")
    writer.beginArray()
    for diagnostic in summary.diagnostics { write(diagnostic, into: &writer) }
    writer.endArray()
    writer.key("diagnostic_counts")
    writer.beginObject()
    for severity in Diagnostic.Severity.allCases.reversed() {
      writer.key(severity.rawValue)
      writer.integer(Int64(summary.count(severity)))
    }
    writer.field("repeats_not_listed", summary.suppressedByCode.values.reduce(0, +))
    writer.endObject()

    writer.key("outputs")
    writer.beginArray()
    for output in summary.outputs { writer.string(output) }
    writer.endArray()
    extra?(&writer)
    writer.endObject()
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  public static func write(_ diagnostic: Diagnostic, into writer: inout JSONTextWriter) {
    writer.beginObject()
    writer.field("code", diagnostic.code.rawValue)
    writer.field("severity", diagnostic.severity.rawValue)
    writer.field("message", diagnostic.message)
    let location = diagnostic.location
    writer.field("path", location?.path)
    writer.field("member", location?.member)
    writer.field("pointer", location?.jsonPointer)
    writer.field("line", location?.line)
    writer.field("column", location?.column)
    writer.endObject()
  }
}

extension RunSummary.Counts {
  func write(into writer: inout JSONTextWriter) {
    writer.beginObject()
    writer.field("read", read)
    writer.field("written", written)
    writer.field("merged", merged)
    writer.field("rejected", rejected)
    writer.endObject()
  }
}
