import WearportCore

/// Writes one exercise as GPX 1.1: `creator`, `metadata/time`, one `trk` with its `type`, and a `trkpt` for every
/// point of the joined timeline that has a position, with `ele`, `time` and a Garmin TrackPointExtension v1 under
/// the `gpxtpx` prefix (declared on the root) carrying `atemp` and integer `hr` and `cad`.
///
/// GPX has no element for power or speed that consumers agree on, so those stay in TCX.
enum GPXWriter {
  static let namespace = "http://www.topografix.com/GPX/1/1"
  static let trackPointExtension = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  static let schemaLocation =
    "http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd "
    + "http://www.garmin.com/xmlschemas/TrackPointExtension/v1 "
    + "http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd"

  static func write(_ exercise: Exercise, to out: XMLDocumentWriter) throws {
    try out.startDocument()
    try out.start("gpx")
    try out.attribute("version", "1.1")
    try out.attribute("creator", "wearport")
    try out.attribute("xmlns", namespace)
    try out.attribute("xmlns:gpxtpx", trackPointExtension)
    try out.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    try out.attribute("xsi:schemaLocation", schemaLocation)
    try out.start("metadata")
    try out.element("name", exercise.exerciseID)
    try out.element("time", TimestampRenderer.utc(exercise.start.instant))
    try out.end()
    try out.start("trk")
    try out.element("name", exercise.exerciseID)
    try out.element("type", exercise.sport.rawValue)
    try out.start("trkseg")
    let track = TrackColumns(exercise)
    for point in Timeline(exercise) where point.routeIndex != nil {
      let values = TrackpointOut(point, of: track)
      guard let latitude = values.latitude, let longitude = values.longitude else { continue }
      try out.start("trkpt")
      try out.attribute("lat", XMLNumber.fixed(latitude))
      try out.attribute("lon", XMLNumber.fixed(longitude))
      if let altitude = values.altitude { try out.element("ele", XMLNumber.fixed(altitude)) }
      try out.element("time", time: values.instant, alwaysMilliseconds: false)
      let heartRate = XMLNumber.integer(values.heartRate, in: 1...255)
      let cadence = XMLNumber.integer(values.cadence, in: 0...255)
      let temperature = values.temperature.flatMap { $0.isFinite ? $0 : nil }
      if heartRate != nil || cadence != nil || temperature != nil {
        try out.start("extensions")
        try out.start("gpxtpx:TrackPointExtension")
        if let temperature { try out.element("gpxtpx:atemp", XMLNumber.fixed(temperature, decimals: 3)) }
        if let heartRate { try out.element("gpxtpx:hr", String(heartRate)) }
        if let cadence { try out.element("gpxtpx:cad", String(cadence)) }
        try out.end()
        try out.end()
      }
      try out.end()
    }
    try out.end()  // trkseg
    try out.end()  // trk
    try out.end()  // gpx
    try out.endDocument()
  }
}
