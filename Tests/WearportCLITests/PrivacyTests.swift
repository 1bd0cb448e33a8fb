import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Issue #10 item 5: without --verbose, diagnostics and reports name fields and positions, never health values or
/// coordinates; with --verbose they may show values. Secrets come only from files or the environment.
@Suite(.serialized) struct PrivacyTests {
  /// Heart rate 900 bpm (average, maximum, one sample), speed 900 km/h (one sample), and route points at
  /// latitude 91.5 and longitude 181.25 beside a valid one at 60.25, 25.125.
  static let inputs = [
    fixturePath("bad/polar-implausible-samples.json"), fixturePath("bad/polar-route-out-of-range.json"),
  ]
  /// The values as they could be printed: bpm, km/h, m/s (900 km/h = 250 m/s), degrees.
  static let values = ["900", "250 m/s", "(250)", "91.5", "181.25", "60.25", "25.125"]

  /// The values found in `text`; SHA-256 digests (which may hold any digits) are left out first.
  static func leaks(_ text: String) -> [String] {
    let withoutDigests = text.replacing(#/[0-9a-f]{64}/#, with: "")
    return values.filter { withoutDigests.contains($0) }
  }

  @Test func diagnosticsAndReportsHoldNoValuesWithoutVerbose() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let report = root + "/report.json"
    let convert = try CLI.run(
      ["convert"] + Self.inputs + ["--to", "jsonl", "-o", root + "/out.jsonl", "--report", report])
    #expect(convert.status == 0)
    // The findings are there, with codes and positions ...
    #expect(convert.stderr.contains("[plausibility.heart-rate]"))
    #expect(convert.stderr.contains("[plausibility.speed]"))
    #expect(convert.stderr.contains("at /route/1 [polar.route.invalid-point]"))
    // ... but no value.
    #expect(Self.leaks(convert.stderr).isEmpty, "\(Self.leaks(convert.stderr))\n\(convert.stderr)")
    let reportText = try String(contentsOfFile: report, encoding: .utf8)
    #expect(reportText.contains("plausibility.speed"))
    #expect(Self.leaks(reportText).isEmpty, "\(Self.leaks(reportText))")

    let validate = try CLI.run(["validate"] + Self.inputs + ["--format", "json"])
    #expect(validate.stdout.contains("plausibility.heart-rate"))
    #expect(Self.leaks(validate.stdout + validate.stderr).isEmpty, "\(validate.stdout)")
    let junit = try CLI.run(["validate"] + Self.inputs + ["--format", "junit"])
    #expect(Self.leaks(junit.stdout + junit.stderr).isEmpty)
    let inspect = try CLI.run(["inspect"] + Self.inputs)
    #expect(inspect.stdout.contains("plausibility.speed"))
    #expect(Self.leaks(inspect.stdout + inspect.stderr).isEmpty, "\(inspect.stdout)")
  }

  @Test func verboseMayShowValues() throws {
    let result = try CLI.run(["convert"] + Self.inputs + ["--to", "jsonl", "-o", "/dev/null", "--verbose"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("the average heart rate (900) is outside the plausible range"))
  }

  @Test func secretsAreNeverTakenOnTheCommandLine() throws {
    for arguments in [
      ["convert", "--help"], ["inspect", "--help"], ["validate", "--help"], ["webhooks", "plan", "--help"],
    ] {
      let help = try CLI.run(arguments).stdout
      #expect(help.contains("--polar-webhook-secret-file <file>"))
      // Every option that mentions a secret takes a file, never the value.
      for line in help.split(separator: "\n") where line.contains("--") && line.lowercased().contains("secret") {
        let options = line.split(separator: " ").filter { $0.hasPrefix("--") }
        for option in options { #expect(option.hasSuffix("-file") || option.hasSuffix("-file,"), "\(line)") }
      }
    }
    let refused = try CLI.run(["convert", "x.json", "--to", "jsonl", "-o", "-", "--polar-webhook-secret", "s3cr3t"])
    #expect(refused.status == 64)
    #expect(!refused.stderr.contains("s3cr3t") && !refused.stdout.contains("s3cr3t"))
    // A secret file that cannot be read is named; the secret in the environment never appears, even verbose.
    let secret = "k3y-\(UUID().uuidString)"
    let result = try CLI.run(
      ["convert", Self.inputs[0], "--to", "jsonl", "-o", "-", "--verbose"],
      environment: ["WEARPORT_POLAR_WEBHOOK_SECRET": secret, "WEARPORT_FITBIT_CLIENT_SECRET": secret])
    #expect(result.status == 0)
    #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
  }
}
