import WearportCore

/// Writes one exercise as TCX v2, the way Garmin Connect, Strava, GoldenCheetah and Runalyze read it.
///
/// `Activity Sport` is Running, Biking or Other (other sports keep their name in `Notes`); `Id` is the UTC start
/// with `.000Z`; laps from the source, or one lap covering the whole exercise, each with every required child in
/// schema order and an integer `Calories`; trackpoints with `Time` first, heart rate as an integer ≥ 1 (omitted
/// otherwise), bike cadence in `Cadence`, and `ns3:TPX` with `Speed`, `RunCadence` (running) and `Watts`; lap
/// totals in `ns3:LX`. `Creator` is written only when the device is known. Lap totals come from a first pass over the
/// exercise, the file from a second: nothing is held as text.
enum TCXWriter {
  static let namespace = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  static let extensionNamespace = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  static let schemaLocation =
    "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 "
    + "http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd "
    + "http://www.garmin.com/xmlschemas/ActivityExtension/v2 "
    + "http://www.garmin.com/xmlschemas/ActivityExtensionv2.xsd"

  /// The lap boundaries: the source's laps, or one lap for the whole exercise.
  struct LapPlan {
    var start: Instant
    var durationSeconds: Double?
    var source: Lap?
  }

  static func write(_ exercise: Exercise, to out: XMLDocumentWriter) throws {
    let family = exercise.sport.family
    let plans = lapPlans(exercise)
    let totals = firstPass(exercise, plans: plans)
    let calories = lapCalories(exercise, plans: plans)

    try out.startDocument()
    try out.start("TrainingCenterDatabase")
    try out.attribute("xmlns", namespace)
    try out.attribute("xmlns:ns3", extensionNamespace)
    try out.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    try out.attribute("xsi:schemaLocation", schemaLocation)
    try out.start("Activities")
    try out.start("Activity")
    let sportName: String =
      switch family {
      case .running: "Running"
      case .cycling: "Biking"
      case .other: "Other"
      }
    try out.attribute("Sport", sportName)
    try out.element("Id", TimestampRenderer.utcMilliseconds(exercise.start.instant))

    let track = TrackColumns(exercise)
    var timeline = Timeline(exercise).makeIterator()
    var pending = timeline.next()
    for (index, plan) in plans.enumerated() {
      let lapTotals = totals[index]
      try out.start("Lap")
      try out.attribute("StartTime", TimestampRenderer.utcMilliseconds(plan.start))
      let duration = plan.durationSeconds ?? lapDuration(lapTotals)
      try out.element("TotalTimeSeconds", XMLNumber.fixed(max(0, duration), decimals: 3))
      try out.element(
        "DistanceMeters", XMLNumber.fixed(max(0, lapDistance(exercise, plan, lapTotals, plans.count)), decimals: 3))
      if let maximum = plan.source?.maximumSpeedMetersPerSecond ?? lapTotals.speed.max, maximum >= 0 {
        try out.element("MaximumSpeed", XMLNumber.fixed(maximum, decimals: 6))
      }
      try out.element("Calories", String(calories[index]))
      let averageHR = plan.source?.averageHeartRateBPM ?? lapTotals.heartRate.mean
      if let bpm = XMLNumber.integer(averageHR, in: 1...255) {
        try out.start("AverageHeartRateBpm")
        try out.element("Value", String(bpm))
        try out.end()
      }
      let maximumHR = plan.source?.maximumHeartRateBPM ?? lapTotals.heartRate.max
      if let bpm = XMLNumber.integer(maximumHR, in: 1...255) {
        try out.start("MaximumHeartRateBpm")
        try out.element("Value", String(bpm))
        try out.end()
      }
      try out.element("Intensity", "Active")
      if family != .running, let cadence = XMLNumber.integer(lapTotals.cadence.mean, in: 0...254) {
        try out.element("Cadence", String(cadence))
      }
      try out.element("TriggerMethod", "Manual")

      // The trackpoints of this lap: up to the next lap's start (the last lap takes the rest).
      let end: Instant? = index + 1 < plans.count ? plans[index + 1].start : nil
      var openTrack = false
      while let point = pending {
        let values = TrackpointOut(point, of: track)
        if let end, values.instant >= end { break }
        if !openTrack {
          try out.start("Track")
          openTrack = true
        }
        try writeTrackpoint(values, family: family, to: out)
        pending = timeline.next()
      }
      if openTrack { try out.end() }
      try writeLapExtension(lapTotals, family: family, to: out)
      try out.end()  // Lap
    }
    if family == .other {
      var notes = exercise.sport.rawValue
      if let detail = exercise.sportDetail, !detail.isEmpty, detail.lowercased() != notes { notes += " (\(detail))" }
      try out.element("Notes", notes)
    }
    if let device = exercise.device?.trimmingSpaces, !device.isEmpty {
      // Device_t needs UnitId, ProductID and Version; the sources do not give them, so they are 0 (unknown).
      try out.start("Creator")
      try out.attribute("xsi:type", "Device_t")
      try out.element("Name", device)
      try out.element("UnitId", "0")
      try out.element("ProductID", "0")
      try out.start("Version")
      try out.element("VersionMajor", "0")
      try out.element("VersionMinor", "0")
      try out.end()
      try out.end()
    }
    try out.end()  // Activity
    try out.end()  // Activities
    try out.end()  // TrainingCenterDatabase
    try out.endDocument()
  }

