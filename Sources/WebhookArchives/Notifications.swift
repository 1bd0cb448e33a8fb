import Foundation
import WearportCore

extension Diagnostic.Code {
  public static let webhookSignatureInvalid: Self = "webhook.signature.invalid"
  public static let webhookSecretMissing: Self = "webhook.secret.missing"
  public static let webhookDateInvalid: Self = "webhook.date.invalid"
  public static let webhookUnknownEvent: Self = "webhook.event.unknown"
  public static let webhookVerificationRequest: Self = "webhook.fitbit.verification-request"
  public static let webhookNotADelivery: Self = "webhook.not-a-delivery"
  public static let webhookBodyInvalid: Self = "webhook.body.invalid"
  public static let webhookBodyNotRead: Self = "webhook.body.not-read"
  public static let webhookSubscriptionResponse: Self = "webhook.fitbit.subscription-response"
}

/// How the notifications of one document or delivery were captured.
struct CaptureInfo {
  var receivedAt: Instant?
  var partition: Partition?
  var batchID: String?
  var signature: SignatureStatus
  /// The pointer of the delivery in its document, for provenance.
  var pointer: String?
  /// Where the fetched body stored with the notification is.
  var bodySource: String? = nil

  /// The day the capture arrived: its partition's day, else the received-at date (UTC).
  var arrivalDate: LocalDate? { partition?.date ?? receivedAt?.utcDate }
}

/// Turns Polar payloads and Fitbit notification objects into notifications of the model.
enum NotificationParser {
  static let polarEvents: Set<String> = [
    "EXERCISE", "SLEEP", "CONTINUOUS_HEART_RATE", "ACTIVITY_SUMMARY", "SLEEP_WISE_CIRCADIAN_BEDTIME",
    "SLEEP_WISE_ALERTNESS", "PING",
  ]
  static let fitbitCollections: Set<String> = ["activities", "body", "foods", "sleep", "userRevokedAccess", "user"]

  /// True when a JSON value has the shape of a Polar payload: an object with a string `event`.
  static func isPolarPayload(_ value: JSONValue) -> Bool {
    guard case .object(let object) = value, case .string = object["event"] else { return false }
    return true
  }

  /// True when a JSON value has the shape of a Fitbit notification object.
  static func isFitbitNotification(_ value: JSONValue) -> Bool {
    guard case .object(let object) = value, case .string = object["collectionType"] else { return false }
    return object["ownerId"] != nil || object["subscriptionId"] != nil
  }

  /// The notification of a Polar payload (`{"event","user_id","entity_id"|"date"|"from","to","timestamp","url"}`).
  static func polar(_ node: JSONNode, capture: CaptureInfo, context: ReadContext) throws -> WebhookNotification {
    let event = try node.required("event").string()
    var note = WebhookNotification(
      provider: .polar, event: event, signature: capture.signature,
      provenance: provenance(.polar, context, capture.pointer ?? node.pointer))
    if !polarEvents.contains(event) {
      context.report(
        node.diagnostic(.webhookUnknownEvent, .note, "the Polar event \"\(event)\" is not documented; it is kept"))
    }
    if let user = node.optional("user_id") {
      note.userID = try userText(user)
    }
    note.entityID = try node.optional("entity_id").map { try textValue($0) }
    if let date = node.optional("date") {
      (note.date, note.dateText) = try dataDate(date, context: context)
    }
    if let from = node.optional("from") { note.fromDate = try dataDate(from, context: context).1 }
    if let to = node.optional("to") { note.toDate = try dataDate(to, context: context).1 }
    if note.fromDate == nil, note.toDate == nil, let url = try node.optional("url")?.string() {
      // SleepWise payloads may carry the range only in the URL's query.
      note.fromDate = queryValue("from", in: url)
      note.toDate = queryValue("to", in: url)
    }
    note.url = try node.optional("url")?.string()
    if let timestamp = node.optional("timestamp") {
      note.sentAt = instant(timestamp, context: context)
    }
    return finish(note, capture: capture)
  }

  /// The notification of one Fitbit object (`{"collectionType","date","ownerId","ownerType","subscriptionId"}`).
  static func fitbit(_ node: JSONNode, capture: CaptureInfo, context: ReadContext) throws -> WebhookNotification {
    let collection = try node.required("collectionType").string()
    var note = WebhookNotification(
      provider: .fitbit, event: collection, signature: capture.signature,
      provenance: provenance(.fitbit, context, capture.pointer ?? node.pointer))
    if !fitbitCollections.contains(collection) {
      context.report(
        node.diagnostic(
          .webhookUnknownEvent, .note, "the Fitbit collection type \"\(collection)\" is not documented; it is kept"))
    }
    note.userID = try node.optional("ownerId").map { try textValue($0) }
    note.subscriptionID = try node.optional("subscriptionId").map { try textValue($0) }
    if let date = node.optional("date") {
      (note.date, note.dateText) = try dataDate(date, context: context)
    }
    return finish(note, capture: capture)
  }

