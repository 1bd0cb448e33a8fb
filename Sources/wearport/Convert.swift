import ArgumentParser
import Foundation
import Wearport
import WearportCore

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert inputs to TCX, GPX, CSV, SQLite or JSONL.",
    discussion: """
      -o names a folder for tcx, gpx and csv (created if missing), a database file for sqlite (created or \
      updated), and a file or - (standard output) for jsonl. Outputs are written under a temporary name and \
      appear only when complete.

      Diagnostics go to standard error in compiler style: file!/member:line:column: severity: message [code].
      The run summary accounts for every record: written, merged as a duplicate, or rejected.
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .customLong("to"), help: "Output format: tcx, gpx, csv, sqlite or jsonl.")
  var format: Formats.Output

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write (see above).", valueName: "path"))
  var output: String

  @Option(help: ArgumentHelp("Write the run summary as JSON to this file.", valueName: "file"))
  var report: String?

  @Option(
    help: ArgumentHelp(
      "How long to wait for another process that holds the SQLite database locked before giving up with exit 73.",
      valueName: "seconds"))
  var busyTimeout: Double = 5

  @Flag(
    inversion: .prefixedNo,
    help: ArgumentHelp(
      "Write csv, sqlite and jsonl on a second thread while the next records are read (default: on with two or "
        + "more cores). The output is the same either way."))
  var writerThread: Bool?

  @OptionGroup var verbosity: VerbosityOptions

  func validate() throws {
    guard busyTimeout >= 0, busyTimeout <= 3600 else {
      throw ValidationError("--busy-timeout must be between 0 and 3600 seconds")
    }
  }

  func run() throws {
    let options = try input.readOptions(verbose: verbosity.verbose)
    let printer = verbosity.printer
    let sink: any RecordSink
    do {
      sink = try Formats.sink(
        format, path: output, busyTimeoutMilliseconds: Int32((busyTimeout * 1000).rounded()))
    } catch let diagnostic as Diagnostic {
      printer.print(diagnostic)
      throw ExitCode(
        diagnostic.code == .outputUnsupported ? WearportCore.ExitCode.usage : WearportCore.ExitCode.cannotCreateOutput)
    }
    let progress = Progress(enabled: !verbosity.quiet)
    let summary = Conversion.run(
      inputs: input.inputs, options: options, containers: input.limits.inputLimits.containerOptions, sinks: [sink],
      onDiagnostic: { printer.print($0) },
      onProgress: { progress.update($0) }, writeInBackground: writerThread ?? BackgroundSink.isUseful)
    progress.clear()
    if !verbosity.quiet { SummaryPrinter.printConvert(summary) }
    try writeReport(summary, to: report, command: "convert")
    throw ExitCode(summary.exitCode)
  }
}

/// Writes `--report FILE`; a failure to write it is an output failure (73).
func writeReport(_ summary: RunSummary, to path: String?, command: String) throws {
  guard let path else { return }
  do {
    let file = try AtomicFile(path: path)
    try file.write(ReportWriter.json(summary, command: command))
    try file.write("\n")
    try file.commit()
  } catch let diagnostic as Diagnostic {
    DiagnosticPrinter(quiet: false, verbose: false).print(diagnostic)
    throw ExitCode(WearportCore.ExitCode.cannotCreateOutput)
  }
}
