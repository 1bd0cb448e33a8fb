import ArgumentParser
import Foundation
import Wearport
import WearportCore
import WebhookArchives

struct Webhooks: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Work with archives of captured webhook notifications (Polar AccessLink, Fitbit subscriptions).",
    subcommands: [Plan.self])

  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the fetch plan of webhook archives: one API request per notified subject, in hour slots.",
      discussion: """
        Reads the notifications in the inputs (partitioned year=/month=/day=/hour= stores, JSON Lines and HAR \
        captures, bare Polar payloads and Fitbit notification arrays or XML), merges repeats of the same \
        (provider, user, collection, date or entity), and writes one row per subject with the URL to fetch, how many \
        notifications asked for it, when they were first and last received, and an hour slot: earliest data first, \
        no user gets more than --requests-per-hour requests in one slot (Fitbit allows 150 per user per hour).

        PING, userRevokedAccess and notifications whose signature is invalid ask for nothing and are counted on \
        standard error. Signatures are checked when a secret is given (--polar-webhook-secret-file, \
        --fitbit-client-secret-file, or the environment variables WEARPORT_POLAR_WEBHOOK_SECRET and \
        WEARPORT_FITBIT_CLIENT_SECRET).
        """)

    @OptionGroup var input: InputOptions

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp("The plan file: .csv or .jsonl (- writes JSON Lines to standard output).", valueName: "path"))
    var output: String

    @Option(help: "The plan's format when the file name does not say: csv or jsonl.")
    var format: PlanFormat?

    @Option(help: "The most requests per user in one hour slot.")
    var requestsPerHour = FetchPlanner.defaultRequestsPerHour

    @Option(
      help: ArgumentHelp(
        "When slot 0 starts (ISO-8601 with an offset, e.g. 2025-08-01T15:00:00Z); fills slot_start_utc.",
        valueName: "time"))
    var start: String?

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
      if requestsPerHour < 1 { throw ValidationError("--requests-per-hour must be at least 1") }
      if format == nil && PlanFormat(path: output) == nil {
        throw ValidationError(
          "cannot tell the plan's format from '\(output)': name it .csv or .jsonl, or give --format")
      }
    }

    func run() throws {
      let options = try input.readOptions(verbose: verbosity.verbose)
      var slotStart: Instant?
      if let start {
        guard let parsed = try? DateTimeParser.parse(start), let instant = parsed.instant else {
          throw ValidationError("--start needs a date-time with a UTC offset, e.g. 2025-08-01T15:00:00Z")
        }
        slotStart = instant
      }
      let printer = verbosity.printer
      let collector = NotificationCollector()
      let summary = Conversion.run(
        inputs: input.inputs, options: options, containers: input.limits.inputLimits.containerOptions,
        sinks: [collector], onDiagnostic: { printer.print($0) })
      if summary.outputFailed { throw ExitCode(WearportCore.ExitCode.cannotCreateOutput) }
      let plan = FetchPlanner.plan(collector.notifications, requestsPerHour: requestsPerHour)
      do {
        try FetchPlanner.write(
          plan, to: output, format: format ?? PlanFormat(path: output) ?? .jsonl, slotStart: slotStart)
      } catch let diagnostic as Diagnostic {
        printer.print(diagnostic)
        throw ExitCode(WearportCore.ExitCode.cannotCreateOutput)
      }
      if !verbosity.quiet {
        let slots = (plan.requests.map(\.slot).max() ?? -1) + 1
        let received = collector.notifications.reduce(0) { $0 + $1.count }
        var text =
          "wearport: \(SummaryPrinter.plural(received, "notification")) received, "
          + "\(collector.notifications.count) unique; \(SummaryPrinter.plural(plan.requests.count, "request")) "
          + "in \(SummaryPrinter.plural(slots, "hour slot"))"
        text += "; \(SummaryPrinter.plural(summary.count(.error), "error")), "
        text += "\(SummaryPrinter.plural(summary.count(.warning), "warning"))\n"
        for (reason, count) in plan.skipped.sorted(by: { $0.key < $1.key }) {
          text += "  not planned: \(count) (\(reason))\n"
        }
        // The one note on missing secrets matters for a plan: say it even without --verbose.
        if !verbosity.verbose, let note = summary.diagnostics.first(where: { $0.code == .webhookSecretMissing }) {
          text += "  \(note.message)\n"
        }
        if output != "-" { text += "  wrote \(output)\n" }
        Stderr.write(text)
      }
      throw ExitCode(summary.exitCode)
    }
  }
}

extension PlanFormat: ExpressibleByArgument {}
