import WearportCore

/// The parsed, key-normalised root of a Polar document.
func polarRoot(_ context: ReadContext) throws -> JSONNode {
  JSONNode(PolarKeys.normalize(try context.parseJSON().root))
}

/// Calls `body` for each object of a root that is one object, a list of objects, or an envelope `{key: [...]}`.
func forEachPolarObject(
  _ root: JSONNode, envelope: String?, _ context: ReadContext, kind: RecordKind, _ body: (JSONNode) throws -> Void
) throws {
  var items: [JSONNode]
  if case .array = root.value {
    items = try root.array()
  } else if let envelope, let list = root.optional(envelope) {
    items = try list.array()
  } else {
    items = [root]
  }
  for item in items where !item.isNull {
    do {
      try body(item)
    } catch let diagnostic as Diagnostic where diagnostic.code != .outputUnwritable {
      context.reject(kind, diagnostic)
    }
  }
}

/// Polar keys in either spelling.
func polarKeys(_ probe: SniffProbe) -> Set<String> {
  Set(probe.jsonShape.keys.map { $0.replacingOccurrences(of: "-", with: "_") })
}

/// `GET /v3/users/sleep/{date}` and `GET /v3/users/sleep` (`{"nights": [...]}`).
public struct AccessLinkSleepReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.sleep", name: "Polar AccessLink sleep", provider: .polar, kinds: [.sleepSession, .heartRate])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    if keys.contains("sleep_start_time") && keys.contains("sleep_end_time") { return .certain }
    if keys == ["nights"] && probe.contains("\"sleep_start_time\"") { return .certain }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    try forEachPolarObject(try polarRoot(context), envelope: "nights", context, kind: .sleepSession) {
      try PolarHealth.readSleep($0, context)
    }
  }
}

/// `GET /v3/users/nightly-recharge/{date}` and the `{"recharges": [...]}` list.
public struct AccessLinkNightlyRechargeReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.nightly-recharge", name: "Polar AccessLink nightly recharge", provider: .polar,
    kinds: [.metricSample])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    let hints = [
      "ans_charge", "nightly_recharge_status", "heart_rate_variability_avg", "beat_to_beat_avg", "hrv_samples",
    ]
    if keys.contains("date") && hints.filter(keys.contains).count >= 2 { return .certain }
    if keys == ["recharges"] && probe.contains("\"nightly_recharge_status\"") { return .certain }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    try forEachPolarObject(try polarRoot(context), envelope: "recharges", context, kind: .metricSample) {
      try PolarHealth.readRecharge($0, context)
    }
  }
}

/// `GET /v3/users/continuous-heart-rate/{date}` and the range envelope `{"heart_rates": [...]}`.
public struct AccessLinkContinuousHeartRateReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.continuous-heart-rate", name: "Polar AccessLink continuous heart rate", provider: .polar,
    kinds: [.heartRate])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    if keys.contains("heart_rate_samples") && keys.contains("date") && !keys.contains("sleep_start_time") {
      return .certain
    }
    if keys == ["heart_rates"] && probe.contains("\"heart_rate_samples\"") { return .certain }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    try forEachPolarObject(try polarRoot(context), envelope: "heart_rates", context, kind: .heartRate) {
      try PolarHealth.readContinuousHeartRate($0, context)
    }
  }
}

/// `GET /v3/users/activities[/{date}]` summaries (optionally with `samples`), and the samples-only day objects.
public struct AccessLinkActivityReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.activity", name: "Polar AccessLink daily activity", provider: .polar,
    kinds: [.dailyActivity, .metricSample])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    let summary = ["active_duration", "inactive_duration", "active_calories", "distance_from_steps", "daily_activity"]
    if keys.contains("start_time") && !keys.contains("duration") && summary.filter(keys.contains).count >= 2 {
      return .certain
    }
    if keys.contains("date") && (keys.contains("activity_zones") || keys.contains("inactivity_stamps")) {
      return .certain
    }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    try forEachPolarObject(try polarRoot(context), envelope: nil, context, kind: .dailyActivity) { node in
      if node.optional("start_time") != nil {
        try PolarHealth.readDailyActivity(node, context)
      } else {
        // A samples-only day: metrics, and the zone minutes as a daily record of that date.
        var day = DailyActivity(
          provider: .polar, userID: nil, date: try PolarHealth.date(node),
          provenance: context.provenance(pointer: node.pointer))
        try PolarHealth.readActivitySamples(node, day: &day, end: nil, context)
        try context.emit(.dailyActivity(day))
      }
    }
  }
}

