import WearportCore

/// Export daily files (local dates): `sedentary_minutes-*`, `lightly_/moderately_/very_active_minutes-*` (into the
/// day's record), `resting_heart_rate-*` (placeholders with `date: null` skipped), `time_in_heart_rate_zones-*`,
/// `demographic_vo2_max-*` and `run_vo2_max-*`.
public struct FitbitExportDailyReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.daily", name: "Fitbit account export daily values", provider: .fitbit,
    kinds: [.dailyActivity, .metricSample])

  static let kinds: Set<String> = [
    "sedentary_minutes", "lightly_active_minutes", "moderately_active_minutes", "very_active_minutes",
    "resting_heart_rate", "time_in_heart_rate_zones", "demographic_vo2_max", "run_vo2_max",
  ]

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    Export.sniff(probe, kinds: Self.kinds, keys: ["dateTime", "value"])
  }

  public func read(_ context: ReadContext) throws {
    let kind = Export.kind(context)
    let root = JSONNode(try context.parseJSON().root)
    let assembler = context.assembler(FitbitRunAssembler.self)
    var placeholders = 0
    for node in try root.array() {
      let recordKind: RecordKind =
        kind.hasSuffix("_minutes") || kind == "resting_heart_rate" ? .dailyActivity : .metricSample
      try Fitbit.each(recordKind, context) {
        let timeNode = try node.required("dateTime")
        let local = try Fitbit.usShort(timeNode)
        let date = local.date
        let value = try node.required("value")
        let provenance = context.provenance(pointer: node.pointer)
        switch kind {
        case "sedentary_minutes", "lightly_active_minutes", "moderately_active_minutes", "very_active_minutes":
          let field: DayField =
            switch kind {
            case "sedentary_minutes": .sedentaryMinutes
            case "lightly_active_minutes": .lightMinutes
            case "moderately_active_minutes": .moderateMinutes
            default: .vigorousMinutes
            }
          assembler.add(field, try value.doubleOrString(), date: date, priority: 1, provenance: provenance)
        case "resting_heart_rate":
          guard let day = value.optional("date") else {
            placeholders += 1
            return
          }
          let rate = try value.required("value").double()
          let restDate = try day.located {
            try DateTimeParser.parseUSShort(try day.string() + " 00:00:00").date
          }
          assembler.add(.restingHeartRate, rate, date: restDate, priority: 1, provenance: provenance)
        case "time_in_heart_rate_zones":
          let zones = try value.required("valuesInZones")
          for (key, zone) in try zones.members() {
            let name: String =
              switch key {
              case "BELOW_DEFAULT_ZONE_1": "out_of_range"
              case "IN_DEFAULT_ZONE_1": "fat_burn"
              case "IN_DEFAULT_ZONE_2": "cardio"
              case "IN_DEFAULT_ZONE_3": "peak"
              default: "custom_" + key.lowercased()
              }
            try context.emit(
              Fitbit.daySample(
                "heart_rate_zone_\(name)", date, try zone.double(), "min", context.provenance(pointer: zone.pointer)))
          }
        case "demographic_vo2_max":
          for (key, metric) in [
            ("demographicVO2Max", "vo2_max_demographic"), ("filteredDemographicVO2Max", "vo2_max_demographic_filtered"),
          ] {
            if let number = value.optional(key) {
              try context.emit(Fitbit.daySample(metric, date, try number.double(), "mL/kg/min", provenance))
            }
          }
        default:  // run_vo2_max: per exercise, UTC
          if let number = value.optional("runVO2Max") {
            try context.emit(
              Fitbit.instantSample(
                "vo2_max_run", Export.utc(local, context), try number.double(), "mL/kg/min", provenance))
          }
        }
      }
    }
    if placeholders > 0 {
      context.report(
        .note(
          .fitbitExportPlaceholder,
          "\(placeholders) resting-heart-rate placeholder row(s) (date null, value 0) were skipped: they hold no reading"
        ))
    }
  }
}

/// Export `trophy.json` and `badge.json`: no records, but their ISO stamps with offsets (`2017-01-07T03:45:36.397+11:00`)
/// tell the user's UTC offset, which the local-time export files need when no `--timezone` is given.
public struct FitbitExportStampReader: FormatReader {
  public init() {}
  public let info = FormatInfo(
    id: "fitbit.export.stamps", name: "Fitbit account export trophies and badges", provider: .fitbit, kinds: [])

  public func sniff(_ probe: SniffProbe) -> SniffScore {
    guard probe.name == "trophy.json" || probe.name == "badge.json", probe.looksLikeJSON else { return .no }
    return .certain
  }

  public func read(_ context: ReadContext) throws {
    let root = try context.parseJSON().root
    let assembler = context.assembler(FitbitRunAssembler.self)
    var found = 0
    func walk(_ value: JSONValue) {
      switch value {
      case .string(let text):
        // Only full date-times with an explicit offset (a `Z` says nothing about the local clock).
        guard text.count >= 19, text.count <= 40, let parsed = try? DateTimeParser.parse(text), !parsed.isUTC,
          let offset = parsed.offsetSeconds
        else { return }
        assembler.addExportOffset(offset, on: parsed.local.date)
        found += 1
      case .array(let items): items.forEach(walk)
      case .object(let object): object.values.forEach(walk)
      default: break
      }
    }
    walk(root)
    context.report(
      .note(
        .fitbitExportOffsetDerived,
        "\(context.document.name) holds no records; \(found) date-time(s) with a UTC offset were kept to place the "
          + "export's local times"))
  }
}
