import WearportCore

/// One piece of evidence about the unit system of a Fitbit response (fitbit.md §2.2): the systems it allows and the
/// rule that gave it.
struct UnitEvidence: Hashable, Sendable {
  var candidates: Set<UnitSystem>
  /// The rule, as named in diagnostics: `stride plausibility`, `distanceUnit`, `elevation ÷ floors`, …
  var rule: String

  static let kilometreSystems: Set<UnitSystem> = [.metric, .uk]
}

/// What `--units auto` concluded from a set of evidence.
enum UnitVerdict: Equatable {
  /// The evidence agrees on `system`; `rules` names the rules that decided.
  case detected(UnitSystem, rules: [String])
  /// No evidence at all.
  case missing
  /// The rules contradict each other.
  case conflicting(rules: [String])

  var system: UnitSystem? {
    if case .detected(let system, _) = self { system } else { nil }
  }
}

/// The unit-system detector of fitbit.md §2.2, from plain numbers (no documents).
enum FitbitUnits {
  /// Intersects the candidates; metric wins among km-based systems (the distances read the same).
  static func verdict(_ evidence: [UnitEvidence]) -> UnitVerdict {
    guard !evidence.isEmpty else { return .missing }
    var remaining = Set(UnitSystem.allCases)
    var rules: [String] = []
    for item in evidence {
      remaining.formIntersection(item.candidates)
      if !rules.contains(item.rule) { rules.append(item.rule) }
    }
    if remaining.isEmpty { return .conflicting(rules: rules) }
    let system: UnitSystem = remaining.contains(.metric) ? .metric : (remaining.contains(.us) ? .us : .uk)
    return .detected(system, rules: rules)
  }

  /// The step length that Fitbit's default stride gives a walking adult, with room for running days: the default
  /// walking step is 0.413–0.415 × height, i.e. 0.58–0.86 m for heights 1.40–2.07 m (fitbit.md §2.2); a day's
  /// tracker distance ÷ steps mixes walking and running steps.
  static let typicalDailyStepMeters: ClosedRange<Double> = 0.5...1.05

  /// Rule 6, stride plausibility: distance ÷ steps must be a step length people take. First the plausibility table's
  /// `stride_m` range; when both readings pass it, the narrower band of a typical day.
  static func stride(steps: Int64, distance: Double) -> UnitEvidence? {
    guard steps >= 100, distance > 0, distance.isFinite else { return nil }
    let perKilometre = distance * 1000 / Double(steps)
    let perMile = distance * Units.metersPerMile / Double(steps)
    let rule = "stride plausibility"
    if let range = Plausibility.range(for: "stride_m") {
      switch (range.contains(perKilometre), range.contains(perMile)) {
      case (true, false): return UnitEvidence(candidates: UnitEvidence.kilometreSystems, rule: rule)
      case (false, true): return UnitEvidence(candidates: [.us], rule: rule)
      case (false, false): return nil
      case (true, true): break
      }
    }
    switch (typicalDailyStepMeters.contains(perKilometre), typicalDailyStepMeters.contains(perMile)) {
    case (true, false): return UnitEvidence(candidates: UnitEvidence.kilometreSystems, rule: rule)
    case (false, true): return UnitEvidence(candidates: [.us], rule: rule)
    default: return nil
    }
  }

  /// Rule 3: one floor is 10 ft = 3.048 m of climb, so elevation ÷ floors is ≈ 3.048 in metres, ≈ 10 in feet.
  static func elevationPerFloor(elevation: Double, floors: Int64) -> UnitEvidence? {
    guard floors >= 1, elevation > 0, elevation.isFinite else { return nil }
    let ratio = elevation / Double(floors)
    let rule = "elevation ÷ floors"
    if abs(ratio - Units.metersPerFloor) <= 0.05 * Units.metersPerFloor {
      return UnitEvidence(candidates: UnitEvidence.kilometreSystems, rule: rule)
    }
    if abs(ratio - 10) <= 0.5 { return UnitEvidence(candidates: [.us], rule: rule) }
    return nil
  }

  /// Rule 3: the default distance goal is 8.05 km = 5 mi.
  static func defaultDistanceGoal(_ goal: Double) -> UnitEvidence? {
    let rule = "default distance goal"
    if abs(goal - 8.05) < 0.005 { return UnitEvidence(candidates: UnitEvidence.kilometreSystems, rule: rule) }
    if abs(goal - 5) < 0.005 { return UnitEvidence(candidates: [.us], rule: rule) }
    return nil
  }

  /// Rule 4: weight ÷ BMI is height² × k, and the kg, lb and stone ranges are disjoint for adult heights.
  static func weightPerBMI(weight: Double, bmi: Double) -> UnitEvidence? {
    guard weight > 0, bmi > 0, weight.isFinite, bmi.isFinite else { return nil }
    let ratio = weight / bmi
    let rule = "weight ÷ BMI"
    switch ratio {
    case 0.3...0.75: return UnitEvidence(candidates: [.uk], rule: rule)
    case 1.9..<4.3: return UnitEvidence(candidates: [.metric], rule: rule)
    case 4.3...9.5: return UnitEvidence(candidates: [.us], rule: rule)
    default: return nil
    }
  }

  /// Rule 5: an adult's height is 120–230 cm or 47–90 in.
  static func profileHeight(_ height: Double) -> UnitEvidence? {
    let rule = "profile height"
    if (120...230).contains(height) { return UnitEvidence(candidates: UnitEvidence.kilometreSystems, rule: rule) }
    if (47...90).contains(height) { return UnitEvidence(candidates: [.us], rule: rule) }
    return nil
  }

  /// `distanceUnit` of an activity log.
  static func distanceUnit(_ text: String) -> UnitSystem? {
    switch text.lowercased() {
    case "mile", "miles", "mi": .us
    case "kilometer", "kilometers", "kilometre", "kilometres", "km": .metric
    default: nil
    }
  }

  /// The units of a system, for messages.
  static func describe(_ system: UnitSystem) -> String {
    switch system {
    case .metric: "metric units (km, m, kg)"
    case .us: "US units (miles, feet, pounds)"
    case .uk: "UK units (km, m, stone)"
    }
  }
}
