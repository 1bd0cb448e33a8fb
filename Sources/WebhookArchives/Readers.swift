import WearportCore

/// Shared steps of the webhook readers.
enum WebhookReading {
  /// Parses the document as JSON and reports, located, any non-standard form that was tolerated (a trailing comma,
  /// a duplicate key, a non-finite number), as hand-captured archives have them.
  static func parse(_ context: ReadContext) throws -> JSONDocument {
    let document = try context.parseJSON()
    let tolerated = document.findings.filter { $0.kind != .byteOrderMark && $0.kind != .leadingWhitespace }
    guard !tolerated.isEmpty else { return document }
    let bytes = try context.readBytes()
    for finding in tolerated {
      let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: finding.offset, in: $0) }
      var location = context.document.location.at(pointer: finding.pointer, line: line, column: column)
      if let base = context.document.location.line { location.line = base + line - 1 }
      let what: String
      switch finding.kind {
      case .trailingComma: what = "a trailing comma"
      case .duplicateKey: what = "a duplicate key"
      case .nonFiniteNumber: what = "a non-finite number"
      default: what = "a non-standard form"
      }
      context.report(.warning(.jsonNonStandard, "\(what) is not valid JSON; it was tolerated", at: location))
    }
    return document
  }

  /// How a stored (headerless) body was captured: its partition, the time it stands for, and `unverifiable`.
  static func storedCapture(_ context: ReadContext) -> (CaptureInfo, Partition?) {
    let partition = Partition.parse(context.document.logicalPath)
    return (
      CaptureInfo(
        receivedAt: partition?.start, partition: partition, batchID: nil, signature: .unverifiable, pointer: nil),
      partition
    )
  }
}

/// A bare Polar AccessLink webhook payload saved as a file: `{"event":"EXERCISE","user_id":475,…}`.
///
/// Saved without its headers, its signature cannot be checked: `unverifiable`.
public struct PolarWebhookPayloadReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "webhook.polar.payload", name: "Polar AccessLink webhook payload", provider: .polar, kinds: [.notification])

  static let payloadKeys: Set<String> = ["event", "user_id", "entity_id", "date", "from", "to", "timestamp", "url"]

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object, probe.hasKeys("event", "timestamp") else { return .no }
    return probe.jsonShape.keys.isSubset(of: PolarWebhookPayloadReader.payloadKeys) ? .certain : .likely
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try WebhookReading.parse(context).root)
    let (capture, _) = WebhookReading.storedCapture(context)
    let note = try NotificationParser.polar(root, capture: capture, context: context)
    context.assembler(NotificationAssembler.self).add(note)
  }
}

/// A Fitbit subscription notification body saved as a file: the JSON array
/// `[{"collectionType","date","ownerId","ownerType","subscriptionId"}, …]`, or the legacy XML `<updates>`.
public struct FitbitNotificationReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "webhook.fitbit.notifications", name: "Fitbit subscription notifications (JSON array or legacy XML)",
    provider: .fitbit, kinds: [.notification])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    if probe.looksLikeXML { return probe.contains("<updates") && probe.contains("<updatedResource") ? .certain : .no }
    guard probe.jsonShape.root == .array, probe.hasKeys("collectionType") else { return .no }
    return probe.hasKeys("ownerId") || probe.hasKeys("subscriptionId") ? .certain : .no
  }

  public func read(_ context: ReadContext) throws {
    let (capture, _) = WebhookReading.storedCapture(context)
    let assembler = context.assembler(NotificationAssembler.self)
    let bytes = try context.readBytes()
    if bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 < 0x80 })
      == UInt8(ascii: "<")
    {
      let resources: [FitbitUpdatesXML.Resource]
      do {
        resources = try FitbitUpdatesXML.parse(bytes)
      } catch {
        var location = context.document.location
        location.line = (location.line ?? 1) + error.line - 1
        throw Diagnostic.error(.webhookBodyInvalid, "not an <updates> document: \(error.message)", at: location)
      }
      for resource in resources {
        assembler.add(try NotificationParser.fitbit(resource, capture: capture, context: context))
      }
      return
    }
    let root = JSONNode(try WebhookReading.parse(context).root)
    for item in try root.array() {
      do {
        assembler.add(try NotificationParser.fitbit(item, capture: capture, context: context))
      } catch let diagnostic as Diagnostic {
        context.reject(.notification, diagnostic)
      }
    }
  }
}

