/// Totals for one local calendar day.
public struct DailyActivity: Hashable, Sendable {
  public var provider: Provider
  public var userID: String?
  /// The local calendar day (never an instant).
  public var date: LocalDate
  public var steps: Int64?
  public var distanceMeters: Double?
  /// Total energy including BMR.
  public var energyKilocalories: Double?
  public var activeEnergyKilocalories: Double?
  public var bmrEnergyKilocalories: Double?
  public var sedentarySeconds: Double?
  public var lightSeconds: Double?
  public var moderateSeconds: Double?
  public var vigorousSeconds: Double?
  public var restingHeartRateBPM: Double?
  public var modifiedAt: Instant?
  public var provenance: Provenance

  public init(provider: Provider, userID: String?, date: LocalDate, provenance: Provenance) {
    self.provider = provider
    self.userID = userID
    self.date = date
    self.provenance = provenance
  }
}

/// A stage of sleep in the one vocabulary of the model.
public enum SleepStageKind: String, Hashable, Sendable, CaseIterable, Codable {
  case wake, light, deep, rem, asleep, restless, awake, unknown
}

/// One sleep period (a night or a nap) with its stages.
public struct SleepSession: Hashable, Sendable {
  public var provider: Provider
  public var providerID: String?
  public var userID: String?
  /// The night's date: the day the sleep ended (Polar `date`, Fitbit `dateOfSleep`).
  public var date: LocalDate
  public var start: Timestamp
  public var end: Timestamp
  public var asleepSeconds: Double?
  public var awakeSeconds: Double?
  public var lightSeconds: Double?
  public var deepSeconds: Double?
  public var remSeconds: Double?
  public var score: Double?
  public var isMainSleep: Bool?
  public var stages: [SleepStage] = []
  public var modifiedAt: Instant?
  public var provenance: Provenance

  public init(
    provider: Provider, providerID: String?, userID: String?, date: LocalDate, start: Timestamp, end: Timestamp,
    provenance: Provenance
  ) {
    self.provider = provider
    self.providerID = providerID
    self.userID = userID
    self.date = date
    self.start = start
    self.end = end
    self.provenance = provenance
  }

  public var durationSeconds: Double { Double(end.instant - start.instant) / 1000 }
  /// `polar:2025-10-01` style id: the provider id when there is one, else the start instant.
  public var sleepID: String {
    "\(provider.rawValue):\(providerID ?? TimestampRenderer.utc(start.instant))"
  }
}

public struct SleepStage: Hashable, Sendable {
  public var start: Timestamp
  public var durationSeconds: Double
  public var stage: SleepStageKind
  /// The provider's own stage value (`3`, `light`, `restless`).
  public var rawStage: String
  public init(start: Timestamp, durationSeconds: Double, stage: SleepStageKind, rawStage: String) {
    self.start = start
    self.durationSeconds = durationSeconds
    self.stage = stage
    self.rawStage = rawStage
  }
}

/// One continuous (all-day) heart-rate reading.
public struct HeartRateSample: Hashable, Sendable {
  public var provider: Provider
  public var userID: String?
  public var time: Timestamp
  public var heartRateBPM: Double
  /// Fitbit's 0–3 confidence, where given.
  public var confidence: Int?
  public var provenance: Provenance
  public init(
    provider: Provider, userID: String?, time: Timestamp, heartRateBPM: Double, confidence: Int? = nil,
    provenance: Provenance
  ) {
    self.provider = provider
    self.userID = userID
    self.time = time
    self.heartRateBPM = heartRateBPM
    self.confidence = confidence
    self.provenance = provenance
  }
}

/// When a metric sample applies: an instant, or a whole local day.
public enum MetricTime: Hashable, Sendable {
  case instant(Timestamp)
  case day(LocalDate)
}

/// Any other measured quantity: steps per minute, HRV, SpO2, breathing rate, cardio load…
public struct MetricSample: Hashable, Sendable {
  public var provider: Provider
  public var userID: String?
  /// snake_case name: `steps`, `hrv_rmssd`, `spo2`, `breathing_rate`.
  public var metric: String
  public var time: MetricTime
  public var value: Double
  /// The unit of `value` in UCUM-like form: `count`, `ms`, `%`, `kcal`, `m`, `/min`.
  public var unit: String
  public var provenance: Provenance
  public init(
    provider: Provider, userID: String?, metric: String, time: MetricTime, value: Double, unit: String,
    provenance: Provenance
  ) {
    self.provider = provider
    self.userID = userID
    self.metric = metric
    self.time = time
    self.value = value
    self.unit = unit
    self.provenance = provenance
  }
}

/// Weight, height, BMI and body fat at a moment.
public struct BodyMeasurement: Hashable, Sendable {
  public var provider: Provider
  public var providerID: String?
  public var userID: String?
  public var time: Timestamp
  public var massKilograms: Double?
  public var heightMeters: Double?
  public var bmi: Double?
  public var bodyFatPercent: Double?
  public var provenance: Provenance
  public init(provider: Provider, userID: String?, time: Timestamp, provenance: Provenance) {
    self.provider = provider
    self.userID = userID
    self.time = time
    self.provenance = provenance
  }
}

/// How a webhook notification's signature checked out.
public enum SignatureStatus: String, Hashable, Sendable, CaseIterable, Codable {
  case valid, invalid, unsigned
  case noSecret = "no_secret"
  case unverifiable
}

/// A webhook delivery saying that data changed (it carries no measurements).
public struct WebhookNotification: Hashable, Sendable {
  public var provider: Provider
  /// Polar event (`EXERCISE`) or Fitbit collection type (`activities`).
  public var event: String
  public var userID: String?
  public var entityID: String?
  public var date: LocalDate?
  public var sentAt: Instant?
  public var receivedAt: Instant?
  public var subscriptionID: String?
  public var url: String?
  public var signature: SignatureStatus
  public var provenance: Provenance
  /// The data date as sent, kept even when it names no real day (Polar's own examples send `2022-09-31`).
  public var dateText: String?
  /// The range of a SleepWise notification (`from`, `to`), as sent.
  public var fromDate: String?
  public var toDate: String?
  /// How many deliveries of this notification were captured (repeats merged into one).
  public var count = 1
  /// The first and last capture of those deliveries.
  public var firstReceivedAt: Instant?
  public var lastReceivedAt: Instant?
  /// The capture batch (the lakehouse layout's `metadata.batch_id`, else the partition file's name).
  public var batchID: String?
  /// The UTC day the first delivery arrived: its partition's `year=/month=/day=`, else its received-at date.
  public var arrivalDate: LocalDate?
  /// The data date is more than one day older than ``arrivalDate`` (a late sync).
  public var isLate = false
  /// Where the fetched body of this notification is in the archive, when it was captured beside it.
  public var bodySource: String?

  /// What changed, as in the natural key: the entity id, else the date (as sent when it names no real day), else
  /// the `from/to` range, else the sent time in milliseconds.
  public var subjectKey: String {
    if let entityID { return entityID }
    if let date { return date.description }
    if let dateText { return dateText }
    if fromDate != nil || toDate != nil { return "\(fromDate ?? "")/\(toDate ?? "")" }
    return sentAt.map { TimestampRenderer.utcMilliseconds($0) } ?? ""
  }

  public init(provider: Provider, event: String, signature: SignatureStatus, provenance: Provenance) {
    self.provider = provider
    self.event = event
    self.signature = signature
    self.provenance = provenance
  }
}
