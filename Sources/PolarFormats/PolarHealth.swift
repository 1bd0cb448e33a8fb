import WearportCore

extension Diagnostic.Code {
  public static let polarHeartRateGap: Self = "polar.heart-rate.zero-gap"
  public static let polarSleepStageUnknown: Self = "polar.sleep.unknown-stage"
  public static let polarNotRecords: Self = "polar.not-records"
  /// Steps samples too far apart to fill the run-length filtered repeats between them.
  public static let polarStepsGapNotFilled: Self = "polar.steps.gap-not-filled"
}

/// Turns a document's local clock times into timestamps cheaply: the offset policy runs on the first one (and
/// reports what it must), then its offset is reused; with `--timezone` every time is resolved with the zone's rules,
/// because a DST change can fall inside the day.
struct LocalClock {
  private var first: Timestamp?

  mutating func timestamp(_ local: LocalDateTime, _ context: ReadContext, at node: JSONNode) -> Timestamp {
    if let first, first.offsetSource != .timeZone {
      let instant = Instant(
        millisecondsSinceEpoch: local.millisecondsSinceEpochAsUTC - Int64(first.utcOffsetSeconds) * 1000)
      return Timestamp(instant: instant, utcOffsetSeconds: first.utcOffsetSeconds, offsetSource: first.offsetSource)
    }
    let resolved = context.resolve(
      ParsedDateTime(local: local, offsetSeconds: nil, isUTC: false), context: OffsetContext(), at: node)
    if first == nil { first = resolved }
    return resolved
  }
}

/// Decoders for the AccessLink v3 daily records: sleep, nightly recharge, continuous heart rate, daily activity,
/// cardio load and physical information. Each takes the node of one object, so that the same code reads a single
/// response, a list envelope (`nights`, `recharges`, `heart_rates`) or an aggregate file holding several.
enum PolarHealth {
  static func userID(_ node: JSONNode) throws -> String? {
    guard let url = try node.optional("polar_user")?.string() else { return nil }
    return PolarKeys.userID(fromURL: url)
  }

  static func date(_ node: JSONNode, _ key: String = "date") throws -> LocalDate {
    try node.required(key).localDate()
  }

  static func parseDateTime(_ node: JSONNode) throws -> ParsedDateTime { try node.dateTime() }

  /// A `HH:MM[:SS]` key (or value text) read for `node`, located there on failure.
  static func timeOfDay(_ node: JSONNode, text: String) throws -> LocalTime {
    try node.located { try DateTimeParser.parseTimeOfDay(text) }
  }

  // MARK: sleep

  /// Hypnogram codes (polar.md §2.2): 0 wake, 1 REM, 2 N1 and 3 N2 (light), 4 N3 (deep), 5 unknown.
  static func stage(_ code: Int64) -> SleepStageKind? {
    switch code {
    case 0: .wake
    case 1: .rem
    case 2, 3: .light
    case 4: .deep
    case 5: .unknown
    default: nil
    }
  }

  static func readSleep(_ node: JSONNode, _ context: ReadContext) throws {
    let date = try date(node)
    let user = try userID(node)
    let startNode = try node.required("sleep_start_time")
    let endNode = try node.required("sleep_end_time")
    let start = context.resolve(try parseDateTime(startNode), context: OffsetContext(), at: startNode)
    // The end takes the start's offset when it has none of its own.
    var endParsed = try parseDateTime(endNode)
    if endParsed.offsetSeconds == nil, start.offsetSource != .unknown {
      endParsed.offsetSeconds = start.utcOffsetSeconds
    }
    let end = context.resolve(endParsed, context: OffsetContext(), at: endNode)
    guard end.instant >= start.instant else {
      throw endNode.invalid("sleep_end_time is before sleep_start_time", code: .timeInvalidDateTime)
    }
    var sleep = SleepSession(
      provider: .polar, providerID: "\(user ?? "user"):\(date)", userID: user, date: date, start: start, end: end,
      provenance: context.provenance(pointer: node.pointer))
    let light = try node.optional("light_sleep")?.doubleOrString()
    let deep = try node.optional("deep_sleep")?.doubleOrString()
    let rem = try node.optional("rem_sleep")?.doubleOrString()
    sleep.lightSeconds = light
    sleep.deepSeconds = deep
    sleep.remSeconds = rem
    if light != nil || deep != nil || rem != nil { sleep.asleepSeconds = (light ?? 0) + (deep ?? 0) + (rem ?? 0) }
    sleep.awakeSeconds = try node.optional("total_interruption_duration")?.doubleOrString()
    sleep.score = try node.optional("sleep_score")?.doubleOrString()
    sleep.isMainSleep = true
    if let hypnogram = node.optional("hypnogram") {
      sleep.stages = try stages(hypnogram, start: start, end: end, context)
    }
    try context.emit(.sleepSession(sleep))
    if let heartRates = node.optional("heart_rate_samples") {
      try clockSeries(heartRates, anchor: start) { time, value, _ in
        guard value > 0 else { return }
        try context.emit(
          .heartRate(
            HeartRateSample(
              provider: .polar, userID: user, time: time, heartRateBPM: value,
              provenance: context.provenance(pointer: heartRates.pointer))))
      }
    }
  }

