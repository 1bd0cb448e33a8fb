import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One moment of an exercise's joined timeline: a sample row, a route point, or both.
struct TimelinePoint {
  var elapsedMilliseconds: Int64
  var sampleIndex: Int?
  var routeIndex: Int?
}

/// Samples and route joined on one timeline, in time order, without copying either.
///
/// Route points stand at their own offsets, sample rows at theirs. A route point and a sample row less than half a
/// second apart are one point (at the route point's time) when neither has a nearer partner, so 1 Hz samples and a
/// 1 Hz route give one trackpoint per second. Sample rows without any value are left out.
struct Timeline: Sequence, IteratorProtocol {
  private let elapsed: [Int64]
  private let route: [RoutePoint]
  private let columns: [[Double]]
  private var sample = 0
  private var routeIndex = 0

  init(_ exercise: Exercise) {
    elapsed = exercise.samples.elapsedMilliseconds
    route = exercise.route
    columns = exercise.samples.channels.compactMap { exercise.samples.column($0) }
    skipEmptySamples()
  }

  private func hasValue(_ index: Int) -> Bool {
    for column in columns where !column[index].isNaN { return true }
    return false
  }

  private mutating func skipEmptySamples() {
    while sample < elapsed.count, !hasValue(sample) { sample += 1 }
  }

  private func nextSample(after index: Int) -> Int? {
    var next = index + 1
    while next < elapsed.count {
      if hasValue(next) { return next }
      next += 1
    }
    return nil
  }

  mutating func next() -> TimelinePoint? {
    let hasSample = sample < elapsed.count
    let hasRoute = routeIndex < route.count
    switch (hasSample, hasRoute) {
    case (false, false):
      return nil
    case (true, false):
      return takeSample()
    case (false, true):
      return takeRoute()
    case (true, true):
      let s = elapsed[sample]
      let r = route[routeIndex].elapsedMilliseconds
      let gap = abs(s - r)
      if gap < 500 {
        let nearerRoute =
          routeIndex + 1 < route.count && abs(route[routeIndex + 1].elapsedMilliseconds - s) < gap
        let nearerSample = nextSample(after: sample).map { abs(elapsed[$0] - r) < gap } ?? false
        if !nearerRoute && !nearerSample {
          let point = TimelinePoint(elapsedMilliseconds: r, sampleIndex: sample, routeIndex: routeIndex)
          routeIndex += 1
          sample += 1
          skipEmptySamples()
          return point
        }
      }
      return s <= r ? takeSample() : takeRoute()
    }
  }

  private mutating func takeSample() -> TimelinePoint {
    let point = TimelinePoint(elapsedMilliseconds: elapsed[sample], sampleIndex: sample, routeIndex: nil)
    sample += 1
    skipEmptySamples()
    return point
  }

  private mutating func takeRoute() -> TimelinePoint {
    let point = TimelinePoint(
      elapsedMilliseconds: route[routeIndex].elapsedMilliseconds, sampleIndex: nil, routeIndex: routeIndex)
    routeIndex += 1
    return point
  }
}

/// The values of one trackpoint, gathered from its sample row and route point.
struct TrackpointOut {
  var instant: Instant
  var latitude: Double?
  var longitude: Double?
  var altitude: Double?
  var distance: Double?
  var heartRate: Double?
  var cadence: Double?
  var power: Double?
  var speed: Double?
  var temperature: Double?

  init(_ point: TimelinePoint, of exercise: Exercise) {
    self.init(point, of: TrackColumns(exercise))
  }

  init(_ point: TimelinePoint, of track: TrackColumns) {
    instant = track.start.adding(milliseconds: point.elapsedMilliseconds)
    if let index = point.routeIndex {
      let fix = track.route[index]
      latitude = fix.latitudeDegrees
      longitude = fix.longitudeDegrees
      altitude = fix.altitudeMeters
    }
    if let index = point.sampleIndex {
      if altitude == nil { altitude = TrackColumns.value(track.altitude, index) }
      distance = TrackColumns.value(track.distance, index)
      heartRate = TrackColumns.value(track.heartRate, index)
      cadence = TrackColumns.value(track.cadence, index)
      power = TrackColumns.value(track.power, index)
      speed = TrackColumns.value(track.speed, index)
      temperature = TrackColumns.value(track.temperature, index)
    }
  }
}

/// An exercise's route and sample columns taken out once, so gathering a trackpoint does not copy the exercise.
struct TrackColumns {
  let start: Instant
  let route: [RoutePoint]
  let altitude: [Double]?
  let distance: [Double]?
  let heartRate: [Double]?
  let cadence: [Double]?
  let power: [Double]?
  let speed: [Double]?
  let temperature: [Double]?

  init(_ exercise: Exercise) {
    start = exercise.start.instant
    route = exercise.route
    let samples = exercise.samples
    altitude = samples.column(.altitude)
    distance = samples.column(.distance)
    heartRate = samples.column(.heartRate)
    cadence = samples.column(.cadence)
    power = samples.column(.power)
    speed = samples.column(.speed)
    temperature = samples.column(.temperature)
  }

  /// A sample value; nil when the channel is absent or the value missing (NaN).
  @inline(__always) static func value(_ column: [Double]?, _ index: Int) -> Double? {
    guard let column else { return nil }
    let value = column[index]
    return value.isNaN ? nil : value
  }
}

/// Totals of one lap, computed in a first pass over the timeline.
struct LapTotals {
  var points = 0
  var firstElapsed: Int64?
  var lastElapsed: Int64?
  var firstDistance: Double?
  var lastDistance: Double?
  var routeDistance = 0.0
  var heartRate = Accumulator()
  var speed = Accumulator()
  var cadence = Accumulator()
  var power = Accumulator()

  struct Accumulator {
    var sum = 0.0
    var count = 0
    var maximum = -Double.infinity
    mutating func add(_ value: Double?) {
      guard let value else { return }
      sum += value
      count += 1
      maximum = Swift.max(maximum, value)
    }
    var mean: Double? { count > 0 ? sum / Double(count) : nil }
    var max: Double? { count > 0 ? maximum : nil }
  }
}

/// Great-circle distance in metres (haversine, mean Earth radius), used only when a source gives no distance.
func haversineMeters(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
  let radians = Double.pi / 180
  let dLat = sin((lat2 - lat1) * radians / 2)
  let dLon = sin((lon2 - lon1) * radians / 2)
  let a = dLat * dLat + cos(lat1 * radians) * cos(lat2 * radians) * dLon * dLon
  return 2 * 6_371_008.8 * asin(min(1, a.squareRoot()))
}
