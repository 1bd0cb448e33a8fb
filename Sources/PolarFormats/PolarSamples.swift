import WearportCore

extension Diagnostic.Code {
  public static let polarSampleLengthMismatch: Self = "polar.sample.length-mismatch"
  public static let polarSampleInvalidValue: Self = "polar.sample.invalid-value"
  public static let polarSampleUnknownType: Self = "polar.sample.unknown-type"
  public static let polarSampleInvalidRate: Self = "polar.sample.invalid-rate"
  public static let polarRouteInvalidPoint: Self = "polar.route.invalid-point"
}

/// AccessLink sample blocks (`{recording_rate, sample_type, data: "v,v,…"}`) and route points, onto one time axis.
///
/// Samples carry no timestamps: value i of a block is at i × `recording_rate` seconds from the start. Values `""`,
/// `null`, `NaN` and `-` are missing. RR intervals (type 11) are beat-to-beat, kept apart from the time axis.
enum PolarSamples {
  /// What a sample type becomes: a channel and the factor that converts it to SI.
  struct Mapping {
    var channel: SampleChannel
    /// Multiplies the recorded value; speed is converted with ``Units/metersPerSecond(kilometersPerHour:)`` instead.
    var factor: Double
    func convert(_ value: Double) -> Double {
      channel == .speed ? Units.metersPerSecond(kilometersPerHour: value) : value * factor
    }
  }

  /// polar.md §1.2. Running cadence (type 2) is one foot's cadence and stays as recorded (rpm); type 8 is in steps
  /// per minute (both feet), halved to the same rpm.
  static func mapping(_ type: Int64) -> Mapping? {
    switch type {
    case 0: Mapping(channel: .heartRate, factor: 1)
    case 1: Mapping(channel: .speed, factor: 1)
    case 2: Mapping(channel: .cadence, factor: 1)
    case 3: Mapping(channel: .altitude, factor: 1)
    case 4: Mapping(channel: .power, factor: 1)
    case 5: Mapping(channel: .powerPedallingIndex, factor: 1)
    case 6: Mapping(channel: .powerLeftRightBalance, factor: 1)
    case 7: Mapping(channel: .airPressure, factor: 1)
    case 8: Mapping(channel: .cadence, factor: 0.5)
    case 9: Mapping(channel: .temperature, factor: 1)
    case 10: Mapping(channel: .distance, factor: 1)
    default: nil
    }
  }

  static let rrIntervalType: Int64 = 11

  /// One block as read.
  struct Block {
    var type: Int64
    var rateSeconds: Int64?
    var values: [Double]
    var node: JSONNode
  }

