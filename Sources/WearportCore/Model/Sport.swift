/// A canonical sport in snake_case (`running`, `cycling`, `walking`, `strength_training`, `other`).
///
/// Readers map their provider's names to these and keep the raw name beside them (`sport_detail`).
public struct Sport: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }

  public static let running: Sport = "running"
  public static let cycling: Sport = "cycling"
  public static let walking: Sport = "walking"
  public static let hiking: Sport = "hiking"
  public static let swimming: Sport = "swimming"
  public static let rowing: Sport = "rowing"
  public static let crossCountrySkiing: Sport = "cross_country_skiing"
  public static let strengthTraining: Sport = "strength_training"
  public static let other: Sport = "other"

  /// The family a TCX `Activity/@Sport` can express: Running, Biking or Other.
  public var family: Family {
    switch self {
    case .running: .running
    case .cycling: .cycling
    default:
      if rawValue.hasSuffix("_running") || rawValue == "jogging" {
        .running
      } else if rawValue.hasSuffix("_cycling") || rawValue.hasSuffix("_biking") {
        .cycling
      } else {
        .other
      }
    }
  }
  public enum Family: String, Sendable { case running, cycling, other }
}