  /// Stage change points keyed `HH:MM` (no date): anchored at the start's local date, rolling over at midnight; each
  /// stage lasts until the next key, the last until the end of the sleep.
  static func stages(_ hypnogram: JSONNode, start: Timestamp, end: Timestamp, _ context: ReadContext) throws
    -> [SleepStage]
  {
    var changes: [(Timestamp, SleepStageKind, String)] = []
    try clockSeries(hypnogram, anchor: start) { time, code, node in
      // A code that is not an integer within range (1.8e20, 2.5, NaN) is unknown, never converted with a trap.
      guard let integer = Int64(exactly: code), let kind = stage(integer) else {
        context.report(
          node.diagnostic(.polarSleepStageUnknown, .warning, "hypnogram stage code is not 0–5; kept as unknown"))
        changes.append((time, .unknown, NumberRenderer.render(code)))
        return
      }
      changes.append((time, kind, NumberRenderer.render(code)))
    }
    var stages: [SleepStage] = []
    for (index, change) in changes.enumerated() {
      let next = index + 1 < changes.count ? changes[index + 1].0.instant : end.instant
      let milliseconds = next - change.0.instant
      guard milliseconds > 0 else { continue }
      stages.append(
        SleepStage(start: change.0, durationSeconds: Double(milliseconds) / 1000, stage: change.1, rawStage: change.2))
    }
    return stages
  }

  /// Walks an object keyed by `HH:MM` (or `HH:MM:SS`) in document order, giving each value its moment: the anchor's
  /// local date, plus a day whenever the clock goes backwards, at the anchor's offset.
  static func clockSeries(
    _ node: JSONNode, anchor: Timestamp, _ body: (Timestamp, Double, JSONNode) throws -> Void
  ) throws {
    var sequence = TimeOfDaySequence(anchor: anchor.local.date)
    var previous: LocalDateTime?
    for (key, valueNode) in try node.members() {
      guard !valueNode.isNull else { continue }
      let time = try timeOfDay(valueNode, text: key)
      var local = sequence.next(time)
      // A first key earlier than the anchor's clock belongs to the next day (sleep that starts before midnight).
      if previous == nil, local < anchor.local.adding(milliseconds: -12 * 3_600_000) {
        local = local.adding(milliseconds: 86_400_000)
        sequence = TimeOfDaySequence(anchor: local.date)
        _ = sequence.next(time)
      }
      previous = local
      let instant = Instant(
        millisecondsSinceEpoch: local.millisecondsSinceEpochAsUTC - Int64(anchor.utcOffsetSeconds) * 1000)
      let value = try valueNode.doubleOrString()
      try body(
        Timestamp(instant: instant, utcOffsetSeconds: anchor.utcOffsetSeconds, offsetSource: anchor.offsetSource),
        value,
        valueNode)
    }
  }

  // MARK: nightly recharge

