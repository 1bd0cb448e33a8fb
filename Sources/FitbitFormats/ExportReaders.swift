import WearportCore

/// What the export readers share: the file-name test, the record array, and the two time bases of fitbit.md §4.3.
enum Export {
  /// True when the probe is a JSON array file named `<kind>-…` with one of `kinds`, whose first record has `keys`.
  static func sniff(_ probe: SniffProbe, kinds: Set<String>, keys: Set<String>) -> SniffScore {
    guard let (kind, _) = Fitbit.exportKind(probe.name), kinds.contains(kind), probe.looksLikeJSON,
      probe.jsonShape.root == .array
    else { return .no }
    if probe.jsonShape.arrayOfObjects { return probe.jsonShape.keys.isSuperset(of: keys) ? .certain : .no }
    // An empty file of a known family.
    return probe.isComplete && probe.prefix.count <= 8 ? .likely : .no
  }

  static func kind(_ context: ReadContext) -> String { Fitbit.exportKind(context.document.name)?.kind ?? "" }

  /// A UTC-based export time (heart rate, steps, distance, calories, exercise): exact; its local offset from
  /// `--timezone` when given.
  static func utc(_ local: LocalDateTime, _ context: ReadContext) -> Timestamp {
    context.resolve(Fitbit.utcParsed(local), context: OffsetContext())
  }

  /// A local-time export record (sleep, altitude, weight, height): resolved now with `--timezone`, else after the run
  /// with the offset of the export's trophy/badge stamps (or flagged as unknown).
  static func local(
    _ local: LocalDateTime, _ context: ReadContext, at node: JSONNode, _ build: @escaping (Timestamp) -> Record
  ) throws {
    if context.options.zone != nil {
      try context.emit(build(context.resolve(Fitbit.naive(local), context: OffsetContext(), at: node)))
    } else {
      context.assembler(FitbitRunAssembler.self).deferLocal(
        local, at: context.provenance(pointer: node.pointer).location, build)
    }
  }
}

/// Export `heart_rate-yyyy-MM-dd.json`: `{"dateTime":"05/18/15 05:25:00","value":{"bpm":114,"confidence":0}}`, about
/// 11,000 a day. Times are UTC in every export measured (§4.3); a file that spans two dates confirms it.
public struct FitbitExportHeartRateReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.heart-rate", name: "Fitbit account export heart rate", provider: .fitbit, kinds: [.heartRate])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    Export.sniff(probe, kinds: ["heart_rate"], keys: ["dateTime", "value"])
  }

  public func read(_ context: ReadContext) throws {
    // The dates of the first and last sample, passed `inout` rather than captured by the function below: a variable
    // captured by a local function is checked for exclusive access at run time, on every sample.
    var span: (first: LocalDate?, last: LocalDate?) = (nil, nil)
    func emit(
      _ local: LocalDateTime, _ bpm: Double, _ confidence: Int?, _ pointer: String,
      _ span: inout (first: LocalDate?, last: LocalDate?)
    ) throws {
      if span.first == nil { span.first = local.date }
      span.last = local.date
      try context.emitHeartRate(
        provider: .fitbit, userID: nil, time: Export.utc(local, context), heartRateBPM: bpm, confidence: confidence,
        pointer: pointer)
    }
    // Streamed: one record at a time (a day at 1 s is 86,400 records; bench files hold millions). Elements of the
    // usual form are read straight from their bytes; any other goes through the full parser.
    var dates = USShortDateCache()
    let skeleton = try context.streamJSON(
      elementsOf: [""], match: { Self.match(&$0, dates: &dates) },
      eachMatch: { sample, element in
        try Fitbit.each(.heartRate, context) {
          try emit(sample.local, Double(sample.bpm), sample.confidence.map { Int($0) }, element.pointer, &span)
        }
      },
      each: { node in
        try Fitbit.each(.heartRate, context) {
          let local = try Fitbit.usShort(try node.required("dateTime"))
          let value = try node.required("value")
          let bpm = try value.required("bpm").double()
          let confidence = (try value.optional("confidence")?.int()).map { Int($0) }
          try emit(local, bpm, confidence, node.pointer, &span)
        }
      })
    _ = try JSONNode(skeleton.root).array()  // a root that is not an array is refused as before
    if let firstDate = span.first, let lastDate = span.last {
      let message =
        firstDate != lastDate
        ? "heart-rate times were read as UTC: the file spans two dates, as a UTC file of one local day does"
        : "heart-rate times were read as UTC, as measured on real exports (a one-date file cannot confirm it)"
      context.report(.note(.fitbitExportTimeBase, message))
    }
  }

  /// `{"dateTime":"05/18/15 05:25:00","value":{"bpm":114,"confidence":0}}` with integer values, or nothing.
  static func match(_ scanner: inout JSONFastScanner) -> (local: LocalDateTime, bpm: Int64, confidence: Int64?)? {
    var dates = USShortDateCache()
    return match(&scanner, dates: &dates)
  }

  /// ``match(_:)`` that keeps the date of the last element in `dates`.
  static func match(
    _ scanner: inout JSONFastScanner, dates: inout USShortDateCache
  ) -> (local: LocalDateTime, bpm: Int64, confidence: Int64?)? {
    guard scanner.expect(UInt8(ascii: "{")), scanner.expectKey("dateTime"), let text = scanner.plainString(),
      let local = dates.parse(text), scanner.expect(UInt8(ascii: ",")),
      scanner.expectKey("value"), scanner.expect(UInt8(ascii: "{")), scanner.expectKey("bpm"),
      let bpm = scanner.integer()
    else { return nil }
    var confidence: Int64?
    if scanner.expect(UInt8(ascii: ",")) {
      guard scanner.expectKey("confidence"), let value = scanner.integer() else { return nil }
      confidence = value
    }
    guard scanner.expect(UInt8(ascii: "}")), scanner.expect(UInt8(ascii: "}")) else { return nil }
    return (local, bpm, confidence)
  }
}

