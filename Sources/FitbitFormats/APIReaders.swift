import WearportCore

/// `GET /1/user/-/activities/date/{date}.json`: `{"activities":[…],"goals":{…},"summary":{…}}` (fitbit.md §1.1).
///
/// The response carries no date of its own: it comes from a `yyyy-MM-dd` in the file name, else from the logged
/// activities' `startDate`.
public struct FitbitDailySummaryReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.daily-summary", name: "Fitbit Web API daily activity summary", provider: .fitbit,
    kinds: [.dailyActivity, .exercise, .metricSample])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object, probe.hasKeys("summary") else { return .no }
    if probe.hasKeys("activities", "goals") { return .certain }
    if probe.contains("\"caloriesBMR\"") && probe.contains("\"sedentaryMinutes\"") { return .likely }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let summary = try root.required("summary")
    let logs = try root.optional("activities")?.array() ?? []
    var date = Series.date(in: context.document.name)
    if date == nil, let first = logs.first?.optional("startDate") { date = try Fitbit.date(first) }
    guard let date else {
      throw summary.invalid(
        "the daily summary carries no date: name the file with its yyyy-MM-dd (the date of the request URL)",
        code: .fitbitRecordInvalid)
    }
    let assembler = context.assembler(FitbitRunAssembler.self)
    let provenance = context.provenance(pointer: summary.pointer)
    var documentEvidence: [UnitEvidence] = []
    func add(_ field: DayField, _ key: String) throws {
      guard let node = summary.optional(key) else { return }
      assembler.add(field, try node.double(), date: date, priority: 3, provenance: provenance, piece: false)
    }
    try Fitbit.each(.dailyActivity, context) {
      try add(.steps, "steps")
      try add(.energy, "caloriesOut")
      try add(.bmr, "caloriesBMR")
      try add(.activeEnergy, "activityCalories")
      try add(.sedentaryMinutes, "sedentaryMinutes")
      try add(.lightMinutes, "lightlyActiveMinutes")
      try add(.moderateMinutes, "fairlyActiveMinutes")
      try add(.vigorousMinutes, "veryActiveMinutes")
      try add(.restingHeartRate, "restingHeartRate")
      if let distances = summary.optional("distances") {
        // Entries per logged activity name sit beside the fixed buckets: only "total" is the day's distance.
        for entry in try distances.array() where try entry.optional("activity")?.string() == "total" {
          assembler.add(
            .distanceInUnits, try entry.required("distance").double(), date: date, priority: 3,
            provenance: provenance, piece: false)
        }
      }
      try add(.floors, "floors")
      try add(.elevationInUnits, "elevation")
      // The default distance goal goes with the default 10,000-step goal only.
      if let goals = root.optional("goals"), try goals.optional("steps")?.double() == 10_000,
        let goal = try goals.optional("distance")?.double(), let evidence = FitbitUnits.defaultDistanceGoal(goal)
      {
        assembler.addEvidence(evidence, date: date, provenance: provenance)
        documentEvidence.append(evidence)
      }
      if let floors = try summary.optional("floors")?.int(),
        let elevation = try summary.optional("elevation")?.double(),
        let evidence = FitbitUnits.elevationPerFloor(elevation: elevation, floors: floors)
      {
        documentEvidence.append(evidence)
      }
      assembler.countPiece(date: date, provenance: provenance)
    }
    if let floors = summary.optional("floors") {
      try Fitbit.each(.metricSample, context) {
        try context.emit(
          Fitbit.daySample("floors", date, try floors.double(), "count", context.provenance(pointer: floors.pointer)))
      }
    }
    if let zones = summary.optional("heartRateZones") { try Series.zones(zones, date: date, context) }
    let documentSystem = FitbitUnits.verdict(documentEvidence).system
    if let documentSystem, context.options.units.fixed == nil, logs.contains(where: { $0.optional("distance") != nil })
    {
      context.report(
        summary.diagnostic(
          .fitbitUnitsDetected, .note,
          "--units auto: the logged activities' distances read in \(FitbitUnits.describe(documentSystem)), decided by "
            + "the summary's evidence (\(Set(documentEvidence.map(\.rule)).sorted().joined(separator: ", ")))"))
    }
    for log in logs {
      try Fitbit.each(.exercise, context) {
        let day = try log.optional("startDate").map(Fitbit.date) ?? date
        guard let timeNode = log.optional("startTime") else {
          throw log.invalid("the logged activity has no startTime", code: .jsonMissingKey)
        }
        let time = try timeNode.located { try DateTimeParser.parseTimeOfDay(try timeNode.string()) }
        let start = context.resolve(
          Fitbit.naive(LocalDateTime(date: day, time: time)), context: OffsetContext(), at: timeNode)
        try ActivityLog.read(log, context, start: start, documentSystem: documentSystem)
      }
    }
  }
}

/// `GET /1/user/-/activities/list.json`: `{"activities":[…],"pagination":{…}}` (fitbit.md §1.5). Start times carry
/// their offset; distances their `distanceUnit`; `logId`s are 64-bit.
public struct FitbitActivityLogListReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.activity-log-list", name: "Fitbit Web API activity log list", provider: .fitbit,
    kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object else { return .no }
    let keys = probe.jsonShape.keys
    if keys.contains("pagination") && !keys.contains("sleep")
      && (keys.contains("activities") || probe.contains("activities/list"))
    {
      return .certain
    }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    // The key is missing in an empty list.
    guard let activities = root.optional("activities") else { return }
    for log in try activities.array() {
      try Fitbit.each(.exercise, context) {
        let startNode = try log.required("startTime")
        let text = try startNode.string()
        let parsed: ParsedDateTime
        if let dateNode = log.optional("startDate"), let time = try? DateTimeParser.parseTimeOfDay(text) {
          // The short form: startDate + a local time of day.
          parsed = Fitbit.naive(LocalDateTime(date: try Fitbit.date(dateNode), time: time))
        } else {
          parsed = try Fitbit.dateTime(startNode)
        }
        try ActivityLog.read(log, context, start: context.resolve(parsed, context: OffsetContext(), at: startNode))
      }
    }
  }
}
