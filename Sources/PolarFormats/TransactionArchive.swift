import WearportCore

extension Diagnostic.Code {
  public static let polarSamplesOrphaned: Self = "polar.samples.orphaned"
}

/// Joins the pieces of a transaction-era exercise saved as separate files by URL path:
/// `…/exercises/{id}` (the summary), `…/exercises/{id}/samples/{type}` (one block each; the type may only be in the
/// path), `…/exercises/{id}/heart-rate-zones` (`{"zone": [...]}`).
final class PolarTransactionAssembler: RunAssembler {
  struct Pending {
    var exercise: Exercise?
    var blocks: [PolarSamples.Block] = []
    var blockLocations: [SourceLocation] = []
    var zones: [HeartRateZone]?
    var pieces = 0
    var firstLocation: SourceLocation
  }
  private var pending: [String: Pending] = [:]
  private var order: [String] = []

  init() {}

  /// The exercise folder of a logical path: everything up to `exercises/{id}`, without `.json`.
  static func exerciseKey(_ logicalPath: String) -> String? {
    var components = logicalPath.split(separator: "/").map(String.init)
    guard let index = components.lastIndex(of: "exercises"), index + 1 < components.count else { return nil }
    components = Array(components[...(index + 1)])
    if components[index + 1].hasSuffix(".json") { components[index + 1].removeLast(5) }
    return components.joined(separator: "/")
  }

  /// The key of a summary document that is itself `…/exercises/{id}` (or `{id}.json`), else nil.
  static func summaryKey(_ document: InputDocument) -> String? {
    guard let key = exerciseKey(document.logicalPath) else { return nil }
    var name = document.name
    if name.hasSuffix(".json") { name.removeLast(5) }
    return key.hasSuffix("/" + name) ? key : nil
  }

  private func entry(_ key: String, _ location: SourceLocation) -> Pending {
    if let existing = pending[key] { return existing }
    order.append(key)
    return Pending(firstLocation: location)
  }

  func addSummary(_ exercise: Exercise, key: String) {
    var item = entry(key, exercise.provenance.location)
    item.exercise = exercise
    item.pieces += 1
    pending[key] = item
  }

  func addBlock(_ block: PolarSamples.Block, key: String, location: SourceLocation) {
    var item = entry(key, location)
    item.blocks.append(block)
    item.blockLocations.append(location)
    item.pieces += 1
    pending[key] = item
  }

  func addZones(_ zones: [HeartRateZone], key: String, location: SourceLocation) {
    var item = entry(key, location)
    item.zones = zones
    item.pieces += 1
    pending[key] = item
  }

  func finish(_ context: AssemblyContext) throws {
    for key in order {
      // Taken out of `pending`, so the blocks' values are held once and become the columns in place.
      guard var item = pending.removeValue(forKey: key) else { continue }
      guard var exercise = item.exercise else {
        context.reject(
          .exercise, pieces: item.pieces,
          .error(
            .polarSamplesOrphaned,
            "sample or zone files of \(key) have no exercise summary beside them; they cannot be placed in time",
            at: item.firstLocation))
        continue
      }
      if !item.blocks.isEmpty {
        var sorted = item.blocks.sorted { $0.type < $1.type }
        item.blocks = []
        exercise.samples = PolarSamples.series(
          taking: &sorted,
          report: { diagnostic in
            context.report(diagnostic.located(item.blockLocations.first))
          })
      }
      if let zones = item.zones { exercise.heartRateZones = zones }
      try context.emit(.exercise(exercise), pieces: item.pieces)
    }
  }
}

/// Transaction-era sample blocks (`…/samples/{type}`: `{"recording-rate": 5, "sample-type": "1", "data": "…"}`)
/// and heart-rate zone files (`{"zone": [...]}`), joined to their exercise by path.
public struct AccessLinkTransactionSampleReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "polar.accesslink.transaction-samples", name: "Polar AccessLink transaction samples and zones",
    provider: .polar, kinds: [.exercise])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.jsonShape.root == .object else { return .no }
    let keys = polarKeys(probe)
    if keys.contains("data") && (keys.contains("recording_rate") || keys.contains("sample_type"))
      && !keys.contains("id")
    {
      return .certain
    }
    if keys == ["zone"] && probe.contains("limit") { return .certain }
    return .no
  }

  public func read(_ context: ReadContext) throws {
    let root = try polarRoot(context)
    let path = context.document.logicalPath
    guard let key = PolarTransactionAssembler.exerciseKey(path) else {
      throw Diagnostic.error(
        .polarSamplesOrphaned,
        "a sample or zone file outside an …/exercises/{id}/ folder cannot be joined to its exercise",
        at: context.document.location)
    }
    let assembler = context.assembler(PolarTransactionAssembler.self)
    if let zoneList = root.optional("zone") {
      var zones: [HeartRateZone] = []
      for (position, zone) in try zoneList.array().enumerated() {
        var inZone: Double?
        if let text = try zone.optional("in_zone")?.string() { inZone = (try? ISODuration.parse(text))?.totalSeconds }
        zones.append(
          HeartRateZone(
            index: Int(try zone.optional("index")?.intOrString() ?? Int64(position)),
            lowerBPM: try zone.optional("lower_limit")?.doubleOrString(),
            upperBPM: try zone.optional("upper_limit")?.doubleOrString(), timeInZoneSeconds: inZone))
      }
      assembler.addZones(zones, key: key, location: context.document.location)
      return
    }
    // The type: the block's own, else the last path segment (`…/samples/3` or `…/samples/3.json`).
    var type = try root.optional("sample_type")?.intOrString()
    if type == nil {
      var last = path.split(separator: "/").last.map(String.init) ?? ""
      if last.hasSuffix(".json") { last.removeLast(5) }
      type = Int64(last)
    }
    guard let type else {
      throw root.invalid(
        "the block has no sample_type and its path does not end in a type number", code: .jsonMissingKey)
    }
    let rate = try root.optional("recording_rate")?.intOrString()
    let (values, invalid) = PolarSamples.parseValues(try root.optional("data")?.string() ?? "")
    if invalid > 0 {
      context.report(root.diagnostic(.polarSampleInvalidValue, .warning, "\(invalid) value(s) are not numbers"))
    }
    guard let rate, rate > 0, rate <= PolarSamples.maximumRateSeconds, PolarSamples.mapping(type) != nil else {
      context.report(
        root.diagnostic(.polarSampleUnknownType, .warning, "sample type \(type) without a usable rate is not read"))
      return
    }
    assembler.addBlock(
      PolarSamples.Block(type: type, rateSeconds: rate, values: values, node: root), key: key,
      location: context.document.location)
  }
}