  static func writeTrackpoint(_ point: TrackpointOut, family: Sport.Family, to out: XMLDocumentWriter) throws {
    try out.batch { writeTrackpoint(point, family: family, to: &$0) }
  }

  static func writeTrackpoint(_ point: TrackpointOut, family: Sport.Family, to out: inout XMLText) {
    out.start("Trackpoint")
    out.element("Time", time: point.instant, alwaysMilliseconds: true)
    if let latitude = point.latitude, let longitude = point.longitude {
      out.start("Position")
      out.element("LatitudeDegrees", fixed: latitude)
      out.element("LongitudeDegrees", fixed: longitude)
      out.end()
    }
    if let altitude = point.altitude { out.element("AltitudeMeters", fixed: altitude) }
    if let distance = point.distance { out.element("DistanceMeters", fixed: distance) }
    if let bpm = XMLNumber.integer(point.heartRate, in: 1...255) {
      out.start("HeartRateBpm")
      out.element("Value", integer: bpm)
      out.end()
    }
    let cadence = XMLNumber.integer(point.cadence, in: 0...254)
    if family != .running, let cadence { out.element("Cadence", integer: cadence) }
    let runCadence = family == .running ? cadence : nil
    let watts = XMLNumber.integer(point.power, in: 0...65535)
    let speed = point.speed.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
    if speed != nil || runCadence != nil || watts != nil {
      out.start("Extensions")
      out.start("ns3:TPX")
      if let speed { out.element("ns3:Speed", fixed: speed) }
      if let runCadence { out.element("ns3:RunCadence", integer: runCadence) }
      if let watts { out.element("ns3:Watts", integer: watts) }
      out.end()
      out.end()
    }
    out.end()
  }

  static func writeLapExtension(_ totals: LapTotals, family: Sport.Family, to out: XMLDocumentWriter) throws {
    let averageSpeed = totals.speed.mean
    let maxBikeCadence = family == .cycling ? XMLNumber.integer(totals.cadence.max, in: 0...254) : nil
    let averageRunCadence = family == .running ? XMLNumber.integer(totals.cadence.mean, in: 0...254) : nil
    let maxRunCadence = family == .running ? XMLNumber.integer(totals.cadence.max, in: 0...254) : nil
    let averageWatts = XMLNumber.integer(totals.power.mean, in: 0...65535)
    let maxWatts = XMLNumber.integer(totals.power.max, in: 0...65535)
    guard
      averageSpeed != nil || maxBikeCadence != nil || averageRunCadence != nil || averageWatts != nil
    else { return }
    try out.start("Extensions")
    try out.start("ns3:LX")
    if let averageSpeed { try out.element("ns3:AvgSpeed", XMLNumber.fixed(averageSpeed, decimals: 6)) }
    if let maxBikeCadence { try out.element("ns3:MaxBikeCadence", String(maxBikeCadence)) }
    if let averageRunCadence { try out.element("ns3:AvgRunCadence", String(averageRunCadence)) }
    if let maxRunCadence { try out.element("ns3:MaxRunCadence", String(maxRunCadence)) }
    if let averageWatts { try out.element("ns3:AvgWatts", String(averageWatts)) }
    if let maxWatts { try out.element("ns3:MaxWatts", String(maxWatts)) }
    try out.end()
    try out.end()
  }

