/// A sample row: an exercise's sample at an index, with the route position at that second when there is one.
public struct ExerciseSampleRow: Sendable {
  public let exercise: Exercise
  public let index: Int
  public let position: RoutePoint?
  public init(exercise: Exercise, index: Int, position: RoutePoint?) {
    self.exercise = exercise
    self.index = index
    self.position = position
  }
}

/// The parent and index of a child row (laps, zones, route points, sleep stages).
public struct ChildRow<Parent: Sendable, Child: Sendable>: Sendable {
  public let parent: Parent
  public let index: Int
  public let child: Child
  public init(parent: Parent, index: Int, child: Child) {
    self.parent = parent
    self.index = index
    self.child = child
  }
}

/// Every table of wearport's outputs. CSV headers, SQLite DDL, JSONL field names and `schemas/` come from here.
public enum Catalog {
  // MARK: shared column builders

  private static func timeColumns<Row>(
    _ prefix: String, _ what: String, _ time: @escaping @Sendable (Row) -> Timestamp?
  )
    -> [Column<Row>]
  {
    [
      Column("\(prefix)_utc", .timestampUTC, "\(what), UTC") { time($0).map { .timestampUTC($0.instant) } ?? .null },
      Column("\(prefix)_local", .timestampLocal, "\(what), local time with its UTC offset") {
        time($0).map { .timestampLocal($0) } ?? .null
      },
    ]
  }

  private static func offsetColumns<Row>(_ time: @escaping @Sendable (Row) -> Timestamp?) -> [Column<Row>] {
    [
      Column("utc_offset_minutes", .integer, unit: "min", "local time minus UTC") {
        time($0).map { .integer(Int64($0.utcOffsetSeconds / 60)) } ?? .null
      },
      Column(
        "offset_source", .text,
        "where the offset came from: explicit, utc, source_field, time_zone, profile or unknown"
      ) { time($0).map { .text($0.offsetSource.rawValue) } ?? .null },
    ]
  }

  private static func sourceColumn<Row>(_ provenance: @escaping @Sendable (Row) -> Provenance) -> Column<Row> {
    Column("source_file", .text, "input file, archive member and JSON pointer or line") {
      .source(provenance($0).location)
    }
  }

  // MARK: exercises

  public static let exercises = Table<Exercise>(
    "exercises", "one row per exercise (training session)", primaryKey: ["exercise_id"],
    indexes: [["start_time_utc"], ["user_id", "start_time_utc"]],
    columns: [
      Column("exercise_id", .text, "provider-scoped id, e.g. polar:hX7k2Qp") { .text($0.exerciseID) },
      Column("provider", .text, "polar, fitbit, or file") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
      Column("sport", .text, "canonical sport in snake_case") { .text($0.sport.rawValue) },
      Column("sport_detail", .text, "the provider's own sport name") { .optional($0.sportDetail) },
    ] + timeColumns("start_time", "start of the exercise") { $0.start } + offsetColumns { $0.start } + [
      Column("duration_s", .real, unit: "s", "total duration") { .optional($0.durationSeconds) },
      Column("distance_m", .real, unit: "m", "total distance") { .optional($0.distanceMeters) },
      Column("calories_kcal", .real, unit: "kcal", "energy expended") { .optional($0.energyKilocalories) },
      Column("avg_heart_rate_bpm", .real, unit: "bpm", "average heart rate") { .optional($0.averageHeartRateBPM) },
      Column("max_heart_rate_bpm", .real, unit: "bpm", "maximum heart rate") { .optional($0.maximumHeartRateBPM) },
      Column("device", .text, "recording device") { .optional($0.device) },
      Column("detail_url", .text, "where the provider serves the exercise's detail (Fitbit tcxLink)") {
        .optional($0.detailURL)
      },
      Column("modified_at_utc", .timestampUTC, "when the provider last changed the record") {
        .optional($0.modifiedAt)
      },
      sourceColumn { $0.provenance },
    ])

