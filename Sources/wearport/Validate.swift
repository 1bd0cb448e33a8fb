import ArgumentParser
import Foundation
import Wearport
import WearportCore

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check inputs for CI: every document read with the real readers, units and times checked.",
    discussion: """
      Every document is sniffed and read with the real readers; JSON is also checked strictly (byte-order mark, \
      NaN, trailing commas, duplicate keys); records are checked for plausible values, valid and resolvable \
      times, and internal consistency (summary distance and heart rate against the samples, sleep stages against \
      the sleep's totals, nothing after start + duration). TCX and GPX files are also checked for \
      well-formedness, the rules consumers such as Garmin Connect, Strava and GPSBabel apply, and the official \
      XSDs when --xsd-dir (or WEARPORT_XSD_DIR) names their folder.

      --timezone and --units apply as in convert: without --timezone, local times without an offset are reported \
      (time.offset-unknown). --expect FORMAT makes any document recognised as another format, or as none, an \
      error (input.unexpected-format).

      --format text prints findings compiler style with a summary line; --format json writes the report described \
      by schemas/validate-report.schema.json; --format junit writes JUnit XML with one test case per document and \
      one failure per error.

      --explain CODE says what a finding's code means and what to do; --list-codes (or --explain all) lists every \
      code.

      EXIT STATUS
        0   no errors (with --strict: no warnings either)
        64  usage error (unknown option, --expect format or --explain code)
        65  some document has an error
        66  an input cannot be read
      """)

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

  @Argument(help: ArgumentHelp("Files, folders, archives, or - for standard input.", valueName: "input"))
  var inputs: [String] = []

  @OptionGroup var reading: ReadingOptions

  @Option(help: "Report format: text, json or junit.")
  var format: ReportFormat = .text

  @Option(
    name: .customLong("xsd-dir"),
    help: ArgumentHelp(
      "Folder with tcx_all.xsd and gpx_all.xsd: TCX and GPX files are also validated against the official XSDs "
        + "(default: $WEARPORT_XSD_DIR).", valueName: "dir"))
  var xsdDirectory: String?

  @Option(
    help: ArgumentHelp(
      "Every document must be read as this format: a reader id (polar.accesslink.exercise) or a prefix of ids "
        + "(fitbit.export, polar); others are errors.", valueName: "format"))
  var expect: String?

  @Option(
    help: ArgumentHelp(
      "Explain a diagnostic code (e.g. json.trailing-comma) and exit; 'all' lists every code.", valueName: "code"))
  var explain: String?

  @Flag(help: "List every diagnostic code with its usual severity and exit.")
  var listCodes = false

  func validate() throws {
    if inputs.isEmpty, explain == nil, !listCodes {
      throw ValidationError("Missing expected argument '<input> ...' (or --explain CODE, --list-codes)")
    }
    if let expect, ExpectedFormat(expect) == nil {
      throw ValidationError(
        "unknown format '\(expect)' for --expect; give a reader id or a prefix of one:\n  "
          + ExpectedFormat.validValues().joined(separator: "\n  "))
    }
  }

  func run() throws {
    if listCodes || explain?.lowercased() == "all" {
      print(format == .json ? Validate.codesJSON() : Formats.codes.table(), terminator: "")
      return
    }
    if let explain {
      try Validate.explain(explain)
      return
    }
    var options = try reading.readOptions(verbose: false)
    // TCX and GPX files are also checked against the rules consumers apply, and the XSDs when their folder is known.
    options.checkConformance = true
    options.schemaDirectory = xsdDirectory ?? ProcessInfo.processInfo.environment["WEARPORT_XSD_DIR"]
    var registry = Formats.readers
    if let expect, let expected = ExpectedFormat(expect, in: registry) {
      registry = expected.restricting(registry)
    }
    var diagnostics: [Diagnostic] = []
    let summary = Conversion.run(
      inputs: inputs, options: options, containers: reading.limits.inputLimits.containerOptions, registry: registry,
      sinks: [InspectSink()], onDiagnostic: { diagnostics.append($0) })
    switch format {
    case .text:
      // Grouped per file, in the order the files were read (findings made at the end of the run, such as a unit
      // system assumed for a whole folder, join their file's group).
      var groups: [String: [Diagnostic]] = [:]
      var order: [String] = []
      for diagnostic in diagnostics where diagnostic.severity >= .warning {
        let file = diagnostic.location?.fileDescription ?? ""
        if groups[file] == nil { order.append(file) }
        groups[file, default: []].append(diagnostic)
      }
      for file in order { for diagnostic in groups[file] ?? [] { print(diagnostic.description) } }
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

  /// `--explain CODE`: the explanation, or exit 64 with the codes that look like it.
  static func explain(_ text: String) throws {
    if let entry = Formats.codes.explanation(for: Diagnostic.Code(text)) {
      print(CodeCatalog.render(entry), terminator: "")
      return
    }
    var message = "wearport: unknown diagnostic code '\(text)'"
    let matches = Formats.codes.closeMatches(to: text)
    if !matches.isEmpty {
      message += "; did you mean:\n" + matches.map { "  \($0.rawValue)" }.joined(separator: "\n")
    }
    Stderr.write(message + "\n(wearport validate --list-codes lists every code)\n")
    throw ExitCode(WearportCore.ExitCode.usage)
  }

  /// `--list-codes --format json`: every code with its severity, meaning and what to do.
  static func codesJSON() -> String {
    var writer = JSONTextWriter(capacity: 32_768)
    writer.beginArray()
    for entry in Formats.codes.entries {
      writer.beginObject()
      writer.field("code", entry.code.rawValue)
      writer.field("severity", entry.severity.rawValue)
      writer.field("meaning", entry.meaning)
      writer.field("action", entry.action)
      writer.endObject()
    }
    writer.endArray()
    return String(decoding: writer.bytes, as: UTF8.self) + "\n"
  }
}
