import WearportCore

extension Diagnostic.Code {
  /// An intraday dataset whose day is given nowhere (empty summary, no date in the file name).
  public static let fitbitIntradayNoDate: Self = "fitbit.intraday.no-date"
}

/// `activities-<resource>-intraday` datasets (fitbit.md §1.3): `HH:mm:ss` local times on the day of the summary
/// element. Heart rate becomes heart-rate samples (gaps stay gaps); steps, calories, distance, floors and elevation
/// become per-interval metric samples (steps are zero-filled by Fitbit and kept so).
public struct FitbitIntradayReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.api.intraday", name: "Fitbit Web API intraday time series", provider: .fitbit,
    kinds: [.heartRate, .metricSample, .dailyActivity])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.looksLikeJSON, probe.jsonShape.root == .object else { return .no }
    let intraday = probe.jsonShape.keys.filter { $0.hasPrefix("activities-") && $0.hasSuffix("-intraday") }
    return intraday.isEmpty ? .no : .certain
  }

  public func read(_ context: ReadContext) throws {
    let root = JSONNode(try context.parseJSON().root)
    for (key, node) in try root.members() where key.hasSuffix("-intraday") {
      let base = String(key.dropLast("-intraday".count))
      let summary = try root.optional(base)?.array() ?? []
      var date: LocalDate?
      if let first = summary.first?.optional("dateTime") { date = try Fitbit.date(first) }
      date = date ?? Series.date(in: context.document.name)
      // The day-level summary element(s).
      if base == "activities-heart" {
        for entry in summary { try Fitbit.each(.dailyActivity, context) { try Series.heartDay(entry, context) } }
      } else if let summaryNode = root.optional(base) {
        try Series.read(key: base, summaryNode, context)
      }
      guard let date else {
        throw Diagnostic.warning(
          .fitbitIntradayNoDate,
          "the intraday dataset \"\(key)\" has no day: \"\(base)\" is empty and the file name has no yyyy-MM-dd; "
            + "its samples were not read (name the file with the request's date)",
          at: SourceLocation(path: "", jsonPointer: node.pointer))
      }
      try readDataset(resource(base), try node.required("dataset"), date: date, context)
    }
  }

  private func resource(_ base: String) -> String {
    var resource = base.hasPrefix("activities-") ? String(base.dropFirst("activities-".count)) : base
    if resource.hasPrefix("tracker-") { resource = String(resource.dropFirst("tracker-".count)) }
    return resource
  }

  private func readDataset(_ resource: String, _ dataset: JSONNode, date: LocalDate, _ context: ReadContext) throws {
    let metric: (name: String, unit: String, quantity: UnitQuantity?)?
    switch resource {
    case "heart": metric = nil
    case "steps": metric = ("steps", "count", nil)
    case "calories": metric = ("calories", "kcal", nil)
    case "floors": metric = ("floors", "count", nil)
    case "distance": metric = ("distance", "m", .distance)
    case "elevation": metric = ("elevation_gain", "m", .elevation)
    default:
      context.report(
        dataset.diagnostic(
          .fitbitUnknownResource, .warning, "the intraday resource \"\(resource)\" is not known; skipped"))
      return
    }
    let kind: RecordKind = metric == nil ? .heartRate : .metricSample
    let noOffset = OffsetContext()
    for point in try dataset.array() {
      try Fitbit.each(kind, context) {
        let timeNode = try point.required("time")
        let time = try timeNode.located { try DateTimeParser.parseTimeOfDay(try timeNode.string()) }
        let value = try point.required("value").double()
        let timestamp = context.resolve(
          Fitbit.naive(LocalDateTime(date: date, time: time)), context: noOffset, at: timeNode)
        let provenance = context.provenance(pointer: point.pointer)
        if let metric {
          try Series.emit(context, quantity: metric.quantity, at: provenance.location) { factor in
            Fitbit.instantSample(metric.name, timestamp, value * factor, metric.unit, provenance)
          }
        } else {
          try context.emit(
            .heartRate(
              HeartRateSample(
                provider: .fitbit, userID: nil, time: timestamp, heartRateBPM: value, provenance: provenance)))
        }
      }
    }
  }
}
