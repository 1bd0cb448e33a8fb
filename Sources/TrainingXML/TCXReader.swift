import WearportCore

extension Diagnostic.Code {
  /// A TCX activity or course could not be made into an exercise (no time at all, for instance).
  public static let tcxActivityInvalid: Self = "tcx.activity-invalid"
  /// A value in a TCX element is not a number (`<Value>  undefined</Value>`); it was skipped.
  public static let tcxInvalidValue: Self = "tcx.invalid-value"
  /// A TCX time could not be read; the trackpoint or lap start was skipped.
  public static let tcxInvalidTime: Self = "tcx.invalid-time"
  /// Trackpoints without a `Time` cannot be placed on the timeline and were skipped.
  public static let tcxPointWithoutTime: Self = "tcx.point-without-time"
  /// The document holds no activity and no course.
  public static let tcxEmpty: Self = "tcx.empty"
}

/// Reads Garmin Training Center XML (TCX v2): activities (also inside multi-sport sessions) and courses.
///
/// Lenient as real files require: any prefix or a default namespace for the ActivityExtension (`ns3:TPX`,
/// `ax:TPX`, a local `xmlns=`), elements matched by local name whatever their order, `Speed`, `RunCadence` and
/// `Watts`, naive times (resolved with `--timezone`), `Z` and offsets mixed, several laps and activities. Courses
/// become exercises of sport `other` (detail `course`). Memory is bounded by one activity.
public struct TCXReader: FormatReader {
  public init() {}

  /// The log id in a file name like `9675733775.tcx`, else nil.
  static func fitbitLogID(_ name: String) -> String? {
    guard name.lowercased().hasSuffix(".tcx") else { return nil }
    let stem = name.dropLast(4)
    return !stem.isEmpty && stem.allSatisfy({ $0.isASCII && $0.isNumber }) ? String(stem) : nil
  }

  public let info = FormatInfo(
    id: "xml.tcx", name: "Garmin Training Center XML (TCX v2)", provider: .file, kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeXML else { return .no }
    if probe.contains("<TrainingCenterDatabase") || probe.contains(":TrainingCenterDatabase") {
      return .certain
    }
    if probe.contains("garmin.com/xmlschemas/TrainingCenterDatabase") { return .likely }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let conformance = context.options.checkConformance ? ConformanceCheck(format: .tcx, context: context) : nil
    try withExtendedLifetime(conformance) {
      let xml = try XMLStreamReader(
        stream: try context.document.open(), location: context.document.location, schema: conformance?.schema)
      xml.reportIgnoredDoctype(to: context)
      var parser = TCXParser(context: context, xml: xml, conformance: conformance)
      try parser.run()
      conformance?.finish(xml: xml)
    }
  }
}

/// The state of one pass over a TCX document.
private struct TCXParser {
  let context: ReadContext
  let xml: XMLStreamReader
  let conformance: ConformanceCheck?
  var stack: [String] = []
  var text: [UInt8] = []
  var found = 0

  // The activity being read.
  var activity: ActivityState?
  var lap: LapState?
  var point: TrackPointValues?
  var pointLine = 0

  struct ActivityState {
    var isCourse: Bool
    var sportAttribute: String?
    var id: String?
    var notes: String?
    var creatorName: String?
    var line: Int
    var laps: [LapState] = []
    var track = TrackAccumulator()
  }

  struct LapState {
    var startText: [UInt8]?
    var start: Timestamp?
    var totalTime: Double?
    var distance: Double?
    var maximumSpeed: Double?
    var calories: Double?
    var averageHeartRate: Double?
    var maximumHeartRate: Double?
  }

  init(context: ReadContext, xml: XMLStreamReader, conformance: ConformanceCheck?) {
    self.context = context
    self.xml = xml
    self.conformance = conformance
  }

  mutating func run() throws {
    while let kind = try xml.advance() {
      switch kind {
      case .elementStart:
        let name = xml.localName
        if stack.isEmpty { conformance?.root(xml: xml, name: name) }
        if name == "Folders" || name == "Workouts" || (name == "Author" && stack.count == 1) {
          xml.skipSubtree()
          continue
        }
        start(name)
        if xml.isEmptyElement {
          try end(name)
        } else {
          stack.append(name)
          text.removeAll(keepingCapacity: true)
        }
      case .text:
        xml.appendValue(to: &text)
      case .elementEnd:
        guard let name = stack.popLast() else { continue }
        try end(name)
        text.removeAll(keepingCapacity: true)
      case .other:
        break
      }
    }
    if found == 0 {
      context.report(
        .note(.tcxEmpty, "the TCX file holds no activity and no course", at: context.document.location))
    }
  }

