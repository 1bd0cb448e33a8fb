import WearportCore

/// One trackpoint as read from a GPX or TCX file, in SI units.
struct TrackPointValues {
  var time: Timestamp?
  var latitude: Double?
  var longitude: Double?
  var altitude: Double?
  var distance: Double?
  var heartRate: Double?
  var cadence: Double?
  var power: Double?
  var speed: Double?
  var temperature: Double?

  var hasPosition: Bool { latitude != nil && longitude != nil }
}

/// Collects the trackpoints of one exercise column by column, then builds its samples and route.
///
/// Every timed point becomes one sample row (so the time axis counts the points); points with a position also
/// become route points. Points without a time cannot be placed and are counted instead.
struct TrackAccumulator {
  private(set) var times: [Int64] = []
  private(set) var firstTime: Timestamp?
  private(set) var lastInstant: Instant?
  /// Columns by ``SampleChannel/ordinal`` (nil until a channel has a value).
  private var columns = [[Double]?](repeating: nil, count: SampleChannel.allCases.count)
  /// Route points with absolute milliseconds since the epoch until ``build(into:)`` makes them relative.
  private var route: [RoutePoint] = []
  private(set) var untimedPoints = 0
  private(set) var outOfRangeValues = 0

  private static let channels: [SampleChannel] = [
    .heartRate, .cadence, .power, .speed, .altitude, .distance, .temperature,
  ]

  var pointCount: Int { times.count }

  mutating func add(_ point: TrackPointValues) {
    guard let time = point.time else {
      untimedPoints += 1
      return
    }
    if firstTime == nil { firstTime = time }
    lastInstant = time.instant
    let milliseconds = time.instant.millisecondsSinceEpoch
    let index = times.count
    times.append(milliseconds)
    func put(_ channel: SampleChannel, _ value: Double?) {
      let slot = channel.ordinal
      guard let value else {
        if columns[slot] != nil { columns[slot]!.append(.nan) }
        return
      }
      if columns[slot] == nil {
        columns[slot] = [Double](repeating: .nan, count: index)
        columns[slot]!.reserveCapacity(max(64, times.capacity))
      }
      columns[slot]!.append(value)
    }
    put(.heartRate, point.heartRate)
    put(.cadence, point.cadence)
    put(.power, point.power)
    put(.speed, point.speed)
    put(.altitude, point.altitude)
    put(.distance, point.distance)
    put(.temperature, point.temperature)
    if let latitude = point.latitude, let longitude = point.longitude {
      if abs(latitude) <= 90, abs(longitude) <= 180 {
        route.append(
          RoutePoint(
            elapsedMilliseconds: milliseconds, latitudeDegrees: latitude, longitudeDegrees: longitude,
            altitudeMeters: point.altitude))
      } else {
        outOfRangeValues += 1
      }
    }
  }

  /// Moves the samples and route, relative to the exercise start, into `exercise` (in place: the columns are not
  /// copied, so a million points need their memory once). The accumulator is empty afterwards.
  mutating func build(into exercise: inout Exercise) {
    let origin = exercise.start.instant.millisecondsSinceEpoch
    for index in times.indices { times[index] -= origin }
    for index in route.indices { route[index].elapsedMilliseconds -= origin }
    var series = SampleSeries()
    series.setTimeAxis(times)
    times = []
    for channel in TrackAccumulator.channels {
      guard let column = columns[channel.ordinal] else { continue }
      columns[channel.ordinal] = nil
      series.setColumn(channel, column)
    }
    exercise.samples = series
    exercise.route = route
    route = []
  }

  /// Mean and maximum of a channel's present values.
  static func statistics(_ column: [Double]?) -> (mean: Double, maximum: Double)? {
    guard let column else { return nil }
    var sum = 0.0
    var count = 0
    var maximum = -Double.infinity
    for value in column where !value.isNaN {
      sum += value
      count += 1
      maximum = max(maximum, value)
    }
    return count == 0 ? nil : (sum / Double(count), maximum)
  }
}

/// Parsing of the numbers and names found in GPX and TCX text.
enum XMLValues {
  /// A finite decimal number; surrounding white space is ignored.
  static func number(_ bytes: [UInt8]) -> Double? {
    bytes.withUnsafeBufferPointer { number($0) }
  }

  /// A finite decimal number; surrounding white space is ignored.
  ///
  /// Plain decimals of up to 15 digits (`120.5`, `-25.1392726`) are computed as an exact integer divided by an
  /// exact power of ten: one correctly rounded operation, so the result is the same double `strtod` gives. Anything
  /// else (exponents, more digits) goes through `Double(String)`.
  static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    guard start < end, end - start < 64 else { return nil }
    if let value = DecimalText.plain(bytes, from: start, to: end) { return value }
    for byte in bytes[start..<end] {
      // Digits, sign, point and exponent only: no "nan", "inf" or hex.
      guard (byte >= 48 && byte <= 57) || byte == 43 || byte == 45 || byte == 46 || byte == 101 || byte == 69 else {
        return nil
      }
    }
    guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)),
      value.isFinite
    else { return nil }
    return value
  }

  static func text(_ bytes: [UInt8]) -> String {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// A date-time in any ISO form (naive, `Z` or offset).
  static func dateTime(_ bytes: [UInt8]) throws -> ParsedDateTime {
    try bytes.withUnsafeBufferPointer { try DateTimeParser.parse($0) }
  }

  /// The canonical sport for a GPX `type` or TCX `Sport` value (`Running`, `cycling`, `run`, `Rowing`).
  static func sport(_ raw: String) -> Sport {
    let lowered = raw.lowercased().trimmingSpaces
    switch lowered {
    case "running", "run", "jogging": return .running
    case "biking", "cycling", "bike", "ride": return .cycling
    case "walking", "walk": return .walking
    case "hiking", "hike": return .hiking
    case "swimming", "swim": return .swimming
    case "rowing", "row", "indoor_rowing": return .rowing
    case "other", "": return .other
    default:
      var result = ""
      var lastWasSeparator = false
      for scalar in lowered.unicodeScalars {
        if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
          result.unicodeScalars.append(scalar)
          lastWasSeparator = false
        } else if !lastWasSeparator && !result.isEmpty {
          result += "_"
          lastWasSeparator = true
        }
      }
      while result.hasSuffix("_") { result.removeLast() }
      return result.isEmpty ? .other : Sport(rawValue: String(result.prefix(40)))
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
