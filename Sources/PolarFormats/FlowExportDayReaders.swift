import WearportCore

/// Flow export `activity-*.json`: one day of 24/7 activity (`date`, `samples.steps[{value, …}]`, `samples.mets`).
///
/// The day's steps are the sum of the step samples; samples that carry a time (`localTime` or `dateTime`) are also
/// written as per-sample step metrics.
public struct FlowExportActivityReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.flow-export.activity", name: "Polar Flow export daily activity", provider: .polar,
    kinds: [.dailyActivity, .metricSample])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object else { return .no }
    let keys = probe.jsonShape.keys
    if keys.contains("date") && keys.contains("samples") && keys.contains("exportVersion")
      && !keys.contains("exercises")
    {
      return probe.name.hasPrefix("activity-") ? .certain : .likely
    }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let date = try PolarHealth.date(root)
    var day = DailyActivity(provider: .polar, userID: nil, date: date, provenance: context.provenance(pointer: ""))
    if let steps = root.optional("samples")?.optional("steps") {
      var total: Double = 0
      var any = false
      for sample in try steps.array() {
        guard let value = try sample.optional("value")?.doubleOrString() else { continue }
        total += value
        any = true
        if let timeNode = sample.optional("localTime", "dateTime") {
          let parsed = try PolarHealth.parseDateTime(timeNode)
          let time = context.resolve(parsed, context: OffsetContext(), at: timeNode)
          try context.emit(
            .metricSample(
              MetricSample(
                provider: .polar, userID: nil, metric: "steps", time: .instant(time), value: value, unit: "count",
                provenance: context.provenance(pointer: sample.pointer))))
        }
      }
      if any { day.steps = Int64(exactly: total.rounded()) }  // nil when out of range, never a trap
    }
    try context.emit(.dailyActivity(day))
  }
}

/// Flow export `247ohr_*.json`: `{"deviceDays": [{date, userId, samples: [{heartRate, secondsFromDayStart}]}]}`.
public struct FlowExportContinuousHeartRateReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.flow-export.247ohr", name: "Polar Flow export 24/7 heart rate", provider: .polar, kinds: [.heartRate])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object, probe.hasKeys("deviceDays") else { return .no }
    return .certain
  }
  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    try forEachPolarObject(root, envelope: "deviceDays", context, kind: .heartRate) { day in
      let date = try PolarHealth.date(day)
      let user = try day.optional("userId").map { node -> String in
        if case .string(let text) = node.value { return text }
        return String(try node.intOrString())
      }
      var clock = LocalClock()
      var gaps = 0
      for sample in try day.optional("samples")?.array() ?? [] {
        let bpm = try sample.required("heartRate").doubleOrString()
        guard bpm > 0 else {
          gaps += 1
          continue
        }
        let seconds = try sample.required("secondsFromDayStart").doubleOrString()
        let local = LocalDateTime(date: date, time: .midnight).adding(milliseconds: Int64((seconds * 1000).rounded()))
        let time = clock.timestamp(local, context, at: sample)
        try context.emit(
          .heartRate(
            HeartRateSample(
              provider: .polar, userID: user, time: time, heartRateBPM: bpm,
              provenance: context.provenance(pointer: sample.pointer))))
      }
      if gaps > 0 {
        context.report(day.diagnostic(.polarHeartRateGap, .note, "\(gaps) sample(s) of 0 bpm are gaps; not written"))
      }
    }
  }
}

/// Flow export `sleep_result_*.json`: `[{night, evaluation, sleepResult: {hypnogram: {sleepStart, sleepEnd,
/// sleepStateChanges: [{offsetFromStart, state}]}}}]`.
public struct FlowExportSleepReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.flow-export.sleep-result", name: "Polar Flow export sleep results", provider: .polar,
    kinds: [.sleepSession])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .array else { return .no }
    return probe.hasKeys("night") && (probe.hasKeys("sleepResult") || probe.hasKeys("evaluation")) ? .certain : .no
  }
  static func stage(_ state: String) -> SleepStageKind {
    switch state {
    case "WAKE": .wake
    case "REM": .rem
    case "NONREM1", "NONREM2": .light
    case "NONREM3": .deep
    default: .unknown
    }
  }
  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    try forEachPolarObject(root, envelope: nil, context, kind: .sleepSession) { night in
      let date = try PolarHealth.date(night, "night")
      guard let hypnogram = night.optional("sleepResult")?.optional("hypnogram") else {
        throw night.invalid("the night has no sleepResult.hypnogram", code: .jsonMissingKey)
      }
      let startNode = try hypnogram.required("sleepStart")
      let endNode = try hypnogram.required("sleepEnd")
      let start = context.resolve(try PolarHealth.parseDateTime(startNode), context: OffsetContext(), at: startNode)
      var endParsed = try PolarHealth.parseDateTime(endNode)
      if endParsed.offsetSeconds == nil, start.offsetSource != .unknown {
        endParsed.offsetSeconds = start.utcOffsetSeconds
      }
      let end = context.resolve(endParsed, context: OffsetContext(), at: endNode)
      var sleep = SleepSession(
        provider: .polar, providerID: "flow:\(date)", userID: nil, date: date, start: start, end: end,
        provenance: context.provenance(pointer: night.pointer))
      if let asleep = try night.optional("evaluation")?.optional("asleepDuration")?.string() {
        sleep.asleepSeconds = (try? ISODuration.parse(asleep))?.totalSeconds
      }
      if let interruptions = try night.optional("evaluation")?.optional("interruptions")?.optional("totalDuration")?
        .string()
      {
        sleep.awakeSeconds = (try? ISODuration.parse(interruptions))?.totalSeconds
      }
      var changes: [(Int64, String)] = []
      for change in try hypnogram.optional("sleepStateChanges")?.array() ?? [] {
        let offsetNode = try change.required("offsetFromStart")
        let text = try offsetNode.string()
        guard let offset = (try? ISODuration.parse(text))?.totalMilliseconds else {
          throw offsetNode.invalid(
            "offsetFromStart \"\(text)\" is not an ISO-8601 duration", code: .timeInvalidDuration)
        }
        changes.append((offset, try change.required("state").string()))
      }
      changes.sort { $0.0 < $1.0 }
      var totals: [SleepStageKind: Double] = [:]
      for (index, change) in changes.enumerated() {
        let until = index + 1 < changes.count ? changes[index + 1].0 : end.instant - start.instant
        guard until > change.0 else { continue }
        let kind = FlowExportSleepReader.stage(change.1)
        let seconds = Double(until - change.0) / 1000
        totals[kind, default: 0] += seconds
        sleep.stages.append(
          SleepStage(
            start: start.adding(milliseconds: change.0), durationSeconds: seconds, stage: kind, rawStage: change.1))
      }
      if !changes.isEmpty {
        sleep.lightSeconds = totals[.light] ?? 0
        sleep.deepSeconds = totals[.deep] ?? 0
        sleep.remSeconds = totals[.rem] ?? 0
      }
      sleep.isMainSleep = true
      try context.emit(.sleepSession(sleep))
    }
  }
}