  static func readRecharge(_ node: JSONNode, _ context: ReadContext) throws {
    let date = try date(node)
    let user = try userID(node)
    let provenance = context.provenance(pointer: node.pointer)
    let daily: [(String, String, String)] = [
      ("heart_rate_avg", "nightly_heart_rate_avg", "bpm"),
      ("beat_to_beat_avg", "nightly_beat_to_beat_avg", "ms"),
      ("heart_rate_variability_avg", "nightly_hrv_rmssd_avg", "ms"),
      ("breathing_rate_avg", "nightly_breathing_rate_avg", "/min"),
      ("nightly_recharge_status", "nightly_recharge_status", "1-6"),
      ("ans_charge", "ans_charge", "-10..10"),
      ("ans_charge_status", "ans_charge_status", "1-5"),
    ]
    for (key, metric, unit) in daily {
      guard let value = try node.optional(key)?.doubleOrString() else { continue }
      try context.emit(
        .metricSample(
          MetricSample(
            provider: .polar, userID: user, metric: metric, time: .day(date), value: value, unit: unit,
            provenance: provenance)))
    }
    // The samples start the evening before the date: anchor at the previous day's noon so "23:35" is that evening.
    let anchorLocal = LocalDateTime(date: date.adding(days: -1), time: LocalTime(hour: 12, minute: 0)!)
    let anchor = context.resolve(
      ParsedDateTime(local: anchorLocal, offsetSeconds: nil, isUTC: false), context: OffsetContext(), at: node)
    for (key, metric, unit) in [("hrv_samples", "hrv_rmssd", "ms"), ("breathing_samples", "breathing_rate", "/min")] {
      guard let samples = node.optional(key) else { continue }
      var sequence = TimeOfDaySequence(anchor: anchorLocal.date)
      for (clock, valueNode) in try samples.members() where !valueNode.isNull {
        let local = sequence.next(try timeOfDay(valueNode, text: clock))
        let instant = Instant(
          millisecondsSinceEpoch: local.millisecondsSinceEpochAsUTC - Int64(anchor.utcOffsetSeconds) * 1000)
        try context.emit(
          .metricSample(
            MetricSample(
              provider: .polar, userID: user, metric: metric,
              time: .instant(
                Timestamp(
                  instant: instant, utcOffsetSeconds: anchor.utcOffsetSeconds, offsetSource: anchor.offsetSource)),
              value: try valueNode.doubleOrString(), unit: unit,
              provenance: context.provenance(pointer: samples.pointer))))
      }
    }
  }

  // MARK: continuous heart rate

  /// One day of continuous heart rate. Samples of 0 bpm are sensor gaps: not records; a note counts them.
  static func readContinuousHeartRate(_ node: JSONNode, _ context: ReadContext) throws {
    let date = try date(node)
    let user = try userID(node)
    let samples = try node.required("heart_rate_samples")
    var gaps = 0
    var clock = LocalClock()
    for sample in try samples.array() {
      let bpm = try sample.required("heart_rate").doubleOrString()
      guard bpm > 0 else {
        gaps += 1
        continue
      }
      let timeNode = try sample.required("sample_time")
      let local = LocalDateTime(date: date, time: try timeOfDay(timeNode, text: try timeNode.string()))
      let time = clock.timestamp(local, context, at: timeNode)
      try context.emit(
        .heartRate(
          HeartRateSample(
            provider: .polar, userID: user, time: time, heartRateBPM: bpm,
            provenance: context.provenance(pointer: sample.pointer))))
    }
    if gaps > 0 {
      context.report(
        samples.diagnostic(.polarHeartRateGap, .note, "\(gaps) sample(s) of 0 bpm are sensor gaps and were not written")
      )
    }
  }

  // MARK: daily activity