  public static let exerciseSamples = Table<ExerciseSampleRow>(
    "exercise_samples", "one row per recorded sample of an exercise", primaryKey: ["exercise_id", "sample_index"],
    foreignKeys: [.init(column: "exercise_id", table: "exercises", parentColumn: "exercise_id")],
    columns: [
      Column("exercise_id", .text, "the exercise") { .text($0.exercise.exerciseID) },
      Column("sample_index", .integer, "0-based sample number (two samples may share a time)") {
        .integer(Int64($0.index))
      },
      Column("time_utc", .timestampUTC, "time of the sample, UTC") {
        .timestampUTC($0.exercise.start.instant.adding(milliseconds: $0.exercise.samples.elapsedMilliseconds[$0.index]))
      },
      Column("elapsed_s", .real, unit: "s", "seconds since the start") {
        .real(Double($0.exercise.samples.elapsedMilliseconds[$0.index]) / 1000)
      },
      sampleColumn(.heartRate, "heart_rate_bpm", "bpm", "heart rate"),
      sampleColumn(.speed, "speed_mps", "m/s", "speed"),
      sampleColumn(.cadence, "cadence_rpm", "rpm", "cadence (running: one foot, as recorded)"),
      sampleColumn(.power, "power_w", "W", "power"),
      sampleColumn(.altitude, "altitude_m", "m", "altitude"),
      sampleColumn(.distance, "distance_m", "m", "cumulative distance"),
      sampleColumn(.temperature, "temperature_c", "°C", "temperature"),
      Column("latitude_deg", .real, unit: "deg", "latitude (WGS 84) of the route point at this second") {
        .optional($0.position?.latitudeDegrees)
      },
      Column("longitude_deg", .real, unit: "deg", "longitude (WGS 84) of the route point at this second") {
        .optional($0.position?.longitudeDegrees)
      },
    ])

  private static func sampleColumn(_ channel: SampleChannel, _ name: String, _ unit: String, _ what: String)
    -> Column<ExerciseSampleRow>
  {
    Column(name, .real, unit: unit, what) { .optional($0.exercise.samples[channel, $0.index]) }
  }

  public static let laps = Table<ChildRow<Exercise, Lap>>(
    "laps", "one row per lap of an exercise", primaryKey: ["exercise_id", "lap_index"],
    foreignKeys: [.init(column: "exercise_id", table: "exercises", parentColumn: "exercise_id")],
    indexes: [["start_time_utc"]],
    columns: [
      Column("exercise_id", .text, "the exercise") { .text($0.parent.exerciseID) },
      Column("lap_index", .integer, "0-based lap number") { .integer(Int64($0.index)) },
      Column("start_time_utc", .timestampUTC, "start of the lap, UTC") { .timestampUTC($0.child.start.instant) },
      Column("duration_s", .real, unit: "s", "lap duration") { .real($0.child.durationSeconds) },
      Column("distance_m", .real, unit: "m", "lap distance") { .optional($0.child.distanceMeters) },
      Column("calories_kcal", .real, unit: "kcal", "lap energy") { .optional($0.child.energyKilocalories) },
      Column("avg_heart_rate_bpm", .real, unit: "bpm", "average heart rate") {
        .optional($0.child.averageHeartRateBPM)
      },
      Column("max_heart_rate_bpm", .real, unit: "bpm", "maximum heart rate") {
        .optional($0.child.maximumHeartRateBPM)
      },
      Column("max_speed_mps", .real, unit: "m/s", "maximum speed") { .optional($0.child.maximumSpeedMetersPerSecond) },
    ])

  public static let heartRateZones = Table<ChildRow<Exercise, HeartRateZone>>(
    "heart_rate_zones", "time spent in each heart-rate zone of an exercise", primaryKey: ["exercise_id", "zone_index"],
    foreignKeys: [.init(column: "exercise_id", table: "exercises", parentColumn: "exercise_id")],
    columns: [
      Column("exercise_id", .text, "the exercise") { .text($0.parent.exerciseID) },
      Column("zone_index", .integer, "0-based zone number") { .integer(Int64($0.child.index)) },
      Column("lower_bpm", .real, unit: "bpm", "lower limit") { .optional($0.child.lowerBPM) },
      Column("upper_bpm", .real, unit: "bpm", "upper limit") { .optional($0.child.upperBPM) },
      Column("time_in_zone_s", .real, unit: "s", "time in the zone") { .optional($0.child.timeInZoneSeconds) },
    ])

