import Foundation

extension Diagnostic.Code {
  public static let timeNotMonotonic: Self = "time.samples-not-monotonic"
  public static let timeImplausibleDate: Self = "time.implausible-date"
  /// A source gives a start, an end and a duration that disagree (reported by the reader that sees all three).
  public static let timeDurationMismatch: Self = "time.duration-mismatch"
  public static let consistencyHeartRate: Self = "consistency.heart-rate"
  public static let consistencyHeartRateAverage: Self = "consistency.heart-rate.average"
  public static let consistencyHeartRateMaximum: Self = "consistency.heart-rate.maximum"
  public static let consistencyDistanceSamples: Self = "consistency.distance.samples"
  public static let consistencyDistanceRoute: Self = "consistency.distance.route"
  public static let consistencyExerciseDuration: Self = "consistency.exercise.duration"
  public static let consistencySleepDuration: Self = "consistency.sleep.duration"
  public static let consistencySleepStages: Self = "consistency.sleep.stages"
  public static let consistencySleepTotals: Self = "consistency.sleep.totals"
  public static let consistencySleepStageTotals: Self = "consistency.sleep.stage-totals"
}

/// The check step between readers and sinks: units, time, plausibility and internal consistency. It only warns; it
/// never changes a record.
///
/// It runs in `convert` as well as `validate`, once per record: per-sample records (continuous heart rate, metric
/// samples) get only a range check, and the consistency checks are linear in an exercise's samples or a sleep's stages.
///
/// Tolerances (a value inside them is not reported):
/// - distance: the last distance sample within 2 % or 25 m of the summary distance (both come from the same
///   device; checked when the samples reach 90 % of the duration); the length of the route (great-circle, ≥ 10 points) within 20 % or 200 m (GPS noise and smoothing);
/// - heart rate: the mean of the heart-rate samples within 5 % or 5 bpm of the summary average (≥ 10 samples); no
///   sample more than 2 bpm above the summary maximum;
/// - time: samples, route points and laps end no later than start + duration + 2 % or 10 s (not for TCX and GPX,
///   whose duration leaves pauses out); sleep stages lie within
///   the sleep (60 s either side), their sum is within it, asleep + awake is no longer than the time in bed + 60 s,
///   and the light, deep and REM totals are within 10 % or 5 min of the stages' sums;
/// - dates: an exercise, sleep, body measurement or day from 1990 to 2099.
public enum RecordChecks {
  /// The first and last years a record's own date may fall in (before 1990: a zero or missing time read as a date).
  public static let plausibleYears = 1990...2099

  /// The range of a heart-rate reading, looked up once: it is checked for every sample of a run.
  private static let heartRateRange = Plausibility.range(for: "heart_rate_bpm")

