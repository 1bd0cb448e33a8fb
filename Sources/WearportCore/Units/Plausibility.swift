/// A range outside of which a value is implausible for a human (a unit or parsing mistake, or a sensor fault).
public struct PlausibleRange: Hashable, Sendable {
  /// The quantity, as named in the tables: `heart_rate_bpm`, `speed_mps`, `altitude_m`, `mass_kg`, `stride_m`.
  public var quantity: String
  /// A sport family this range applies to, or nil for every sport.
  public var sport: Sport.Family?
  public var lower: Double
  public var upper: Double
  /// The code of the warning when a value falls outside.
  public var code: Diagnostic.Code

  public init(_ quantity: String, sport: Sport.Family? = nil, _ lower: Double, _ upper: Double, code: Diagnostic.Code) {
    self.quantity = quantity
    self.sport = sport
    self.lower = lower
    self.upper = upper
    self.code = code
  }

  public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

extension Diagnostic.Code {
  public static let plausibilityHeartRate: Self = "plausibility.heart-rate"
  public static let plausibilitySpeed: Self = "plausibility.speed"
  public static let plausibilityAltitude: Self = "plausibility.altitude"
  public static let plausibilityMass: Self = "plausibility.mass"
  public static let plausibilityHeight: Self = "plausibility.height"
  public static let plausibilityStride: Self = "plausibility.stride"
  public static let plausibilityDuration: Self = "plausibility.duration"
  public static let plausibilityDistance: Self = "plausibility.distance"
  public static let plausibilityCadence: Self = "plausibility.cadence"
  public static let plausibilityPower: Self = "plausibility.power"
}

/// The plausibility table. Data, not code: the check step and the unit detector read it.
///
/// Sources: human physiology (resting heart rates near 25 bpm in elite athletes, maxima rarely above 230 bpm),
/// world records (sprint top speed about 12.4 m/s; cycling descents exceed 30 m/s), the highest and lowest places
/// people train (Everest 8849 m, the Dead Sea shore −430 m), and adult body sizes.
public enum Plausibility {
  public static let ranges: [PlausibleRange] = [
    PlausibleRange("heart_rate_bpm", 20, 250, code: .plausibilityHeartRate),
    PlausibleRange("speed_mps", sport: .running, 0, 12.5, code: .plausibilitySpeed),
    PlausibleRange("speed_mps", sport: .cycling, 0, 40, code: .plausibilitySpeed),
    PlausibleRange("speed_mps", sport: .other, 0, 70, code: .plausibilitySpeed),
    PlausibleRange("altitude_m", -500, 9000, code: .plausibilityAltitude),
    PlausibleRange("cadence_rpm", 0, 250, code: .plausibilityCadence),
    PlausibleRange("power_w", 0, 3000, code: .plausibilityPower),
    PlausibleRange("mass_kg", 20, 350, code: .plausibilityMass),
    PlausibleRange("height_m", 0.9, 2.5, code: .plausibilityHeight),
    /// One step (not a stride of two) of walking or running.
    PlausibleRange("stride_m", 0.3, 2.5, code: .plausibilityStride),
    /// One exercise: up to a week (ultra events, expeditions logged as one session).
    PlausibleRange("duration_s", 0, 7 * 86_400, code: .plausibilityDuration),
    PlausibleRange("distance_m", 0, 2_000_000, code: .plausibilityDistance),
  ]

  /// The range for a quantity and sport: the sport-specific one when there is one.
  public static func range(for quantity: String, sport: Sport.Family? = nil) -> PlausibleRange? {
    if let sport, let specific = ranges.first(where: { $0.quantity == quantity && $0.sport == sport }) {
      return specific
    }
    return ranges.first { $0.quantity == quantity && $0.sport == nil }
  }
}