  public static let route = Table<ChildRow<Exercise, RoutePoint>>(
    "exercise_route", "GPS route points of an exercise", primaryKey: ["exercise_id", "point_index"],
    foreignKeys: [.init(column: "exercise_id", table: "exercises", parentColumn: "exercise_id")],
    columns: [
      Column("exercise_id", .text, "the exercise") { .text($0.parent.exerciseID) },
      Column("point_index", .integer, "0-based point number") { .integer(Int64($0.index)) },
      Column("time_utc", .timestampUTC, "time of the fix, UTC") {
        .timestampUTC($0.parent.start.instant.adding(milliseconds: $0.child.elapsedMilliseconds))
      },
      Column("elapsed_s", .real, unit: "s", "seconds since the start") {
        .real(Double($0.child.elapsedMilliseconds) / 1000)
      },
      Column("latitude_deg", .real, unit: "deg", "latitude (WGS 84)") { .real($0.child.latitudeDegrees) },
      Column("longitude_deg", .real, unit: "deg", "longitude (WGS 84)") { .real($0.child.longitudeDegrees) },
      Column("altitude_m", .real, unit: "m", "altitude") { .optional($0.child.altitudeMeters) },
      Column("satellites", .integer, "satellites in view") { .optional($0.child.satellites) },
    ])

  // MARK: days, sleep, continuous series

  public static let dailyActivity = Table<DailyActivity>(
    "daily_activity", "totals per local calendar day", primaryKey: ["provider", "user_id", "date"],
    indexes: [["date"]],
    columns: [
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
      Column("date", .date, "local calendar day") { .date($0.date) },
      Column("steps", .integer, unit: "count", "steps") { .optional($0.steps) },
      Column("distance_m", .real, unit: "m", "distance") { .optional($0.distanceMeters) },
      Column("calories_kcal", .real, unit: "kcal", "total energy including BMR") { .optional($0.energyKilocalories) },
      Column("active_calories_kcal", .real, unit: "kcal", "energy above BMR") {
        .optional($0.activeEnergyKilocalories)
      },
      Column("bmr_calories_kcal", .real, unit: "kcal", "basal metabolic energy") {
        .optional($0.bmrEnergyKilocalories)
      },
      minutes("sedentary_min", "sedentary time") { $0.sedentarySeconds },
      minutes("light_min", "lightly active time") { $0.lightSeconds },
      minutes("moderate_min", "moderately (fairly) active time") { $0.moderateSeconds },
      minutes("vigorous_min", "vigorously (very) active time") { $0.vigorousSeconds },
      Column("resting_heart_rate_bpm", .real, unit: "bpm", "resting heart rate") { .optional($0.restingHeartRateBPM) },
      Column("modified_at_utc", .timestampUTC, "when the provider last changed the record") {
        .optional($0.modifiedAt)
      },
      sourceColumn { $0.provenance },
    ])

  private static func minutes(_ name: String, _ what: String, _ seconds: @escaping @Sendable (DailyActivity) -> Double?)
    -> Column<DailyActivity>
  {
    Column(name, .real, unit: "min", what) { .optional(seconds($0).map { $0 / 60 }) }
  }

  public static let sleepSessions = Table<SleepSession>(
    "sleep_sessions", "one row per sleep period (night or nap)", primaryKey: ["sleep_id"],
    indexes: [["start_time_utc"], ["user_id", "date"]],
    columns: [
      Column("sleep_id", .text, "provider-scoped id") { .text($0.sleepID) },
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
      Column("date", .date, "the night's date (the day the sleep ended)") { .date($0.date) },
      Column("start_time_utc", .timestampUTC, "fell asleep (or went to bed), UTC") { .timestampUTC($0.start.instant) },
      Column("end_time_utc", .timestampUTC, "woke up, UTC") { .timestampUTC($0.end.instant) },
      Column("start_time_local", .timestampLocal, "start, local time with offset") { .timestampLocal($0.start) },
    ] + offsetColumns { $0.start } + [
      Column("duration_s", .real, unit: "s", "end minus start") { .real($0.durationSeconds) },
      Column("asleep_s", .real, unit: "s", "time asleep") { .optional($0.asleepSeconds) },
      Column("awake_s", .real, unit: "s", "time awake after falling asleep") { .optional($0.awakeSeconds) },
      Column("light_s", .real, unit: "s", "light sleep") { .optional($0.lightSeconds) },
      Column("deep_s", .real, unit: "s", "deep sleep") { .optional($0.deepSeconds) },
      Column("rem_s", .real, unit: "s", "REM sleep") { .optional($0.remSeconds) },
      Column("score", .real, "provider's sleep score") { .optional($0.score) },
      Column("is_main_sleep", .boolean, "the main sleep of the day, not a nap") { .optional($0.isMainSleep) },
      Column("modified_at_utc", .timestampUTC, "when the provider last changed the record") {
        .optional($0.modifiedAt)
      },
      sourceColumn { $0.provenance },
    ])