/// Export per-minute series: `steps-*`, `distance-*` (centimetres), `calories-*` (UTC) and `altitude-*` (feet, local):
/// `{"dateTime":"12/12/15 13:00:00","value":"0"}`.
public struct FitbitExportMinuteSeriesReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.minute-series", name: "Fitbit account export steps, distance, calories, altitude",
    provider: .fitbit, kinds: [.metricSample])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    Export.sniff(probe, kinds: ["steps", "distance", "calories", "altitude"], keys: ["dateTime", "value"])
  }

  public func read(_ context: ReadContext) throws {
    let kind = Export.kind(context)
    let (metric, unit, factor, isLocal): (String, String, Double, Bool) =
      switch kind {
      case "steps": ("steps", "count", 1, false)
      case "distance": ("distance", "m", 0.01, false)
      case "calories": ("calories", "kcal", 1, false)
      default: ("elevation_gain", "m", Units.metersPerFoot, true)
      }
    let each = { (node: JSONNode) throws in
      try Fitbit.each(.metricSample, context) {
        let timeNode = try node.required("dateTime")
        let local = try Fitbit.usShort(timeNode)
        let value = try node.required("value").doubleOrString() * factor
        let provenance = context.provenance(pointer: node.pointer)
        if isLocal {
          try Export.local(local, context, at: node) { Fitbit.instantSample(metric, $0, value, unit, provenance) }
        } else {
          try context.emit(Fitbit.instantSample(metric, Export.utc(local, context), value, unit, provenance))
        }
      }
    }
    // Minutes in UTC of the usual form are read straight from their bytes (altitude, in local time, is not).
    var dates = USShortDateCache()
    let skeleton =
      isLocal
      ? try context.streamJSON(elementsOf: [""], each: each)
      : try context.streamJSON(
        elementsOf: [""], match: { Self.match(&$0, dates: &dates) },
        eachMatch: { minute, element in
          try Fitbit.each(.metricSample, context) {
            try context.emit(
              Fitbit.instantSample(
                metric, Export.utc(minute.local, context), minute.value * factor, unit,
                context.provenance(pointer: element.pointer)))
          }
        }, each: each)
    _ = try JSONNode(skeleton.root).array()
  }

  /// `{"dateTime":"12/12/15 13:00:00","value":"0"}` with a plain decimal as text (`"1.07"`, as calories are) or an
  /// integer number, or nothing.
  static func match(_ scanner: inout JSONFastScanner) -> (local: LocalDateTime, value: Double)? {
    var dates = USShortDateCache()
    return match(&scanner, dates: &dates)
  }

  /// ``match(_:)`` that keeps the date of the last element in `dates`.
  static func match(_ scanner: inout JSONFastScanner, dates: inout USShortDateCache) -> (
    local: LocalDateTime, value: Double
  )? {
    guard scanner.expect(UInt8(ascii: "{")), scanner.expectKey("dateTime"), let text = scanner.plainString(),
      let local = dates.parse(text), scanner.expect(UInt8(ascii: ",")),
      scanner.expectKey("value")
    else { return nil }
    let value: Double
    if let quoted = scanner.plainString() {
      // The same double as the full path's `Double(text)` (see DecimalText.plain); other text is left to it.
      guard let number = DecimalText.plain(quoted, from: 0, to: quoted.count) else { return nil }
      value = number
    } else {
      guard let number = scanner.integer() else { return nil }
      value = Double(number)
    }
    guard scanner.expect(UInt8(ascii: "}")) else { return nil }
    return (local, value)
  }
}

