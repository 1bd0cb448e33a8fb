import Foundation
import WearportCore

/// Maps Polar's sport names to the model's canonical sports.
enum PolarSports {
  /// `detailed_sport_info` (preferred) or the coarse `sport`, lowercased to snake_case; a few aliases folded.
  static func canonical(detailed: String?, coarse: String?) -> WearportCore.Sport {
    let raw = (detailed?.isEmpty == false ? detailed : coarse) ?? "OTHER"
    let name = raw.lowercased().replacingOccurrences(of: "-", with: "_")
    switch name {
    case "running", "road_running", "jogging": return .running
    case "cycling", "road_biking": return .cycling
    case "walking": return .walking
    case "hiking": return .hiking
    case "other", "": return .other
    default: return WearportCore.Sport(rawValue: name)
    }
  }
}