  var parent: String? { stack.last }
  func ancestor(_ level: Int) -> String? { stack.count >= level ? stack[stack.count - level] : nil }

  mutating func start(_ name: String) {
    switch name {
    case "Activity":
      activity = ActivityState(isCourse: false, sportAttribute: xml.attribute("Sport"), line: xml.currentLine)
      conformance?.activityStarted(xml: xml, sport: activity?.sportAttribute)
    case "Course" where parent == "Courses":
      activity = ActivityState(isCourse: true, sportAttribute: nil, line: xml.currentLine)
    case "Lap" where activity != nil:
      var state = LapState()
      state.startText = xml.attribute("StartTime").map { Array($0.utf8) }
      lap = state
    case "Trackpoint" where activity != nil:
      point = TrackPointValues()
      pointLine = xml.currentLine
    default:
      break
    }
    conformance?.elementStarted(xml: xml, name: name, parent: parent)
  }

  mutating func end(_ name: String) throws {
    conformance?.elementEnded(name: name, parent: parent, text: text, line: xml.currentLine)
    guard activity != nil else { return }
    if point != nil {
      endInTrackpoint(name)
      return
    }
    switch name {
    case "Activity", "Course":
      if activity?.isCourse == (name == "Course") { try finishActivity() }
    case "Id" where parent == "Activity":
      activity?.id = XMLValues.text(text)
    case "Name" where parent == "Course":
      activity?.id = XMLValues.text(text)
    case "Notes" where parent == "Activity":
      activity?.notes = XMLValues.text(text)
    case "Name" where parent == "Creator":
      activity?.creatorName = XMLValues.text(text)
    case "Lap":
      if var finished = lap {
        if let startText = finished.startText { finished.start = time(startText, what: "a lap start") }
        activity?.laps.append(finished)
      }
      lap = nil
    case "TotalTimeSeconds" where parent == "Lap":
      let value = number(name)
      lap?.totalTime = value
    case "DistanceMeters" where parent == "Lap":
      let value = number(name)
      lap?.distance = value
    case "MaximumSpeed" where parent == "Lap":
      let value = number(name)
      lap?.maximumSpeed = value
    case "Calories" where parent == "Lap":
      let value = number(name)
      lap?.calories = value
    case "Value" where parent == "AverageHeartRateBpm" && ancestor(2) == "Lap":
      let value = number(name)
      lap?.averageHeartRate = value
    case "Value" where parent == "MaximumHeartRateBpm" && ancestor(2) == "Lap":
      let value = number(name)
      lap?.maximumHeartRate = value
    default:
      break
    }
  }

  mutating func endInTrackpoint(_ name: String) {
    switch name {
    case "Trackpoint":
      if let finished = point {
        conformance?.trackpoint(finished, line: pointLine)
        activity?.track.add(finished)
      }
      point = nil
    case "Time" where parent == "Trackpoint":
      let value = time(text, what: "a trackpoint time")
      point?.time = value
    case "LatitudeDegrees" where parent == "Position":
      let value = number(name)
      point?.latitude = value
    case "LongitudeDegrees" where parent == "Position":
      let value = number(name)
      point?.longitude = value
    case "AltitudeMeters" where parent == "Trackpoint":
      let value = number(name)
      point?.altitude = value
    case "DistanceMeters" where parent == "Trackpoint":
      let value = number(name)
      point?.distance = value
    case "Value" where parent == "HeartRateBpm":
      let value = number(name)
      point?.heartRate = value
    case "Cadence" where parent == "Trackpoint":
      if point?.cadence == nil { let value = number(name); point?.cadence = value }
    case "RunCadence":
      let value = number(name)
      point?.cadence = value
    case "Watts":
      let value = number(name)
      point?.power = value
    case "Speed":
      let value = number(name)
      point?.speed = value
    default:
      break
    }
  }

  func number(_ field: String) -> Double? {
    if let value = XMLValues.number(text) { return value }
    if text.contains(where: { !XMLValues.isSpace($0) }) {
      context.report(
        .warning(.tcxInvalidValue, "a <\(field)> value is not a number; it was skipped", at: xml.here))
    }
    return nil
  }

