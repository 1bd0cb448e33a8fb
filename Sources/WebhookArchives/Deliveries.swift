import Foundation
import WearportCore

/// One captured HTTP request to a webhook endpoint, from a JSON Lines capture or a HAR entry.
struct Delivery {
  var method: String?
  /// The request path or URL, when captured.
  var target: String?
  /// Header names lowercased, values as captured.
  var headers: [String: String] = [:]
  /// The raw body bytes (from `body_base64`, or the UTF-8 of `body`).
  var body: [UInt8]?
  /// A body stored as parsed JSON rather than as text: re-serialised, so its signature cannot be checked.
  var parsedBody: JSONNode?
  var receivedAt: Instant?
  /// Where the delivery is in its document (`/log/entries/3`; empty for a JSON Lines line).
  var pointer: String
  /// Where its body is (`/body`, `/log/entries/3/request/postData/text`).
  var bodyPointer: String
  /// Where the fetched body stored with the delivery is, once converted.
  var bodySource: String?

  func header(_ name: String) -> String? { headers[name] }

  var isVerificationRequest: Bool {
    guard let target, target.contains("verify=") else { return false }
    return method == nil || method?.uppercased() == "GET"
  }
}

/// What a delivery carries, once its provider is known.
private enum DeliveryBody {
  case polar(JSONNode)
  case fitbitJSON(JSONNode)
  case fitbitXML([FitbitUpdatesXML.Resource])
}

enum DeliveryReader {
  /// Reads one delivery into notifications.
  ///
  /// - Parameter requireNotification: a delivery whose body is not a notification is rejected (JSON Lines
  ///   captures, which exist to hold deliveries); when false it is skipped with a note (HAR files, which also hold
  ///   unrelated requests).
  static func read(_ delivery: Delivery, context: ReadContext, partition: Partition?, requireNotification: Bool)
    throws
  {
    let at = SourceLocation(path: "", jsonPointer: delivery.pointer)
    if delivery.isVerificationRequest {
      context.report(
        Diagnostic(
          .webhookVerificationRequest, .note,
          "a Fitbit subscriber verification request (GET ?verify=…) carries no notification; skipped", at: at))
      return
    }
    if let method = delivery.method, method.uppercased() != "POST" {
      if requireNotification || hasProviderHeader(delivery) {
        context.report(
          Diagnostic(.webhookNotADelivery, .note, "a \(method) request is not a webhook delivery; skipped", at: at))
      }
      return
    }
    var provider = providerFromHeaders(delivery)
    let body: DeliveryBody
    var signature: SignatureStatus
    if let parsed = delivery.parsedBody {
      guard let found = classify(parsed, provider: provider) else {
        return try notADelivery(delivery, context: context, require: requireNotification, "not a notification")
      }
      body = found
      signature = .unverifiable
    } else {
      guard let bytes = delivery.body else {
        return try notADelivery(delivery, context: context, require: requireNotification, "has no body")
      }
      var content = bytes
      if let type = delivery.header("content-type"), type.lowercased().hasPrefix("multipart/form-data") {
        // Fitbit's legacy form POST: the notifications are the file field `updates`; the signature covers it all.
        guard let part = Multipart.part(named: "updates", in: bytes, contentType: type) else {
          return try notADelivery(
            delivery, context: context, require: requireNotification, "is a form without an \"updates\" field")
        }
        content = part
        provider = provider ?? .fitbit
      }
      let first = content.first {
        $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
      }
      if first == UInt8(ascii: "<") {
        do {
          body = .fitbitXML(try FitbitUpdatesXML.parse(content))
        } catch {
          return try bodyError(
            delivery, context: context, require: requireNotification,
            "the XML body is not an <updates> document: \(error.message) (body line \(error.line))")
        }
        provider = provider ?? .fitbit
      } else {
        let document: JSONDocument
        do {
          document = try JSONParser.parse(content)
        } catch {
          return try bodyError(
            delivery, context: context, require: requireNotification,
            "the body is not JSON: \(error.message) (body line \(error.line), column \(error.column))")
        }
        guard let found = classify(JSONNode(document.root), provider: provider) else {
          return try notADelivery(
            delivery, context: context, require: requireNotification, "is not a Polar or Fitbit notification")
        }
        body = found
      }
      switch body {
      case .polar: provider = provider ?? .polar
      case .fitbitJSON, .fitbitXML: provider = provider ?? .fitbit
      }
      let isPing: Bool
      if case .polar(let node) = body, (try? node.optional("event")?.string()) == "PING" {
        isPing = true
      } else {
        isPing = false
      }
      let header = delivery.header(WebhookSignature.headerName(provider ?? .polar))
      signature = WebhookSignature.status(
        provider: provider ?? .polar, body: bytes, header: header, options: context.options, isPing: isPing)
    }
    if case .polar(let node) = body, signature != .valid, (try? node.optional("event")?.string()) == "PING" {
      signature = .unverifiable
    }
    let capture = CaptureInfo(
      receivedAt: delivery.receivedAt ?? partition?.start, partition: partition, batchID: nil, signature: signature,
      pointer: delivery.pointer, bodySource: delivery.bodySource)
    if signature == .invalid {
      context.report(
        Diagnostic(
          .webhookSignatureInvalid, .warning,
          "the \(WebhookSignature.headerName(provider ?? .polar)) header does not match the body: the delivery may "
            + "be forged or its body changed", at: at))
    }
    let assembler = context.assembler(NotificationAssembler.self)
    switch body {
    case .polar(let node):
      assembler.add(try NotificationParser.polar(node, capture: capture, context: context))
    case .fitbitJSON(let node):
      for item in try node.array() {
        assembler.add(try NotificationParser.fitbit(item, capture: capture, context: context))
      }
    case .fitbitXML(let resources):
      for resource in resources {
        var note = try NotificationParser.fitbit(resource, capture: capture, context: context)
        note.provenance.location = context.document.location.at(pointer: delivery.pointer)
        note.provenance.location.line = context.document.location.line
        assembler.add(note)
      }
    }
  }