  /// Warnings for one record. Messages name fields and counts, not values, unless `verbose`.
  public static func check(_ record: Record, verbose: Bool = false) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    func outside(
      _ quantity: String, _ value: Double?, sport: Sport.Family? = nil, field: String,
      range known: PlausibleRange? = nil
    ) {
      guard let value, let range = known ?? Plausibility.range(for: quantity, sport: sport), !range.contains(value)
      else { return }
      let shown = verbose ? " (\(NumberRenderer.render(value)))" : ""
      findings.append(
        .warning(
          range.code,
          "\(field)\(shown) is outside the plausible range \(NumberRenderer.render(range.lower))–"
            + "\(NumberRenderer.render(range.upper)) \(unitName(quantity))"))
    }
    switch record {
    case .exercise(let exercise):
      let family = exercise.sport.family
      outside("duration_s", exercise.durationSeconds, field: "the exercise duration")
      outside("distance_m", exercise.distanceMeters, field: "the exercise distance")
      outside("heart_rate_bpm", exercise.averageHeartRateBPM, field: "the average heart rate")
      outside("heart_rate_bpm", exercise.maximumHeartRateBPM, field: "the maximum heart rate")
      if let average = exercise.averageHeartRateBPM, let maximum = exercise.maximumHeartRateBPM, average > maximum {
        findings.append(.warning(.consistencyHeartRate, "the average heart rate is above the maximum heart rate"))
      }
      checkDate(exercise.start.local.date, "the exercise start", into: &findings)
      findings += checkSamples(exercise.samples, family: family)
      findings += checkConsistency(exercise, verbose: verbose)
    case .heartRate(let sample):
      // Per-sample records: a range check only (they come by the million).
      if let range = heartRateRange, range.contains(sample.heartRateBPM) { break }
      outside("heart_rate_bpm", sample.heartRateBPM, field: "a heart-rate reading", range: heartRateRange)
    case .bodyMeasurement(let body):
      outside("mass_kg", body.massKilograms, field: "the body mass")
      outside("height_m", body.heightMeters, field: "the height")
      checkDate(body.time.local.date, "the measurement time", into: &findings)
    case .sleepSession(let sleep):
      checkDate(sleep.start.local.date, "the sleep start", into: &findings)
      findings += checkSleep(sleep, verbose: verbose)
    case .dailyActivity(let day):
      checkDate(day.date, "the day", into: &findings)
    case .metricSample, .notification:
      break
    }
    return findings
  }

  private static func checkDate(_ date: LocalDate, _ what: String, into findings: inout [Diagnostic]) {
    guard !plausibleYears.contains(date.year) else { return }
    findings.append(
      .warning(
        .timeImplausibleDate,
        "\(what) is in the year \(date.year), outside \(plausibleYears.lowerBound)–\(plausibleYears.upperBound) "
          + "(a missing or zero time read as a date?)"))
  }

  private static func checkSamples(_ samples: SampleSeries, family: Sport.Family) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    let elapsed = samples.elapsedMilliseconds
    var backwards = 0
    if elapsed.count > 1 {
      for index in 1..<elapsed.count where elapsed[index] < elapsed[index - 1] { backwards += 1 }
    }
    if backwards > 0 {
      findings.append(.warning(.timeNotMonotonic, "sample times go backwards \(backwards) time(s)"))
    }
    let checked: [(SampleChannel, String, String)] = [
      (.heartRate, "heart_rate_bpm", "heart-rate samples"),
      (.speed, "speed_mps", "speed samples"),
      (.altitude, "altitude_m", "altitude samples"),
      (.cadence, "cadence_rpm", "cadence samples"),
      (.power, "power_w", "power samples"),
    ]
    for (channel, quantity, what) in checked {
      guard let column = samples.column(channel),
        let range = Plausibility.range(for: quantity, sport: channel == .speed ? family : nil)
      else { continue }
      var count = 0
      for value in column where !value.isNaN && !range.contains(value) { count += 1 }
      if count > 0 {
        findings.append(
          .warning(
            range.code,
            "\(count) \(what) are outside the plausible range \(NumberRenderer.render(range.lower))–"
              + "\(NumberRenderer.render(range.upper)) \(unitName(quantity))"))
      }
    }
    return findings
  }

  /// The summary against the exercise's own samples, route and laps.
  private static func checkConsistency(_ exercise: Exercise, verbose: Bool) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    func shown(_ values: Double...) -> String {
      verbose
        ? " (" + values.map { NumberRenderer.render(($0 * 10).rounded() / 10) }.joined(separator: " vs ") + ")" : ""
    }
    var routeBackwards = 0
    for index in exercise.route.indices.dropFirst()
    where exercise.route[index].elapsedMilliseconds < exercise.route[index - 1].elapsedMilliseconds {
      routeBackwards += 1
    }
    if routeBackwards > 0 {
      findings.append(.warning(.timeNotMonotonic, "route point times go backwards \(routeBackwards) time(s)"))
    }
    // Distance: the last cumulative distance sample, and the route's length.
    if let distance = exercise.distanceMeters, distance > 0 {
      if let column = exercise.samples.column(.distance), let last = column.last(where: { !$0.isNaN }),
        coversDuration(exercise), abs(last - distance) > max(25, 0.02 * distance)
      {
        findings.append(
          .warning(
            .consistencyDistanceSamples,
            "the last distance sample differs from the exercise distance by more than 2 % (or 25 m)"
              + shown(last, distance)))
      }
      if exercise.route.count >= 10 {
        let length = routeLength(exercise.route)
        if abs(length - distance) > max(200, 0.2 * distance) {
          findings.append(
            .warning(
              .consistencyDistanceRoute,
              "the length of the route differs from the exercise distance by more than 20 % (or 200 m)"
                + shown(length, distance)))
        }
      }
    }
    // Heart rate: the summary average and maximum against the samples (0 bpm gaps are already missing values).
    if let column = exercise.samples.column(.heartRate),
      exercise.averageHeartRateBPM != nil || exercise.maximumHeartRateBPM != nil
    {
      var sum = 0.0
      var count = 0
      var highest = -Double.infinity
      for value in column where !value.isNaN {
        sum += value
        count += 1
        if value > highest { highest = value }
      }
      if let average = exercise.averageHeartRateBPM, count >= 10 {
        let mean = sum / Double(count)
        if abs(mean - average) > max(5, 0.05 * average) {
          findings.append(
            .warning(
              .consistencyHeartRateAverage,
              "the average heart rate differs from the mean of the \(count) heart-rate samples by more than 5 % "
                + "(or 5 bpm)" + shown(average, mean)))
        }
      }
      if let maximum = exercise.maximumHeartRateBPM, count > 0, highest > maximum + 2 {
        findings.append(
          .warning(
            .consistencyHeartRateMaximum,
            "a heart-rate sample is above the maximum heart rate" + shown(highest, maximum)))
      }
    }
    // Time: nothing recorded after start + duration. A TCX or GPX duration is timer time (TotalTimeSeconds leaves
    // pauses out) while its points are on the clock, so files are not checked.
    if let duration = exercise.durationSeconds, duration >= 0, exercise.provider != .file {
      let endMilliseconds = duration * 1000
      let slack = max(10_000, 0.02 * endMilliseconds)
      var late: [String] = []
      if let last = exercise.samples.elapsedMilliseconds.last, Double(last) > endMilliseconds + slack {
        late.append("samples")
      }
      if let last = exercise.route.last, Double(last.elapsedMilliseconds) > endMilliseconds + slack {
        late.append("route points")
      }
      if let lapsEnd = exercise.laps.map({
        Double($0.start.instant - exercise.start.instant) + $0.durationSeconds * 1000
      })
      .max(), lapsEnd > endMilliseconds + slack {
        late.append("laps")
      }
      if !late.isEmpty {
        findings.append(
          .warning(
            .consistencyExerciseDuration,
            "the \(late.joined(separator: " and ")) go on after the exercise's end (start + duration)"))
      }
      if exercise.laps.contains(where: {
        $0.start.instant.millisecondsSinceEpoch
          < exercise.start.instant.millisecondsSinceEpoch - 1000
      }) {
        findings.append(.warning(.consistencyExerciseDuration, "a lap starts before the exercise"))
      }
    }
    return findings
  }

  /// True when the samples reach at least 90 % of the duration (a track cut short is not compared with the total).
  private static func coversDuration(_ exercise: Exercise) -> Bool {
    guard let duration = exercise.durationSeconds, duration > 0 else { return true }
    guard let last = exercise.samples.elapsedMilliseconds.last else { return false }
    return Double(last) >= 0.9 * duration * 1000
  }

  /// The sleep's start, end, stages and totals against each other.
  private static func checkSleep(_ sleep: SleepSession, verbose: Bool) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    func shown(_ values: Double...) -> String {
      verbose ? " (" + values.map { NumberRenderer.render($0) }.joined(separator: " s vs ") + " s)" : ""
    }
    let inBed = sleep.durationSeconds
    if inBed <= 0 {
      findings.append(
        .warning(
          .consistencySleepDuration,
          inBed < 0 ? "the sleep ends before it starts" : "the sleep ends when it starts (no duration)"))
      return findings
    }
    if let asleep = sleep.asleepSeconds, asleep + (sleep.awakeSeconds ?? 0) > inBed + 60 {
      findings.append(
        .warning(
          .consistencySleepTotals,
          "the time asleep\(sleep.awakeSeconds == nil ? "" : " and awake") is longer than the sleep (end − start)"
            + shown(asleep + (sleep.awakeSeconds ?? 0), inBed)))
    }
    guard !sleep.stages.isEmpty else { return findings }
    var backwards = 0
    var total = 0.0
    var byKind: [SleepStageKind: Double] = [:]
    var outside = 0
    let start = sleep.start.instant.millisecondsSinceEpoch
    let end = sleep.end.instant.millisecondsSinceEpoch
    var previous = Int64.min
    for stage in sleep.stages {
      let stageStart = stage.start.instant.millisecondsSinceEpoch
      if stageStart < previous { backwards += 1 }
      previous = stageStart
      total += stage.durationSeconds
      byKind[stage.stage, default: 0] += stage.durationSeconds
      let stageEnd = Double(stageStart) + stage.durationSeconds * 1000
      if stageStart < start - 60_000 || stageEnd > Double(end) + 60_000 { outside += 1 }
    }
    if backwards > 0 {
      findings.append(.warning(.timeNotMonotonic, "sleep stage times go backwards \(backwards) time(s)"))
    }
    if outside > 0 {
      findings.append(
        .warning(.consistencySleepStages, "\(outside) sleep stage(s) lie outside the sleep's start and end"))
    }
    if total > inBed + 60 {
      findings.append(
        .warning(
          .consistencySleepStages, "the sleep stages add up to more than the sleep (end − start)" + shown(total, inBed))
      )
    }
    var differing: [String] = []
    for (kind, summary) in [
      (SleepStageKind.light, sleep.lightSeconds), (.deep, sleep.deepSeconds),
      (.rem, sleep.remSeconds),
    ] {
      guard let summary else { continue }
      let staged = byKind[kind] ?? 0
      if abs(staged - summary) > max(300, 0.1 * summary) { differing.append(kind.rawValue) }
    }
    if !differing.isEmpty {
      findings.append(
        .warning(
          .consistencySleepStageTotals,
          "the \(differing.joined(separator: ", ")) sleep total(s) differ from the sum of their stages by more than "
            + "10 % (or 5 min)"))
    }
    return findings
  }

  /// The great-circle length of a route in metres (haversine, mean Earth radius 6 371 008.8 m).
  static func routeLength(_ route: [RoutePoint]) -> Double {
    var length = 0.0
    for index in route.indices.dropFirst() {
      let a = route[index - 1]
      let b = route[index]
      let lat1 = a.latitudeDegrees * .pi / 180
      let lat2 = b.latitudeDegrees * .pi / 180
      let dLat = lat2 - lat1
      let dLon = (b.longitudeDegrees - a.longitudeDegrees) * .pi / 180
      let h = sinSquared(dLat / 2) + cos(lat1) * cos(lat2) * sinSquared(dLon / 2)
      length += 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
    }
    return length
  }

  private static func sinSquared(_ x: Double) -> Double {
    let s = sin(x)
    return s * s
  }

  private static func unitName(_ quantity: String) -> String {
    switch quantity {
    case "heart_rate_bpm": "bpm"
    case "speed_mps": "m/s"
    case "altitude_m", "distance_m", "height_m", "stride_m": "m"
    case "duration_s": "s"
    case "mass_kg": "kg"
    case "cadence_rpm": "rpm"
    case "power_w": "W"
    default: ""
    }
  }
}
