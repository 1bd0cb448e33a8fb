import ArgumentParser
import Foundation
import Wearport
import WearportCore

@main
struct WearportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wearport",
    abstract: "Convert Polar and Fitbit data offline: API responses, account exports and webhook archives.",
    discussion: """
      wearport reads files, folders, .zip/.tar/.tar.gz/.gz archives, JSON Lines captures and - (standard input), \
      recognises each document's format, normalises it into one model (SI units, UTC instants with their local \
      offsets, provenance on every record) and writes TCX, GPX, CSV, SQLite or JSONL.

      EXAMPLES
        wearport convert exercise.json --to jsonl -o -
        wearport convert polar-export.zip --to jsonl -o all.jsonl --report run.json
        wearport inspect MyFitbitData/
        wearport validate Fixtures/ --format junit > report.xml

      EXIT STATUS
        0   every record was converted
        64  usage error
        65  some input data was rejected (everything else was still converted and written)
        66  an input cannot be read
        73  an output cannot be written
      """,
    version: WearportVersion.current,
    subcommands: [Convert.self, Inspect.self, Validate.self, Schema.self, Webhooks.self]
  )

  static func main() {
    // With a file-size limit (`ulimit -f`), a write past it must fail with EFBIG and be reported (exit 73) rather
    // than kill the process with SIGXFSZ and leave a temporary file behind.
    signal(SIGXFSZ, SIG_IGN)
    main(nil)
  }
}

/// The options every reading command shares.
struct InputOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("Files, folders, archives, or - for standard input.", valueName: "input"))
  var inputs: [String]

  @OptionGroup var reading: ReadingOptions

  func readOptions(verbose: Bool) throws -> ReadOptions { try reading.readOptions(verbose: verbose) }
  var limits: LimitOptions { reading.limits }
}

/// How inputs are read (zone, units, strictness, webhook secrets), apart from the inputs themselves so that a
/// command whose inputs are optional (`validate --explain`) shares them.
struct ReadingOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The IANA time zone of inputs whose times have no UTC offset (e.g. Europe/Berlin); DST rules apply.",
      valueName: "zone"))
  var timezone: String?

  @Option(help: "Unit system of responses that carry none (Fitbit): auto, metric, us or uk.")
  var units: UnitChoice = .auto

  @Flag(help: "Treat warnings as errors: records with warnings are rejected and the exit status is 65.")
  var strict = false

  @Option(
    help: ArgumentHelp(
      "A file holding the Polar webhook signature_secret_key, to verify deliveries "
        + "(or set WEARPORT_POLAR_WEBHOOK_SECRET). Never give the secret itself on the command line.",
      valueName: "file"))
  var polarWebhookSecretFile: String?

  @Option(
    help: ArgumentHelp(
      "A file holding the Fitbit OAuth client secret, to verify X-Fitbit-Signature "
        + "(or set WEARPORT_FITBIT_CLIENT_SECRET).",
      valueName: "file"))
  var fitbitClientSecretFile: String?

  @OptionGroup var limits: LimitOptions

  func readOptions(verbose: Bool) throws -> ReadOptions {
    var options = ReadOptions(units: units, strict: strict, verbose: verbose)
    options.polarWebhookSecret = try ReadingOptions.secret(
      file: polarWebhookSecretFile, environment: "WEARPORT_POLAR_WEBHOOK_SECRET", option: "--polar-webhook-secret-file")
    options.fitbitClientSecret = try ReadingOptions.secret(
      file: fitbitClientSecretFile, environment: "WEARPORT_FITBIT_CLIENT_SECRET", option: "--fitbit-client-secret-file")
    if let timezone {
      do {
        options.zone = try ZoneRules(identifier: timezone)
      } catch {
        throw ValidationError("unknown time zone '\(timezone)': give an IANA name such as Europe/Berlin or UTC")
      }
    }
    return options
  }

  /// A signing secret from a file (first) or the environment; never echoed, not even in an error.
  static func secret(file: String?, environment: String, option: String) throws -> WebhookSecret? {
    if let file {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ValidationError("\(option): cannot read the file '\(file)'")
      }
      guard let secret = WebhookSecret(text: String(decoding: data, as: UTF8.self)) else {
        throw ValidationError("\(option): the file '\(file)' is empty")
      }
      return secret
    }
    if let value = ProcessInfo.processInfo.environment[environment] {
      guard let secret = WebhookSecret(text: value) else { throw ValidationError("\(environment) is empty") }
      return secret
    }
    return nil
  }
}

extension UnitChoice: ExpressibleByArgument {}
extension Formats.Output: ExpressibleByArgument {}