  public static let sleepStages = Table<ChildRow<SleepSession, SleepStage>>(
    "sleep_stages", "stages of a sleep period", primaryKey: ["sleep_id", "stage_index"],
    foreignKeys: [.init(column: "sleep_id", table: "sleep_sessions", parentColumn: "sleep_id")],
    indexes: [["start_time_utc"]],
    columns: [
      Column("sleep_id", .text, "the sleep period") { .text($0.parent.sleepID) },
      Column("stage_index", .integer, "0-based stage number, in the provider's order") { .integer(Int64($0.index)) },
      Column("start_time_utc", .timestampUTC, "start of the stage, UTC") { .timestampUTC($0.child.start.instant) },
      Column("duration_s", .real, unit: "s", "length of the stage") { .real($0.child.durationSeconds) },
      Column("stage", .text, "wake, light, deep, rem, asleep, restless, awake or unknown") {
        .text($0.child.stage.rawValue)
      },
      Column("raw_stage", .text, "the provider's own stage value") { .text($0.child.rawStage) },
    ])

  public static let heartRate = Table<HeartRateSample>(
    "heart_rate", "continuous (all-day) heart rate", primaryKey: ["provider", "user_id", "time_utc"],
    columns: [
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
    ] + timeColumns("time", "time of the reading") { $0.time } + offsetColumns { $0.time } + [
      Column("heart_rate_bpm", .real, unit: "bpm", "heart rate") { .real($0.heartRateBPM) },
      Column("confidence", .integer, "Fitbit confidence 0–3") { .optional($0.confidence) },
      sourceColumn { $0.provenance },
    ])

  public static let metricSamples = Table<MetricSample>(
    "metric_samples", "other measured quantities (steps per minute, HRV, SpO2, …)",
    primaryKey: ["provider", "user_id", "metric", "time_key"],
    indexes: [["metric", "time_utc"], ["metric", "date"]],
    columns: [
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
      Column("metric", .text, "what was measured, snake_case") { .text($0.metric) },
      Column("time_key", .text, "the key of the sample's time: the UTC instant with milliseconds, or the local date") {
        switch $0.time {
        case .instant(let time): .text(TimestampRenderer.utcMilliseconds(time.instant))
        case .day(let date): .text(date.description)
        }
      },
      Column("time_utc", .timestampUTC, "time of the sample, UTC (empty for a daily value)") {
        if case .instant(let time) = $0.time { return .timestampUTC(time.instant) }
        return .null
      },
      Column("time_local", .timestampLocal, "local time with offset (empty for a daily value)") {
        if case .instant(let time) = $0.time { return .timestampLocal(time) }
        return .null
      },
      Column("date", .date, "the local day of a daily value") {
        if case .day(let date) = $0.time { return .date(date) }
        return .null
      },
      Column("value", .real, "the value, in `unit`") { .real($0.value) },
      Column("unit", .text, "unit of the value") { .text($0.unit) },
      sourceColumn { $0.provenance },
    ])

  public static let bodyMeasurements = Table<BodyMeasurement>(
    "body_measurements", "weight, height, BMI and body fat", primaryKey: ["provider", "user_id", "time_utc"],
    indexes: [["time_utc"]],
    columns: [
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
    ] + timeColumns("time", "time of the measurement") { $0.time } + [
      Column("weight_kg", .real, unit: "kg", "body mass") { .optional($0.massKilograms) },
      Column("height_m", .real, unit: "m", "height") { .optional($0.heightMeters) },
      Column("bmi", .real, unit: "kg/m2", "body-mass index") { .optional($0.bmi) },
      Column("body_fat_pct", .real, unit: "%", "body fat") { .optional($0.bodyFatPercent) },
      sourceColumn { $0.provenance },
    ])

