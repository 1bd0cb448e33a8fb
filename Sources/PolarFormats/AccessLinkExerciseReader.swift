import Foundation
import WearportCore

/// Reads Polar AccessLink v3 exercise summaries: `GET /v3/exercises/{id}` objects, `GET /v3/exercises` lists, and
/// the transaction-era kebab-case objects.
///
/// `start_time` is the watch's local clock; UTC = local − `start_time_utc_offset` minutes.
public struct AccessLinkExerciseReader: FormatReader {
  public init() {}

  public let info = FormatInfo(
    id: "polar.accesslink.exercise", name: "Polar AccessLink v3 exercise", provider: .polar, kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON else { return .no }
    let keys = probe.jsonShape.keys
    let hasOffset = keys.contains("start_time_utc_offset") || keys.contains("start-time-utc-offset")
    let hasStart = keys.contains("start_time") || keys.contains("start-time")
    let hasDuration = keys.contains("duration")
    if hasOffset && hasStart && hasDuration { return .certain }
    let hints = [
      "upload_time", "upload-time", "detailed_sport_info", "detailed-sport-info", "has_route", "has-route",
      "polar_user", "polar-user", "training_load_pro", "training-load-pro", "sport", "device", "heart_rate",
      "heart-rate",
    ]
    if hasStart && hasDuration && keys.contains("id") && probe.countKeys(hints) >= 1 { return .likely }
    return .no
  }

  /// The `samples` and `route` arrays of an exercise (or of each exercise of a list) are streamed: a million route
  /// points never exist as JSON values, only as the exercise's route. The rest is read from the skeleton.
  static let streamed: [JSONPathPattern] = ["/samples", "/route", "/*/samples", "/*/route"]

  /// What the streamed arrays of one exercise gave, by the exercise's pointer.
  struct StreamedParts {
    var blocks: [PolarSamples.Block] = []
    var rr: [Double?] = []
    var route = PolarSamples.Route()
    var failure: Diagnostic?
  }

  public func read(_ context: ReadContext) throws {
    var parts: [String: StreamedParts] = [:]
    // The elements of one array share its path: its owner's pointer is rendered once per array.
    var lastArray: JSONPath?
    var key = ""
    let document = try context.streamJSON(elementsOf: Self.streamed) { element in
      guard let arrayPath = element.path.parent, let array = arrayPath.component else { return }
      if arrayPath !== lastArray {
        lastArray = arrayPath
        key = arrayPath.parent?.pointer ?? ""
      }
      guard parts[key]?.failure == nil else { return }
      let node = JSONNode(PolarKeys.normalize(element.value), path: element.path)
      do {
        if array == .key("route") {
          parts[key, default: StreamedParts()].route.add(node, context)
        } else {
          var part = parts.removeValue(forKey: key) ?? StreamedParts()
          defer { parts[key] = part }
          try PolarSamples.readBlock(node, into: &part.blocks, rr: &part.rr, context)
        }
      } catch let diagnostic as Diagnostic {
        // Refuses the exercise, as the first bad block did when the exercise was read whole.
        parts[key, default: StreamedParts()].failure = context.locate(diagnostic)
      }
    }
    let root = JSONNode(PolarKeys.normalize(document.root))
    switch root.value {
    case .array:
      for element in try root.array() { readOne(element, parts.removeValue(forKey: element.pointer), context) }
    case .object:
      // A transaction-era summary saved at …/exercises/{id}: its samples may be in files beside it.
      if root.optional("transaction_id") != nil, let key = PolarTransactionAssembler.summaryKey(context.document) {
        do {
          context.assembler(PolarTransactionAssembler.self).addSummary(
            try exercise(from: root, parts.removeValue(forKey: ""), context), key: key)
        } catch let diagnostic as Diagnostic {
          context.reject(.exercise, diagnostic)
        }
        return
      }
      readOne(root, parts.removeValue(forKey: ""), context)
    default:
      throw root.mismatch("an exercise object or a list of exercises")
    }
  }