  static func lapPlans(_ exercise: Exercise) -> [LapPlan] {
    let laps = exercise.laps.sorted { $0.start.instant < $1.start.instant }
    if laps.isEmpty {
      return [LapPlan(start: exercise.start.instant, durationSeconds: exercise.durationSeconds, source: nil)]
    }
    return laps.map { LapPlan(start: $0.start.instant, durationSeconds: $0.durationSeconds, source: $0) }
  }

  /// Lap totals from one pass over the joined timeline.
  static func firstPass(_ exercise: Exercise, plans: [LapPlan]) -> [LapTotals] {
    var totals = [LapTotals](repeating: LapTotals(), count: plans.count)
    var lap = 0
    var previous: (Double, Double)?
    let track = TrackColumns(exercise)
    for point in Timeline(exercise) {
      let values = TrackpointOut(point, of: track)
      while lap + 1 < plans.count, values.instant >= plans[lap + 1].start {
        lap += 1
        previous = nil
      }
      var entry = totals[lap]
      entry.points += 1
      if entry.firstElapsed == nil { entry.firstElapsed = point.elapsedMilliseconds }
      entry.lastElapsed = point.elapsedMilliseconds
      if let distance = values.distance {
        if entry.firstDistance == nil { entry.firstDistance = distance }
        entry.lastDistance = distance
      }
      if let latitude = values.latitude, let longitude = values.longitude {
        if let (lastLatitude, lastLongitude) = previous {
          entry.routeDistance += haversineMeters(lastLatitude, lastLongitude, latitude, longitude)
        }
        previous = (latitude, longitude)
      }
      entry.heartRate.add(values.heartRate.flatMap { $0 >= 1 ? $0 : nil })
      entry.speed.add(values.speed)
      entry.cadence.add(values.cadence)
      entry.power.add(values.power)
      totals[lap] = entry
    }
    return totals
  }

  static func lapDuration(_ totals: LapTotals) -> Double {
    guard let first = totals.firstElapsed, let last = totals.lastElapsed else { return 0 }
    return Double(last - first) / 1000
  }

  static func lapDistance(_ exercise: Exercise, _ plan: LapPlan, _ totals: LapTotals, _ lapCount: Int) -> Double {
    if let distance = plan.source?.distanceMeters { return distance }
    if lapCount == 1, let distance = exercise.distanceMeters { return distance }
    if let first = totals.firstDistance, let last = totals.lastDistance {
      return lapCount == 1 ? last : last - first
    }
    return totals.routeDistance
  }

  /// Integer calories per lap: the source's, or the exercise's spread over the laps by duration (summing exactly).
  static func lapCalories(_ exercise: Exercise, plans: [LapPlan]) -> [Int] {
    func clamp(_ value: Double) -> Int { Int(min(65535, max(0, value.rounded()))) }
    if plans.contains(where: { $0.source?.energyKilocalories != nil }) {
      return plans.map { clamp($0.source?.energyKilocalories ?? 0) }
    }
    let total = clamp(exercise.energyKilocalories ?? 0)
    guard plans.count > 1, total > 0 else { return plans.indices.map { $0 == 0 ? total : 0 } }
    let durations = plans.map { max(0, $0.durationSeconds ?? 0) }
    let sum = durations.reduce(0, +)
    guard sum > 0 else { return plans.indices.map { $0 == 0 ? total : 0 } }
    var result = durations.map { Int((Double(total) * $0 / sum).rounded(.down)) }
    result[result.count - 1] += total - result.reduce(0, +)
    return result
  }
}
