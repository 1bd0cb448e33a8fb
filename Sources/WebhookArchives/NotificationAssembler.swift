import WearportCore

/// Merges the deliveries of one notification captured several times, flags late ones, and notes once per run how
/// to give a missing secret.
///
/// The same (provider, user, event or collection, subject) is one notification with a `count`, first and last
/// received-at. It is emitted with `pieces:` = deliveries so that `read = written + merged + rejected` holds.
/// Lateness is a field (``WebhookNotification/isLate``), not a warning: late syncs are normal and the record is not
/// wrong, so `--strict` must not reject it.
final class NotificationAssembler: RunAssembler {
  private struct Entry {
    var note: WebhookNotification
    var invalidLocations: [SourceLocation] = []
  }
  private var index: [String: Int] = [:]
  private var entries: [Entry] = []
  /// Deliveries whose signature was not checked for want of a secret, by provider.
  private var unchecked: [Provider: Int] = [:]

  init() {}

  static func key(_ note: WebhookNotification) -> String {
    "\(note.provider)|\(note.userID ?? "")|\(note.event)|\(note.subjectKey)"
  }

  func add(_ note: WebhookNotification) {
    if note.signature == .noSecret { unchecked[note.provider, default: 0] += 1 }
    let key = NotificationAssembler.key(note)
    let invalid = note.signature == .invalid ? [note.provenance.location] : []
    guard let position = index[key] else {
      index[key] = entries.count
      entries.append(Entry(note: note, invalidLocations: invalid))
      return
    }
    var entry = entries[position]
    entry.invalidLocations += invalid
    entry.note = NotificationAssembler.merge(entry.note, note)
    entries[position] = entry
  }

  /// The merge of two deliveries of one notification: counts add, received-at spans both, the earliest delivery
  /// gives the rest (its source, batch and arrival day), and the signature is the strongest finding.
  static func merge(_ kept: WebhookNotification, _ other: WebhookNotification) -> WebhookNotification {
    let otherFirst = earlier(other.firstReceivedAt, than: kept.firstReceivedAt)
    var merged = otherFirst ? other : kept
    merged.count = kept.count + other.count
    merged.firstReceivedAt = minimum(kept.firstReceivedAt, other.firstReceivedAt)
    merged.lastReceivedAt = maximum(kept.lastReceivedAt, other.lastReceivedAt)
    merged.receivedAt = merged.firstReceivedAt
    merged.arrivalDate = minimum(kept.arrivalDate, other.arrivalDate)
    merged.signature = rank(kept.signature) >= rank(other.signature) ? kept.signature : other.signature
    merged.sentAt = merged.sentAt ?? (otherFirst ? kept.sentAt : other.sentAt)
    merged.url = merged.url ?? (otherFirst ? kept.url : other.url)
    merged.subscriptionID = merged.subscriptionID ?? (otherFirst ? kept.subscriptionID : other.subscriptionID)
    merged.bodySource = merged.bodySource ?? (otherFirst ? kept.bodySource : other.bodySource)
    return merged
  }

  /// Which signature status a merged notification shows: an invalid delivery is never hidden by a valid one, and a
  /// signed delivery that could be checked with a secret (`no_secret`) says more than an unsigned repeat.
  static func rank(_ status: SignatureStatus) -> Int {
    switch status {
    case .invalid: 4
    case .valid: 3
    case .noSecret: 2
    case .unsigned: 1
    case .unverifiable: 0
    }
  }

  /// The notification's data date: its date, else the start of its range.
  static func dataDate(_ note: WebhookNotification) -> LocalDate? {
    note.date ?? note.fromDate.flatMap { try? LocalDate.parse($0) }
  }

  /// The fetched body stored beside a notification inside an archive: `entities/<entity_id>.json` or
  /// `<entity_id>.json` in the notification's folder (plain files are found when the notification is read).
  static func pairedMember(_ note: WebhookNotification, in members: Set<String>) -> String? {
    let location = note.provenance.location
    guard let member = location.member, let entity = note.entityID, !entity.isEmpty, !entity.contains("/") else {
      return nil
    }
    let folder = member.lastIndex(of: "/").map { String(member[..<$0]) + "/" } ?? ""
    for candidate in ["\(folder)entities/\(entity).json", "\(folder)\(entity).json"] where candidate != member {
      let key = "\(location.path)!/\(candidate)"
      if members.contains(key) { return key }
    }
    return nil
  }

  func finish(_ context: AssemblyContext) throws {
    let archiveMembers = Set(
      context.documentLocations.compactMap { location in location.member.map { "\(location.path)!/\($0)" } })
    for entry in entries {
      var note = entry.note
      if note.bodySource == nil { note.bodySource = NotificationAssembler.pairedMember(note, in: archiveMembers) }
      // Fitbit names no URL: the Web API resource for the collection and date is where to fetch the data.
      if note.provider == .fitbit, note.url == nil { note.url = FetchPlanner.url(for: note) }
      if let data = NotificationAssembler.dataDate(note), let arrival = note.arrivalDate {
        note.isLate = data.daysSinceEpoch < arrival.daysSinceEpoch - 1
      }
      if context.options.strict, let first = entry.invalidLocations.first {
        context.reject(
          .notification, pieces: note.count,
          .error(
            .webhookSignatureInvalid,
            "the notification is rejected (--strict): \(entry.invalidLocations.count) of its \(note.count) "
              + "deliveries have an invalid signature", at: first))
        continue
      }
      try context.emit(.notification(note), pieces: note.count)
    }
    let polar = unchecked[.polar] ?? 0
    let fitbit = unchecked[.fitbit] ?? 0
    if polar + fitbit > 0 {
      var parts: [String] = []
      if polar > 0 {
        parts.append(
          "\(polar) Polar notifications: give the webhook's signature_secret_key with --polar-webhook-secret-file FILE "
            + "or the WEARPORT_POLAR_WEBHOOK_SECRET environment variable")
      }
      if fitbit > 0 {
        parts.append(
          "\(fitbit) Fitbit notifications: give the OAuth client secret with --fitbit-client-secret-file FILE or the "
            + "WEARPORT_FITBIT_CLIENT_SECRET environment variable")
      }
      context.report(
        .note(.webhookSecretMissing, "signatures were not checked (no_secret) for " + parts.joined(separator: "; ")))
    }
    entries = []
    index = [:]
  }

  private static func earlier(_ lhs: Instant?, than rhs: Instant?) -> Bool {
    guard let lhs else { return false }
    guard let rhs else { return true }
    return lhs < rhs
  }

  private static func minimum<T: Comparable>(_ lhs: T?, _ rhs: T?) -> T? {
    guard let lhs else { return rhs }
    guard let rhs else { return lhs }
    return min(lhs, rhs)
  }

  private static func maximum<T: Comparable>(_ lhs: T?, _ rhs: T?) -> T? {
    guard let lhs else { return rhs }
    guard let rhs else { return lhs }
    return max(lhs, rhs)
  }
}
