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

  public static func < (lhs: SampleChannel, rhs: SampleChannel) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The samples of one exercise, stored by column: one time axis and one array per channel.
///
/// Missing values are stored as NaN internally and read back as nil. Columns keep memory at 8 bytes a value,
/// so a million-sample exercise stays small.
public struct SampleSeries: Hashable, Sendable {
  /// Milliseconds from the exercise start, one per sample, non-decreasing.
  public private(set) var elapsedMilliseconds: [Int64] = []
  private var columns: [SampleChannel: [Double]] = [:]

  public init() {}

  public var count: Int { elapsedMilliseconds.count }
  public var isEmpty: Bool { elapsedMilliseconds.isEmpty }
  /// The channels that have at least one column, in a fixed order.
  public var channels: [SampleChannel] { columns.keys.sorted() }

  /// Sets the time axis; existing columns must have the same length.
  public mutating func setTimeAxis(_ elapsed: [Int64]) {
    precondition(columns.values.allSatisfy { $0.count == elapsed.count }, "time axis and columns differ in length")
    elapsedMilliseconds = elapsed
  }

  /// Sets one channel; `values` must be as long as the time axis. NaN means missing.
  public mutating func setColumn(_ channel: SampleChannel, _ values: [Double]) {
    precondition(values.count == elapsedMilliseconds.count, "column and time axis differ in length")
    columns[channel] = values
  }

  public func column(_ channel: SampleChannel) -> [Double]? { columns[channel] }

  public subscript(channel: SampleChannel, index: Int) -> Double? {
    guard let column = columns[channel] else { return nil }
    let value = column[index]
    return value.isNaN ? nil : value
  }

  /// How many values of a channel are present.
  public func presentCount(_ channel: SampleChannel) -> Int {
    columns[channel]?.reduce(0) { $1.isNaN ? $0 : $0 + 1 } ?? 0
  }
}