  static func readDailyActivity(_ node: JSONNode, _ context: ReadContext) throws {
    let startNode = try node.required("start_time")
    let startParsed = try parseDateTime(startNode)
    let date = startParsed.local.date
    let user = try userID(node)
    var day = DailyActivity(
      provider: .polar, userID: user, date: date, provenance: context.provenance(pointer: node.pointer))
    day.steps = try node.optional("steps")?.intOrString()
    day.energyKilocalories = try node.optional("calories")?.doubleOrString()
    day.activeEnergyKilocalories = try node.optional("active_calories")?.doubleOrString()
    if let total = day.energyKilocalories, let active = day.activeEnergyKilocalories {
      day.bmrEnergyKilocalories = total - active
    }
    day.distanceMeters = try node.optional("distance_from_steps")?.doubleOrString()
    let provenance = context.provenance(pointer: node.pointer)
    for (key, metric, unit) in [
      ("active_duration", "active_duration", "s"), ("inactive_duration", "inactive_duration", "s"),
    ] {
      guard let durationNode = node.optional(key) else { continue }
      let text = try durationNode.string()
      guard let seconds = (try? ISODuration.parse(text))?.totalSeconds else {
        throw durationNode.invalid("\(key) \"\(text)\" is not an ISO-8601 duration", code: .timeInvalidDuration)
      }
      try context.emit(
        .metricSample(
          MetricSample(
            provider: .polar, userID: user, metric: metric, time: .day(date), value: seconds, unit: unit,
            provenance: provenance)))
    }
    for (key, metric, unit) in [
      ("daily_activity", "activity_goal_completion", "%"), ("inactivity_alert_count", "inactivity_alerts", "count"),
    ] {
      guard let value = try node.optional(key)?.doubleOrString() else { continue }
      try context.emit(
        .metricSample(
          MetricSample(
            provider: .polar, userID: user, metric: metric, time: .day(date), value: value, unit: unit,
            provenance: provenance)))
    }
    let endParsed = try node.optional("end_time").map(parseDateTime)
    if let samples = node.optional("samples") {
      try readActivitySamples(samples, day: &day, end: endParsed?.local, context)
    }
    try context.emit(.dailyActivity(day))
  }

  /// Steps (run-length filtered: repeated counts are left out, so they are filled in again), activity zones
  /// (each lasts until the next; summed into the day's minutes) and inactivity stamps (both shapes).
  static func readActivitySamples(
    _ node: JSONNode, day: inout DailyActivity, end: LocalDateTime?, _ context: ReadContext
  ) throws {
    let user = day.userID
    var clock = LocalClock()
    func moment(_ textNode: JSONNode) throws -> Timestamp {
      let parsed = try parseDateTime(textNode)
      if parsed.offsetSeconds != nil { return context.resolve(parsed, context: OffsetContext(), at: textNode) }
      return clock.timestamp(parsed.local, context, at: textNode)
    }
    if let steps = node.optional("steps") {
      let intervalMilliseconds = max(try steps.optional("interval_ms")?.intOrString() ?? 60_000, 0)
      let interval = intervalMilliseconds > 0 ? intervalMilliseconds : 60_000
      let samples = try steps.optional("samples")?.array() ?? []
      var previous: (Timestamp, Double)?
      // Repeats are filled in for at most one day (and 1,440 samples) per document: a longer gap (a damaged
      // timestamp, a clock jump of years) is reported and left unfilled, so that two timestamps or a tiny interval
      // cannot make the reader emit without end.
      let maxFilled = 86_400_000 / max(interval, 60_000)
      var filled: Int64 = 0
      for sample in samples {
        let time = try moment(try sample.required("timestamp"))
        guard let count = try sample.optional("steps")?.doubleOrString() else { continue }
        if let (lastTime, lastCount) = previous {
          // Fill the filtered repeats between the previous sample and this one: every interval strictly before it.
          let gap = time.instant - lastTime.instant
          let missing = gap > 0 ? (gap - 1) / interval : 0
          if missing > maxFilled - filled {
            context.report(
              sample.diagnostic(
                .polarStepsGapNotFilled, .warning,
                "the repeats before this steps sample span more than a day; not filled in"))
          } else if missing > 0 {
            for step in 1...missing {
              try emitMetric(
                "steps", lastTime.adding(milliseconds: step * interval), lastCount, "count", user, steps,
                context)
            }
            filled += missing
          }
        }
        try emitMetric("steps", time, count, "count", user, sample, context)
        previous = (time, count)
      }
    }
    if let zones = node.optional("activity_zones") {
      let samples = try (zones.optional("samples") ?? zones).array()
      var timeline: [(Timestamp, String)] = []
      for sample in samples {
        timeline.append((try moment(try sample.required("timestamp")), try sample.required("zone").string()))
      }
      var seconds: [String: Double] = [:]
      // The day ends at end_time, at the offset of the last zone change.
      let lastOffset = Int64(timeline.last?.0.utcOffsetSeconds ?? 0)
      let dayEnd: Instant? = end.map {
        Instant(millisecondsSinceEpoch: $0.millisecondsSinceEpochAsUTC - lastOffset * 1000)
      }
      for (index, entry) in timeline.enumerated() {
        guard let until = index + 1 < timeline.count ? timeline[index + 1].0.instant : dayEnd else { continue }
        let length = Double(until - entry.0.instant) / 1000
        if length > 0 { seconds[entry.1, default: 0] += length }
      }
      if !timeline.isEmpty {
        day.sedentarySeconds = seconds["SEDENTARY"] ?? 0
        day.lightSeconds = seconds["LIGHT"] ?? 0
        day.moderateSeconds = seconds["MODERATE"] ?? 0
        day.vigorousSeconds = seconds["VIGOROUS"] ?? 0
        for (zone, metric) in [("SLEEP", "sleep_zone_duration"), ("NON_WEAR", "non_wear_duration")] {
          guard let value = seconds[zone] else { continue }
          try context.emit(
            .metricSample(
              MetricSample(
                provider: .polar, userID: user, metric: metric, time: .day(day.date), value: value, unit: "s",
                provenance: context.provenance(pointer: zones.pointer))))
        }
      }
    }
    if let stamps = node.optional("inactivity_stamps") {
      let list = try (stamps.optional("samples") ?? stamps).array()
      for stamp in list {
        try emitMetric("inactivity_alert", try moment(try stamp.required("stamp")), 1, "count", user, stamp, context)
      }
    }
  }

