import Foundation
import Testing
import WearportCore
import WearportTestSupport

/// Issue 5 through the command line: secrets from files or the environment, never echoed; strictness; the plan.
@Suite(.serialized) struct WebhookCLITests {
  let deliveries = "Fixtures/webhooks/captures/deliveries.jsonl"
  let polarSecret = "abe1f3ae-fd33-11e8-8eb2-f2801f1b9fd1"
  let fitbitSecret = "secret"

  private func secretFiles() throws -> (polar: String, fitbit: String) {
    let directory = try CLI.temporaryDirectory()
    try (polarSecret + "\n").write(toFile: directory + "/polar.secret", atomically: true, encoding: .utf8)
    try fitbitSecret.write(toFile: directory + "/fitbit.secret", atomically: true, encoding: .utf8)
    return (directory + "/polar.secret", directory + "/fitbit.secret")
  }

  private func signatures(_ output: String) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for line in output.split(separator: "\n") {
      let node = JSONNode(try JSONParser.parse(String(line)).root)
      counts[try node.required("signature").string(), default: 0] += 1
    }
    return counts
  }

  @Test func secretsFromFilesVerifyAndNeverAppear() throws {
    let files = try secretFiles()
    let result = try CLI.run([
      "convert", deliveries, "--to", "jsonl", "-o", "-", "--verbose", "--polar-webhook-secret-file", files.polar,
      "--fitbit-client-secret-file", files.fitbit,
    ])
    #expect(result.status == 0)
    #expect(try signatures(result.stdout) == ["valid": 5, "invalid": 1, "unverifiable": 1])
    #expect(result.stderr.contains("[webhook.signature.invalid]"))
    for text in [result.stdout, result.stderr] {
      #expect(!text.contains(polarSecret))
      #expect(!text.contains(fitbitSecret + "&"))
    }
  }

  @Test func secretsFromTheEnvironmentWork() throws {
    let result = try CLI.run(
      ["convert", deliveries, "--to", "jsonl", "-o", "-"],
      environment: ["WEARPORT_POLAR_WEBHOOK_SECRET": polarSecret, "WEARPORT_FITBIT_CLIENT_SECRET": fitbitSecret])
    #expect(result.status == 0)
    #expect(try signatures(result.stdout)["valid"] == 5)
  }

  @Test func strictTurnsAnInvalidSignatureIntoAnError() throws {
    let files = try secretFiles()
    let result = try CLI.run([
      "convert", deliveries, "--to", "jsonl", "-o", "-", "--strict", "--polar-webhook-secret-file", files.polar,
      "--fitbit-client-secret-file", files.fitbit,
    ])
    #expect(result.status == 65)
    #expect(!result.stdout.contains("\"signature\":\"invalid\""))
  }

  @Test func withoutSecretsEverythingIsNoSecretAndTheReportSaysHowToGiveOne() throws {
    let directory = try CLI.temporaryDirectory()
    let result = try CLI.run([
      "convert", deliveries, "--to", "jsonl", "-o", "-", "--report", directory + "/report.json",
    ])
    #expect(result.status == 0)
    // The unsigned delivery repeats a signed one: merged, the stronger status kept.
    #expect(try signatures(result.stdout) == ["no_secret": 6, "unverifiable": 1])
    let report = try String(contentsOfFile: directory + "/report.json", encoding: .utf8)
    #expect(report.contains("\"code\":\"webhook.secret.missing\""))
  }

  @Test func aMissingSecretFileIsAUsageErrorThatNamesTheFileOnly() throws {
    let result = try CLI.run([
      "convert", deliveries, "--to", "jsonl", "-o", "-", "--polar-webhook-secret-file", "/nonexistent/secret",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("/nonexistent/secret"))
    #expect(result.stdout.isEmpty)
  }

  @Test func planWritesCSVWithOneRowPerSubject() throws {
    let directory = try CLI.temporaryDirectory()
    let result = try CLI.run(["webhooks", "plan", "Fixtures/webhooks/lakehouse", "-o", directory + "/plan.csv"])
    #expect(result.status == 0)
    let lines = try String(contentsOfFile: directory + "/plan.csv", encoding: .utf8).split(separator: "\n")
    #expect(lines.first?.hasPrefix("slot,slot_start_utc,provider,user_id,collection,subject") == true)
    #expect(lines.count == 7)  // header + 6 requests (7 unique notifications, one userRevokedAccess)
    #expect(result.stderr.contains("10 notifications received, 7 unique; 6 requests in 1 hour slot"))
    let unknown = try CLI.run(["webhooks", "plan", "Fixtures/webhooks/lakehouse", "-o", directory + "/plan.txt"])
    #expect(unknown.status == 64)
  }
}
