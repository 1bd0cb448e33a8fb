import CLibXML2
import WearportCore

extension Diagnostic.Code {
  /// A GPX track could not be made into an exercise (no point has a time).
  public static let gpxTrackInvalid: Self = "gpx.track-invalid"
  /// A GPX value is not a number; it was skipped.
  public static let gpxInvalidValue: Self = "gpx.invalid-value"
  /// A GPX time could not be read; the point was kept without it (and so skipped).
  public static let gpxInvalidTime: Self = "gpx.invalid-time"
  /// Track points without a time cannot be placed on the timeline and were skipped.
  public static let gpxPointWithoutTime: Self = "gpx.point-without-time"
  /// The GPX file has no track: waypoints and routes are not exercises.
  public static let gpxNoTrack: Self = "gpx.no-track"
  /// A coordinate is outside ±90/±180 degrees; the position was skipped.
  public static let gpxInvalidPosition: Self = "gpx.invalid-position"
}

/// Reads GPX 1.0 and 1.1 tracks, one exercise per `trk` (all its segments joined).
///
/// Lenient as real files require: no namespace or any namespace, a BOM, heart rate and cadence in Garmin
/// TrackPointExtension v1 or v2 under any prefix (`gpxtpx:`, `ns3:`) or none, bare `<heartrate>`, `<bpm>`,
/// `<cadence>`, `<power>` extensions, GPX 1.0 `<speed>` in the point, naive times (resolved with `--timezone`),
/// `Z` and offsets mixed. Waypoints and routes are not exercises (a note counts them). Memory is bounded by one
/// track.
public struct GPXReader: FormatReader {
  public init() {}

  public let info = FormatInfo(
    id: "xml.gpx", name: "GPS Exchange Format (GPX 1.0/1.1)", provider: .file, kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeXML else { return .no }
    if probe.contains("<gpx") || probe.contains(":gpx ") || probe.contains(":gpx\n") { return .certain }
    if probe.contains("topografix.com/GPX") { return .likely }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let conformance = context.options.checkConformance ? ConformanceCheck(format: .gpx, context: context) : nil
    try withExtendedLifetime(conformance) {
      if let conformance {
        // Schema validation needs libxml2's tree reader.
        let xml = try XMLStreamReader(
          stream: try context.document.open(), location: context.document.location, schema: conformance.schema)
        xml.reportIgnoredDoctype(to: context)
        var parser = GPXParser(context: context, xml: xml, tree: xml, conformance: conformance)
        try parser.run()
        conformance.finish(xml: xml)
      } else {
        let xml = try XMLPushReader(stream: try context.document.open(), location: context.document.location)
        xml.reportIgnoredDoctype(to: context)
        var parser = GPXParser(context: context, xml: xml, tree: nil, conformance: nil)
        try parser.run()
      }
    }
  }
}

/// The element names the GPX reader acts on, classified once per interned name (see ``GPXParser/currentName()``).
private enum GPXTag: UInt8 {
  case other, trk, trkpt, wpt, rte, extensions, ele, time, speed, name, type
  case heartRate, cadence, power, temperature
}

/// An element name as the parser keeps it: libxml2's interned pointer, its tag as spelled, and its tag after
/// lowercasing (extension names are matched case-insensitively).
private struct GPXName {
  var key: UnsafePointer<UInt8>?
  var tag: GPXTag
  var loweredTag: GPXTag
}

private struct GPXParser<Source: XMLPullSource> {
  let context: ReadContext
  let xml: Source
  /// The tree reader, when conformance is checked (the checks read namespaces and the schema's verdict from it).
  let tree: XMLStreamReader?
  let conformance: ConformanceCheck?
  var stack: [GPXName] = []
  var text: [UInt8] = []
  var creator: String?
  var waypoints = 0
  var routes = 0
  var tracks = 0
  /// Names seen so far by interned pointer: a document uses a few dozen, so a short list searched by pointer.
  var names: [GPXName] = []

  var track: TrackState?
  var point: TrackPointValues?
  var pointLine = 0
  /// Values found in a point's extensions: used only where the point itself has none.
  var extensionSpeed: Double?
  var inExtensions = 0

  struct TrackState {
    var name: String?
    var type: String?
    var line: Int
    var index: Int
    var track = TrackAccumulator()
    var badPositions = 0
  }

  init(context: ReadContext, xml: Source, tree: XMLStreamReader?, conformance: ConformanceCheck?) {
    self.context = context
    self.xml = xml
    self.tree = tree
    self.conformance = conformance
  }

