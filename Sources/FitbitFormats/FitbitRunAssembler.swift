import WearportCore

/// A field of a Fitbit day that several documents may give (the nine daily series, the daily summary, export files).
enum DayField: Hashable, Sendable {
  case steps
  /// Distance in the response's distance unit (km or mi): converted once the unit system is decided.
  case distanceInUnits
  /// Distance already in metres (export).
  case distanceMeters
  case energy, activeEnergy, bmr
  case sedentaryMinutes, lightMinutes, moderateMinutes, vigorousMinutes
  case restingHeartRate
  /// Evidence only: floors and elevation (response units) of the day.
  case floors, elevationInUnits
}

/// Collects what spans documents in a Fitbit run and emits it after the last document:
///
/// - days: every daily value (series entries, summaries, export daily files) merged into one ``DailyActivity`` per
///   local date, with the unit system decided per day from that day's evidence (stride plausibility,
///   elevation ÷ floors), else from the run's evidence;
/// - records whose values are in the response's unit system when `--units auto` found no evidence in their own
///   document (intraday distance, weight series…): converted with the run's verdict;
/// - export records in local time when no `--timezone` was given: given the offset found in `trophy.json` /
///   `badge.json`, or read as UTC and flagged.
public final class FitbitRunAssembler: RunAssembler {
  struct Day {
    var values: [DayField: (value: Double, priority: Int)] = [:]
    var pieces = 0
    var provenance: Provenance
    var evidence: [UnitEvidence] = []
  }

  struct PendingUnits {
    var build: (UnitSystem) -> Record
    var location: SourceLocation
  }

  struct PendingLocal {
    var local: LocalDateTime
    var build: (Timestamp) -> Record
    var location: SourceLocation
  }

  private var days: [LocalDate: Day] = [:]
  private var runEvidence: [UnitEvidence] = []
  private var pendingUnits: [PendingUnits] = []
  private var pendingLocal: [PendingLocal] = []
  /// Offsets seen in export ISO stamps, by the local date they were written on.
  private var exportOffsets: [(date: LocalDate, offsetSeconds: Int)] = []

  public init() {}

  // MARK: input

  /// Adds one value of a day; a higher `priority` replaces a lower one (summary 3 > all-activity series 2 > tracker
  /// series 1). Every call is one piece of the day's record.
  func add(
    _ field: DayField, _ value: Double, date: LocalDate, priority: Int, provenance: Provenance, piece: Bool = true
  ) {
    var day = days[date] ?? Day(provenance: provenance)
    if let existing = day.values[field], existing.priority > priority {
      // keep the better value
    } else {
      day.values[field] = (value, priority)
    }
    if piece && field != .floors && field != .elevationInUnits { day.pieces += 1 }
    days[date] = day
  }

  /// Counts one piece of a day's record (a daily summary gives many fields but is one piece).
  func countPiece(date: LocalDate, provenance: Provenance) {
    var day = days[date] ?? Day(provenance: provenance)
    day.pieces += 1
    days[date] = day
  }

  /// Counts a piece that carried only evidence into the day.
  func addEvidence(_ evidence: UnitEvidence, date: LocalDate, provenance: Provenance) {
    var day = days[date] ?? Day(provenance: provenance)
    day.evidence.append(evidence)
    days[date] = day
  }

  /// Evidence that applies to the whole run (an activity log's `distanceUnit`, the profile's height…).
  func addRunEvidence(_ evidence: UnitEvidence) {
    if !runEvidence.contains(evidence) { runEvidence.append(evidence) }
  }

  /// A record whose values wait for the run's unit verdict.
  func deferUnits(at location: SourceLocation, _ build: @escaping (UnitSystem) -> Record) {
    pendingUnits.append(PendingUnits(build: build, location: location))
  }

  /// A record whose local time waits for the export's offset evidence.
  func deferLocal(_ local: LocalDateTime, at location: SourceLocation, _ build: @escaping (Timestamp) -> Record) {
    pendingLocal.append(PendingLocal(local: local, build: build, location: location))
  }

  /// An offset written in an export stamp (`trophy.json`, `badge.json`) on a local date.
  func addExportOffset(_ offsetSeconds: Int, on date: LocalDate) {
    exportOffsets.append((date, offsetSeconds))
  }

