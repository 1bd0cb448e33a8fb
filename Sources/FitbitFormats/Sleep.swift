import WearportCore

/// One sleep log of the API (v1.2 stages/classic, legacy v1 `minuteData`) or of the export, read into wall-clock
/// values; ``session(start:zone:)`` anchors it once the start's UTC offset is known.
///
/// Fitbit writes every time of a log with the offset of its start, even across a DST change (fitbit.md §1.7, §5):
/// stage times are therefore read with the start's offset, and only the offsets shown beside them follow the zone.
struct SleepLog {
  struct Segment {
    var start: Int64
    var end: Int64
    var raw: String
  }

  var id: String
  var date: LocalDate
  var startWall: LocalDateTime
  var startNode: JSONNode
  var durationMilliseconds: Int64?
  var endWall: LocalDateTime?
  var asleepMinutes: Double?
  var awakeMinutes: Double?
  var lightMinutes: Double?
  var deepMinutes: Double?
  var remMinutes: Double?
  var isMainSleep: Bool?
  var segments: [Segment] = []
  var provenance: Provenance

  init(_ node: JSONNode, _ context: ReadContext) throws {
    guard case .object = node.value else { throw node.mismatch("a sleep log object") }
    id = try Fitbit.id(try node.required("logId"))
    startNode = try node.required("startTime")
    startWall = try Fitbit.dateTime(startNode).local
    provenance = context.provenance(pointer: node.pointer, providerID: id)
    if let duration = node.optional("duration") {
      let value = try duration.int()
      guard value >= 0 else { throw duration.invalid("duration must not be negative") }
      durationMilliseconds = value
    }
    endWall = try node.optional("endTime").map { try Fitbit.dateTime($0).local }
    // Both times are on the start's clock, so their difference is the duration the log declares.
    if let durationMilliseconds, let endWall, let endNode = node.optional("endTime"),
      abs(endWall.millisecondsSinceEpochAsUTC - startWall.millisecondsSinceEpochAsUTC - durationMilliseconds) > 60_000
    {
      context.report(
        endNode.diagnostic(
          .timeDurationMismatch, .warning,
          "endTime is not startTime + duration (more than 60 s apart); the end is taken from the duration"))
    }
    if let dateNode = node.optional("dateOfSleep") {
      date = try Fitbit.date(dateNode)
    } else {
      // dateOfSleep is the day the sleep ended.
      date = (endWall ?? startWall.adding(milliseconds: durationMilliseconds ?? 0)).date
    }
    asleepMinutes = try node.optional("minutesAsleep")?.double()
    awakeMinutes = try node.optional("minutesAwake")?.double()
    isMainSleep = try node.optional("isMainSleep", "mainSleep")?.bool()
    if let levels = node.optional("levels") {
      if let summary = levels.optional("summary") {
        lightMinutes = try summary.optional("light")?.optional("minutes")?.double()
        deepMinutes = try summary.optional("deep")?.optional("minutes")?.double()
        remMinutes = try summary.optional("rem")?.optional("minutes")?.double()
      }
      let data = try levels.optional("data").map(SleepLog.segments) ?? []
      let short = try levels.optional("shortData").map(SleepLog.segments) ?? []
      segments = SleepLog.merge(data, short: short)
    } else if let minutes = node.optional("minuteData") {
      segments = try SleepLog.minuteSegments(minutes, startDate: startWall.date)
    }
  }

  /// `levels.data` / `levels.shortData`: `{dateTime|datetime, level, seconds}`.
  private static func segments(_ node: JSONNode) throws -> [Segment] {
    try node.array().map { entry in
      guard let timeNode = entry.optional("dateTime", "datetime", "DateTime") else {
        throw entry.invalid("the sleep level has no dateTime", code: .jsonMissingKey)
      }
      let start = try Fitbit.dateTime(timeNode).local.millisecondsSinceEpochAsUTC
      let secondsNode = try entry.required("seconds")
      let seconds = try secondsNode.double()
      guard seconds >= 0, seconds < 86_400 * 2 else {
        throw secondsNode.invalid("the level's seconds are out of range")
      }
      return Segment(start: start, end: start + Int64(seconds * 1000), raw: try entry.required("level").string())
    }.sorted { $0.start < $1.start }
  }