  public static let notifications = Table<WebhookNotification>(
    "notifications", "webhook notifications (data-changed events)",
    primaryKey: ["provider", "user_id", "event", "subject"],
    indexes: [["received_at_utc"]],
    columns: [
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("event", .text, "Polar event or Fitbit collection type") { .text($0.event) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
      Column("subject", .text, "what changed: the entity id, else the date, else the sent time (the key)") {
        .text(notificationSubject($0))
      },
      Column("entity_id", .text, "the changed entity, when named") { .optional($0.entityID) },
      Column("date", .date, "the local date of the changed data") { .optional($0.date) },
      Column("sent_at_utc", .timestampUTC, "when the provider sent it") { .optional($0.sentAt) },
      Column("received_at_utc", .timestampUTC, "when it was captured") { .optional($0.receivedAt) },
      Column("subscription_id", .text, "Fitbit subscription id") { .optional($0.subscriptionID) },
      Column("url", .text, "where to fetch the data") { .optional($0.url) },
      Column("signature", .text, "valid, invalid, unsigned, no_secret or unverifiable") {
        .text($0.signature.rawValue)
      },
      Column("date_text", .text, "the date as written, when it is not a valid date (Polar's own examples)") {
        .optional($0.dateText)
      },
      Column("from_date", .text, "start of the notified range (SleepWise)") { .optional($0.fromDate) },
      Column("to_date", .text, "end of the notified range (SleepWise)") { .optional($0.toDate) },
      Column("deliveries", .integer, unit: "count", "how many deliveries said the same") { .integer(Int64($0.count)) },
      Column("first_received_at_utc", .timestampUTC, "the first delivery's capture time") {
        .optional($0.firstReceivedAt)
      },
      Column("last_received_at_utc", .timestampUTC, "the last delivery's capture time") {
        .optional($0.lastReceivedAt)
      },
      Column("batch_id", .text, "the capture batch (partitioned stores)") { .optional($0.batchID) },
      Column("arrival_date", .date, "the day of the partition (or capture) it arrived in") {
        .optional($0.arrivalDate)
      },
      Column("late", .boolean, "its data date is more than a day older than its arrival") { .boolean($0.isLate) },
      Column("body_source", .text, "where the fetched body stored with it was found") { .optional($0.bodySource) },
      sourceColumn { $0.provenance },
    ])

  /// The key of a notification's subject, as in ``Record/naturalKey``.
  static func notificationSubject(_ note: WebhookNotification) -> String { note.subjectKey }

  public static let fetchPlan = Table<FetchPlanEntry>(
    "fetch_plan", "what a webhook notification asks to fetch from the provider's API, one row per subject",
    primaryKey: ["provider", "user_id", "collection", "subject"],
    indexes: [["status", "notified_at_utc"]],
    columns: [
      Column("provider", .text, "polar or fitbit") { .text($0.provider.rawValue) },
      Column("user_id", .text, "the provider's user id") { .optional($0.userID) },
      Column("collection", .text, "Polar event or Fitbit collection type") { .text($0.collection) },
      Column("subject", .text, "the entity id, else the date, else the sent time") { .text($0.subject) },
      Column("entity_id", .text, "the changed entity, when named") { .optional($0.entityID) },
      Column("date", .date, "the local date of the changed data") { .optional($0.date) },
      Column("url", .text, "where to fetch the data, when the notification names it") { .optional($0.url) },
      Column("notified_at_utc", .timestampUTC, "the latest notification: received, else sent") {
        .optional($0.notifiedAt)
      },
      Column("status", .text, "pending (nothing fetched yet); later issues add fetched and failed") {
        .text($0.status)
      },
    ])

  public static let sources = Table<DocumentReport>(
    "sources", "every input document read: file, archive member, format, fingerprint and outcome",
    primaryKey: ["source"],
    indexes: [["sha256"]],
    columns: [
      Column("source", .text, "path, !/archive member and :line (JSON Lines): the key") { .text($0.source) },
      Column("path", .text, "the input as named on the command line") { .text($0.location.path) },
      Column("member", .text, "the archive member") { .optional($0.location.member) },
      Column("line", .integer, "the line of a JSON Lines document") { .optional($0.location.line) },
      Column("format", .text, "the reader that read it (empty when none recognised it)") { .optional($0.format) },
      Column("status", .text, "converted, skipped, failed or unreadable") { .optional($0.status?.rawValue) },
      Column("sha256", .text, "SHA-256 of the document's bytes, lowercase hex") { .optional($0.sha256) },
      Column("bytes", .integer, unit: "B", "length of the document") { .optional($0.byteCount) },
      Column("records", .integer, unit: "count", "records read from it") { .integer(Int64($0.records)) },
      Column("errors", .integer, unit: "count", "error diagnostics") { .integer(Int64($0.errors)) },
      Column("warnings", .integer, unit: "count", "warning diagnostics") { .integer(Int64($0.warnings)) },
      Column("notes", .integer, unit: "count", "notes") { .integer(Int64($0.notes)) },
      Column("read_with", .text, "settings that change what is read from the bytes (time zone, units, strict)") {
        .text($0.readWith)
      },
      Column("spans_documents", .boolean, "its records were combined with other documents' (not skipped alone)") {
        .boolean($0.spansDocuments)
      },
    ])

  /// Every table's shape, in output order.
  public static var allShapes: [TableShape] {
    [
      exercises.shape, exerciseSamples.shape, laps.shape, heartRateZones.shape, route.shape, dailyActivity.shape,
      sleepSessions.shape, sleepStages.shape, heartRate.shape, metricSamples.shape, bodyMeasurements.shape,
      notifications.shape, fetchPlan.shape, sources.shape,
    ]
  }

  /// The sample rows of an exercise, with route positions joined by the nearest whole second (the first route
  /// point of that second). Rows are made one at a time as the sequence is walked: an exercise of a million samples
  /// never has a million rows in memory.
  public static func sampleRows(of exercise: Exercise) -> ExerciseSampleRows { ExerciseSampleRows(exercise) }

}

/// One row of the `fetch_plan` table: what a webhook notification asks to fetch.
public struct FetchPlanEntry: Hashable, Sendable {
  public var provider: Provider
  public var userID: String?
  public var collection: String
  public var subject: String
  public var entityID: String?
  public var date: LocalDate?
  public var url: String?
  public var notifiedAt: Instant?
  public var status: String