  // MARK: finish

  public func finish(_ context: AssemblyContext) throws {
    let fixed = context.options.units.fixed
    var notes = NoteGroups()

    // Days first: their stride evidence also informs the run's verdict.
    var dayVerdicts: [LocalDate: UnitVerdict] = [:]
    var allEvidence = runEvidence
    // By date: the order of the evidence is the order of the rules named in the notes (a dictionary's order differs
    // from one run to the next).
    let dates = days.keys.sorted()
    for date in dates {
      guard let day = days[date] else { continue }
      var evidence = day.evidence
      if let steps = day.values[.steps]?.value, let distance = day.values[.distanceInUnits]?.value,
        let stride = FitbitUnits.stride(steps: Int64(steps), distance: distance)
      {
        evidence.append(stride)
      }
      if let floors = day.values[.floors]?.value, let elevation = day.values[.elevationInUnits]?.value,
        let ratio = FitbitUnits.elevationPerFloor(elevation: elevation, floors: Int64(floors))
      {
        evidence.append(ratio)
      }
      dayVerdicts[date] = FitbitUnits.verdict(evidence)
      allEvidence += evidence
    }
    let runVerdict = FitbitUnits.verdict(allEvidence)

    for date in dates {
      guard let day = days[date], day.pieces > 0 else { continue }
      var system = UnitSystem.metric
      if day.values[.distanceInUnits] != nil {
        system = resolve(
          fixed: fixed, own: dayVerdicts[date] ?? .missing, run: runVerdict, notes: &notes,
          what: "daily record", location: day.provenance.location)
      }
      try context.emit(.dailyActivity(dailyActivity(date, day, system)), pieces: day.pieces)
    }

    for pending in pendingUnits {
      let system = resolve(
        fixed: fixed, own: .missing, run: runVerdict, notes: &notes, what: "record",
        location: pending.location)
      try context.emit(pending.build(system))
    }

    var derivedCount = 0
    var unknownCount = 0
    var firstLocal: SourceLocation?
    let sortedOffsets = exportOffsets.sorted { $0.date < $1.date }
    for pending in pendingLocal {
      firstLocal = firstLocal ?? pending.location
      let timestamp: Timestamp
      if let offset = nearestOffset(to: pending.local.date, in: sortedOffsets) {
        derivedCount += 1
        timestamp = Timestamp(
          instant: Instant(millisecondsSinceEpoch: pending.local.millisecondsSinceEpochAsUTC - Int64(offset) * 1000),
          utcOffsetSeconds: offset, offsetSource: .profile)
      } else {
        unknownCount += 1
        timestamp = OffsetPolicy.resolve(Fitbit.naive(pending.local), context: OffsetContext()).timestamp
      }
      try context.emit(pending.build(timestamp))
    }
    if derivedCount > 0 {
      context.report(
        .note(
          .fitbitExportOffsetDerived,
          "\(derivedCount) export record(s) in local time got the UTC offset written in the export's trophy/badge "
            + "stamps nearest their date (give --timezone to use the zone's rules instead)",
          at: firstLocal))
    }
    if unknownCount > 0 {
      context.report(
        .warning(
          .timeOffsetUnknown,
          "\(unknownCount) export record(s) in local time have no UTC offset and the export gives none "
            + "(no trophy.json or badge.json stamps); they were read as UTC (give --timezone)",
          at: firstLocal))
    }
    notes.report(context)
  }

  private func nearestOffset(to date: LocalDate, in offsets: [(date: LocalDate, offsetSeconds: Int)]) -> Int? {
    guard !offsets.isEmpty else { return nil }
    var best = offsets[0]
    for candidate in offsets
    where abs(candidate.date.daysSinceEpoch - date.daysSinceEpoch) < abs(best.date.daysSinceEpoch - date.daysSinceEpoch)
    {
      best = candidate
    }
    return best.offsetSeconds
  }