/// Export `exercise-N.json`: activity logs with `startTime` `MM/dd/yy HH:mm:ss` in UTC (no offset printed).
public struct FitbitExportExerciseReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.exercise", name: "Fitbit account export exercises", provider: .fitbit, kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    Export.sniff(probe, kinds: ["exercise"], keys: ["logId", "startTime"])
  }

  public func read(_ context: ReadContext) throws {
    let skeleton = try context.streamJSON(elementsOf: [""]) { node in
      try Fitbit.each(.exercise, context) {
        let startNode = try node.required("startTime")
        let start = context.resolve(
          Fitbit.utcParsed(try Fitbit.usShort(startNode)), context: OffsetContext(), at: startNode)
        try ActivityLog.read(node, context, start: start)
      }
    }
    _ = try JSONNode(skeleton.root).array()
  }
}

/// Export `sleep-*.json`: API v1.2 sleep logs (`mainSleep` instead of `isMainSleep`) in local time.
public struct FitbitExportSleepReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.sleep", name: "Fitbit account export sleep", provider: .fitbit, kinds: [.sleepSession])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    Export.sniff(probe, kinds: ["sleep"], keys: ["logId", "startTime"])
  }

  public func read(_ context: ReadContext) throws {
    let zone = context.options.zone
    let skeleton = try context.streamJSON(elementsOf: [""]) { node in
      try Fitbit.each(.sleepSession, context) {
        let log = try SleepLog(node, context)
        try Export.local(log.startWall, context, at: log.startNode) {
          .sleepSession(log.session(start: $0, zone: zone))
        }
      }
    }
    _ = try JSONNode(skeleton.root).array()
  }
}

/// Export `weight-*.json` (unit by the weight ÷ BMI test; pounds when there is no BMI, as in the known exports) and
/// `height-*.json` (millimetres), both local.
public struct FitbitExportBodyReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.body", name: "Fitbit account export weight and height", provider: .fitbit,
    kinds: [.bodyMeasurement])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    max(
      Export.sniff(probe, kinds: ["weight"], keys: ["weight", "date"]),
      Export.sniff(probe, kinds: ["height"], keys: ["dateTime", "value"]))
  }

  public func read(_ context: ReadContext) throws {
    let isHeight = Export.kind(context) == "height"
    let skeleton = try context.streamJSON(elementsOf: [""]) { node in
      try Fitbit.each(.bodyMeasurement, context) {
        if isHeight {
          let local = try Fitbit.usShort(try node.required("dateTime"))
          let meters = try node.required("value").doubleOrString() / 1000
          let provenance = context.provenance(pointer: node.pointer)
          try Export.local(local, context, at: node) { time in
            var body = BodyMeasurement(provider: .fitbit, userID: nil, time: time, provenance: provenance)
            body.heightMeters = meters
            return .bodyMeasurement(body)
          }
          return
        }
        let dateNode = try node.required("date")
        let timeText = try node.optional("time")?.string() ?? "23:59:59"
        let local = try dateNode.located {
          try DateTimeParser.parseUSShort(try dateNode.string() + " " + timeText)
        }
        let id = try node.optional("logId").map(Fitbit.id)
        let provenance = context.provenance(pointer: node.pointer, providerID: id)
        let bmi = try node.optional("bmi")?.double()
        let fat = try node.optional("fat")?.double()
        let mass = try node.optional("weight").map { weightNode in
          Weight.exportKilograms(weight: try weightNode.double(), bmi: bmi, node: node, context)
        }
        try Export.local(local, context, at: node) { time in
          var body = BodyMeasurement(provider: .fitbit, userID: nil, time: time, provenance: provenance)
          body.providerID = id
          body.massKilograms = mass
          body.bmi = bmi
          body.bodyFatPercent = fat
          return .bodyMeasurement(body)
        }
      }
    }
    _ = try JSONNode(skeleton.root).array()
  }
}