/// `GET /v3/users/cardio-load/…`: a list of days.
public struct AccessLinkCardioLoadReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.cardio-load", name: "Polar AccessLink cardio load", provider: .polar, kinds: [.metricSample])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    return keys.contains("cardio_load_status") || (keys.contains("cardio_load") && keys.contains("strain"))
      ? .certain : .no
  }
  public func read(_ context: ReadContext) throws {
    try forEachPolarObject(try polarRoot(context), envelope: nil, context, kind: .metricSample) {
      try PolarHealth.readCardioLoad($0, context)
    }
  }
}

/// Transaction-era `…/physical-informations/{id}` objects (kebab-case).
public struct AccessLinkPhysicalInformationReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.physical-information", name: "Polar AccessLink physical information", provider: .polar,
    kinds: [.bodyMeasurement, .metricSample])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    let hints = ["maximum_heart_rate", "resting_heart_rate", "vo2_max", "weight_source", "aerobic_threshold"]
    return keys.contains("created") && hints.filter(keys.contains).count >= 2 ? .certain : .no
  }
  public func read(_ context: ReadContext) throws {
    try forEachPolarObject(try polarRoot(context), envelope: nil, context, kind: .bodyMeasurement) {
      try PolarHealth.readPhysicalInformation($0, context)
    }
  }
}

/// Documents that are Polar's but hold nothing to convert: the user profile and the transaction-era URL lists
/// (`exercises`, `activity-log`, `physical-informations`, `samples`). Recognised so they are not reported as unknown.
public struct AccessLinkIndexReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.index", name: "Polar AccessLink user or URL list (no records)", provider: .polar, kinds: [])
  static let listKeys: Set<String> = ["exercises", "activity_log", "physical_informations", "samples"]
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = polarKeys(probe)
    if keys.contains("polar_user_id") && keys.contains("member_id") { return .certain }
    if keys.count == 1, let key = keys.first, AccessLinkIndexReader.listKeys.contains(key),
      probe.contains("polaraccesslink.com")
    {
      return .likely
    }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    let root = try polarRoot(context)
    if root.optional("polar_user_id") != nil {
      context.report(
        root.diagnostic(
          .polarNotRecords, .note,
          "a Polar user profile: nothing to convert (body measurements come from physical information)"))
      return
    }
    for key in root.keys {
      guard let list = root.optional(key) else { continue }
      for item in try list.array() { _ = try item.string() }
      context.report(
        root.diagnostic(
          .polarNotRecords, .note, "a list of AccessLink URLs (\(key)), not records: fetch them and convert the bodies")
      )
    }
  }
}

/// An aggregate file holding several AccessLink responses under named keys (`sleep`, `recharge`, `heart_rate`,
/// `daily_activity`, `physical_info`, `activities`), as health-sync tools save a day.
public struct AccessLinkBundleReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.bundle", name: "Polar AccessLink responses bundled in one file", provider: .polar,
    kinds: [.sleepSession, .heartRate, .metricSample, .dailyActivity, .bodyMeasurement])
  static let sections = ["sleep", "recharge", "heart_rate", "daily_activity", "physical_info", "activities"]
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object else { return .no }
    return probe.countKeys(AccessLinkBundleReader.sections) >= 3 ? .likely : .no
  }
  public func read(_ context: ReadContext) throws {
    let root = try polarRoot(context)
    if let sleep = root.optional("sleep"), sleep.keys.contains("sleep_start_time") || sleep.keys.contains("nights") {
      try forEachPolarObject(sleep, envelope: "nights", context, kind: .sleepSession) {
        try PolarHealth.readSleep($0, context)
      }
    }
    if let recharge = root.optional("recharge"), !recharge.keys.isEmpty {
      try forEachPolarObject(recharge, envelope: "recharges", context, kind: .metricSample) {
        try PolarHealth.readRecharge($0, context)
      }
    }
    if let heartRate = root.optional("heart_rate"), !heartRate.keys.isEmpty {
      try forEachPolarObject(heartRate, envelope: "heart_rates", context, kind: .heartRate) {
        try PolarHealth.readContinuousHeartRate($0, context)
      }
    }
    if let activity = root.optional("daily_activity") {
      try forEachPolarObject(activity, envelope: nil, context, kind: .dailyActivity) {
        try PolarHealth.readDailyActivity($0, context)
      }
    }
    if let physical = root.optional("physical_info"), physical.keys.contains("created") {
      try forEachPolarObject(physical, envelope: nil, context, kind: .bodyMeasurement) {
        try PolarHealth.readPhysicalInformation($0, context)
      }
    }
    if let exercises = root.optional("activities"), case .array = exercises.value {
      for node in try exercises.array() {
        do {
          try context.emit(.exercise(try AccessLinkExerciseReader().exercise(from: node, context)))
        } catch let diagnostic as Diagnostic where diagnostic.code != .outputUnwritable {
          context.reject(.exercise, diagnostic)
        }
      }
    }
  }
}