  /// Short wakes (≤ 3 min) overlap `data`; they override the stage they cut into.
  static func merge(_ data: [Segment], short: [Segment]) -> [Segment] {
    var result = data
    for wake in short where wake.end > wake.start {
      var next: [Segment] = []
      next.reserveCapacity(result.count + 2)
      for segment in result {
        if segment.end <= wake.start || segment.start >= wake.end {
          next.append(segment)
          continue
        }
        if segment.start < wake.start { next.append(Segment(start: segment.start, end: wake.start, raw: segment.raw)) }
        if segment.end > wake.end { next.append(Segment(start: wake.end, end: segment.end, raw: segment.raw)) }
      }
      next.append(wake)
      next.sort { $0.start < $1.start }
      result = next
    }
    return result
  }

  /// Legacy v1 `minuteData`: `{"dateTime":"HH:mm:ss","value":"1"|"2"|"3"}` (asleep, restless, awake), one a minute.
  private static func minuteSegments(_ node: JSONNode, startDate: LocalDate) throws -> [Segment] {
    var sequence = TimeOfDaySequence(anchor: startDate)
    var result: [Segment] = []
    for entry in try node.array() {
      let timeNode = try entry.required("dateTime")
      let time = try timeNode.located { try DateTimeParser.parseTimeOfDay(try timeNode.string()) }
      let start = sequence.next(time).millisecondsSinceEpochAsUTC
      let raw: String
      switch try entry.required("value").intOrString() {
      case 1: raw = "asleep"
      case 2: raw = "restless"
      case 3: raw = "awake"
      default: throw entry["value"]!.invalid("a legacy sleep value must be 1, 2 or 3")
      }
      if var last = result.last, last.raw == raw, last.end == start {
        last.end = start + 60_000
        result[result.count - 1] = last
      } else {
        result.append(Segment(start: start, end: start + 60_000, raw: raw))
      }
    }
    return result
  }

  static func kind(_ raw: String) -> SleepStageKind {
    SleepStageKind(rawValue: raw.lowercased()) ?? .unknown
  }

  /// The session, once the start is anchored.
  func session(start: Timestamp, zone: ZoneRules?) -> SleepSession {
    let offsetMilliseconds = Int64(start.utcOffsetSeconds) * 1000
    func at(wall: Int64) -> Timestamp {
      let instant = Instant(millisecondsSinceEpoch: wall - offsetMilliseconds)
      return Timestamp(
        instant: instant, utcOffsetSeconds: zone?.offsetSeconds(at: instant) ?? start.utcOffsetSeconds,
        offsetSource: start.offsetSource)
    }
    let end: Timestamp
    if let durationMilliseconds, durationMilliseconds > 0 {
      end = at(wall: startWall.millisecondsSinceEpochAsUTC + durationMilliseconds)
    } else if let endWall {
      end = at(wall: endWall.millisecondsSinceEpochAsUTC)
    } else {
      end = start
    }
    var session = SleepSession(
      provider: .fitbit, providerID: id, userID: nil, date: date, start: start, end: end, provenance: provenance)
    session.asleepSeconds = asleepMinutes.map { $0 * 60 }
    session.awakeSeconds = awakeMinutes.map { $0 * 60 }
    session.lightSeconds = lightMinutes.map { $0 * 60 }
    session.deepSeconds = deepMinutes.map { $0 * 60 }
    session.remSeconds = remMinutes.map { $0 * 60 }
    session.isMainSleep = isMainSleep
    session.stages = segments.map { segment in
      SleepStage(
        start: at(wall: segment.start), durationSeconds: Double(segment.end - segment.start) / 1000,
        stage: SleepLog.kind(segment.raw), rawStage: segment.raw)
    }
    return session
  }
}

/// `GET /1.2/user/-/sleep/…` (by date, range, list) and legacy v1 `{"sleep":[…]}` (fitbit.md §1.7). Times are local
/// without an offset: `--timezone` anchors them, else they are read as UTC and flagged.
public struct FitbitSleepReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.sleep", name: "Fitbit Web API sleep logs", provider: .fitbit, kinds: [.sleepSession])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object, probe.hasKeys("sleep") else { return .no }
    if probe.hasKeys("summary") || probe.hasKeys("pagination") { return .certain }
    return probe.jsonShape.keys.count == 1 && probe.contains("\"dateOfSleep\"") ? .likely : .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    for node in try root.required("sleep").array() {
      try Fitbit.each(.sleepSession, context) {
        let log = try SleepLog(node, context)
        let start = context.resolve(Fitbit.naive(log.startWall), context: OffsetContext(), at: log.startNode)
        try context.emit(.sleepSession(log.session(start: start, zone: context.options.zone)))
      }
    }
  }
}