  /// An exercise read from its skeleton and its streamed arrays.
  func exercise(from node: JSONNode, _ streamed: consuming StreamedParts?, _ context: ReadContext) throws -> Exercise {
    var exercise = try exercise(from: node, context)
    guard var parts = consume streamed else { return exercise }
    if let failure = parts.failure { throw failure }
    exercise.rrIntervalsMilliseconds += parts.rr
    PolarSamples.finish(&parts.blocks, into: &exercise, context)
    parts.route.finish(into: &exercise, context)
    return exercise
  }

  private func readOne(_ node: JSONNode, _ parts: consuming StreamedParts?, _ context: ReadContext) {
    do {
      try context.emit(.exercise(try exercise(from: node, consume parts, context)))
    } catch let diagnostic as Diagnostic where diagnostic.code != .outputUnwritable {
      context.reject(.exercise, diagnostic)
    } catch {
      context.reject(.exercise, .error(.polarExerciseInvalid, "the exercise could not be read", cause: "\(error)"))
    }
  }

  func exercise(from node: JSONNode, _ context: ReadContext) throws -> Exercise {
    guard case .object = node.value else { throw node.mismatch("an exercise object") }
    let idNode = try node.required("id")
    let id: String
    switch idNode.value {
    case .string(let text) where !text.isEmpty: id = text
    case .number: id = String(try idNode.int())
    default: throw idNode.mismatch("a string or integer id")
    }

    let startNode = try node.required("start_time")
    let parsed = try startNode.dateTime()
    var offsetContext = OffsetContext()
    if let offsetNode = node.optional("start_time_utc_offset") {
      let minutes = try offsetNode.intOrString()
      guard minutes.magnitude <= 18 * 60 else {
        throw offsetNode.invalid("start_time_utc_offset must be within ±1080 minutes")
      }
      offsetContext.sourceFieldOffsetSeconds = Int(minutes) * 60
    }
    let start = context.resolve(parsed, context: offsetContext, at: startNode)

    let sportDetail = try node.optional("detailed_sport_info")?.string() ?? node.optional("sport")?.string()
    let sport = PolarSports.canonical(
      detailed: try node.optional("detailed_sport_info")?.string(),
      coarse: try node.optional("sport")?.string())
    var exercise = Exercise(
      provider: .polar, providerID: id, sport: sport, start: start,
      provenance: context.provenance(pointer: node.pointer, providerID: id))
    exercise.sportDetail = sportDetail

    if let durationNode = node.optional("duration") {
      exercise.durationSeconds = try durationNode.durationSeconds()
    }
    exercise.distanceMeters = try node.optional("distance")?.doubleOrString()
    exercise.energyKilocalories = try node.optional("calories")?.doubleOrString()
    if let heartRate = node.optional("heart_rate") {
      exercise.averageHeartRateBPM = try heartRate.optional("average")?.doubleOrString()
      exercise.maximumHeartRateBPM = try heartRate.optional("maximum")?.doubleOrString()
    }
    exercise.device = try node.optional("device")?.string()
    if let user = try node.optional("polar_user")?.string() {
      exercise.userID = PolarKeys.userID(fromURL: user)
    }
    if let upload = node.optional("upload_time") {
      // Lenient: the documentation's own example has a malformed seconds field.
      if let parsedUpload = try? DateTimeParser.parse(try upload.string()) {
        exercise.modifiedAt = OffsetPolicy.resolve(parsedUpload, context: OffsetContext()).timestamp.instant
      } else {
        context.report(upload.diagnostic(.timeInvalidDateTime, .warning, "upload_time is not a date-time; ignored"))
      }
    }
    if let zones = node.optional("heart_rate_zones") {
      for (position, zone) in try zones.array().enumerated() {
        guard !zone.isNull else { continue }
        let index = try zone.optional("index")?.intOrString() ?? Int64(position)
        exercise.heartRateZones.append(
          HeartRateZone(
            index: Int(index), lowerBPM: try zone.optional("lower_limit")?.doubleOrString(),
            upperBPM: try zone.optional("upper_limit")?.doubleOrString(),
            timeInZoneSeconds: try zone.optional("in_zone")?.durationSeconds()))
      }
    }
    if let samples = node.optional("samples") {
      try PolarSamples.read(samples, into: &exercise, context)
    }
    if let route = node.optional("route") {
      try PolarSamples.readRoute(route, into: &exercise, context)
    }
    return exercise
  }

}