  /// The notification of one legacy XML `<updatedResource>`.
  static func fitbit(_ resource: FitbitUpdatesXML.Resource, capture: CaptureInfo, context: ReadContext) throws
    -> WebhookNotification
  {
    var location = context.document.location
    location.line = (location.line ?? 1) + resource.line - 1
    guard let collection = resource.fields["collectionType"], !collection.isEmpty else {
      throw Diagnostic.error(.jsonMissingKey, "an <updatedResource> has no <collectionType>", at: location)
    }
    var note = WebhookNotification(
      provider: .fitbit, event: collection, signature: capture.signature,
      provenance: Provenance(provider: .fitbit, format: context.format.id, location: location))
    if !fitbitCollections.contains(collection) {
      context.report(
        .note(
          .webhookUnknownEvent, "the Fitbit collection type \"\(collection)\" is not documented; it is kept",
          at: location))
    }
    note.userID = resource.fields["ownerId"]
    note.subscriptionID = resource.fields["subscriptionId"]
    if let text = resource.fields["date"], !text.isEmpty {
      note.dateText = text
      note.date = try? LocalDate.parse(text)
      if note.date == nil {
        context.report(
          .warning(.webhookDateInvalid, "<date> does not name a real day; it is kept as text", at: location))
      }
    }
    return finish(note, capture: capture)
  }

  /// The fetched body saved next to a notification read from a plain file: `entities/<entity_id>.json` or
  /// `<entity_id>.json` in the same folder (archive members are not looked up: their siblings are not at hand).
  private static func pairedFile(_ note: WebhookNotification) -> String? {
    let location = note.provenance.location
    guard location.member == nil, location.line == nil, let entity = note.entityID, !entity.isEmpty,
      !entity.contains("/"), entity != "..", let slash = location.path.lastIndex(of: "/")
    else { return nil }
    let folder = String(location.path[..<slash])
    for candidate in ["\(folder)/entities/\(entity).json", "\(folder)/\(entity).json"]
    where candidate != location.path && FileManager.default.fileExists(atPath: candidate) {
      return candidate
    }
    return nil
  }

  static func provenance(_ provider: Provider, _ context: ReadContext, _ pointer: String) -> Provenance {
    var location = context.document.location
    location.jsonPointer = pointer
    return Provenance(provider: provider, format: context.format.id, location: location)
  }

  private static func finish(_ note: WebhookNotification, capture: CaptureInfo) -> WebhookNotification {
    var note = note
    note.receivedAt = capture.receivedAt
    note.firstReceivedAt = capture.receivedAt
    note.lastReceivedAt = capture.receivedAt
    note.batchID = capture.batchID
    note.arrivalDate = capture.arrivalDate
    note.bodySource = capture.bodySource ?? pairedFile(note)
    if note.date != nil { note.dateText = nil }
    return note
  }

  /// A user id given as a number (Polar, int64) or a string.
  private static func userText(_ node: JSONNode) throws -> String { try textValue(node) }

  private static func textValue(_ node: JSONNode) throws -> String {
    switch node.value {
    case .string(let text): return text
    case .number: return String(try node.int())
    default: throw node.mismatch("a string or an integer")
    }
  }

  /// A `yyyy-MM-dd` data date: the date when it names a real day, and the text as sent. A day that does not exist
  /// (`2022-09-31`, in Polar's own examples) is kept as text with a warning.
  static func dataDate(_ node: JSONNode, context: ReadContext) throws -> (LocalDate?, String) {
    let text = try node.string()
    if let date = try? LocalDate.parse(text) { return (date, text) }
    context.report(
      node.diagnostic(.webhookDateInvalid, .warning, "the date does not name a real day; it is kept as text"))
    return (nil, text)
  }

  /// An instant from an ISO-8601 text; one without an offset goes through the run's offset policy.
  static func instant(_ node: JSONNode, context: ReadContext) -> Instant? {
    guard let text = try? node.string() else {
      context.report(node.diagnostic(.timeInvalidDateTime, .warning, "expected a date-time string; it is ignored"))
      return nil
    }
    guard let parsed = try? DateTimeParser.parse(text) else {
      context.report(node.diagnostic(.timeInvalidDateTime, .warning, "the date-time cannot be read; it is ignored"))
      return nil
    }
    return parsed.instant ?? context.resolve(parsed, context: OffsetContext(), at: node).instant
  }

  /// The value of a query parameter in a URL, percent-decoding not needed for dates.
  static func queryValue(_ name: String, in url: String) -> String? {
    guard let question = url.firstIndex(of: "?") else { return nil }
    for pair in url[url.index(after: question)...].split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      if parts.count == 2, parts[0] == name { return String(parts[1]) }
    }
    return nil
  }
}