  /// The current element's name, classified (once per distinct name).
  mutating func currentName() -> GPXName {
    let key = xml.localNameKey
    for entry in names where entry.key == key { return entry }
    let text = xml.name(forKey: key)
    // Extension names are nearly always lower case already.
    let lowered = text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? text.lowercased() : text
    let entry = GPXName(key: key, tag: GPXParser.exactTag(text), loweredTag: GPXParser.loweredTag(lowered))
    if names.count < 256 { names.append(entry) }
    return entry
  }

  static func exactTag(_ name: String) -> GPXTag {
    switch name {
    case "trk": .trk
    case "trkpt": .trkpt
    case "wpt": .wpt
    case "rte": .rte
    case "extensions": .extensions
    case "ele": .ele
    case "time": .time
    case "speed": .speed
    case "name": .name
    case "type": .type
    default: .other
    }
  }

  static func loweredTag(_ lowered: String) -> GPXTag {
    switch lowered {
    case "extensions": .extensions
    case "hr", "heartrate", "bpm", "heart_rate": .heartRate
    case "cad", "cadence", "runcadence": .cadence
    case "power", "watts", "powerinwatts": .power
    case "speed": .speed
    case "atemp", "temp", "temperature": .temperature
    default: .other
    }
  }

  func string(_ name: GPXName) -> String { xml.name(forKey: name.key) }

  mutating func run() throws {
    while let kind = try xml.advance() {
      switch kind {
      case .elementStart:
        let name = currentName()
        if stack.isEmpty {
          if let conformance, let tree { conformance.root(xml: tree, name: string(name)) }
          creator = xml.attribute("creator")
        }
        if stack.count == 1 {
          switch name.tag {
          case .wpt:
            waypoints += 1
            xml.skipSubtree()
            continue
          case .rte:
            routes += 1
            xml.skipSubtree()
            continue
          default: break
          }
        }
        start(name)
        if xml.isEmptyElement {
          try end(name)
        } else {
          stack.append(name)
          if !text.isEmpty { text.removeAll(keepingCapacity: true) }
        }
      case .text:
        xml.appendValue(to: &text)
      case .elementEnd:
        guard let name = stack.popLast() else { continue }
        try end(name)
        if !text.isEmpty { text.removeAll(keepingCapacity: true) }
      case .other:
        break
      }
    }
    if tracks == 0 {
      var parts: [String] = []
      if waypoints > 0 { parts.append("\(waypoints) waypoint(s)") }
      if routes > 0 { parts.append("\(routes) route(s)") }
      let held = parts.isEmpty ? "nothing" : parts.joined(separator: " and ")
      context.report(
        .note(
          .gpxNoTrack, "the GPX file has no track (it holds \(held)); no exercise was read",
          at: context.document.location))
    }
  }

  var parent: GPXTag? { stack.last?.tag }

  /// The parent's name as text (conformance checks only).
  var parentString: String? { stack.last.map { string($0) } }

  mutating func start(_ name: GPXName) {
    switch name.tag {
    case .trk where stack.count == 1:
      track = TrackState(line: xml.currentLine, index: tracks)
      tracks += 1
    case .trkpt where track != nil:
      var values = TrackPointValues()
      var latitudeSeen = false
      var longitudeSeen = false
      // The first `lat` and the first `lon` attribute, whatever their namespace (as `attribute(_:)` finds them).
      xml.forEachAttribute { attribute, value in
        if !latitudeSeen, XMLStreamReader.equals(attribute, "lat") {
          latitudeSeen = true
          values.latitude = GPXParser.number(value)
        } else if !longitudeSeen, XMLStreamReader.equals(attribute, "lon") {
          longitudeSeen = true
          values.longitude = GPXParser.number(value)
        }
        return !(latitudeSeen && longitudeSeen)
      }
      point = values
      pointLine = xml.currentLine
      extensionSpeed = nil
      inExtensions = 0
    case .extensions where point != nil:
      inExtensions += 1
    default:
      break
    }
    if let conformance, let tree, point == nil || name.tag == .trkpt {
      conformance.elementStarted(xml: tree, name: string(name), parent: parentString)
    }
  }

