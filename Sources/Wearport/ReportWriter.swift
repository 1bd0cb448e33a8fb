import WearportCore

/// The run summary as JSON (`--report FILE`, `inspect --json`, `validate --format json`).
///
/// Deterministic: no wall-clock time, keys in a fixed order. Diagnostics name fields and positions, never values.
public enum ReportWriter {
  public static func json(_ summary: RunSummary, command: String, extra: ((inout JSONTextWriter) -> Void)? = nil)
    -> String
  {
    var writer = JSONTextWriter(capacity: 4096)
    writer.beginObject()
    writer.key("tool")
    writer.string("wearport")
    writer.key("version")
    writer.string(WearportVersion.current)
    writer.key("command")
    writer.string(command)
    writer.key("exit_code")
    writer.integer(Int64(summary.exitCode))

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
      writer.key("path")
      writer.string(document.location.path)
      writer.key("member")
      if let member = document.location.member { writer.string(member) } else { writer.null() }
      writer.key("line")
      if let line = document.location.line { writer.integer(Int64(line)) } else { writer.null() }
      writer.key("format")
      if let format = document.format { writer.string(format) } else { writer.null() }
      writer.key("status")
      writer.string(document.status.rawValue)
      writer.key("records")
      writer.integer(Int64(document.records))
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
    writer.key("repeats_not_listed")
    writer.integer(Int64(summary.suppressedByCode.values.reduce(0, +)))
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
    writer.key("code")
    writer.string(diagnostic.code.rawValue)
    writer.key("severity")
    writer.string(diagnostic.severity.rawValue)
    writer.key("message")
    writer.string(diagnostic.message)
    let location = diagnostic.location
    writer.key("path")
    if let path = location?.path { writer.string(path) } else { writer.null() }
    writer.key("member")
    if let member = location?.member { writer.string(member) } else { writer.null() }
    writer.key("pointer")
    if let pointer = location?.jsonPointer { writer.string(pointer) } else { writer.null() }
    writer.key("line")
    if let line = location?.line { writer.integer(Int64(line)) } else { writer.null() }
    writer.key("column")
    if let column = location?.column { writer.integer(Int64(column)) } else { writer.null() }
    writer.endObject()
  }
}

extension RunSummary.Counts {
  func write(into writer: inout JSONTextWriter) {
    writer.beginObject()
    writer.key("read")
    writer.integer(Int64(read))
    writer.key("written")
    writer.integer(Int64(written))
    writer.key("merged")
    writer.integer(Int64(merged))
    writer.key("rejected")
    writer.integer(Int64(rejected))
    writer.endObject()
  }
}