  private static func hasProviderHeader(_ delivery: Delivery) -> Bool { providerFromHeaders(delivery) != nil }

  private static func providerFromHeaders(_ delivery: Delivery) -> Provider? {
    if delivery.header("polar-webhook-signature") != nil || delivery.header("polar-webhook-event") != nil {
      return .polar
    }
    if delivery.header("x-fitbit-signature") != nil { return .fitbit }
    return nil
  }

  private static func classify(_ node: JSONNode, provider: Provider?) -> DeliveryBody? {
    if provider != .fitbit, NotificationParser.isPolarPayload(node.value) { return .polar(node) }
    if provider != .polar, case .array(let items) = node.value, !items.isEmpty,
      items.allSatisfy(NotificationParser.isFitbitNotification)
    {
      return .fitbitJSON(node)
    }
    return nil
  }

  private static func notADelivery(_ delivery: Delivery, context: ReadContext, require: Bool, _ what: String) throws {
    let at = SourceLocation(path: "", jsonPointer: delivery.bodyPointer)
    if require || hasProviderHeader(delivery) {
      context.reject(.notification, .error(.webhookBodyInvalid, "the delivery's body \(what)", at: at))
    } else {
      context.report(
        Diagnostic(
          .webhookNotADelivery, .note, "a request whose body \(what) is not a webhook delivery; skipped",
          at: at))
    }
  }

  private static func bodyError(_ delivery: Delivery, context: ReadContext, require: Bool, _ message: String) throws {
    let at = SourceLocation(path: "", jsonPointer: delivery.bodyPointer)
    if require || hasProviderHeader(delivery) {
      context.reject(.notification, .error(.webhookBodyInvalid, message, at: at))
    } else {
      context.report(Diagnostic(.webhookNotADelivery, .note, "skipped a request: \(message)", at: at))
    }
  }
}

/// Just enough of multipart/form-data (RFC 7578) to take one field out of a captured body.
enum Multipart {
  /// The content of the part whose `Content-Disposition` names `name`; nil when there is none.
  static func part(named name: String, in body: [UInt8], contentType: String) -> [UInt8]? {
    guard let range = contentType.range(of: "boundary=", options: .caseInsensitive) else { return nil }
    var boundary = String(contentType[range.upperBound...])
    if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
    boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    guard !boundary.isEmpty else { return nil }
    let delimiter = Array("--\(boundary)".utf8)
    let crlfcrlf: [UInt8] = [13, 10, 13, 10]
    var starts: [Int] = []
    var index = 0
    while index + delimiter.count <= body.count {
      if body[index] == delimiter[0], body[index..<(index + delimiter.count)].elementsEqual(delimiter) {
        starts.append(index)
        index += delimiter.count
      } else {
        index += 1
      }
    }
    for (position, start) in starts.enumerated() where position + 1 < starts.count {
      let part = body[(start + delimiter.count)..<starts[position + 1]]
      guard let headerEnd = firstIndex(of: crlfcrlf, in: part) else { continue }
      let headers = String(decoding: part[part.startIndex..<headerEnd], as: UTF8.self).lowercased()
      guard headers.contains("name=\"\(name.lowercased())\"") || headers.contains("name=\(name.lowercased())")
      else { continue }
      var content = Array(part[(headerEnd + 4)...])
      if content.suffix(2) == [13, 10] { content.removeLast(2) }
      return content
    }
    return nil
  }

  private static func firstIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
    var index = bytes.startIndex
    while index + needle.count <= bytes.endIndex {
      if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }
}