  func time(_ bytes: [UInt8], what: String) -> Timestamp? {
    do {
      let parsed = try XMLValues.dateTime(bytes)
      return context.resolve(parsed, context: OffsetContext())
    } catch {
      context.report(.warning(.tcxInvalidTime, "\(what) is not a date-time; it was skipped", at: xml.here))
      return nil
    }
  }

  mutating func finishActivity() throws {
    guard var state = activity else { return }
    activity = nil
    found += 1
    var location = context.document.location
    location.line = state.line
    if state.track.untimedPoints > 0 {
      context.report(
        .warning(
          .tcxPointWithoutTime, "\(state.track.untimedPoints) trackpoint(s) have no time and were skipped",
          at: location))
    }
    let lapStart = state.laps.lazy.compactMap(\.start).first
    let idTime = state.id.flatMap { id -> Timestamp? in
      guard let parsed = try? DateTimeParser.parse(id) else { return nil }
      return context.resolve(parsed, context: OffsetContext())
    }
    guard let start = lapStart ?? idTime ?? state.track.firstTime else {
      context.reject(
        .exercise,
        .error(
          .tcxActivityInvalid, "the \(state.isCourse ? "course" : "activity") has no time at all; it was skipped",
          at: location))
      return
    }
    let sport: Sport
    let detail: String?
    if state.isCourse {
      sport = .other
      detail = "course"
    } else {
      sport = XMLValues.sport(state.sportAttribute ?? "other")
      detail = state.sportAttribute
    }
    let providerID: String
    if let id = state.id, !id.isEmpty {
      providerID = id
    } else {
      providerID = TimestampRenderer.utc(start.instant)
    }
    var provenance = context.provenance(providerID: providerID)
    provenance.location.line = state.line
    var exercise = Exercise(provider: .file, providerID: providerID, sport: sport, start: start, provenance: provenance)
    exercise.sportDetail = detail
    exercise.device = state.creatorName.flatMap { $0.isEmpty ? nil : $0 }
    // A Fitbit activity TCX is saved as `<logId>.tcx` (the `tcxLink` of its log): it is the detail of that log.
    if let logID = TCXReader.fitbitLogID(context.document.name) {
      exercise.join = ExerciseJoin(key: "fitbit:\(logID)", role: .detail)
    }
    state.track.build(into: &exercise)

    var laps: [Lap] = []
    for lap in state.laps {
      guard let lapStart = lap.start else { continue }
      var model = Lap(start: lapStart, durationSeconds: lap.totalTime ?? 0)
      model.distanceMeters = lap.distance
      model.energyKilocalories = lap.calories
      model.averageHeartRateBPM = lap.averageHeartRate.flatMap { $0 > 0 ? $0 : nil }
      model.maximumHeartRateBPM = lap.maximumHeartRate.flatMap { $0 > 0 ? $0 : nil }
      model.maximumSpeedMetersPerSecond = lap.maximumSpeed
      laps.append(model)
    }
    if !state.isCourse { exercise.laps = laps }

    let lapTimes = state.laps.compactMap(\.totalTime)
    if !lapTimes.isEmpty {
      exercise.durationSeconds = lapTimes.reduce(0, +)
    } else if let last = state.track.lastInstant {
      exercise.durationSeconds = Double(last - start.instant) / 1000
    }
    let distances = state.laps.compactMap(\.distance)
    if !distances.isEmpty { exercise.distanceMeters = distances.reduce(0, +) }
    let calories = state.laps.compactMap(\.calories)
    if !calories.isEmpty, !state.isCourse { exercise.energyKilocalories = calories.reduce(0, +) }
    if let stats = TrackAccumulator.statistics(exercise.samples.column(.heartRate)) {
      exercise.averageHeartRateBPM = stats.mean
      exercise.maximumHeartRateBPM = stats.maximum
    } else if !laps.isEmpty, laps.allSatisfy({ $0.averageHeartRateBPM != nil }) {
      let total = laps.reduce(0) { $0 + $1.durationSeconds }
      if total > 0 {
        exercise.averageHeartRateBPM = laps.reduce(0) { $0 + $1.averageHeartRateBPM! * $1.durationSeconds } / total
      }
      exercise.maximumHeartRateBPM = laps.compactMap(\.maximumHeartRateBPM).max()
    }
    try context.emit(.exercise(exercise))
  }
}