/// Flow export `calendar-items-*.json` and `account-data-*.json`: physical information snapshots with keys such
/// as `"height, cm"` and `"weight, kg"`.
public struct FlowExportPhysicalInformationReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.flow-export.physical-information", name: "Polar Flow export physical information", provider: .polar,
    kinds: [.bodyMeasurement, .metricSample])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object else { return .no }
    if probe.hasKeys("physicalInformations") { return .certain }
    if probe.hasKeys("physicalInformation") && probe.name.hasPrefix("account-") { return .likely }
    return .no
  }
  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    var entries: [JSONNode] = try root.optional("physicalInformations")?.array() ?? []
    if let single = root.optional("physicalInformation") { entries.append(single) }
    for entry in entries {
      do {
        let timeNode = try entry.required("dateTime")
        let time = context.resolve(try PolarHealth.parseDateTime(timeNode), context: OffsetContext(), at: timeNode)
        var body = BodyMeasurement(
          provider: .polar, userID: nil, time: time, provenance: context.provenance(pointer: entry.pointer))
        body.massKilograms = try entry.optional("weight, kg", "weightKg")?.doubleOrString()
        if let height = try entry.optional("height, cm")?.doubleOrString() {
          body.heightMeters = Units.meters(centimeters: height)
        }
        if body.massKilograms != nil || body.heightMeters != nil { try context.emit(.bodyMeasurement(body)) }
        for (key, metric, unit) in [
          ("maximumHeartRate", "maximum_heart_rate", "bpm"), ("restingHeartRate", "resting_heart_rate", "bpm"),
          ("aerobicThreshold", "aerobic_threshold", "bpm"), ("anaerobicThreshold", "anaerobic_threshold", "bpm"),
          ("vo2Max", "vo2_max", "ml/kg/min"), ("functionalThresholdPower", "functional_threshold_power", "W"),
        ] {
          guard let value = try entry.optional(key)?.doubleOrString() else { continue }
          try context.emit(
            .metricSample(
              MetricSample(
                provider: .polar, userID: nil, metric: metric, time: .instant(time), value: value, unit: unit,
                provenance: context.provenance(pointer: entry.pointer))))
        }
      } catch let diagnostic as Diagnostic where diagnostic.code != .outputUnwritable {
        context.reject(.bodyMeasurement, diagnostic)
      }
    }
  }
}

/// One calendar item of the unofficial flow.polar.com web API (`getCalendarEvents`), as tools such as tracs save
/// it: an exercise summary. Its `datetime` ends in `Z` but holds the local clock (a known Flow bug), so it is read
/// as local time.
public struct FlowWebCalendarItemReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.flow-web.calendar-item", name: "Polar Flow web calendar item", provider: .polar, kinds: [.exercise])
  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object else { return .no }
    return probe.hasKeys("listItemId", "eventType", "datetime") ? .certain : .no
  }
  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    guard try root.optional("eventType")?.string() == "exercise" else {
      context.report(
        root.diagnostic(.polarNotRecords, .note, "a calendar item that is not an exercise; nothing to convert"))
      return
    }
    let id = String(try root.required("listItemId").intOrString())
    let timeNode = try root.required("datetime")
    var parsed = try PolarHealth.parseDateTime(timeNode)
    parsed.offsetSeconds = nil
    parsed.isUTC = false
    let start = context.resolve(parsed, context: OffsetContext(), at: timeNode)
    var exercise = Exercise(
      provider: .polar, providerID: "flow-\(id)", sport: .other, start: start,
      provenance: context.provenance(pointer: "", providerID: id))
    if let millis = try root.optional("duration")?.doubleOrString() { exercise.durationSeconds = millis / 1000 }
    exercise.distanceMeters = try root.optional("distance")?.doubleOrString()
    exercise.energyKilocalories = try root.optional("calories")?.doubleOrString()
    try context.emit(.exercise(exercise))
  }
}
