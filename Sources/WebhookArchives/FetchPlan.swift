import Foundation
import WearportCore

/// One request to make: a unique (provider, user, collection, date or entity) and the hour slot it goes in.
public struct FetchRequest: Hashable, Sendable {
  public var notification: WebhookNotification
  /// The URL to fetch: Polar's payload `url`; Fitbit's Web API resource for the collection and date.
  public var url: String
  /// The hour slot, from 0: no user has more than the per-hour limit in one slot.
  public var slot: Int
}

/// The batch layer of the lakehouse design, offline: which API requests the notifications ask for, earliest data
/// first, spread over hour slots so that no user gets more than 150 requests in one (Fitbit's per-user limit).
public enum FetchPlanner {
  public static let defaultRequestsPerHour = 150

  public struct Plan: Sendable {
    public var requests: [FetchRequest]
    /// Notifications that ask for nothing to fetch, counted by reason.
    public var skipped: [String: Int]
  }

  /// The plan for a run's notifications (already merged: one per subject).
  ///
  /// PING and `userRevokedAccess` ask for nothing; notifications with an invalid signature are not trusted; a
  /// Fitbit collection with no known resource has no URL: all are counted in ``Plan/skipped``.
  public static func plan(_ notes: [WebhookNotification], requestsPerHour: Int = defaultRequestsPerHour) -> Plan {
    let limit = max(1, requestsPerHour)
    var skipped: [String: Int] = [:]
    var candidates: [(note: WebhookNotification, url: String)] = []
    for note in notes {
      if note.signature == .invalid {
        skipped["invalid signature", default: 0] += 1
        continue
      }
      if note.event == "PING" || note.event == "userRevokedAccess" {
        skipped["\(note.event): nothing to fetch", default: 0] += 1
        continue
      }
      guard let url = url(for: note) else {
        skipped["no known resource for \(note.provider) \(note.event)", default: 0] += 1
        continue
      }
      candidates.append((note, url))
    }
    candidates.sort { order($0.note, $1.note) }
    var perUser: [String: Int] = [:]
    var requests: [FetchRequest] = []
    requests.reserveCapacity(candidates.count)
    for (note, url) in candidates {
      let user = "\(note.provider)|\(note.userID ?? "")"
      let position = perUser[user, default: 0]
      perUser[user] = position + 1
      requests.append(FetchRequest(notification: note, url: url, slot: position / limit))
    }
    return Plan(requests: requests, skipped: skipped)
  }

  /// The request URL of a notification: Polar's own `url` (else the documented resource for its event), Fitbit's
  /// Web API resource for the collection and date.
  public static func url(for note: WebhookNotification) -> String? {
    if note.provider == .polar {
      if let url = note.url, !url.isEmpty { return url }
      let base = "https://www.polaraccesslink.com/v3"
      let date = note.date?.description ?? note.dateText
      switch note.event {
      case "EXERCISE": return note.entityID.map { "\(base)/exercises/\($0)" }
      case "SLEEP": return date.map { "\(base)/users/sleep/\($0)" }
      case "CONTINUOUS_HEART_RATE": return date.map { "\(base)/users/continuous-heart-rate/\($0)" }
      case "ACTIVITY_SUMMARY": return date.map { "\(base)/users/activities/\($0)" }
      default: return nil
      }
    }
    guard note.provider == .fitbit, let user = note.userID, !user.isEmpty,
      let date = note.date?.description ?? note.dateText
    else { return nil }
    let base = "https://api.fitbit.com"
    switch note.event {
    case "activities": return "\(base)/1/user/\(user)/activities/date/\(date).json"
    case "sleep": return "\(base)/1.2/user/\(user)/sleep/date/\(date).json"
    case "body": return "\(base)/1/user/\(user)/body/log/weight/date/\(date).json"
    case "foods": return "\(base)/1/user/\(user)/foods/log/date/\(date).json"
    default: return nil
    }
  }

  /// Earliest data first: by data day (the date, the range start, else the day it was sent or received), then
  /// first received, then provider, user, collection and subject, so that the plan is deterministic.
  static func order(_ lhs: WebhookNotification, _ rhs: WebhookNotification) -> Bool {
    let left = (dataDay(lhs), lhs.firstReceivedAt?.millisecondsSinceEpoch ?? Int64.max)
    let right = (dataDay(rhs), rhs.firstReceivedAt?.millisecondsSinceEpoch ?? Int64.max)
    if left != right { return left < right }
    return (lhs.provider.rawValue, lhs.userID ?? "", lhs.event, lhs.subjectKey)
      < (rhs.provider.rawValue, rhs.userID ?? "", rhs.event, rhs.subjectKey)
  }

