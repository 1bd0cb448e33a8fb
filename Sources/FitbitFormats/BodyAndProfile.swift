import WearportCore

/// Weight in a response's or export's unit: `--units` (API only), else the weight ÷ BMI test, else the run's verdict.
enum Weight {
  /// The unit system that the weight ÷ BMI test gives, reported as a note (once per document) and kept as run
  /// evidence; nil when the test cannot tell.
  static func byBMI(weight: Double, bmi: Double?, node: JSONNode, _ context: ReadContext) -> UnitSystem? {
    guard let bmi, let evidence = FitbitUnits.weightPerBMI(weight: weight, bmi: bmi), evidence.candidates.count == 1,
      let system = evidence.candidates.first
    else { return nil }
    context.assembler(FitbitRunAssembler.self).addRunEvidence(evidence)
    context.report(
      node.diagnostic(
        .fitbitUnitsDetected, .note,
        "weights read in \(FitbitUnits.describe(system)), decided by weight ÷ BMI (the ratio falls in that unit's "
          + "range for adult heights)"))
    return system
  }

  /// Emits an API body measurement whose mass is `weight` in the response's unit.
  static func emit(
    _ context: ReadContext, weight: Double?, bmi: Double?, node: JSONNode, _ build: @escaping (Double?) -> Record
  ) throws {
    guard let weight else { return try context.emit(build(nil)) }
    if let fixed = context.options.units.fixed {
      return try context.emit(build(weight * fixed.kilogramsPerWeightUnit))
    }
    if let system = byBMI(weight: weight, bmi: bmi, node: node, context) {
      return try context.emit(build(weight * system.kilogramsPerWeightUnit))
    }
    context.assembler(FitbitRunAssembler.self).deferUnits(at: context.provenance(pointer: node.pointer).location) {
      build(weight * $0.kilogramsPerWeightUnit)
    }
  }

  /// An export weight in kilograms: the BMI test, else pounds (the only unit seen in real exports) with a warning.
  static func exportKilograms(weight: Double, bmi: Double?, node: JSONNode, _ context: ReadContext) -> Double {
    if let system = byBMI(weight: weight, bmi: bmi, node: node, context) {
      return weight * system.kilogramsPerWeightUnit
    }
    context.report(
      node.diagnostic(
        .fitbitUnitsAssumed, .warning,
        "an export weight has no BMI beside it to tell its unit; read in pounds, as in the known exports"))
    return Units.kilograms(pounds: weight)
  }
}

/// `GET /1/user/-/body/log/weight/…` and `…/fat/…`: `{"weight":[…]}` / `{"fat":[…]}` with local `date` + `time`
/// (fitbit.md §1.8). Weights follow the unit system (kg, lb or decimal stone); fat logs become `body_fat` samples.
public struct FitbitBodyLogReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.body-log", name: "Fitbit Web API weight and body-fat logs", provider: .fitbit,
    kinds: [.bodyMeasurement, .metricSample])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object else { return .no }
    let keys = probe.jsonShape.keys
    guard keys == ["weight"] || keys == ["fat"] else { return .no }
    return probe.contains("\"logId\"") || probe.contains("]") ? .certain : .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    if let weights = root.optional("weight") {
      for node in try weights.array() {
        try Fitbit.each(.bodyMeasurement, context) {
          let time = try localTime(node, context)
          let id = try node.optional("logId").map(Fitbit.id)
          let provenance = context.provenance(pointer: node.pointer, providerID: id)
          let bmi = try node.optional("bmi")?.double()
          let fat = try node.optional("fat")?.double()
          try Weight.emit(context, weight: try node.optional("weight")?.double(), bmi: bmi, node: node) { mass in
            var body = BodyMeasurement(provider: .fitbit, userID: nil, time: time, provenance: provenance)
            body.providerID = id
            body.massKilograms = mass
            body.bmi = bmi
            body.bodyFatPercent = fat
            return .bodyMeasurement(body)
          }
        }
      }
    }
    if let fats = root.optional("fat") {
      for node in try fats.array() {
        try Fitbit.each(.metricSample, context) {
          let time = try localTime(node, context)
          let fat = try node.required("fat").double()
          let id = try node.optional("logId").map(Fitbit.id)
          try context.emit(
            Fitbit.instantSample("body_fat", time, fat, "%", context.provenance(pointer: node.pointer, providerID: id)))
        }
      }
    }
  }

  private func localTime(_ node: JSONNode, _ context: ReadContext) throws -> Timestamp {
    let date = try Fitbit.date(try node.required("date"))
    let timeNode = node.optional("time")
    // Manual entries without a time get 23:59:59 from Fitbit; keep that convention.
    let time =
      try timeNode.map { time in
        try time.located { try DateTimeParser.parseTimeOfDay(try time.string()) }
      } ?? LocalTime(hour: 23, minute: 59, second: 59)!
    return context.resolve(
      Fitbit.naive(LocalDateTime(date: date, time: time)), context: OffsetContext(), at: timeNode ?? node)
  }
}