  /// The entry a notification asks for (status `pending`).
  public init(_ note: WebhookNotification) {
    provider = note.provider
    userID = note.userID
    collection = note.event
    subject = Catalog.notificationSubject(note)
    entityID = note.entityID
    date = note.date
    url = note.url
    notifiedAt = note.receivedAt ?? note.sentAt
    status = "pending"
  }
}

/// The sample rows of one exercise (``Catalog/sampleRows(of:)``), made as they are walked.
///
/// Route positions are found by walking the route alongside the samples when both are in time order (the usual
/// case: no memory beyond the exercise); otherwise through a table of the route's seconds.
public struct ExerciseSampleRows: Sequence {
  let exercise: Exercise
  init(_ exercise: Exercise) { self.exercise = exercise }

  public func makeIterator() -> Iterator { Iterator(exercise) }

  public struct Iterator: IteratorProtocol {
    private let exercise: Exercise
    private var index = 0
    private var routeIndex = 0
    private let ordered: Bool
    private var positions: [Int64: RoutePoint] = [:]

    init(_ exercise: Exercise) {
      self.exercise = exercise
      let elapsed = exercise.samples.elapsedMilliseconds
      let route = exercise.route
      ordered =
        zip(elapsed, elapsed.dropFirst()).allSatisfy { $0 <= $1 }
        && zip(route, route.dropFirst()).allSatisfy { $0.elapsedMilliseconds <= $1.elapsedMilliseconds }
      if !ordered {
        for point in route {
          let second = Iterator.second(point.elapsedMilliseconds)
          if positions[second] == nil { positions[second] = point }
        }
      }
    }

    private static func second(_ milliseconds: Int64) -> Int64 { (milliseconds + 500) / 1000 }

    public mutating func next() -> ExerciseSampleRow? {
      guard index < exercise.samples.count else { return nil }
      let second = Iterator.second(exercise.samples.elapsedMilliseconds[index])
      var position: RoutePoint?
      if ordered {
        let route = exercise.route
        while routeIndex < route.count, Iterator.second(route[routeIndex].elapsedMilliseconds) < second {
          routeIndex += 1
        }
        if routeIndex < route.count, Iterator.second(route[routeIndex].elapsedMilliseconds) == second {
          position = route[routeIndex]
        }
      } else {
        position = positions[second]
      }
      defer { index += 1 }
      return ExerciseSampleRow(exercise: exercise, index: index, position: position)
    }
  }
}
