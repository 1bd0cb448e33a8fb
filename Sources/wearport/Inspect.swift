import ArgumentParser
import Foundation
import Wearport
import WearportCore

struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what wearport recognises in the inputs: formats, record counts, time span, diagnostics.",
    discussion: "Nothing is written. Documents that no reader recognises are listed as skipped.")

  @OptionGroup var input: InputOptions

  @Flag(help: "Print the result as JSON.")
  var json = false

  func run() throws {
    let options = try input.readOptions(verbose: false)
    let sink = InspectSink()
    var diagnostics: [Diagnostic] = []
    let summary = Conversion.run(
      inputs: input.inputs, options: options, containers: input.limits.inputLimits.containerOptions, sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    if json {
      print(
        ReportWriter.json(summary, command: "inspect") { writer in
          writer.key("formats")
          writer.beginArray()
          for (entry, count) in sink.counts.sorted(by: { ($0.key.format, $0.key.kind) < ($1.key.format, $1.key.kind) })
          {
            writer.beginObject()
            writer.field("format", entry.format)
            writer.field("kind", entry.kind.rawValue)
            writer.field("records", count)
            writer.endObject()
          }
          writer.endArray()
          writer.key("time_span")
          writer.beginObject()
          writer.field("first_utc", sink.earliest.map { first in TimestampRenderer.utc(first) })
          writer.field("last_utc", sink.latest.map { last in TimestampRenderer.utc(last) })
          writer.field("first_date", sink.earliestDate.map { first in first.description })
          writer.field("last_date", sink.latestDate.map { last in last.description })
          writer.endObject()
          writer.field("units", options.units.rawValue)
          writer.field("samples", sink.sampleCount)
        })
    } else {
      printText(summary, sink: sink, diagnostics: diagnostics, options: options)
    }
    throw ExitCode(summary.exitCode)
  }

  private func printText(_ summary: RunSummary, sink: InspectSink, diagnostics: [Diagnostic], options: ReadOptions) {
    for document in summary.documents {
      var location = document.location.fileDescription
      if let line = document.location.line { location += ":\(line)" }
      let what: String
      switch document.status {
      case .converted:
        what = "\(document.format ?? "?"): \(SummaryPrinter.plural(document.records, "record"))"
      case .skipped: what = "skipped (not a format wearport reads)"
      case .failed: what = "\(document.format ?? "?"): failed (see diagnostics)"
      case .unreadable: what = "unreadable"
      }
      print("\(location): \(what)")
    }
    print("")
    print("records:")
    if summary.counts.isEmpty { print("  none") }
    for kind in RecordKind.allCases {
      guard let counts = summary.counts[kind] else { continue }
      var line = "  \(kind.rawValue): \(counts.read)"
      if counts.merged > 0 || counts.rejected > 0 {
        line += " (\(counts.merged) duplicates, \(counts.rejected) rejected)"
      }
      print(line)
    }
    if sink.sampleCount > 0 { print("  exercise samples: \(sink.sampleCount)") }
    print("formats:")
    for (entry, count) in sink.counts.sorted(by: { ($0.key.format, $0.key.kind) < ($1.key.format, $1.key.kind) }) {
      print("  \(entry.format): \(count) \(entry.kind.rawValue)")
    }
    if let first = sink.earliest, let last = sink.latest {
      print("time span: \(TimestampRenderer.utc(first)) to \(TimestampRenderer.utc(last))")
    }
    if let first = sink.earliestDate, let last = sink.latestDate {
      print("days: \(first) to \(last)")
    }
    print("units: \(options.units.rawValue)\(options.zone.map { ", time zone \($0.identifier)" } ?? "")")
    let shown = diagnostics.filter { $0.severity >= .warning }
    if !shown.isEmpty {
      print("diagnostics:")
      for diagnostic in shown { print("  " + diagnostic.description) }
    }
  }
}
