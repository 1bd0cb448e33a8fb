/// A quantity recorded along an exercise, in SI units.
public enum SampleChannel: String, Hashable, Sendable, CaseIterable, Comparable {
  case heartRate = "heart_rate_bpm"
  case speed = "speed_mps"
  case cadence = "cadence_rpm"
  case power = "power_w"
  case altitude = "altitude_m"
  case distance = "distance_m"
  case temperature = "temperature_c"
  case airPressure = "air_pressure_hpa"
  case powerPedallingIndex = "power_pedalling_index_pct"
  case powerLeftRightBalance = "power_left_right_balance_pct"

  public static func < (lhs: SampleChannel, rhs: SampleChannel) -> Bool { lhs.ordinal < rhs.ordinal }

  /// The position in `allCases`, for storage indexed by channel.
  @inlinable
  public var ordinal: Int {
    switch self {
    case .heartRate: 0
    case .speed: 1
    case .cadence: 2
    case .power: 3
    case .altitude: 4
    case .distance: 5
    case .temperature: 6
    case .airPressure: 7
    case .powerPedallingIndex: 8
    case .powerLeftRightBalance: 9
    }
  }
}

/// The samples of one exercise, stored by column: one time axis and one array per channel.
///
/// Missing values are stored as NaN internally and read back as nil. Columns keep memory at 8 bytes a value,
/// so a million-sample exercise stays small.
public struct SampleSeries: Hashable, Sendable {
  /// Milliseconds from the exercise start, one per sample, non-decreasing.
  public private(set) var elapsedMilliseconds: [Int64] = []
  /// One optional column per channel, indexed by ``SampleChannel/ordinal`` (a dictionary lookup per value was a
  /// tenth of the time of writing a million trackpoints).
  private var columns = [[Double]?](repeating: nil, count: SampleChannel.allCases.count)

  public init() {}

  public var count: Int { elapsedMilliseconds.count }
  public var isEmpty: Bool { elapsedMilliseconds.isEmpty }
  /// The channels that have at least one column, in a fixed order.
  public var channels: [SampleChannel] { SampleChannel.allCases.filter { columns[$0.ordinal] != nil } }

  /// Sets the time axis; existing columns must have the same length.
  public mutating func setTimeAxis(_ elapsed: [Int64]) {
    precondition(
      columns.allSatisfy { $0 == nil || $0!.count == elapsed.count }, "time axis and columns differ in length")
    elapsedMilliseconds = elapsed
  }

  /// Sets one channel; `values` must be as long as the time axis. NaN means missing.
  public mutating func setColumn(_ channel: SampleChannel, _ values: [Double]) {
    precondition(values.count == elapsedMilliseconds.count, "column and time axis differ in length")
    columns[channel.ordinal] = values
  }

  public func column(_ channel: SampleChannel) -> [Double]? { columns[channel.ordinal] }

  public subscript(channel: SampleChannel, index: Int) -> Double? {
    guard let column = columns[channel.ordinal] else { return nil }
    let value = column[index]
    return value.isNaN ? nil : value
  }

  /// How many values of a channel are present.
  public func presentCount(_ channel: SampleChannel) -> Int {
    columns[channel.ordinal]?.reduce(0) { $1.isNaN ? $0 : $0 + 1 } ?? 0
  }
}
