import WearportCore

/// A quantity whose unit follows the response's unit system.
enum UnitQuantity: Sendable {
  case distance, elevation, weight, liquid

  func factor(_ system: UnitSystem) -> Double {
    switch self {
    case .distance: system.metersPerDistanceUnit
    case .elevation: system.metersPerElevationUnit
    case .weight: system.kilogramsPerWeightUnit
    case .liquid: system.millilitersPerLiquidUnit
    }
  }
}

/// Where the values of one daily series go.
enum SeriesTarget {
  /// A field of the day's ``DailyActivity``.
  case day(DayField, priority: Int)
  /// A metric sample for the day; `quantity` when its unit follows the unit system.
  case metric(String, unit: String, quantity: UnitQuantity? = nil, evidence: DayField? = nil, priority: Int = 2)

}

/// The daily series of §1.2: `{"activities-steps":[{"dateTime":"2021-05-23","value":"1781"}]}` and its relatives.
enum Series {
  /// The target of a series key, or nil for an unknown one.
  static func target(_ key: String) -> SeriesTarget? {
    if key.hasPrefix("activities-") {
      var resource = String(key.dropFirst("activities-".count))
      var priority = 2
      if resource.hasPrefix("tracker-") {
        resource = String(resource.dropFirst("tracker-".count))
        priority = 1
      }
      switch resource {
      case "calories": return .day(.energy, priority: priority)
      case "caloriesBMR": return .day(.bmr, priority: priority)
      case "steps": return .day(.steps, priority: priority)
      case "distance": return .day(.distanceInUnits, priority: priority)
      case "minutesSedentary": return .day(.sedentaryMinutes, priority: priority)
      case "minutesLightlyActive": return .day(.lightMinutes, priority: priority)
      case "minutesFairlyActive": return .day(.moderateMinutes, priority: priority)
      case "minutesVeryActive": return .day(.vigorousMinutes, priority: priority)
      case "activityCalories": return .day(.activeEnergy, priority: priority)
      case "floors": return .metric("floors", unit: "count", evidence: .floors, priority: priority)
      case "elevation":
        return .metric(
          "elevation_gain", unit: "m", quantity: .elevation, evidence: .elevationInUnits, priority: priority)
      default: return nil
      }
    }
    switch key {
    case "body-weight": return .metric("body_weight", unit: "kg", quantity: .weight)
    case "body-fat": return .metric("body_fat", unit: "%")
    case "body-bmi": return .metric("bmi", unit: "kg/m2")
    case "foods-log-caloriesIn": return .metric("calories_in", unit: "kcal")
    case "foods-log-water": return .metric("water", unit: "mL", quantity: .liquid)
    case "sleep-minutesAsleep": return .metric("sleep_asleep", unit: "min")
    case "sleep-minutesAwake": return .metric("sleep_awake", unit: "min")
    case "sleep-timeInBed": return .metric("sleep_time_in_bed", unit: "min")
    case "sleep-minutesToFallAsleep": return .metric("sleep_to_fall_asleep", unit: "min")
    case "sleep-minutesAfterWakeup": return .metric("sleep_after_wakeup", unit: "min")
    case "sleep-efficiency": return .metric("sleep_efficiency", unit: "%")
    case "sleep-awakeningsCount": return .metric("sleep_awakenings", unit: "count")
    default: return nil
    }
  }

  /// True for keys that look like a daily series (known or not).
  static func isSeriesKey(_ key: String) -> Bool {
    (key.hasPrefix("activities-") || key.hasPrefix("body-") || key.hasPrefix("foods-log-") || key.hasPrefix("sleep-"))
      && !key.hasSuffix("-intraday") && key != "activities-heart" && key != "activities-active-zone-minutes"
  }

  /// Reads every entry of one series.
  static func read(key: String, _ node: JSONNode, _ context: ReadContext) throws {
    guard let target = target(key) else {
      context.report(
        node.diagnostic(.fitbitUnknownResource, .warning, "the series \"\(key)\" is not a known resource; skipped"))
      return
    }
    let assembler = context.assembler(FitbitRunAssembler.self)
    let kind: RecordKind = if case .day = target { .dailyActivity } else { .metricSample }
    for entry in try node.array() {
      try Fitbit.each(kind, context) {
        let date = try Fitbit.date(try entry.required("dateTime"))
        let value = try entry.required("value").doubleOrString()
        let provenance = context.provenance(pointer: entry.pointer)
        switch target {
        case .day(let field, let priority):
          assembler.add(field, value, date: date, priority: priority, provenance: provenance)
        case .metric(let metric, let unit, let quantity, let evidence, let priority):
          if let evidence { assembler.add(evidence, value, date: date, priority: priority, provenance: provenance) }
          try emit(context, quantity: quantity, at: provenance.location) { factor in
            Fitbit.daySample(metric, date, value * factor, unit, provenance)
          }
        }
      }
    }
  }