/// One file of the partitioned notification layout:
/// `notifications/year=YYYY/month=MM/day=DD/hour=HH/<batch id>.json` holding
/// `{"original_notifications":[…], "metadata":{"received_at","batch_id"}}`.
///
/// The stored notifications are re-serialised (no raw body, no headers): `unverifiable`. Received-at is
/// `metadata.received_at`, else the partition's hour; the batch id is `metadata.batch_id`, else the file's name.
public struct NotificationPartitionReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "webhook.partitioned", name: "Partitioned webhook notification store (lakehouse layout)", provider: .fitbit,
    kinds: [.notification])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object, probe.hasKeys("original_notifications") else { return .no }
    return .certain
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try WebhookReading.parse(context).root)
    let partition = Partition.parse(context.document.logicalPath)
    let metadata = root.optional("metadata")
    var receivedAt = partition?.start
    if let node = metadata?.optional("received_at"), let instant = NotificationParser.instant(node, context: context) {
      receivedAt = instant
    }
    var batchID = partition?.fileStem
    if let node = metadata?.optional("batch_id") { batchID = try node.string() }
    let assembler = context.assembler(NotificationAssembler.self)
    var items: [JSONNode] = []
    for item in try root.required("original_notifications").array() {
      // A stored delivery may itself be the array Fitbit posted.
      if case .array = item.value { items += try item.array() } else { items.append(item) }
    }
    for item in items {
      let capture = CaptureInfo(
        receivedAt: receivedAt, partition: partition, batchID: batchID, signature: .unverifiable, pointer: item.pointer)
      do {
        if NotificationParser.isPolarPayload(item.value) {
          assembler.add(try NotificationParser.polar(item, capture: capture, context: context))
        } else {
          assembler.add(try NotificationParser.fitbit(item, capture: capture, context: context))
        }
      } catch let diagnostic as Diagnostic {
        context.reject(.notification, diagnostic)
      }
    }
  }
}

/// One captured delivery as a JSON object: a line of a JSON Lines capture (each line is its own document) or a
/// single file: `{"received_at","method","path","headers":{…},"body":"<raw body>"}` or `"body_base64"` for exact
/// bytes. The signature is checked over exactly those bytes.
public struct WebhookDeliveryReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "webhook.capture.delivery", name: "Captured webhook delivery (JSON Lines line or JSON object)",
    provider: .polar, kinds: [.notification])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object, probe.hasKeys("headers") else { return .no }
    let keys = probe.jsonShape.keys
    guard keys.contains("body") || keys.contains("body_base64") || keys.contains("method") else { return .no }
    return keys.contains("received_at") || keys.contains("method") ? .certain : .likely
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try WebhookReading.parse(context).root)
    var delivery = Delivery(pointer: "", bodyPointer: "/body")
    delivery.method = try root.optional("method")?.string()
    delivery.target = try root.optional("path", "url")?.string()
    if let headers = root.optional("headers") {
      for (name, value) in try headers.members() {
        switch value.value {
        case .string(let text): delivery.headers[name.lowercased()] = text
        case .array(let values):
          if case .string(let text) = values.first { delivery.headers[name.lowercased()] = text }
        case .number: delivery.headers[name.lowercased()] = String(try value.int())
        default: continue
        }
      }
    }
    if let encoded = root.optional("body_base64") {
      delivery.bodyPointer = encoded.pointer
      let text = try encoded.string().filter { !$0.isWhitespace }
      guard let bytes = Base64.decode(Array(text.utf8)) else {
        context.reject(.notification, encoded.invalid("body_base64 is not standard Base64", code: .webhookBodyInvalid))
        return
      }
      delivery.body = bytes
    } else if let body = root.optional("body") {
      switch body.value {
      case .string(let text): delivery.body = Array(text.utf8)
      default: delivery.parsedBody = body
      }
    }
    if let received = root.optional("received_at") {
      delivery.receivedAt = NotificationParser.instant(received, context: context)
    }
    if let response = root.optional("response_body") {
      delivery.bodySource = try readResponseBody(response, root: root, context: context)
    }
    try DeliveryReader.read(
      delivery, context: context, partition: Partition.parse(context.document.logicalPath), requireNotification: true)
  }

  /// Converts the fetched API body stored in the line (`"response_body"`: the raw text, or the JSON itself) with
  /// the run's readers; returns where it is, to link it to the notification.
  private func readResponseBody(_ response: JSONNode, root: JSONNode, context: ReadContext) throws -> String? {
    let bytes: [UInt8]
    if case .string(let text) = response.value { bytes = Array(text.utf8) } else { bytes = response.value.serialized }
    var name = "response_body.json"
    if let url = try root.optional("response_url", "fetch_url")?.string() {
      let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
      if let last = path.split(separator: "/").last, !last.isEmpty { name = String(last) }
    }
    let reader: String?
    do {
      reader = try context.readEmbedded(bytes, name: name, pointer: response.pointer, excluding: ["webhook."])
    } catch let diagnostic as Diagnostic {
      context.report(diagnostic)
      return nil
    }
    guard reader != nil else {
      context.report(
        response.diagnostic(
          .webhookBodyNotRead, .warning, "the fetched body in response_body is not a format wearport reads"))
      return nil
    }
    var location = context.document.location
    location.jsonPointer = response.pointer
    return Provenance(provider: .polar, format: info.id, location: location).sourceDescription
  }
}

