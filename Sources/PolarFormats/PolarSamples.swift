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

  /// The longest recording rate read (a day): value offsets (index × rate in milliseconds) then stay far inside
  /// `Int64`, where a rate near `Int64.max` trapped.
  static let maximumRateSeconds: Int64 = 86_400

  /// One block as read.
  struct Block {
    var type: Int64
    var rateSeconds: Int64?
    var values: [Double]
    var node: JSONNode
  }

  /// Splits `data` into numbers; missing tokens are NaN. Returns the count of tokens that were not numbers.
  ///
  /// Parsed straight from the UTF-8 bytes into an array of exactly one value per token (no substrings): plain
  /// decimals (`-12.345`) exactly as `Double(_:)` would read them, anything else through `Double(_:)` itself.
  static func parseValues(_ data: String) -> (values: [Double], invalid: Int) {
    var data = data
    return data.withUTF8 { parseValues(bytes: $0) }
  }

  /// ``parseValues(_:)`` over the bytes of a `data` string.
  static func parseValues(bytes: UnsafeBufferPointer<UInt8>) -> (values: [Double], invalid: Int) {
    guard !bytes.isEmpty else { return ([], 0) }
    let comma = UInt8(ascii: ",")
    var count = 1
    for byte in bytes where byte == comma { count += 1 }
    var invalid = 0
    let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      var start = 0
      var at = 0
      for index in 0..<bytes.count where bytes[index] == comma {
        buffer[at] = token(bytes, start, index, invalid: &invalid)
        at += 1
        start = index + 1
      }
      buffer[at] = token(bytes, start, bytes.count, invalid: &invalid)
      initialized = at + 1
    }
    return (values, invalid)
  }

  /// One token of `bytes[lower..<upper]`: NaN when missing (`""`, `null`, `NULL`, `NaN`, `-`, spaces around) or not
  /// a finite number (then counted in `invalid`).
  @inline(__always)
  private static func token(
    _ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int, invalid: inout Int
  ) -> Double {
    let space = UInt8(ascii: " ")
    var lower = lower
    var upper = upper
    while lower < upper, bytes[lower] == space { lower += 1 }
    while upper > lower, bytes[upper - 1] == space { upper -= 1 }
    if lower == upper { return .nan }
    if let value = DecimalText.plain(bytes, from: lower, to: upper) { return value }
    let slice = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    if isMissing(slice) { return .nan }
    if let value = Double(String(decoding: slice, as: UTF8.self)), value.isFinite { return value }
    invalid += 1
    return .nan
  }

  private static func isMissing(_ slice: UnsafeBufferPointer<UInt8>) -> Bool {
    switch slice.count {
    case 1: return slice[0] == UInt8(ascii: "-")
    case 3: return slice.elementsEqual("NaN".utf8)
    case 4: return slice.elementsEqual("null".utf8) || slice.elementsEqual("NULL".utf8)
    default: return false
    }
  }

  /// Reads the `samples` array of an exercise into its sample series and RR intervals.
  static func read(_ samplesNode: JSONNode, into exercise: inout Exercise, _ context: ReadContext) throws {
    var blocks: [Block] = []
    for blockNode in try samplesNode.array() {
      try readBlock(blockNode, into: &blocks, rr: &exercise.rrIntervalsMilliseconds, context)
    }
    finish(&blocks, into: &exercise, context)
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
    guard rate <= maximumRateSeconds else {
      context.report(
        (rateNode ?? blockNode).diagnostic(
          .polarSampleInvalidRate, .warning,
          "sample type \(type) has a recording_rate over \(maximumRateSeconds) s; skipped"))
      return
    }
    if blocks.isEmpty { context.retainPosition(of: blockNode) }  // a length mismatch names the first block
    blocks.append(Block(type: type, rateSeconds: rate, values: values, node: JSONNode(.null, path: blockNode.path)))
  }

  /// The blocks read, onto the exercise's time axis. Their values become the columns (moved, not copied), so
  /// `blocks` is left empty.
  static func finish(_ blocks: inout [Block], into exercise: inout Exercise, _ context: ReadContext) {
    guard !blocks.isEmpty else { return }
    exercise.samples = series(taking: &blocks, report: { context.report($0) })
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
    var blocks = blocks
    return series(taking: &blocks, report: report)
  }

  /// ``series(_:report:)`` that takes the blocks' values as its columns where it can (a block that is the first of
  /// its channel on a common time axis is converted in place), leaving `blocks` empty. A million samples in five
  /// streams are then held once, not as blocks and columns side by side.
  static func series(taking blocks: inout [Block], report: (Diagnostic) -> Void) -> SampleSeries {
    var lengths = Set<Int>()
    var rates = Set<Int64>()
    for block in blocks {
      lengths.insert(block.values.count)
      rates.insert(block.rateSeconds ?? 1)
    }
    if lengths.count > 1, let first = blocks.first {
      report(
        first.node.diagnostic(
          .polarSampleLengthMismatch, .warning,
          "sample streams have different lengths (\(lengths.sorted().map(String.init).joined(separator: ", "))); "
            + "the shorter ones are padded with missing values"))
    }
    var series = SampleSeries()
    var columns = [[Double]?](repeating: nil, count: SampleChannel.allCases.count)
    if rates.count == 1, let rate = rates.first {
      let count = lengths.max() ?? 0
      for index in blocks.indices {
        guard let mapping = mapping(blocks[index].type) else { continue }
        var values: [Double] = []
        swap(&values, &blocks[index].values)
        if var column = columns[mapping.channel.ordinal] {
          columns[mapping.channel.ordinal] = nil
          for (at, value) in values.enumerated() where !value.isNaN { column[at] = convert(value, mapping) }
          columns[mapping.channel.ordinal] = column
        } else {
          for at in values.indices where !values[at].isNaN { values[at] = convert(values[at], mapping) }
          if values.count < count {
            values.reserveCapacity(count)
            values.append(contentsOf: repeatElement(.nan, count: count - values.count))
          }
          columns[mapping.channel.ordinal] = values
        }
      }
      blocks = []
      series.setTimeAxis(
        [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
          for index in 0..<count { buffer[index] = Int64(index) * rate * 1000 }
          initialized = count
        })
    } else {
      var offsets = Set<Int64>()
      for block in blocks {
        let rate = block.rateSeconds ?? 1
        for index in block.values.indices { offsets.insert(Int64(index) * rate * 1000) }
      }
      let axis = offsets.sorted()
      offsets = []
      var position: [Int64: Int] = [:]
      for (index, offset) in axis.enumerated() { position[offset] = index }
      series.setTimeAxis(axis)
      for index in blocks.indices {
        guard let mapping = mapping(blocks[index].type) else { continue }
        let rate = blocks[index].rateSeconds ?? 1
        var values: [Double] = []
        swap(&values, &blocks[index].values)
        var column = columns[mapping.channel.ordinal] ?? [Double](repeating: .nan, count: axis.count)
        columns[mapping.channel.ordinal] = nil
        for (at, value) in values.enumerated() where !value.isNaN {
          if let target = position[Int64(at) * rate * 1000] { column[target] = convert(value, mapping) }
        }
        columns[mapping.channel.ordinal] = column
      }
      blocks = []
    }
    for channel in SampleChannel.allCases {
      guard let column = columns[channel.ordinal] else { continue }
      columns[channel.ordinal] = nil
      series.setColumn(channel, column)
    }
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
      if let point = Self.plainPoint(pointNode.value) {
        points.append(point)
        return
      }
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

    /// The usual point (numbers for latitude, longitude and an integer satellite count, a string time) read from its
    /// value without a node per member; nil for anything else, which ``add(_:_:)`` then reads member by member.
    private static func plainPoint(_ value: JSONValue) -> RoutePoint? {
      guard case .object(let object) = value,
        case .number(let latitude)? = object["latitude"], latitude.double.isFinite,
        case .number(let longitude)? = object["longitude"], longitude.double.isFinite,
        (-90...90).contains(latitude.double), (-180...180).contains(longitude.double),
        case .string(let timeText)? = object["time"],
        let offset = (try? ISODuration.parse(timeText))?.totalMilliseconds, offset >= 0
      else { return nil }
      var point = RoutePoint(
        elapsedMilliseconds: offset, latitudeDegrees: latitude.double, longitudeDegrees: longitude.double)
      switch object["satellites"] {
      case nil, .null?: break
      case .number(let count)?:
        guard let exact = count.exactInteger else { return nil }
        point.satellites = Int(exact)
      default: return nil
      }
      return point
    }

    /// Appends the points to the exercise's route, with altitudes from its samples, sorted by time. The points are
    /// moved, not copied (a million-point route is held once), and sorted only when they are not in order already.
    mutating func finish(into exercise: inout Exercise, _ context: ReadContext) {
      var moved: [RoutePoint] = []
      swap(&moved, &points)
      if let altitude = exercise.samples.column(.altitude) {
        var lookup = AltitudeLookup(elapsed: exercise.samples.elapsedMilliseconds, altitude: altitude)
        for index in moved.indices {
          moved[index].altitudeMeters = lookup.altitude(atSecond: (moved[index].elapsedMilliseconds + 500) / 1000)
        }
      } else {
        for index in moved.indices { moved[index].altitudeMeters = nil }
      }
      if exercise.route.isEmpty {
        swap(&exercise.route, &moved)
      } else {
        exercise.route += moved
        moved = []
      }
      if skipped > 0, let firstSkipped {
        context.report(
          firstSkipped.diagnostic(
            .polarRouteInvalidPoint, .warning,
            "\(skipped) route point(s) lack a valid latitude, longitude or time offset; skipped"))
      }
      if !isSorted(exercise.route) {
        exercise.route.sort { $0.elapsedMilliseconds < $1.elapsedMilliseconds }
      }
    }

    private func isSorted(_ route: [RoutePoint]) -> Bool {
      guard route.count > 1 else { return true }
      for index in 1..<route.count where route[index].elapsedMilliseconds < route[index - 1].elapsedMilliseconds {
        return false
      }
      return true
    }
  }

  /// The altitude sample at a whole second (elapsed time rounded half up), as a table by second would give it: the
  /// last present value of that second. Searched in the time axis, which is in order; an axis out of order (not one
  /// this reader makes) is indexed by second instead.
  struct AltitudeLookup {
    let elapsed: [Int64]
    let altitude: [Double]
    private var bySecond: [Int64: Double]?

    init(elapsed: [Int64], altitude: [Double]) {
      self.elapsed = elapsed
      self.altitude = altitude
      var ordered = true
      if elapsed.count > 1 {
        for index in 1..<elapsed.count where elapsed[index] < elapsed[index - 1] {
          ordered = false
          break
        }
      }
      if !ordered {
        var table: [Int64: Double] = [:]
        for (index, time) in elapsed.enumerated() where !altitude[index].isNaN {
          table[Self.second(time)] = altitude[index]
        }
        bySecond = table
      }
    }

    @inline(__always)
    private static func second(_ elapsed: Int64) -> Int64 { (elapsed + 500) / 1000 }

    /// Where the last search ended: route points in time order find their sample at or just after it.
    private var hint = 0

    mutating func altitude(atSecond second: Int64) -> Double? {
      if let bySecond { return bySecond[second] }
      // The first index whose second is after `second` (tried at the hint and the next two, else searched), then
      // back over the values of `second`.
      var low = -1
      for candidate in hint...min(hint + 2, elapsed.count)
      where (candidate == 0 || Self.second(elapsed[candidate - 1]) <= second)
        && (candidate == elapsed.count || Self.second(elapsed[candidate]) > second)
      {
        low = candidate
        break
      }
      if low < 0 {
        low = 0
        var high = elapsed.count
        while low < high {
          let middle = low + (high - low) / 2
          if Self.second(elapsed[middle]) <= second { low = middle + 1 } else { high = middle }
        }
      }
      hint = low
      var index = low - 1
      while index >= 0, Self.second(elapsed[index]) == second {
        if !altitude[index].isNaN { return altitude[index] }
        index -= 1
      }
      return nil
    }
  }
}