  private static func emitMetric(
    _ metric: String, _ time: Timestamp, _ value: Double, _ unit: String, _ user: String?, _ node: JSONNode,
    _ context: ReadContext
  ) throws {
    try context.emit(
      .metricSample(
        MetricSample(
          provider: .polar, userID: user, metric: metric, time: .instant(time), value: value, unit: unit,
          provenance: context.provenance(pointer: node.pointer))))
  }

  // MARK: cardio load, physical information

  static func readCardioLoad(_ node: JSONNode, _ context: ReadContext) throws {
    let date = try date(node)
    let provenance = context.provenance(pointer: node.pointer)
    for (key, metric) in [
      ("cardio_load", "cardio_load"), ("strain", "cardio_load_strain"), ("tolerance", "cardio_load_tolerance"),
      ("cardio_load_ratio", "cardio_load_ratio"),
    ] {
      guard let value = node.optional(key), case .number = value.value else { continue }
      try context.emit(
        .metricSample(
          MetricSample(
            provider: .polar, userID: nil, metric: metric, time: .day(date), value: try value.double(), unit: "1",
            provenance: provenance)))
    }
  }

  static func readPhysicalInformation(_ node: JSONNode, _ context: ReadContext) throws {
    let createdNode = try node.required("created")
    let time = context.resolve(try parseDateTime(createdNode), context: OffsetContext(), at: createdNode)
    let user = try userID(node)
    let provenance = context.provenance(
      pointer: node.pointer, providerID: try node.optional("id")?.intOrString().description)
    var body = BodyMeasurement(provider: .polar, userID: user, time: time, provenance: provenance)
    body.massKilograms = try node.optional("weight")?.doubleOrString()
    if let height = try node.optional("height")?.doubleOrString() {
      body.heightMeters = Units.meters(centimeters: height)
    }
    if body.massKilograms != nil || body.heightMeters != nil { try context.emit(.bodyMeasurement(body)) }
    for (key, metric, unit) in [
      ("maximum_heart_rate", "maximum_heart_rate", "bpm"), ("resting_heart_rate", "resting_heart_rate", "bpm"),
      ("aerobic_threshold", "aerobic_threshold", "bpm"), ("anaerobic_threshold", "anaerobic_threshold", "bpm"),
      ("vo2_max", "vo2_max", "ml/kg/min"),
    ] {
      guard let value = try node.optional(key)?.doubleOrString() else { continue }
      try context.emit(
        .metricSample(
          MetricSample(
            provider: .polar, userID: user, metric: metric, time: .instant(time), value: value, unit: unit,
            provenance: provenance)))
    }
  }
}
