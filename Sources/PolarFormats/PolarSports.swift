import WearportCore

/// Maps Polar's sport names to the model's canonical sports (polar.md §10).
///
/// `detailed_sport_info` (AccessLink) and the export's enum names are upper snake case; some contain a hyphen
/// (`CROSS-COUNTRY_SKIING`). The mapping groups variants the way Polar's own FIT export does (§10.2); names not in
/// the table are kept, lowercased, as their own canonical sport.
enum PolarSports {
  static func canonical(detailed: String?, coarse: String?) -> Sport {
    for candidate in [detailed, coarse] {
      guard let candidate, !candidate.isEmpty else { continue }
      let key = candidate.uppercased().replacingOccurrences(of: "-", with: "_")
      if let sport = table[key] { return sport }
      if key != "OTHER" { return Sport(rawValue: key.lowercased()) }
    }
    return .other
  }

  /// Numeric sport ids of the Flow export and AccessLink v4 (§10.3, partial).
  static func canonical(sportID: Int64) -> Sport? {
    switch sportID {
    case 1: .running
    case 2: .cycling
    case 4: .walking
    case 11, 16, 83: .other
    case 15: .strengthTraining
    case 17: "treadmill_running"
    case 18: "indoor_cycling"
    case 20: "circuit_training"
    case 34: "hiit"
    case 55: "cross_trainer"
    case 58: "bootcamp"
    case 103: "pool_swimming"
    case 109: "boxing"
    case 111: "mobility_dynamic"
    case 113: "backcountry_skiing"
    case 117: "indoor_rowing"
    case 118: "spinning"
    case 126: "core"
    case 127: "mobility_static"
    default: nil
    }
  }

  private static let table: [String: Sport] = [
    "RUNNING": .running, "ROAD_RUNNING": .running, "JOGGING": .running, "DUATHLON_RUNNING": .running,
    "TRIATHLON_RUNNING": .running, "ULTRARUNNING_RUNNING": "ultra_running",
    "TRAIL_RUNNING": "trail_running", "OFFROADDUATHLON_RUNNING": "trail_running",
    "OFFROADTRIATHLON_RUNNING": "trail_running", "CROSS_COUNTRY_RUNNING": "trail_running",
    "TREADMILL_RUNNING": "treadmill_running", "TRACK_AND_FIELD_RUNNING": "track_running",
    "CYCLING": .cycling, "ROAD_BIKING": "road_cycling", "DUATHLON_CYCLING": .cycling, "TRIATHLON_CYCLING": .cycling,
    "MOUNTAIN_BIKING": "mountain_biking", "OFFROADDUATHLON_CYCLING": "mountain_biking",
    "OFFROADTRIATHLON_CYCLING": "mountain_biking", "ORIENTEERING_MTB": "mountain_biking",
    "INDOOR_CYCLING": "indoor_cycling", "SPINNING": "indoor_cycling", "GRAVEL": "gravel_cycling",
    "E_BIKE": "e_biking",
    "WALKING": .walking, "NORDIC_WALKING": "nordic_walking", "HIKING": .hiking,
    "SWIMMING": .swimming, "POOL_SWIMMING": "pool_swimming", "OPEN_WATER_SWIMMING": "open_water_swimming",
    "TRIATHLON_SWIMMING": "open_water_swimming", "OFFROADTRIATHLON_SWIMMING": "open_water_swimming",
    "ROWING": .rowing, "INDOOR_ROWING": "indoor_rowing",
    "CROSS_COUNTRY_SKIING": .crossCountrySkiing, "XC_SKIING_CLASSIC": .crossCountrySkiing,
    "XC_SKIING_FREESTYLE": .crossCountrySkiing, "BACKCOUNTRY_SKIING": "backcountry_skiing",
    "DOWNHILL_SKIING": "downhill_skiing", "TELEMARK_SKIING": "downhill_skiing",
    "STRENGTH_TRAINING": .strengthTraining, "OTHER_INDOOR": .other, "OTHER_OUTDOOR": .other, "OTHER": .other,
  ]
}
