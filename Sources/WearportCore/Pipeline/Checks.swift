extension Diagnostic.Code {
  public static let timeNotMonotonic: Self = "time.samples-not-monotonic"
  public static let consistencyHeartRate: Self = "consistency.heart-rate"
}

/// The check step between readers and sinks: units, time and plausibility. It only warns; it never changes a record.
public enum RecordChecks {
  /// Warnings for one record. Messages name fields and counts, not values, unless `verbose`.
  public static func check(_ record: Record, verbose: Bool = false) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    func outside(_ quantity: String, _ value: Double?, sport: Sport.Family? = nil, field: String) {
      guard let value, let range = Plausibility.range(for: quantity, sport: sport), !range.contains(value) else {
        return
      }
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
      findings += checkSamples(exercise.samples, family: family)
    case .heartRate(let sample):
      outside("heart_rate_bpm", sample.heartRateBPM, field: "a heart-rate reading")
    case .bodyMeasurement(let body):
      outside("mass_kg", body.massKilograms, field: "the body mass")
      outside("height_m", body.heightMeters, field: "the height")
    case .dailyActivity, .sleepSession, .metricSample, .notification:
      break
    }
    return findings
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