  static func dataDay(_ note: WebhookNotification) -> Int64 {
    if let date = NotificationAssembler.dataDate(note) { return date.daysSinceEpoch }
    if let text = note.dateText ?? note.fromDate, text.count >= 10 {
      // A day that does not exist (`2022-09-31`) still sorts by its year, month and day.
      let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
      if parts.count == 3, let start = LocalDate(year: parts[0], month: parts[1], day: 1) {
        return start.daysSinceEpoch + Int64(parts[2] - 1)
      }
    }
    if let instant = note.sentAt ?? note.firstReceivedAt { return instant.utcDate.daysSinceEpoch }
    return Int64.max
  }

  // MARK: output

  /// The plan's columns, in order.
  public static let columns = [
    "slot", "slot_start_utc", "provider", "user_id", "collection", "subject", "entity_id", "date", "from_date",
    "to_date", "url", "notifications", "first_received_at_utc", "last_received_at_utc", "late", "signature",
  ]

  /// The cells of one request, as text (empty for missing); `slotStart` is the start of slot 0, when given.
  static func cells(_ request: FetchRequest, slotStart: Instant?) -> [String?] {
    let note = request.notification
    return [
      String(request.slot),
      slotStart.map { TimestampRenderer.utc($0.adding(milliseconds: Int64(request.slot) * 3_600_000)) },
      note.provider.rawValue, note.userID, note.event, note.subjectKey, note.entityID,
      note.date?.description ?? note.dateText, note.fromDate, note.toDate, request.url, String(note.count),
      note.firstReceivedAt.map(TimestampRenderer.utc), note.lastReceivedAt.map(TimestampRenderer.utc),
      note.isLate ? "true" : "false", note.signature.rawValue,
    ]
  }

  /// The plan as CSV like every CSV wearport writes: RFC 4180 quoting, a header, LF line ends.
  public static func csv(_ plan: Plan, slotStart: Instant? = nil) -> String {
    var text = CSVText.line(columns)
    for request in plan.requests {
      text += CSVText.line(cells(request, slotStart: slotStart))
    }
    return text
  }

  /// The plan as JSON Lines: one object per request, the CSV's columns as keys, null for missing; `slot` and
  /// `notifications` are numbers and `late` a boolean.
  public static func jsonl(_ plan: Plan, slotStart: Instant? = nil) -> String {
    var text = ""
    for request in plan.requests {
      var writer = JSONTextWriter()
      writer.beginObject()
      for (column, cell) in zip(columns, cells(request, slotStart: slotStart)) {
        switch column {
        case "slot": writer.field(column, Int64(request.slot))
        case "notifications": writer.field(column, Int64(request.notification.count))
        case "late": writer.field(column, request.notification.isLate)
        default: writer.field(column, cell)
        }
      }
      writer.endObject()
      text += String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
    return text
  }

  /// Writes the plan to `path` (`.csv` or `.jsonl`/`.ndjson` by its extension unless `format` says), atomically.
  ///
  /// - Throws: `output.unwritable` when the file cannot be written (nothing half-written is left).
  public static func write(_ plan: Plan, to path: String, format: PlanFormat, slotStart: Instant? = nil) throws {
    let text = format == .csv ? csv(plan, slotStart: slotStart) : jsonl(plan, slotStart: slotStart)
    let file = try AtomicFile(path: path)
    do {
      try file.write(text)
      try file.commit()
    } catch {
      file.abort()
      throw error
    }
  }
}

/// The file format of a fetch plan.
public enum PlanFormat: String, Sendable, CaseIterable {
  case csv, jsonl

  /// The format a path's extension names; nil for another extension.
  public init?(path: String) {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") {
      self = .csv
    } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower == "-" {
      self = .jsonl
    } else {
      return nil
    }
  }
}

/// A sink that keeps the run's notifications (one per subject, already merged) for the plan, and ignores the other
/// records (the bodies converted beside them).
public final class NotificationCollector: RecordSink {
  public private(set) var notifications: [WebhookNotification] = []
  public init() {}
  public func write(_ record: Record) throws {
    if case .notification(let note) = record { notifications.append(note) }
  }
  public func finish() throws -> [String] { [] }
  public func abort() {}
}
