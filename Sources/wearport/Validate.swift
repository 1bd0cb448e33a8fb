import ArgumentParser
import Foundation
import Wearport
import WearportCore

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check inputs for CI: every document read with the real readers, units and times checked.",
    discussion: """
      Exit status 0 when there are no errors, 65 when there is any (with --strict, warnings count), 66 when an \
      input cannot be read. TCX and GPX files are also checked for well-formedness, the rules consumers such as \
      Garmin Connect, Strava and GPSBabel apply, and the official XSDs when --xsd-dir (or WEARPORT_XSD_DIR) names \
      their folder. --format json writes the report as JSON; --format junit writes JUnit XML with one \
      test case per document.
      """)

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

  @OptionGroup var input: InputOptions

  @Option(help: "Report format: text, json or junit.")
  var format: ReportFormat = .text

  @Option(
    name: .customLong("xsd-dir"),
    help: ArgumentHelp(
      "Folder with tcx_all.xsd and gpx_all.xsd: TCX and GPX files are also validated against the official XSDs "
        + "(default: $WEARPORT_XSD_DIR).", valueName: "dir"))
  var xsdDirectory: String?

  func run() throws {
    var options = try input.readOptions(verbose: false)
    // TCX and GPX files are also checked against the rules consumers apply, and the XSDs when their folder is known.
    options.checkConformance = true
    options.schemaDirectory = xsdDirectory ?? ProcessInfo.processInfo.environment["WEARPORT_XSD_DIR"]
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
