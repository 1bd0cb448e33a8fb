import Foundation
import WearportContainers
import WearportCore
import WearportTestSupport
import WebhookArchives

/// The webhook readers, in registration order.
let webhookReaders: [any FormatReader] = [
  WebhookDeliveryReader(), WebhookHARReader(), NotificationPartitionReader(), PolarWebhookPayloadReader(),
  FitbitNotificationReader(), FitbitSubscriptionResponseReader(),
]

/// The Polar doc's example `signature_secret_key` (public; the test vectors use it).
let polarDocKey = "abe1f3ae-fd33-11e8-8eb2-f2801f1b9fd1"

func options(polar: String? = nil, fitbit: String? = nil, strict: Bool = false) -> ReadOptions {
  var options = ReadOptions(strict: strict)
  options.polarWebhookSecret = polar.flatMap { WebhookSecret(text: $0) }
  options.fitbitClientSecret = fitbit.flatMap { WebhookSecret(text: $0) }
  return options
}

/// Walks inputs (folders, archives, JSON Lines) through the webhook readers, as a conversion run does.
func walk(_ paths: [String], options: ReadOptions = ReadOptions(), readers: [any FormatReader] = webhookReaders)
  throws -> WalkResult
{
  let sink = CollectingSink()
  var diagnostics: [Diagnostic] = []
  let pipeline = Pipeline(
    registry: ReaderRegistry(readers), options: options, sinks: [sink],
    onDiagnostic: { diagnostics.append($0) })
  for path in paths {
    try InputWalker.walk(path, report: { pipeline.report($0) }) { try pipeline.process($0) }
  }
  let summary = pipeline.finish()
  return WalkResult(records: sink.records, summary: summary, diagnostics: diagnostics)
}

/// What a walk produced.
struct WalkResult {
  var records: [Record]
  var summary: RunSummary
  var diagnostics: [Diagnostic]
  var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  var notifications: [WebhookNotification] {
    records.notifications
  }
  func notification(_ event: String, user: String?, subject: String) -> WebhookNotification? {
    notifications.first { $0.event == event && $0.userID == user && $0.subjectKey == subject }
  }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "wearport-webhooks-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func writeFile(_ text: String, to path: String) throws {
  try FileManager.default.createDirectory(
    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
  try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// The JSON Lines text of one delivery.
func deliveryLine(receivedAt: String, headers: [String: String], body: String) -> String {
  var writer = JSONTextWriter()
  writer.beginObject()
  writer.field("received_at", receivedAt)
  writer.field("method", "POST")
  writer.key("headers")
  writer.beginObject()
  for (name, value) in headers.sorted(by: { $0.key < $1.key }) { writer.field(name, value) }
  writer.endObject()
  writer.field("body", body)
  writer.endObject()
  return String(decoding: writer.bytes, as: UTF8.self)
}
