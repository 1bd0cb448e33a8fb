import WearportCore

/// The activity-log object shared by `/activities/list.json`, the daily summary's `activities[]` and the export's
/// `exercise-N.json` (fitbit.md §1.5, §4.3).
enum ActivityLog {
  /// Reads one log. `start` gives its start time (each source spells it differently); the distance is converted with
  /// the log's own `distanceUnit`, else with `--units`, else the exercise waits for the run's unit verdict.
  ///
  /// - Parameter documentSystem: what the log's own document tells of its unit system (a daily summary's elevation
  ///   per floor), used before the run's verdict.
  static func read(
    _ node: JSONNode, _ context: ReadContext, start: Timestamp, documentSystem: UnitSystem? = nil
  ) throws {
    let builder = try Builder(node, context, start: start)
    let ownSystem = try node.optional("distanceUnit").map { unitNode -> UnitSystem in
      let text = try unitNode.string()
      guard let system = FitbitUnits.distanceUnit(text) else {
        throw unitNode.invalid(
          "unknown distanceUnit \"\(text)\" (expected Kilometer or Mile)", code: .fitbitRecordInvalid)
      }
      return system
    }
    if let ownSystem {
      context.assembler(FitbitRunAssembler.self).addRunEvidence(
        UnitEvidence(
          candidates: ownSystem == .us ? [.us] : UnitEvidence.kilometreSystems, rule: "distanceUnit"))
      try context.emit(.exercise(builder.exercise(ownSystem)))
    } else if builder.distance == nil {
      try context.emit(.exercise(builder.exercise(.metric)))
    } else if let fixed = context.options.units.fixed ?? documentSystem {
      try context.emit(.exercise(builder.exercise(fixed)))
    } else {
      context.assembler(FitbitRunAssembler.self).deferUnits(at: context.provenance(pointer: node.pointer).location) {
        .exercise(builder.exercise($0))
      }
    }
  }

  struct Builder {
    var base: Exercise
    var distance: Double?

    init(_ node: JSONNode, _ context: ReadContext, start: Timestamp) throws {
      guard case .object = node.value else { throw node.mismatch("an activity log object") }
      let id = try Fitbit.id(try node.required("logId"))
      let name = try node.optional("activityName", "name", "activityParentName")?.string()
      let typeID = try node.optional("activityTypeId", "activityParentId", "activityId")?.int()
      var exercise = Exercise(
        provider: .fitbit, providerID: id, sport: ActivityLog.sport(typeID: typeID, name: name), start: start,
        provenance: context.provenance(pointer: node.pointer, providerID: id))
      exercise.sportDetail = name
      if let duration = node.optional("duration") {
        let milliseconds = try duration.double()
        guard milliseconds >= 0 else { throw duration.invalid("duration must not be negative") }
        exercise.durationSeconds = milliseconds / 1000
      }
      exercise.energyKilocalories = try node.optional("calories")?.double()
      exercise.averageHeartRateBPM = try node.optional("averageHeartRate")?.double()
      exercise.device = try node.optional("source")?.optional("name")?.string()
      exercise.detailURL = try node.optional("tcxLink")?.string()
      // Its TCX download (`<logId>.tcx`), when it is in the input too, joins this log (see ExerciseJoin).
      if exercise.detailURL != nil { exercise.join = ExerciseJoin(key: "fitbit:\(id)", role: .summary) }
      if let modified = node.optional("lastModified") {
        // UTC: ISO with `Z` in the API (without a zone in the doc-style sample), `MM/dd/yy HH:mm:ss` in the export.
        let text = try modified.string()
        let local: LocalDateTime
        if let parsed = try? DateTimeParser.parse(text) {
          if let instant = parsed.instant {
            exercise.modifiedAt = instant
          }
          local = parsed.local
        } else {
          local = try Fitbit.usShort(modified)
        }
        exercise.modifiedAt = exercise.modifiedAt ?? Instant(millisecondsSinceEpoch: local.millisecondsSinceEpochAsUTC)
      }
      if let zones = node.optional("heartRateZones") {
        for (index, zone) in try zones.array().enumerated() {
          exercise.heartRateZones.append(
            HeartRateZone(
              index: index, lowerBPM: try zone.optional("min")?.double(), upperBPM: try zone.optional("max")?.double(),
              timeInZoneSeconds: (try zone.optional("minutes")?.double()).map { $0 * 60 }))
        }
      }
      base = exercise
      distance = try node.optional("distance")?.double()
      if let distance, distance < 0 { throw node["distance"]!.invalid("distance must not be negative") }
    }

    func exercise(_ system: UnitSystem) -> Exercise {
      var exercise = base
      exercise.distanceMeters = distance.map { $0 * system.metersPerDistanceUnit }
      return exercise
    }
  }

  /// Fitbit activity type ids and names → canonical sports.
  static func sport(typeID: Int64?, name: String?) -> Sport {
    switch typeID {
    case 90009, 90019: return .running  // Run, Treadmill
    case 90013: return .walking  // Walk
    case 90012: return .hiking  // Hike
    case 90001, 1071, 55001: return .cycling  // Bike, Outdoor Bike, Spinning
    case 90024: return .swimming
    case 2131: return .strengthTraining  // Weights
    default: break
    }
    let lower = (name ?? "").lowercased()
    if lower.contains("run") || lower.contains("jog") { return .running }
    if lower.contains("hik") { return .hiking }
    if lower.contains("walk") { return .walking }
    if lower.contains("bik") || lower.contains("cycl") || lower.contains("spinning") { return .cycling }
    if lower.contains("swim") { return .swimming }
    if lower.contains("row") { return .rowing }
    if lower.contains("weight") || lower.contains("strength") { return .strengthTraining }
    return .other
  }
}
