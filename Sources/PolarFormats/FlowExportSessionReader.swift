import WearportCore

extension Diagnostic.Code {
  public static let polarRouteClockShifted: Self = "polar.route.clock-shifted"
  public static let polarSpeedUnitAssumed: Self = "polar.speed.unit-assumed"
  public static let polarLapsUnread: Self = "polar.laps.unread"
}

/// Polar Flow account export training sessions (`training-session-*.json`), both generations (polar.md §4.2, §4.3).
///
/// Old generation (`exportVersion` 1.x): `{dateTime, value}` samples, `recordedRoute`, `timeZoneOffset` /
/// `timezoneOffset`. New generation: `identifier.id`, `samples.samples[{type, intervalMillis, values}]`,
/// `routes.route.wayPoints[{…, elapsedMillis}]`, bare `NaN` tokens. Every exercise of a multisport session is read.
public struct FlowExportSessionReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.flow-export.training-session", name: "Polar Flow export training session", provider: .polar,
    kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object else { return .no }
    let keys = probe.jsonShape.keys
    let named = probe.name.hasPrefix("training-session-")
    if keys.contains("exportVersion") && keys.contains("exercises") { return .certain }
    if keys.contains("exercises") && (keys.contains("durationMillis") || keys.contains("identifier")) {
      return .certain
    }
    if named && keys.contains("exercises") { return .likely }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    let sessionID = try sessionIdentifier(root, context)
    let exercises = try root.required("exercises").array()
    let sessionOffset = try root.optional("timeZoneOffset", "timezoneOffset", "timezoneOffsetMinutes")?.intOrString()
    for (index, node) in exercises.enumerated() {
      let id = exercises.count == 1 ? sessionID : "\(sessionID)-\(index + 1)"
      do {
        _ = try node.object()  // an exercise that is not an object is rejected, never read as an empty one
        try context.emit(
          .exercise(try exercise(node, session: root, id: id, sessionOffset: sessionOffset, context)))
      } catch let diagnostic as Diagnostic where diagnostic.code != .outputUnwritable {
        context.reject(.exercise, diagnostic)
      }
    }
  }

  /// `identifier.id`, else the session id in the file name (`training-session-2014-12-07-263916482-<uuid>.json`),
  /// else the start time.
  private func sessionIdentifier(_ root: JSONNode, _ context: ReadContext) throws -> String {
    if let identifier = root.optional("identifier")?.optional("id") {
      if case .string(let text) = identifier.value { return text }
      return String(try identifier.intOrString())
    }
    let name = context.document.name
    if name.hasPrefix("training-session-") {
      let parts = name.dropFirst("training-session-".count).split(separator: "-")
      // yyyy, MM, dd, session id, uuid parts…
      if parts.count >= 4, parts[3].allSatisfy(\.isNumber) { return String(parts[3]) }
    }
    let start = try root.required("startTime").string()
    return "session-" + start.filter { $0.isNumber }
  }

  private func exercise(
    _ node: JSONNode, session: JSONNode, id: String, sessionOffset: Int64?, _ context: ReadContext
  ) throws -> Exercise {
    let startNode = try node.optional("startTime") ?? session.required("startTime")
    let parsedStart = try PolarHealth.parseDateTime(startNode)
    var offsetContext = OffsetContext()
    if let minutes = try node.optional("timezoneOffset", "timeZoneOffset", "timezoneOffsetMinutes")?.intOrString()
      ?? sessionOffset
    {
      guard minutes.magnitude <= 18 * 60 else {
        throw (node.optional("timezoneOffset", "timeZoneOffset", "timezoneOffsetMinutes") ?? session).invalid(
          "the time-zone offset must be within ±1080 minutes")
      }
      offsetContext.sourceFieldOffsetSeconds = Int(minutes) * 60
    }
    let start = context.resolve(parsedStart, context: offsetContext, at: startNode)

    let sport: Sport
    let sportDetail: String?
    if let sportNode = node.optional("sport") {
      if case .string(let name) = sportNode.value {
        sport = PolarSports.canonical(detailed: name, coarse: nil)
        sportDetail = name
      } else {
        let number = try sportNode.required("id").intOrString()
        sport = PolarSports.canonical(sportID: number) ?? .other
        sportDetail = String(number)
      }
    } else {
      sport = .other
      sportDetail = nil
    }
    var exercise = Exercise(
      provider: .polar, providerID: id, sport: sport, start: start,
      provenance: context.provenance(pointer: node.pointer, providerID: id))
    exercise.sportDetail = sportDetail
    if let millis = try node.optional("durationMillis")?.doubleOrString() {
      exercise.durationSeconds = millis / 1000
    } else if let durationNode = node.optional("duration") {
      let text = try durationNode.string()
      guard let seconds = (try? ISODuration.parse(text))?.totalSeconds else {
        throw durationNode.invalid("duration \"\(text)\" is not an ISO-8601 duration", code: .timeInvalidDuration)
      }
      exercise.durationSeconds = seconds
    }
    // An exercise's stopTime is on the same clock as its startTime: the two must span its duration.
    if let duration = exercise.durationSeconds, let stopNode = node.optional("stopTime"),
      let stop = try? PolarHealth.parseDateTime(stopNode)
    {
      let span = Double(stop.local.millisecondsSinceEpochAsUTC - parsedStart.local.millisecondsSinceEpochAsUTC) / 1000
      if abs(span - duration) > 60 {
        context.report(
          stopNode.diagnostic(
            .timeDurationMismatch, .warning,
            "stopTime is not startTime + duration (more than 60 s apart); the duration is used"))
      }
    }
    exercise.distanceMeters = try node.optional("distanceMeters", "distance")?.doubleOrString()
    exercise.energyKilocalories = try node.optional("calories", "kiloCalories")?.doubleOrString()
    if let heartRate = node.optional("heartRate") {
      exercise.averageHeartRateBPM = try heartRate.optional("avg")?.doubleOrString()
      exercise.maximumHeartRateBPM = try heartRate.optional("max")?.doubleOrString()
    }
    for statistic in try node.optional("statistics")?.optional("statistics")?.array() ?? [] {
      guard try statistic.optional("type")?.string() == "HEART_RATE" else { continue }
      exercise.averageHeartRateBPM = try statistic.optional("avg")?.doubleOrString()
      exercise.maximumHeartRateBPM = try statistic.optional("max")?.doubleOrString()
    }
    exercise.averageHeartRateBPM = try exercise.averageHeartRateBPM ?? session.optional("hrAvg")?.doubleOrString()
    exercise.maximumHeartRateBPM = try exercise.maximumHeartRateBPM ?? session.optional("hrMax")?.doubleOrString()
    exercise.device = try session.optional("product")?.optional("modelName")?.string()
    if let modified = session.optional("modified"), let parsed = try? DateTimeParser.parse(try modified.string()) {
      exercise.modifiedAt = OffsetPolicy.resolve(parsed, context: offsetContext).timestamp.instant
    }
    try readZones(node, into: &exercise)
    if let samples = node.optional("samples") {
      if let typed = samples.optional("samples") {
        try readNewSamples(typed, into: &exercise, context)
      } else {
        try readOldSamples(samples, start: parsedStart.local, into: &exercise, context)
      }
    }
    if let routes = node.optional("routes"), let route = routes.optional("route") {
      try readWayPoints(route, start: parsedStart.local, into: &exercise, context)
    }
    if let laps = node.optional("laps") { readLaps(laps, into: &exercise, context) }
    checkSpeedUnit(&exercise, node: node, context)
    return exercise
  }

  // MARK: zones

  private func readZones(_ node: JSONNode, into exercise: inout Exercise) throws {
    for zoneSet in try node.optional("zones")?.array() ?? [] {
      let type = try zoneSet.optional("type")?.string() ?? ""
      guard type == "HEART_RATE" || type == "ZONE_TYPE_HEART_RATE" else { continue }
      for (index, zone) in try (zoneSet.optional("zones")?.array() ?? []).enumerated() {
        var inZone: Double?
        if let text = try? zone.optional("inZone")?.string() { inZone = (try? ISODuration.parse(text))?.totalSeconds }
        if let millis = try? zone.optional("inZoneMillis")?.doubleOrString() { inZone = millis / 1000 }
        exercise.heartRateZones.append(
          HeartRateZone(
            index: index, lowerBPM: try zone.optional("lowerLimit")?.doubleOrString(),
            upperBPM: try zone.optional("higherLimit", "upperLimit")?.doubleOrString(), timeInZoneSeconds: inZone))
      }
    }
  }

  // MARK: new generation

  /// `samples.samples[{type, intervalMillis, values}]`; value i at i × intervalMillis. `NaN` and null are gaps.
  private func readNewSamples(_ node: JSONNode, into exercise: inout Exercise, _ context: ReadContext) throws {
    var streams: [(SampleChannel, Double, Int64, [Double])] = []
    for stream in try node.array() {
      let type = try stream.required("type").string()
      guard let (channel, factor) = FlowExportSessionReader.newChannel(type) else { continue }
      let interval = try stream.optional("intervalMillis")?.intOrString() ?? 1000
      guard interval > 0 else {
        context.report(
          stream.diagnostic(.polarSampleInvalidRate, .warning, "\(type) samples have no positive interval"))
        continue
      }
      let values = try (stream.optional("values")?.array() ?? []).map { value -> Double in
        guard case .number(let number) = value.value, number.double.isFinite else { return .nan }
        return number.double
      }
      streams.append((channel, factor, interval, values))
    }
    guard !streams.isEmpty else { return }
    var offsets = Set<Int64>()
    for (_, _, interval, values) in streams { for index in values.indices { offsets.insert(Int64(index) * interval) } }
    let axis = offsets.sorted()
    var position: [Int64: Int] = [:]
    for (index, offset) in axis.enumerated() { position[offset] = index }
    var series = SampleSeries()
    series.setTimeAxis(axis)
    for (channel, factor, interval, values) in streams {
      var column = series.column(channel) ?? [Double](repeating: .nan, count: axis.count)
      for (index, value) in values.enumerated() where !value.isNaN {
        guard let at = position[Int64(index) * interval] else { continue }
        column[at] = PolarSamples.toSI(channel, value, factor: factor)
      }
      series.setColumn(channel, column)
    }
    exercise.samples = series
  }

  /// Sample types of the new export. SPEED is taken as km/h (as in AccessLink and the Flow CSV) and checked.
  static func newChannel(_ type: String) -> (SampleChannel, Double)? {
    switch type {
    case "HEART_RATE": (.heartRate, 1)
    case "SPEED": (.speed, 1)  // km/h, converted by PolarSamples.toSI
    case "CADENCE": (.cadence, 1)
    case "ALTITUDE": (.altitude, 1)
    case "DISTANCE": (.distance, 1)
    case "TEMPERATURE": (.temperature, 1)
    case "POWER": (.power, 1)
    default: nil
    }
  }

  /// `routes.route{startTime, wayPoints[{latitude, longitude, altitude?, elapsedMillis}]}`; the route's own start
  /// may differ from the exercise's.
  private func readWayPoints(
    _ route: JSONNode, start: LocalDateTime, into exercise: inout Exercise, _ context: ReadContext
  ) throws {
    var shift: Int64 = 0
    if let routeStart = route.optional("startTime"), let parsed = try? DateTimeParser.parse(try routeStart.string()) {
      shift = parsed.local.millisecondsSinceEpochAsUTC - start.millisecondsSinceEpochAsUTC
    }
    var skipped = 0
    for point in try route.optional("wayPoints")?.array() ?? [] {
      guard let latitude = try? point.required("latitude").doubleOrString(),
        let longitude = try? point.required("longitude").doubleOrString(),
        (-90...90).contains(latitude), (-180...180).contains(longitude)
      else {
        skipped += 1
        continue
      }
      let elapsed = (try? point.optional("elapsedMillis")?.intOrString()).flatMap { $0 } ?? 0
      var routePoint = RoutePoint(
        elapsedMilliseconds: elapsed + shift, latitudeDegrees: latitude, longitudeDegrees: longitude)
      routePoint.altitudeMeters = (try? point.optional("altitude")?.doubleOrString()).flatMap { $0 }
      exercise.route.append(routePoint)
    }
    if skipped > 0 {
      context.report(
        route.diagnostic(.polarRouteInvalidPoint, .warning, "\(skipped) way point(s) lack a valid position; skipped"))
    }
    exercise.route.sort { $0.elapsedMilliseconds < $1.elapsedMilliseconds }
  }

  // MARK: old generation

  /// `samples.{heartRate, speed, cadence, altitude, distance, temperature}: [{dateTime, value}]` and
  /// `samples.recordedRoute: [{dateTime, latitude, longitude, altitude}]`.
  private func readOldSamples(
    _ node: JSONNode, start: LocalDateTime, into exercise: inout Exercise, _ context: ReadContext
  ) throws {
    let streams: [(String, SampleChannel, Double)] = [
      ("heartRate", .heartRate, 1), ("speed", .speed, 1), ("cadence", .cadence, 1), ("altitude", .altitude, 1),
      ("distance", .distance, 1), ("temperature", .temperature, 1), ("power", .power, 1),
    ]
    var read: [(SampleChannel, Double, [(Int64, Double)])] = []
    for (key, channel, factor) in streams {
      guard let list = node.optional(key) else { continue }
      var points: [(Int64, Double)] = []
      for entry in try list.array() {
        guard let time = entry.optional("dateTime"), let value = try entry.optional("value")?.doubleOrString() else {
          continue  // an entry without a value is a gap
        }
        let parsed = try PolarHealth.parseDateTime(time)
        points.append((parsed.local.millisecondsSinceEpochAsUTC - start.millisecondsSinceEpochAsUTC, value))
      }
      read.append((channel, factor, points))
    }
    if !read.isEmpty {
      let axis = Set(read.flatMap { $0.2.map(\.0) }).sorted()
      var position: [Int64: Int] = [:]
      for (index, offset) in axis.enumerated() { position[offset] = index }
      var series = SampleSeries()
      series.setTimeAxis(axis)
      for (channel, factor, points) in read {
        var column = [Double](repeating: .nan, count: axis.count)
        for (offset, value) in points {
          guard let at = position[offset], value.isFinite else { continue }
          column[at] = PolarSamples.toSI(channel, value, factor: factor)
        }
        series.setColumn(channel, column)
      }
      exercise.samples = series
    }
    if let route = node.optional("recordedRoute") {
      try readRecordedRoute(route, start: start, into: &exercise, context)
    }
  }

  /// Route points at their own clock; when that clock falls outside the exercise (seen in real exports: the route
  /// runs 1 h 20 min late), the route is aligned by its offset from its first point, and a warning says so.
  private func readRecordedRoute(
    _ node: JSONNode, start: LocalDateTime, into exercise: inout Exercise, _ context: ReadContext
  ) throws {
    var points: [(Int64, Double, Double, Double?)] = []
    for entry in try node.array() {
      guard let latitude = try? entry.required("latitude").doubleOrString(),
        let longitude = try? entry.required("longitude").doubleOrString(),
        (-90...90).contains(latitude), (-180...180).contains(longitude),
        let time = try? entry.required("dateTime"), let parsed = try? PolarHealth.parseDateTime(time)
      else { continue }
      let altitude = (try? entry.optional("altitude")?.doubleOrString()).flatMap { $0 }
      points.append(
        (parsed.local.millisecondsSinceEpochAsUTC - start.millisecondsSinceEpochAsUTC, latitude, longitude, altitude))
    }
    guard let first = points.first else { return }
    let durationMilliseconds = Int64((exercise.durationSeconds ?? 0) * 1000)
    var shift: Int64 = 0
    if first.0 < -60_000 || first.0 > max(durationMilliseconds, 60_000) {
      shift = -first.0 + (exercise.samples.elapsedMilliseconds.first ?? 0)
      context.report(
        node.diagnostic(
          .polarRouteClockShifted, .warning,
          "the route's clock does not match the exercise's; the route was aligned by its offset from its first point"))
    }
    for (offset, latitude, longitude, altitude) in points {
      var point = RoutePoint(
        elapsedMilliseconds: offset + shift, latitudeDegrees: latitude, longitudeDegrees: longitude)
      point.altitudeMeters = altitude
      exercise.route.append(point)
    }
    exercise.route.sort { $0.elapsedMilliseconds < $1.elapsedMilliseconds }
  }

  // MARK: laps

  /// `laps` may be `{}`, `{laps: [...], autoLaps: [...]}` or a list. Manual laps are preferred to automatic ones.
  private func readLaps(_ node: JSONNode, into exercise: inout Exercise, _ context: ReadContext) {
    var list: [JSONNode] = []
    if case .array = node.value {
      list = (try? node.array()) ?? []
    } else {
      list = (try? node.optional("laps")?.array()) ?? nil ?? []
      if list.isEmpty { list = (try? node.optional("autoLaps")?.array()) ?? nil ?? [] }
    }
    var elapsed: Double = 0
    var unread = 0
    for lapNode in list {
      let duration =
        (try? lapNode.optional("durationMillis")?.doubleOrString()).flatMap { $0 }.map { $0 / 1000 }
        ?? (try? lapNode.optional("duration")?.string()).flatMap { $0 }.flatMap {
          try? ISODuration.parse($0).totalSeconds
        }
        ?? nil
      guard let duration, duration >= 0 else {
        unread += 1
        continue
      }
      var lap = Lap(
        start: exercise.start.adding(milliseconds: Int64((elapsed * 1000).rounded())), durationSeconds: duration)
      lap.distanceMeters = (try? lapNode.optional("distanceMeters", "distance")?.doubleOrString()).flatMap { $0 }
      lap.averageHeartRateBPM = (try? lapNode.optional("heartRate")?.optional("avg")?.doubleOrString()).flatMap { $0 }
      lap.maximumHeartRateBPM = (try? lapNode.optional("heartRate")?.optional("max")?.doubleOrString()).flatMap { $0 }
      exercise.laps.append(lap)
      elapsed += duration
    }
    if unread > 0 {
      context.report(node.diagnostic(.polarLapsUnread, .warning, "\(unread) lap(s) have no duration; skipped"))
    }
  }

  /// The export's speed unit is not documented: compare the mean speed with distance / duration.
  private func checkSpeedUnit(_ exercise: inout Exercise, node: JSONNode, _ context: ReadContext) {
    guard let speeds = exercise.samples.column(.speed), let distance = exercise.distanceMeters,
      let duration = exercise.durationSeconds, distance > 100, duration > 60
    else { return }
    let present = speeds.filter { !$0.isNaN }
    guard !present.isEmpty else { return }
    let mean = present.reduce(0, +) / Double(present.count)
    let expected = distance / duration
    // Read as km/h and divided by 3.6: a mean 3.6 times too small means the values were already m/s.
    if mean > 0, expected / mean > 2.5 {
      exercise.samples.setColumn(.speed, speeds.map { $0 * 3.6 })
      context.report(
        node.diagnostic(
          .polarSpeedUnitAssumed, .note, "speed samples match distance/duration in m/s, not km/h; read as m/s"))
    }
  }
}