  static func number(_ value: UnsafePointer<UInt8>) -> Double? {
    XMLValues.number(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
  }

  mutating func end(_ name: GPXName) throws {
    if let conformance {
      conformance.elementEnded(name: string(name), parent: parentString, text: text, line: xml.currentLine)
    }
    if point != nil {
      endInPoint(name)
      return
    }
    guard track != nil else { return }
    switch name.tag {
    case .trk where stack.count == 1:
      try finishTrack()
    case .name where parent == .trk:
      track?.name = XMLValues.text(text)
    case .type where parent == .trk:
      track?.type = XMLValues.text(text)
    default:
      break
    }
  }

  mutating func endInPoint(_ name: GPXName) {
    if inExtensions > 0 {
      switch name.loweredTag {
      case .extensions:
        inExtensions -= 1
      case .heartRate:
        if point?.heartRate == nil {
          let value = number(name)
          point?.heartRate = value
        }
      case .cadence:
        if point?.cadence == nil {
          let value = number(name)
          point?.cadence = value
        }
      case .power:
        if point?.power == nil {
          let value = number(name)
          point?.power = value
        }
      case .speed:
        if extensionSpeed == nil {
          let value = number(name)
          extensionSpeed = value
        }
      case .temperature:
        if point?.temperature == nil {
          let value = number(name)
          point?.temperature = value
        }
      default:
        break
      }
      return
    }
    switch name.tag {
    case .trkpt:
      guard var finished = point else { return }
      if finished.speed == nil { finished.speed = extensionSpeed }
      if (finished.latitude == nil) != (finished.longitude == nil)
        || finished.latitude.map({ abs($0) > 90 }) == true || finished.longitude.map({ abs($0) > 180 }) == true
      {
        track?.badPositions += 1
        finished.latitude = nil
        finished.longitude = nil
      }
      conformance?.trackpoint(finished, line: pointLine)
      track?.track.add(finished)
      point = nil
    case .ele where parent == .trkpt:
      let value = number(name)
      point?.altitude = value
    case .time where parent == .trkpt:
      do {
        point?.time = context.resolve(try XMLValues.dateTime(text), context: OffsetContext())
      } catch {
        context.report(.warning(.gpxInvalidTime, "a <time> is not a date-time; the point was skipped", at: xml.here))
      }
    case .speed where parent == .trkpt:
      let value = number(name)
      point?.speed = value
    default:
      break
    }
  }

  func number(_ field: GPXName) -> Double? {
    if let value = XMLValues.number(text) { return value }
    if text.contains(where: { !XMLValues.isSpace($0) }) {
      context.report(
        .warning(.gpxInvalidValue, "a <\(string(field))> value is not a number; it was skipped", at: xml.here))
    }
    return nil
  }

  mutating func finishTrack() throws {
    guard var state = track else { return }
    track = nil
    var location = context.document.location
    location.line = state.line
    if state.track.untimedPoints > 0 {
      context.report(
        .warning(
          .gpxPointWithoutTime, "\(state.track.untimedPoints) track point(s) have no time and were skipped",
          at: location))
    }
    if state.badPositions > 0 {
      context.report(
        .warning(
          .gpxInvalidPosition,
          "\(state.badPositions) track point(s) have a missing or out-of-range coordinate; their position was skipped",
          at: location))
    }
    if state.track.pointCount == 0 && state.track.untimedPoints == 0 {
      context.report(.note(.gpxNoTrack, "a track has no points; it was skipped", at: location))
      return
    }
    guard let start = state.track.firstTime, let last = state.track.lastInstant else {
      context.reject(
        .exercise, .error(.gpxTrackInvalid, "the track has no point with a time; it was skipped", at: location))
      return
    }
    var providerID = TimestampRenderer.utc(start.instant)
    if state.index > 0 { providerID += "-\(state.index + 1)" }
    var provenance = context.provenance(providerID: providerID)
    provenance.location.line = state.line
    let sport = XMLValues.sport(state.type ?? "other")
    var exercise = Exercise(provider: .file, providerID: providerID, sport: sport, start: start, provenance: provenance)
    exercise.sportDetail = state.type.flatMap { $0.isEmpty ? nil : $0 }
    exercise.device = creator.flatMap { $0.isEmpty ? nil : $0 }
    exercise.durationSeconds = Double(last - start.instant) / 1000
    state.track.build(into: &exercise)
    if let stats = TrackAccumulator.statistics(exercise.samples.column(.heartRate)) {
      exercise.averageHeartRateBPM = stats.mean
      exercise.maximumHeartRateBPM = stats.maximum
    }
    if let distance = TrackAccumulator.statistics(exercise.samples.column(.distance)) {
      exercise.distanceMeters = distance.maximum
    }
    try context.emit(.exercise(exercise))
  }
}