/// A HAR 1.2 file (saved by mitmproxy or a browser's tools) holding webhook deliveries:
/// `log.entries[].request` with `method`, `url`, `headers[{name,value}]` and `postData.text`; `startedDateTime`
/// is the received-at. Requests that are not deliveries are skipped with a note.
public struct WebhookHARReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "webhook.capture.har", name: "HAR capture of webhook deliveries", provider: .polar, kinds: [.notification])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object, probe.hasKeys("log"), probe.contains("\"entries\"") else { return .no }
    guard probe.contains("\"request\"") || probe.isComplete else { return .weak }
    return probe.contains("ebhook-") || probe.contains("-Fitbit-") || probe.contains("-fitbit-")
      || probe.contains("collectionType") ? .certain : .likely
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try WebhookReading.parse(context).root)
    let partition = Partition.parse(context.document.logicalPath)
    for entry in try root.required("log").required("entries").array() {
      guard let request = entry.optional("request") else { continue }
      var delivery = Delivery(pointer: entry.pointer, bodyPointer: request.pointer + "/postData")
      delivery.method = try request.optional("method")?.string()
      delivery.target = try request.optional("url")?.string()
      for header in try request.optional("headers")?.array() ?? [] {
        guard let name = try header.optional("name")?.string(), let value = try header.optional("value")?.string()
        else { continue }
        delivery.headers[name.lowercased()] = value
      }
      if let postData = request.optional("postData"), let text = postData.optional("text") {
        delivery.bodyPointer = text.pointer
        let body = try text.string()
        if (try postData.optional("encoding")?.string())?.lowercased() == "base64" {
          delivery.body = Base64.decode(Array(body.filter { !$0.isWhitespace }.utf8))
        } else {
          delivery.body = Array(body.utf8)
        }
      }
      if let started = entry.optional("startedDateTime") {
        delivery.receivedAt = NotificationParser.instant(started, context: context)
      }
      try DeliveryReader.read(delivery, context: context, partition: partition, requireNotification: false)
    }
  }
}

/// Fitbit subscription management responses (subscribe, list): recognised and noted, they hold no notification.
public struct FitbitSubscriptionResponseReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "webhook.fitbit.subscriptions", name: "Fitbit subscription responses (no notifications)", provider: .fitbit,
    kinds: [])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    if probe.jsonShape.root == .object, probe.hasKeys("collectionType", "subscriberId", "subscriptionId") {
      return .certain
    }
    if probe.firstByte == UInt8(ascii: "{"), probe.contains("apiSubscriptions"), probe.contains("subscriberId") {
      return .likely
    }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    do {
      _ = try WebhookReading.parse(context)
    } catch let diagnostic as Diagnostic {
      // Fitbit.NET's saved lists have unquoted keys (`apiSubscriptions:`): say so, located, and go on.
      context.report(
        Diagnostic(
          diagnostic.code, .warning, "a Fitbit subscription list that is not valid JSON: \(diagnostic.message)",
          at: diagnostic.location))
    }
    context.report(
      .note(
        .webhookSubscriptionResponse,
        "a Fitbit subscription response (subscribe or list); it holds no notifications"))
  }
}

extension JSONValue {
  /// The value written back as compact JSON (for a body stored parsed rather than as text).
  var serialized: [UInt8] {
    var writer = JSONTextWriter()
    write(to: &writer)
    return writer.bytes
  }

  private func write(to writer: inout JSONTextWriter) {
    switch self {
    case .null: writer.null()
    case .bool(let flag): writer.bool(flag)
    case .number(let number):
      if let exact = number.exactInteger { writer.integer(exact) } else { writer.number(number.double) }
    case .string(let text): writer.string(text)
    case .array(let items):
      writer.beginArray()
      for item in items { item.write(to: &writer) }
      writer.endArray()
    case .object(let object):
      writer.beginObject()
      for (key, value) in object.entries {
        writer.key(key)
        value.write(to: &writer)
      }
      writer.endObject()
    }
  }
}
