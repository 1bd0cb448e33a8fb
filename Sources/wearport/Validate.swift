import ArgumentParser
import Foundation
import Wearport
import WearportCore

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check inputs for CI: every document read with the real readers, units and times checked.",
    discussion: """
      Exit status 0 when there are no errors, 65 when there is any (with --strict, warnings count), 66 when an \
      input cannot be read. --format json writes the report as JSON; --format junit writes JUnit XML with one \
      test case per document.
      """)

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

  @OptionGroup var input: InputOptions

  @Option(help: "Report format: text, json or junit.")
  var format: ReportFormat = .text

  func run() throws {
    let options = try input.readOptions(verbose: false)
    var diagnostics: [Diagnostic] = []
    let summary = Conversion.run(
      inputs: input.inputs, options: options, sinks: [InspectSink()], onDiagnostic: { diagnostics.append($0) })
    switch format {
    case .text:
      for diagnostic in diagnostics where diagnostic.severity >= .warning { print(diagnostic.description) }
      let errors = summary.count(.error)
      let warnings = summary.count(.warning)
      let documents = summary.documents.count
      print(
        "\(SummaryPrinter.plural(documents, "document")) checked: \(SummaryPrinter.plural(errors, "error")), "
          + "\(SummaryPrinter.plural(warnings, "warning"))")
    case .json:
      print(ReportWriter.json(summary, command: "validate"))
    case .junit:
      print(JUnitWriter.xml(summary))
    }
    throw ExitCode(summary.exitCode)
  }
}
