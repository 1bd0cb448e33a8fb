import ArgumentParser
import Foundation
import Wearport
import WearportCore

/// `--quiet` and `--verbose`, shared by the commands that print diagnostics.
struct VerbosityOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Print only errors.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Print notes too, and show values in diagnostics.")
  var verbose = false

  func validate() throws {
    if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
  }

  var printer: DiagnosticPrinter { DiagnosticPrinter(quiet: quiet, verbose: verbose) }
}

/// Prints diagnostics to standard error, compiler style.
struct DiagnosticPrinter {
  let quiet: Bool
  let verbose: Bool

  func print(_ diagnostic: Diagnostic) {
    switch diagnostic.severity {
    case .error: break
    case .warning: if quiet { return }
    case .note: if !verbose { return }
    }
    Stderr.write(diagnostic.description + "\n")
  }
}

enum Stderr {
  static let isTerminal = isatty(STDERR_FILENO) != 0
  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// A one-line progress display on standard error, only when it is a terminal.
final class Progress {
  private let enabled: Bool
  private var lastUpdate = Date.distantPast
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled && Stderr.isTerminal }

  func update(_ summary: RunSummary) {
    guard enabled else { return }
    let now = Date()
    guard now.timeIntervalSince(lastUpdate) > 0.2 else { return }
    lastUpdate = now
    let total = summary.total
    Stderr.write("\r\u{1B}[K\(summary.documents.count) documents, \(total.read) records read…")
    shown = true
  }

  func clear() {
    if shown { Stderr.write("\r\u{1B}[K") }
  }
}

enum SummaryPrinter {
  static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

  static func printConvert(_ summary: RunSummary) {
    var lines: [String] = []
    for kind in RecordKind.allCases {
      guard let counts = summary.counts[kind], counts.read > 0 else { continue }
      lines.append(
        "  \(kind.rawValue): \(counts.read) read, \(counts.written) written, \(counts.merged) merged, "
          + "\(counts.rejected) rejected")
    }
    let documents = summary.documents
    let skipped = documents.filter { $0.status == .skipped }.count
    let failed = documents.filter { $0.status == .failed || $0.status == .unreadable }.count
    var text = "wearport: \(plural(documents.count, "document")) (\(skipped) skipped, \(failed) failed)"
    text += "; \(plural(summary.count(.error), "error")), \(plural(summary.count(.warning), "warning"))"
    let suppressed = summary.suppressedByCode.values.reduce(0, +)
    if suppressed > 0 { text += " (+\(suppressed) repeats not shown)" }
    Stderr.write(text + "\n")
    if lines.isEmpty { Stderr.write("  no records\n") } else { Stderr.write(lines.joined(separator: "\n") + "\n") }
    for output in summary.outputs { Stderr.write("  wrote \(output)\n") }
  }
}