  /// Emits a record whose value depends on the unit system: now with `--units`, else after the run's verdict.
  static func emit(
    _ context: ReadContext, quantity: UnitQuantity?, at location: SourceLocation,
    _ build: @escaping (Double) -> Record
  ) throws {
    guard let quantity else { return try context.emit(build(1)) }
    if let fixed = context.options.units.fixed {
      try context.emit(build(quantity.factor(fixed)))
    } else {
      context.assembler(FitbitRunAssembler.self).deferUnits(at: location) { build(quantity.factor($0)) }
    }
  }

  /// Heart-rate zones of a day (`Out of Range`, `Fat Burn`, `Cardio`, `Peak`) as minutes per zone.
  static func zones(_ node: JSONNode, date: LocalDate, _ context: ReadContext) throws {
    for zone in try node.array() {
      try Fitbit.each(.metricSample, context) {
        let name = try zone.required("name").string()
        guard let minutes = try zone.optional("minutes")?.double() else { return }
        try context.emit(
          Fitbit.daySample(
            "heart_rate_zone_\(Fitbit.zoneKey(name))", date, minutes, "min",
            context.provenance(pointer: zone.pointer)))
      }
    }
  }

  /// One day of `activities-heart` (new shape with a `value` wrapper, or the 1.1 shape without).
  static func heartDay(_ entry: JSONNode, _ context: ReadContext) throws {
    let date = try Fitbit.date(try entry.required("dateTime"))
    let body: JSONNode = entry.optional("value").flatMap { if case .object = $0.value { $0 } else { nil } } ?? entry
    if let resting = body.optional("restingHeartRate") {
      try Fitbit.each(.dailyActivity, context) {
        context.assembler(FitbitRunAssembler.self).add(
          .restingHeartRate, try resting.double(), date: date, priority: 2,
          provenance: context.provenance(pointer: resting.pointer))
      }
    }
    if let zones = body.optional("heartRateZones") { try Series.zones(zones, date: date, context) }
    if let custom = body.optional("customHeartRateZones") {
      for zone in try custom.array() {
        try Fitbit.each(.metricSample, context) {
          let name = try zone.required("name").string()
          guard let minutes = try zone.optional("minutes")?.double() else { return }
          try context.emit(
            Fitbit.daySample(
              "heart_rate_custom_zone_\(Fitbit.zoneKey(name))", date, minutes, "min",
              context.provenance(pointer: zone.pointer)))
        }
      }
    }
  }

  /// The first `yyyy-MM-dd` in a file name or path.
  static func date(in text: String) -> LocalDate? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10 else { return nil }
    func digit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    for start in 0...(bytes.count - 10) {
      let slice = bytes[start..<start + 10]
      let ok = slice.enumerated().allSatisfy { index, byte in
        index == 4 || index == 7 ? byte == UInt8(ascii: "-") : digit(byte)
      }
      if ok, let date = try? LocalDate.parse(String(decoding: slice, as: UTF8.self)) { return date }
    }
    return nil
  }
}

/// `activities-*`, `body-*`, `foods-log-*` and `sleep-*` daily series (values are strings). The days are assembled
/// at the end of the run, so the nine series of one day given as nine files make one daily record.
public struct FitbitTimeSeriesReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.time-series", name: "Fitbit Web API daily time series", provider: .fitbit,
    kinds: [.dailyActivity, .metricSample])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object else { return .no }
    let keys = probe.jsonShape.keys
    guard !keys.isEmpty, !keys.contains(where: { $0.hasSuffix("-intraday") }) else { return .no }
    guard keys.allSatisfy(Series.isSeriesKey) else { return .no }
    return keys.contains(where: { Series.target($0) != nil }) ? .certain : .likely
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    for (key, node) in try root.members() {
      try Series.read(key: key, node, context)
    }
  }
}

/// `activities-heart` without intraday data: resting heart rate per day and minutes per zone.
public struct FitbitHeartRateSeriesReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.heart-rate-series", name: "Fitbit Web API heart-rate time series", provider: .fitbit,
    kinds: [.dailyActivity, .metricSample])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object else { return .no }
    return probe.jsonShape.keys == ["activities-heart"] ? .certain : .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    for entry in try root.required("activities-heart").array() {
      try Fitbit.each(.dailyActivity, context) { try Series.heartDay(entry, context) }
    }
  }
}
