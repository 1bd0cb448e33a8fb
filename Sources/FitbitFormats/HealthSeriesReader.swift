import WearportCore

/// The newer health endpoints as metric samples (fitbit.md §1.4): HRV (daily and intraday), breathing rate, SpO2
/// (daily and intraday), cardio fitness score (`vo2Max` may be a range `"42-46"`) and active zone minutes.
public struct FitbitHealthSeriesReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.health-series", name: "Fitbit Web API HRV, SpO2, breathing rate, cardio score, AZM",
    provider: .fitbit, kinds: [.metricSample])

  static let rootKeys: Set<String> = ["hrv", "br", "cardioScore", "activities-active-zone-minutes"]

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = probe.jsonShape.keys
    if probe.jsonShape.root == .object, keys.count == 1, let key = keys.first, Self.rootKeys.contains(key) {
      return .certain
    }
    // SpO2: {"dateTime":…,"value":{"avg":…}} or {"dateTime":…,"minutes":[…]}, alone or in an array.
    if keys == ["dateTime", "value"] && probe.contains("\"avg\"") { return .certain }
    if keys == ["dateTime", "minutes"] && probe.contains("\"minute\"") { return .certain }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    switch root.value {
    case .array:
      for element in try root.array() { try spo2(element, context) }
    case .object:
      if let hrv = root.optional("hrv") {
        for entry in try hrv.array() { try self.hrv(entry, context) }
      } else if let br = root.optional("br") {
        for entry in try br.array() { try breathing(entry, context) }
      } else if let cardio = root.optional("cardioScore") {
        for entry in try cardio.array() { try cardioScore(entry, context) }
      } else if let azm = root.optional("activities-active-zone-minutes") {
        for entry in try azm.array() { try activeZoneMinutes(entry, context) }
      } else {
        try spo2(root, context)
      }
    default:
      throw root.mismatch("an object or an array")
    }
  }

  private func day(_ entry: JSONNode, _ context: ReadContext, _ values: [(String, String, String)]) throws {
    let date = try Fitbit.date(try entry.required("dateTime"))
    let value = try entry.required("value")
    for (key, metric, unit) in values {
      guard let node = value.optional(key) else { continue }
      try Fitbit.each(.metricSample, context) {
        try context.emit(
          Fitbit.daySample(metric, date, try node.doubleOrString(), unit, context.provenance(pointer: node.pointer)))
      }
    }
  }

  private func minutes(
    _ list: JSONNode, _ context: ReadContext, _ body: (JSONNode, Timestamp, Provenance) throws -> Void
  ) throws {
    for entry in try list.array() {
      try Fitbit.each(.metricSample, context) {
        let minuteNode = try entry.required("minute")
        let time = context.resolve(try Fitbit.dateTime(minuteNode), context: OffsetContext(), at: minuteNode)
        try body(entry, time, context.provenance(pointer: entry.pointer))
      }
    }
  }

  private func hrv(_ entry: JSONNode, _ context: ReadContext) throws {
    if let list = entry.optional("minutes") {
      try minutes(list, context) { item, time, provenance in
        let value = try item.required("value")
        for (key, metric, unit) in [
          ("rmssd", "hrv_rmssd", "ms"), ("coverage", "hrv_coverage", "1"), ("hf", "hrv_hf", "ms2"),
          ("lf", "hrv_lf", "ms2"),
        ] {
          if let node = value.optional(key) {
            try context.emit(Fitbit.instantSample(metric, time, try node.double(), unit, provenance))
          }
        }
      }
    } else {
      try Fitbit.each(.metricSample, context) {
        try day(entry, context, [("dailyRmssd", "hrv_daily_rmssd", "ms"), ("deepRmssd", "hrv_deep_rmssd", "ms")])
      }
    }
  }

  private func breathing(_ entry: JSONNode, _ context: ReadContext) throws {
    try Fitbit.each(.metricSample, context) {
      let date = try Fitbit.date(try entry.required("dateTime"))
      let value = try entry.required("value")
      var found: [(JSONNode, String)] = []
      if let rate = value.optional("breathingRate") { found.append((rate, "breathing_rate")) }
      for (key, metric) in [
        ("fullSleepSummary", "breathing_rate"), ("deepSleepSummary", "breathing_rate_deep_sleep"),
        ("remSleepSummary", "breathing_rate_rem_sleep"), ("lightSleepSummary", "breathing_rate_light_sleep"),
      ] {
        if let rate = value.optional(key)?.optional("breathingRate") { found.append((rate, metric)) }
      }
      for (node, metric) in found {
        let rate = try node.double()
        // -1 marks a stage without a reading.
        guard rate >= 0 else { continue }
        try context.emit(Fitbit.daySample(metric, date, rate, "/min", context.provenance(pointer: node.pointer)))
      }
    }
  }

  private func cardioScore(_ entry: JSONNode, _ context: ReadContext) throws {
    try Fitbit.each(.metricSample, context) {
      let date = try Fitbit.date(try entry.required("dateTime"))
      let node = try entry.required("value").required("vo2Max")
      let provenance = context.provenance(pointer: node.pointer)
      if case .number = node.value {
        return try context.emit(Fitbit.daySample("vo2_max", date, try node.double(), "mL/kg/min", provenance))
      }
      let text = try node.string()
      let parts = text.split(separator: "-").map { Double(String($0.filter { !$0.isWhitespace })) }
      switch parts.count {
      case 1 where parts[0] != nil:
        try context.emit(Fitbit.daySample("vo2_max", date, parts[0]!, "mL/kg/min", provenance))
      case 2 where parts[0] != nil && parts[1] != nil:
        try context.emit(Fitbit.daySample("vo2_max_lower", date, parts[0]!, "mL/kg/min", provenance))
        try context.emit(Fitbit.daySample("vo2_max_upper", date, parts[1]!, "mL/kg/min", provenance))
      default:
        throw node.invalid("vo2Max is neither a number nor a range \"low-high\"")
      }
    }
  }

  private func activeZoneMinutes(_ entry: JSONNode, _ context: ReadContext) throws {
    try Fitbit.each(.metricSample, context) {
      try day(
        entry, context,
        [
          ("activeZoneMinutes", "active_zone_minutes", "min"),
          ("fatBurnActiveZoneMinutes", "active_zone_minutes_fat_burn", "min"),
          ("cardioActiveZoneMinutes", "active_zone_minutes_cardio", "min"),
          ("peakActiveZoneMinutes", "active_zone_minutes_peak", "min"),
        ])
    }
  }

  private func spo2(_ node: JSONNode, _ context: ReadContext) throws {
    if let list = node.optional("minutes") {
      try minutes(list, context) { item, time, provenance in
        try context.emit(Fitbit.instantSample("spo2", time, try item.required("value").double(), "%", provenance))
      }
    } else {
      try Fitbit.each(.metricSample, context) {
        try day(node, context, [("avg", "spo2_avg", "%"), ("min", "spo2_min", "%"), ("max", "spo2_max", "%")])
      }
    }
  }
}