  /// Splits `data` into numbers; missing tokens are NaN. Returns the count of tokens that were not numbers.
  static func parseValues(_ data: String) -> (values: [Double], invalid: Int) {
    var values: [Double] = []
    var invalid = 0
    let utf8 = data.utf8
    values.reserveCapacity(utf8.count / 3)
    var start = utf8.startIndex
    var index = start
    func token(_ lower: String.Index, _ upper: String.Index) {
      var slice = data[lower..<upper]
      while let first = slice.first, first == " " { slice = slice.dropFirst() }
      while let last = slice.last, last == " " { slice = slice.dropLast() }
      if slice.isEmpty || slice == "null" || slice == "NaN" || slice == "-" || slice == "NULL" {
        values.append(.nan)
      } else if let value = Double(slice), value.isFinite {
        values.append(value)
      } else {
        values.append(.nan)
        invalid += 1
      }
    }
    if utf8.isEmpty { return ([], 0) }
    while index < utf8.endIndex {
      if utf8[index] == UInt8(ascii: ",") {
        token(start, index)
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    token(start, utf8.endIndex)
    return (values, invalid)
  }

  /// Reads the `samples` array of an exercise into its sample series and RR intervals.
  static func read(_ samplesNode: JSONNode, into exercise: inout Exercise, _ context: ReadContext) throws {
    var blocks: [Block] = []
    for blockNode in try samplesNode.array() {
      try readBlock(blockNode, into: &blocks, rr: &exercise.rrIntervalsMilliseconds, context)
    }
    finish(blocks, into: &exercise, context)
  }

  /// Reads one element of `samples` (already key-normalised): a block kept in `blocks` (holding its pointer, not its
  /// text), RR intervals appended to `rr`, or a warning and nothing.
  static func readBlock(
    _ blockNode: JSONNode, into blocks: inout [Block], rr: inout [Double?], _ context: ReadContext
  ) throws {
    guard !blockNode.isNull else { return }
    let typeNode = try blockNode.required("sample_type")
    let type = try typeNode.intOrString()
    let dataNode = blockNode.optional("data")
    let (values, invalid) = try parseValues(dataNode)
    if invalid > 0, let dataNode {
      context.report(
        dataNode.diagnostic(
          .polarSampleInvalidValue, .warning,
          "\(invalid) value(s) of sample type \(type) are not numbers; kept as missing"))
    }
    if type == rrIntervalType {
      rr += values.map { $0.isNaN ? nil : $0 }
      return
    }
    guard mapping(type) != nil else {
      context.report(
        typeNode.diagnostic(.polarSampleUnknownType, .warning, "sample type \(type) is not known; skipped"))
      return
    }
    let rateNode = blockNode.optional("recording_rate")
    let rate = try rateNode?.intOrString()
    guard let rate, rate > 0 else {
      context.report(
        (rateNode ?? blockNode).diagnostic(
          .polarSampleInvalidRate, .warning, "sample type \(type) has no positive recording_rate; skipped"))
      return
    }
    if blocks.isEmpty { context.retainPosition(of: blockNode) }  // a length mismatch names the first block
    blocks.append(Block(type: type, rateSeconds: rate, values: values, node: JSONNode(.null, path: blockNode.path)))
  }

  /// The blocks read, onto the exercise's time axis.
  static func finish(_ blocks: [Block], into exercise: inout Exercise, _ context: ReadContext) {
    guard !blocks.isEmpty else { return }
    exercise.samples = series(blocks, report: { context.report($0) })
  }

  /// The values of a `data` node (absent: none).
  ///
  /// - Throws: `json.type-mismatch` when it is not a string.
  static func parseValues(_ dataNode: JSONNode?) throws -> (values: [Double], invalid: Int) {
    guard let dataNode else { return ([], 0) }
    guard case .string(let text) = dataNode.value else { throw dataNode.mismatch("a string") }
    return parseValues(text)
  }

  /// The blocks on one time axis: the common axis when they share rate and length, else the union of their times.
  /// Diagnostics carry the pointer of the first block, relative to its document.
  static func series(_ blocks: [Block], report: (Diagnostic) -> Void) -> SampleSeries {
    let lengths = Set(blocks.map(\.values.count))
    let rates = Set(blocks.map { $0.rateSeconds ?? 1 })
    if lengths.count > 1, let first = blocks.first {
      report(
        first.node.diagnostic(
          .polarSampleLengthMismatch, .warning,
          "sample streams have different lengths (\(lengths.sorted().map(String.init).joined(separator: ", "))); "
            + "the shorter ones are padded with missing values"))
    }
    var series = SampleSeries()
    var columns: [SampleChannel: [Double]] = [:]
    if rates.count == 1, let rate = rates.first {
      let count = lengths.max() ?? 0
      series.setTimeAxis((0..<Int64(count)).map { $0 * rate * 1000 })
      for block in blocks {
        guard let mapping = mapping(block.type) else { continue }
        var column = columns[mapping.channel] ?? [Double](repeating: .nan, count: count)
        for (index, value) in block.values.enumerated() where !value.isNaN {
          column[index] = convert(value, mapping)
        }
        columns[mapping.channel] = column
      }
    } else {
      var offsets = Set<Int64>()
      for block in blocks {
        let rate = block.rateSeconds ?? 1
        for index in block.values.indices { offsets.insert(Int64(index) * rate * 1000) }
      }
      let axis = offsets.sorted()
      var position: [Int64: Int] = [:]
      for (index, offset) in axis.enumerated() { position[offset] = index }
      series.setTimeAxis(axis)
      for block in blocks {
        guard let mapping = mapping(block.type) else { continue }
        let rate = block.rateSeconds ?? 1
        var column = columns[mapping.channel] ?? [Double](repeating: .nan, count: axis.count)
        for (index, value) in block.values.enumerated() where !value.isNaN {
          if let at = position[Int64(index) * rate * 1000] { column[at] = convert(value, mapping) }
        }
        columns[mapping.channel] = column
      }
    }
    for (channel, column) in columns { series.setColumn(channel, column) }
    return series
  }

  /// SI value; a heart rate of 0 is a sensor gap, not a reading.
  private static func convert(_ value: Double, _ mapping: Mapping) -> Double {
    toSI(mapping.channel, value, factor: mapping.factor)
  }

  /// A recorded value in SI: speed from km/h, others times `factor`; a heart rate of 0 or less is a gap (NaN).
  static func toSI(_ channel: SampleChannel, _ value: Double, factor: Double) -> Double {
    if channel == .heartRate, value <= 0 { return .nan }
    return Mapping(channel: channel, factor: factor).convert(value)
  }

  /// Reads `route` points: positions at ISO-duration offsets from the start; altitude from the altitude samples at
  /// the nearest second, since route points carry none.
  static func readRoute(_ routeNode: JSONNode, into exercise: inout Exercise, _ context: ReadContext) throws {
    var route = Route()
    for pointNode in try routeNode.array() { route.add(pointNode, context) }
    route.finish(into: &exercise, context)
  }

  /// Route points as they are read, one at a time; finished onto an exercise once its samples are known.
  struct Route {
    var points: [RoutePoint] = []
    var skipped = 0
    /// The pointer of the first point skipped.
    var firstSkipped: JSONNode?

    mutating func add(_ pointNode: JSONNode, _ context: ReadContext) {
      guard let latitude = try? pointNode.required("latitude").doubleOrString(),
        let longitude = try? pointNode.required("longitude").doubleOrString(),
        (-90...90).contains(latitude), (-180...180).contains(longitude),
        let timeText = try? pointNode.required("time").string(),
        let offset = (try? ISODuration.parse(timeText))?.totalMilliseconds, offset >= 0
      else {
        skipped += 1
        if firstSkipped == nil {
          firstSkipped = JSONNode(.null, path: pointNode.path)
          context.retainPosition(of: pointNode)
        }
        return
      }
      var point = RoutePoint(elapsedMilliseconds: offset, latitudeDegrees: latitude, longitudeDegrees: longitude)
      point.satellites = (try? pointNode.optional("satellites")?.intOrString()).flatMap { $0.map(Int.init) }
      points.append(point)
    }

    /// Appends the points to the exercise's route, with altitudes from its samples, sorted by time. The points are
    /// moved, not copied (a million-point route is held once).
    mutating func finish(into exercise: inout Exercise, _ context: ReadContext) {
      var altitudeBySecond: [Int64: Double] = [:]
      if let altitude = exercise.samples.column(.altitude) {
        for (index, elapsed) in exercise.samples.elapsedMilliseconds.enumerated() where !altitude[index].isNaN {
          altitudeBySecond[(elapsed + 500) / 1000] = altitude[index]
        }
      }
      var moved = points
      points = []
      for index in moved.indices {
        moved[index].altitudeMeters = altitudeBySecond[(moved[index].elapsedMilliseconds + 500) / 1000]
      }
      if exercise.route.isEmpty { exercise.route = moved } else { exercise.route += moved }
      if skipped > 0, let firstSkipped {
        context.report(
          firstSkipped.diagnostic(
            .polarRouteInvalidPoint, .warning,
            "\(skipped) route point(s) lack a valid latitude, longitude or time offset; skipped"))
      }
      exercise.route.sort { $0.elapsedMilliseconds < $1.elapsedMilliseconds }
    }
  }
}