/// `GET /1/user/-/profile.json` (fitbit.md §1.9). It holds no record: its height is unit evidence for the run, and
/// its `timezone` is checked against `offsetFromUTCMillis` (a hand-edited profile pairs Europe/London with −07:00).
public struct FitbitProfileReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.profile", name: "Fitbit Web API user profile", provider: .fitbit, kinds: [])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object, probe.jsonShape.keys == ["user"] else { return .no }
    return probe.contains("\"encodedId\"") || probe.contains("\"offsetFromUTCMillis\"") ? .certain : .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let user = try root.required("user")
    var usedHeight = false
    if let height = try user.optional("height")?.double(), let evidence = FitbitUnits.profileHeight(height) {
      context.assembler(FitbitRunAssembler.self).addRunEvidence(evidence)
      usedHeight = true
    }
    if let zoneNode = user.optional("timezone"), let offsetNode = user.optional("offsetFromUTCMillis") {
      let name = try zoneNode.string()
      let offset = try offsetNode.int()
      if let zone = try? ZoneRules(identifier: name) {
        // The offsets the zone used in a recent year (standard and daylight time).
        let samples = [utcMillis(2024, 1, 15), utcMillis(2024, 7, 15), utcMillis(2025, 1, 15), utcMillis(2025, 7, 15)]
        let offsets = Set(samples.map { zone.offsetSeconds(at: Instant(millisecondsSinceEpoch: $0)) })
        if offset % 1000 != 0 || !offsets.contains(Int(offset / 1000)) {
          context.report(
            offsetNode.diagnostic(
              .fitbitProfileOffset, .warning,
              "offsetFromUTCMillis is not an offset that the profile's timezone \"\(name)\" uses; neither is used "
                + "for times (give --timezone)"))
        }
      } else {
        context.report(
          zoneNode.diagnostic(.timeInvalidZone, .warning, "the profile's timezone is not a known IANA zone"))
      }
    }
    context.report(
      root.diagnostic(
        .fitbitNotConverted, .note,
        usedHeight
          ? "a user profile holds no records; its height was used as unit evidence for the run"
          : "a user profile holds no records"))
  }

  private func utcMillis(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    LocalDate(year: year, month: month, day: day)!.daysSinceEpoch * 86_400_000
  }
}

/// An API error response `{"errors":[{"errorType":…,"message":…}],"success":false}` saved in place of data
/// (fitbit.md §1.10): a warning naming the error types, never a crash.
public struct FitbitErrorResponseReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.error", name: "Fitbit Web API error response", provider: .fitbit, kinds: [])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object, probe.hasKeys("errors") else { return .no }
    let others = probe.jsonShape.keys.subtracting(["errors", "success"])
    return others.isEmpty && probe.contains("\"errorType\"") ? .certain : .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let errors = try root.required("errors").array()
    var types: [String] = []
    var messages: [String] = []
    for error in errors {
      if let type = try error.optional("errorType")?.string(), !types.contains(type) { types.append(type) }
      if let message = try error.optional("message")?.string() { messages.append(message) }
    }
    var text =
      "the file is a Fitbit API error response (\(types.isEmpty ? "no errorType" : types.joined(separator: ", "))), "
      + "not data; nothing was converted"
    if context.options.verbose, !messages.isEmpty { text += ": " + messages.joined(separator: " | ") }
    context.report(root.diagnostic(.fitbitAPIError, .warning, text))
  }
}

/// Fitbit responses that the model has no place for: devices, lifetime stats, the retired heart log, body
/// measurements without a date, food logs. They are recognised (so they are not "unknown files") and noted.
public struct FitbitNotConvertedReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.not-converted", name: "Fitbit Web API responses without records", provider: .fitbit, kinds: [])

  static func shape(_ keys: Set<String>, root: JSONPrefixShape.Root) -> String? {
    if root == .array {
      return keys.isSuperset(of: ["deviceVersion", "batteryLevel"])
        || keys.isSuperset(of: ["deviceVersion", "battery"])
        ? "a device list" : nil
    }
    guard root == .object else { return nil }
    if keys.isSuperset(of: ["lifetime"]) || keys.isSuperset(of: ["best", "lifetime"]) { return "lifetime statistics" }
    if keys == ["best"] { return "lifetime statistics" }
    if keys.isSuperset(of: ["average", "heart"]) { return "a retired heart-rate log" }
    if keys.isSuperset(of: ["body", "goals"]) { return "current body measurements (no date)" }
    if keys.contains("foods") && (keys.contains("summary") || keys.contains("goals")) { return "a food log" }
    return nil
  }

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    guard let shape = FitbitNotConvertedReader.shape(probe.jsonShape.keys, root: probe.jsonShape.root) else {
      return .no
    }
    if shape == "a device list" { return probe.contains("\"lastSyncTime\"") ? .likely : .no }
    return .likely
  }

  public func read(_ context: ReadContext) throws {
    let document = try context.parseJSON()
    var keys: Set<String> = []
    var root = JSONPrefixShape.Root.other
    switch document.root {
    case .object(let object):
      keys = Set(object.keys)
      root = .object
    case .array(let items):
      root = .array
      if case .object(let first) = items.first { keys = Set(first.keys) }
    default: break
    }
    let shape = FitbitNotConvertedReader.shape(keys, root: root) ?? "a Fitbit response"
    context.report(
      .note(.fitbitNotConverted, "the file is \(shape) from the Fitbit Web API; it holds no records of the model"))
  }
}