  /// The unit system for one record: `--units`, else its own verdict, else the run's, else metric with a warning.
  private func resolve(
    fixed: UnitSystem?, own: UnitVerdict, run: UnitVerdict, notes: inout NoteGroups, what: String,
    location: SourceLocation
  ) -> UnitSystem {
    if let fixed { return fixed }
    switch own {
    case .detected(let system, let rules):
      notes.detected(system, rules: rules, what: what, scope: "its own", location: location)
      return system
    case .conflicting(let rules):
      notes.assumed(reason: "conflicting evidence (\(rules.joined(separator: ", ")))", what: what, location: location)
      return .metric
    case .missing:
      break
    }
    switch run {
    case .detected(let system, let rules):
      notes.detected(system, rules: rules, what: what, scope: "the run's", location: location)
      return system
    case .conflicting(let rules):
      notes.assumed(reason: "conflicting evidence (\(rules.joined(separator: ", ")))", what: what, location: location)
    case .missing:
      notes.assumed(reason: "no evidence", what: what, location: location)
    }
    return .metric
  }

  private func dailyActivity(_ date: LocalDate, _ day: Day, _ system: UnitSystem) -> DailyActivity {
    var record = DailyActivity(provider: .fitbit, userID: nil, date: date, provenance: day.provenance)
    func value(_ field: DayField) -> Double? { day.values[field]?.value }
    record.steps = value(.steps).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
    let inUnits = day.values[.distanceInUnits]
    let meters = day.values[.distanceMeters]
    if let meters, meters.priority >= (inUnits?.priority ?? Int.min) {
      record.distanceMeters = meters.value
    } else if let inUnits {
      record.distanceMeters = inUnits.value * system.metersPerDistanceUnit
    }
    record.energyKilocalories = value(.energy)
    record.activeEnergyKilocalories = value(.activeEnergy)
    record.bmrEnergyKilocalories = value(.bmr)
    record.sedentarySeconds = value(.sedentaryMinutes).map { $0 * 60 }
    record.lightSeconds = value(.lightMinutes).map { $0 * 60 }
    record.moderateSeconds = value(.moderateMinutes).map { $0 * 60 }
    record.vigorousSeconds = value(.vigorousMinutes).map { $0 * 60 }
    record.restingHeartRateBPM = value(.restingHeartRate)
    return record
  }
}

/// Unit notes grouped so that a year of days gives one line, not 365.
struct NoteGroups {
  private struct Group {
    var severity: Diagnostic.Severity
    var code: Diagnostic.Code
    var text: (Int) -> String
    var count: Int
    var location: SourceLocation
  }
  private var groups: [String: Group] = [:]
  private var order: [String] = []

  private static let explanations: [String: String] = [
    "stride plausibility": "distance ÷ steps is a plausible step length only in that unit",
    "elevation ÷ floors": "one floor is 3.048 m = 10 ft of climb",
    "default distance goal": "the default goal is 8.05 km = 5 mi",
    "weight ÷ BMI": "weight ÷ BMI falls in the range of that weight unit",
    "profile height": "the profile height is an adult height only in that unit",
    "distanceUnit": "activity logs name their distance unit",
  ]

  mutating func detected(_ system: UnitSystem, rules: [String], what: String, scope: String, location: SourceLocation) {
    let why = rules.map { rule in NoteGroups.explanations[rule].map { "\(rule): \($0)" } ?? rule }
      .joined(separator: "; ")
    let key = "d|\(system)|\(rules)|\(what)|\(scope)"
    add(key, .note, .fitbitUnitsDetected, location) { count in
      "--units auto: \(count) \(what)(s) read in \(FitbitUnits.describe(system)), decided by \(scope) evidence "
        + "(\(why))"
    }
  }

  mutating func assumed(reason: String, what: String, location: SourceLocation) {
    add("a|\(reason)|\(what)", .warning, .fitbitUnitsAssumed, location) { count in
      "--units auto: \(count) \(what)(s) have \(reason) about their unit system; read as metric "
        + "(give --units metric|us|uk)"
    }
  }

  private mutating func add(
    _ key: String, _ severity: Diagnostic.Severity, _ code: Diagnostic.Code, _ location: SourceLocation,
    _ text: @escaping (Int) -> String
  ) {
    if groups[key] != nil {
      groups[key]!.count += 1
    } else {
      groups[key] = Group(severity: severity, code: code, text: text, count: 1, location: location)
      order.append(key)
    }
  }

  func report(_ context: AssemblyContext) {
    for key in order {
      guard let group = groups[key] else { continue }
      context.report(Diagnostic(group.code, group.severity, group.text(group.count), at: group.location))
    }
  }
}
