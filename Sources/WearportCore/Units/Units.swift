/// Exact unit conversions, applied once at the reader boundary.
///
/// Every constant is exact by definition (international yard and pound, 1959; US fluid ounce = 1/128 US gallon of
/// 231 cubic inches). Never use rounded variants such as 1609.34 or 2.2046.
public enum Units {
  public static let metersPerMile = 1609.344
  public static let metersPerFoot = 0.3048
  public static let centimetersPerInch = 2.54
  public static let metersPerInch = 0.0254
  public static let kilogramsPerPound = 0.45359237
  /// 14 pounds.
  public static let kilogramsPerStone = 6.35029318
  public static let millilitersPerUSFluidOunce = 29.5735295625
  public static let secondsPerMinute = 60.0
  /// One floor climbed is counted for 10 feet (3.048 m) of ascent.
  public static let metersPerFloor = 3.048

  @inlinable public static func meters(miles: Double) -> Double { miles * metersPerMile }
  @inlinable public static func meters(feet: Double) -> Double { feet * metersPerFoot }
  @inlinable public static func meters(kilometers: Double) -> Double { kilometers * 1000 }
  @inlinable public static func meters(centimeters: Double) -> Double { centimeters / 100 }
  @inlinable public static func meters(millimeters: Double) -> Double { millimeters / 1000 }
  @inlinable public static func meters(inches: Double) -> Double { inches * metersPerInch }
  @inlinable public static func kilograms(pounds: Double) -> Double { pounds * kilogramsPerPound }
  @inlinable public static func kilograms(stones: Double) -> Double { stones * kilogramsPerStone }
  @inlinable public static func metersPerSecond(kilometersPerHour: Double) -> Double { kilometersPerHour / 3.6 }
  @inlinable public static func metersPerSecond(milesPerHour: Double) -> Double { milesPerHour * metersPerMile / 3600 }
  @inlinable public static func milliliters(usFluidOunces: Double) -> Double {
    usFluidOunces * millilitersPerUSFluidOunce
  }
}

/// The unit system of a response that carries no units of its own (Fitbit's `Accept-Language`).
public enum UnitSystem: String, Hashable, Sendable, CaseIterable, Codable {
  /// km, m, cm, kg, ml (Fitbit's default).
  case metric
  /// miles, feet, inches, pounds, US fluid ounces (`en_US`).
  case us
  /// metric, but body weight in decimal stone (`en_GB`).
  case uk

  /// Metres in one distance unit (km or mile).
  public var metersPerDistanceUnit: Double { self == .us ? Units.metersPerMile : 1000 }
  /// Metres in one elevation unit (m or foot).
  public var metersPerElevationUnit: Double { self == .us ? Units.metersPerFoot : 1 }
  /// Metres in one height/length unit (cm or inch).
  public var metersPerHeightUnit: Double { self == .us ? Units.metersPerInch : 0.01 }
  /// Kilograms in one weight unit (kg, pound or stone).
  public var kilogramsPerWeightUnit: Double {
    switch self {
    case .metric: 1
    case .us: Units.kilogramsPerPound
    case .uk: Units.kilogramsPerStone
    }
  }
  /// Millilitres in one liquid unit (ml or US fl oz).
  public var millilitersPerLiquidUnit: Double { self == .us ? Units.millilitersPerUSFluidOunce : 1 }
}

/// What the user asked for with `--units`.
public enum UnitChoice: String, Hashable, Sendable, CaseIterable, Codable {
  case auto, metric, us, uk
  public var fixed: UnitSystem? {
    switch self {
    case .auto: nil
    case .metric: .metric
    case .us: .us
    case .uk: .uk
    }
  }
}
