/// The kinds of record in the model, named as in JSONL `"kind"` and the tables.
public enum RecordKind: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
  case exercise
  case dailyActivity = "daily_activity"
  case sleepSession = "sleep_session"
  case heartRate = "heart_rate"
  case metricSample = "metric_sample"
  case bodyMeasurement = "body_measurement"
  case notification

  public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool { lhs.ordinal < rhs.ordinal }

  /// The position in `allCases`.
  public var ordinal: Int {
    switch self {
    case .exercise: 0
    case .dailyActivity: 1
    case .sleepSession: 2
    case .heartRate: 3
    case .metricSample: 4
    case .bodyMeasurement: 5
    case .notification: 6
    }
  }

  /// Hashes the case, not its name: counts are looked up by kind for every record of a run.
  public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

/// Any record of the model.
///
/// The cases that come by the million (samples) are stored inline; the others are boxed (`indirect`), so that a
/// record stays small: every hand-over and every look at its case copies the whole enum.
public enum Record: Hashable, Sendable {
  indirect case exercise(Exercise)
  indirect case dailyActivity(DailyActivity)
  indirect case sleepSession(SleepSession)
  case heartRate(HeartRateSample)
  case metricSample(MetricSample)
  indirect case bodyMeasurement(BodyMeasurement)
  indirect case notification(WebhookNotification)

  public var kind: RecordKind {
    switch self {
    case .exercise: .exercise
    case .dailyActivity: .dailyActivity
    case .sleepSession: .sleepSession
    case .heartRate: .heartRate
    case .metricSample: .metricSample
    case .bodyMeasurement: .bodyMeasurement
    case .notification: .notification
    }
  }

  public var provenance: Provenance {
    switch self {
    case .exercise(let record): record.provenance
    case .dailyActivity(let record): record.provenance
    case .sleepSession(let record): record.provenance
    case .heartRate(let record): record.provenance
    case .metricSample(let record): record.provenance
    case .bodyMeasurement(let record): record.provenance
    case .notification(let record): record.provenance
    }
  }

  /// The natural key: re-importing a record with the same key updates it instead of adding another.
  ///
  /// Exercises and sleep by provider id; days by provider + user + date; samples by provider + user + instant.
  public var naturalKey: String {
    switch self {
    case .exercise(let exercise):
      return "exercise|\(exercise.exerciseID)"
    case .dailyActivity(let day):
      return "daily|\(day.provider)|\(day.userID ?? "")|\(day.date)"
    case .sleepSession(let sleep):
      return "sleep|\(sleep.sleepID)"
    case .heartRate(let sample):
      return "hr|\(sample.provider)|\(sample.userID ?? "")|\(sample.time.instant.millisecondsSinceEpoch)"
    case .metricSample(let sample):
      let time: String
      switch sample.time {
      case .instant(let timestamp): time = String(timestamp.instant.millisecondsSinceEpoch)
      case .day(let date): time = date.description
      }
      return "metric|\(sample.provider)|\(sample.userID ?? "")|\(sample.metric)|\(time)"
    case .bodyMeasurement(let body):
      return "body|\(body.provider)|\(body.userID ?? "")|\(body.time.instant.millisecondsSinceEpoch)"
    case .notification(let note):
      return "notification|\(note.provider)|\(note.userID ?? "")|\(note.event)|\(note.subjectKey)"
    }
  }

  /// When the provider last changed this record, for newer-wins merging.
  public var modifiedAt: Instant? {
    switch self {
    case .exercise(let record): record.modifiedAt
    case .dailyActivity(let record): record.modifiedAt
    case .sleepSession(let record): record.modifiedAt
    default: nil
    }
  }
}
