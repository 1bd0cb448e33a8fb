import CLibXML2
import WearportCore

extension Diagnostic.Code {
  /// The file breaks a rule that consumers (Strava, Garmin Connect, GoldenCheetah, Runalyze, GPSBabel) apply.
  public static let conformance: Self = "conformance"
  public static let conformanceLeadingBytes: Self = "conformance.leading-bytes"
  public static let conformanceNamespace: Self = "conformance.namespace"
  public static let conformancePrefix: Self = "conformance.prefix"
  public static let conformanceStructure: Self = "conformance.structure"
  public static let conformanceValue: Self = "conformance.value"
  public static let conformanceTime: Self = "conformance.time"
  /// The file is not valid against the official XSD (with the extension schemas).
  public static let xmlSchemaInvalid: Self = "xml.schema-invalid"
  /// The XSDs were not found, or could not be compiled; schema validation was skipped.
  public static let xmlSchemaUnavailable: Self = "xml.schema-unavailable"
}

/// The checks `wearport validate` adds for TCX and GPX files: the consumer rules of outputs-and-peers.md §4, and
/// the official XSDs when their folder is known (`--xsd-dir`, `WEARPORT_XSD_DIR`).
///
/// It rides along the reader's single streaming pass: the reader calls its hooks; libxml2 validates against the
/// schema while reading.
final class ConformanceCheck {
  enum Format { case tcx, gpx }

  let format: Format
  let context: ReadContext
  private(set) var schema: xmlSchemaPtr?
  private var counts: [Diagnostic.Code: Int] = [:]
  private var firstLines: [Diagnostic.Code: Int] = [:]
  private var activity: ActivityFacts?
  private var lapChildren: Set<String> = []
  private var inLap = false

  static let tcxNamespace = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  static let activityExtensionNamespace = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  static let gpxNamespace = "http://www.topografix.com/GPX/1/1"
  static let trackPointV1Namespace = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  static let trackPointV2Namespace = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"

  private struct ActivityFacts {
    var line: Int
    var hasID = false
    var laps = 0
    var trackpoints = 0
  }

  init(format: Format, context: ReadContext) {
    self.format = format
    self.context = context
    checkLeadingBytes()
    loadSchema()
  }

  deinit {
    if let schema { xmlSchemaFree(schema) }
  }

  // MARK: schema

  private func loadSchema() {
    libxml2Ready
    guard let directory = context.options.schemaDirectory, !directory.isEmpty else {
      context.report(
        .note(
          .xmlSchemaUnavailable,
          "no XSD folder given (--xsd-dir or WEARPORT_XSD_DIR); only the consumer rules were checked",
          at: context.document.location))
      return
    }
    let file = directory + (directory.hasSuffix("/") ? "" : "/") + (format == .tcx ? "tcx_all.xsd" : "gpx_all.xsd")
    guard let parser = xmlSchemaNewParserCtxt(file) else {
      unavailable(file)
      return
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    let collector = ErrorCollector()
    xmlSchemaSetParserStructuredErrors(
      parser,
      { userData, error in
        guard let userData, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().add(error.pointee)
      }, Unmanaged.passUnretained(collector).toOpaque())
    schema = withExtendedLifetime(collector) { xmlSchemaParse(parser) }
    if schema == nil { unavailable(file) }
  }

  private func unavailable(_ file: String) {
    context.report(
      .warning(
        .xmlSchemaUnavailable, "the schema \(file) could not be loaded; schema validation was skipped",
        at: context.document.location))
  }

  // MARK: hooks called by the readers

  private func checkLeadingBytes() {
    guard let prefix = try? context.document.prefix(64) else { return }
    var location = context.document.location
    location.line = 1
    if prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
      problem(.conformanceLeadingBytes, "the file starts with a byte-order mark; consumers expect '<?xml' first", 1)
    } else if let first = prefix.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 {
      problem(
        .conformanceLeadingBytes,
        "white space before '<?xml': GPSBabel, GoldenCheetah and GPXSee reject such files", 1)
    } else if !prefix.starts(with: Array("<?xml".utf8)) {
      problem(.conformanceLeadingBytes, "the file does not start with an XML declaration '<?xml'", 1, .warning)
    }
    let head = String(decoding: prefix, as: UTF8.self).lowercased()
    if let range = head.range(of: "encoding=") {
      let rest = head[range.upperBound...].dropFirst()
      if !rest.hasPrefix("utf-8") {
        problem(.conformanceValue, "the XML declaration names an encoding other than UTF-8", 1, .warning)
      }
    }
  }

  func root(xml: XMLStreamReader, name: String) {
    let line = xml.currentLine
    switch format {
    case .tcx:
      if name != "TrainingCenterDatabase" || xml.namespaceURI != ConformanceCheck.tcxNamespace {
        problem(.conformanceNamespace, "the root is not a TCX v2 TrainingCenterDatabase in its namespace", line)
      }
      for declaration in xml.namespaceDeclarations()
      where declaration.uri == ConformanceCheck.activityExtensionNamespace && declaration.prefix != "ns3" {
        problem(
          .conformancePrefix,
          "the ActivityExtension v2 namespace is bound to '\(declaration.prefix)', not 'ns3' as Garmin writes it; "
            + "Runalyze matches the prefix", line, .warning)
      }
    case .gpx:
      if name != "gpx" || xml.namespaceURI != ConformanceCheck.gpxNamespace {
        problem(.conformanceNamespace, "the root is not a GPX 1.1 <gpx> in its namespace", line)
      }
      if xml.attribute("version") != "1.1" {
        problem(.conformanceValue, "the gpx version attribute is not 1.1", line)
      }
      if (xml.attribute("creator") ?? "").trimmingSpaces.isEmpty {
        problem(.conformanceValue, "the gpx creator attribute is missing or empty", line)
      }
      for declaration in xml.namespaceDeclarations() {
        if declaration.uri == ConformanceCheck.trackPointV1Namespace && declaration.prefix != "gpxtpx" {
          problem(
            .conformancePrefix,
            "TrackPointExtension v1 is bound to '\(declaration.prefix)', not 'gpxtpx': GPSBabel 1.8 and other "
              + "prefix-matching readers drop its heart rate and cadence", line, .warning)
        }
        if declaration.uri == ConformanceCheck.trackPointV2Namespace {
          problem(
            .conformancePrefix,
            "TrackPointExtension v2 is used: GPSBabel 1.8 ignores it; write v1 for heart rate and cadence", line,
            .warning)
        }
      }
    }
  }

  func activityStarted(xml: XMLStreamReader, sport: String?) {
    activity = ActivityFacts(line: xml.currentLine)
    if let sport, ["Running", "Biking", "Other"].contains(sport) { return }
    problem(.conformanceValue, "Activity/@Sport must be Running, Biking or Other", xml.currentLine)
  }

  func elementStarted(xml: XMLStreamReader, name: String, parent: String?) {
    guard format == .tcx else { return }
    switch name {
    case "Lap" where parent == "Activity":
      activity?.laps += 1
      inLap = true
      lapChildren = []
      if xml.attribute("StartTime") == nil {
        problem(.conformanceStructure, "a Lap has no StartTime attribute", xml.currentLine)
      }
    case "Creator", "Author":
      let type = xml.attribute("type")
      if type != "Device_t" && type != "Application_t" && !(type?.hasSuffix(":Device_t") ?? false)
        && !(type?.hasSuffix(":Application_t") ?? false)
      {
        problem(
          .conformanceStructure,
          "\(name) has no xsi:type=\"Device_t\" (or Application_t): Garmin Connect rejects it", xml.currentLine)
      }
    case "Trackpoint":
      activity?.trackpoints += 1
    default:
      if inLap && parent == "Lap" { lapChildren.insert(name) }
    }
  }

  /// An element ended with its text (only the ones the rules look at).
  func elementEnded(name: String, parent: String?, text: [UInt8], line: Int) {
    switch format {
    case .tcx:
      switch name {
      case "Id" where parent == "Activity":
        activity?.hasID = true
        checkTime(text, line: line, what: "Activity/Id")
      case "Time" where parent == "Trackpoint":
        checkTime(text, line: line, what: "Trackpoint/Time")
      case "Value" where parent == "HeartRateBpm":
        checkInteger(text, 1...255, line: line, what: "HeartRateBpm/Value")
      case "Calories" where parent == "Lap":
        checkInteger(text, 0...65535, line: line, what: "Lap/Calories")
      case "Cadence", "RunCadence":
        checkInteger(text, 0...254, line: line, what: name)
      case "Watts":
        checkInteger(text, 0...65535, line: line, what: "Watts")
      case "Lap" where parent == "Activity":
        inLap = false
        let missing = ["TotalTimeSeconds", "DistanceMeters", "Calories", "Intensity", "TriggerMethod"].filter {
          !lapChildren.contains($0)
        }
        if !missing.isEmpty {
          problem(.conformanceStructure, "a Lap lacks \(missing.joined(separator: ", "))", line)
        }
      case "Activity":
        if let facts = activity {
          if !facts.hasID { problem(.conformanceStructure, "an Activity has no Id", facts.line) }
          if facts.laps == 0 { problem(.conformanceStructure, "an Activity has no Lap", facts.line) }
          if facts.trackpoints == 0 {
            problem(
              .conformanceStructure, "an Activity has no trackpoints: Strava reports such files as empty", facts.line,
              .warning)
          }
        }
        activity = nil
      default:
        break
      }
    case .gpx:
      switch name.lowercased() {
      case "time" where parent == "trkpt":
        checkTime(text, line: line, what: "trkpt/time")
      case "hr", "cad":
        checkInteger(text, 0...255, line: line, what: name)
      default:
        break
      }
    }
  }

  func trackpoint(_ values: TrackPointValues, line: Int) {
    if values.time == nil {
      problem(.conformanceTime, "a track point has no time: Strava requires a time on every point", line)
    }
  }

  private func checkTime(_ text: [UInt8], line: Int, what: String) {
    guard let parsed = try? XMLValues.dateTime(text) else {
      problem(.conformanceTime, "\(what) is not an xsd:dateTime", line)
      return
    }
    if parsed.offsetSeconds == nil {
      problem(.conformanceTime, "\(what) has no time zone; write UTC with Z", line)
    } else if !parsed.isUTC {
      problem(
        .conformanceTime, "\(what) has a UTC offset: several consumers mishandle offsets; write UTC with Z", line,
        .warning)
    }
  }

  private func checkInteger(_ text: [UInt8], _ range: ClosedRange<Int>, line: Int, what: String) {
    let trimmed = XMLValues.text(text)
    if let value = Int(trimmed), range.contains(value) { return }
    problem(.conformanceValue, "\(what) must be an integer in \(range.lowerBound)–\(range.upperBound)", line)
  }

  private func problem(
    _ code: Diagnostic.Code, _ message: String, _ line: Int, _ severity: Diagnostic.Severity = .error
  ) {
    let key = Diagnostic.Code(code.rawValue + (severity == .error ? "" : "~"))
    counts[key, default: 0] += 1
    guard counts[key] == 1 else { return }
    var location = context.document.location
    location.line = line
    context.report(Diagnostic(code, severity, message, at: location))
  }

  /// Reports repeats and the schema verdict, after the whole document was read.
  func finish(xml: XMLStreamReader) {
    for (key, count) in counts.sorted(by: { $0.key < $1.key }) where count > 1 {
      let code = Diagnostic.Code(key.rawValue.hasSuffix("~") ? String(key.rawValue.dropLast()) : key.rawValue)
      context.report(
        .note(code, "\(count - 1) more finding(s) of this kind in the file", at: context.document.location))
    }
    guard schema != nil else { return }
    let errors = xml.validityErrors
    for error in errors.prefix(20) {
      var location = context.document.location
      location.line = error.line
      let message = context.options.verbose ? error.message : ConformanceCheck.scrub(error.message)
      context.report(.error(.xmlSchemaInvalid, "not valid against the XSD: \(message)", at: location))
    }
    if errors.count > 20 {
      context.report(
        .note(.xmlSchemaInvalid, "\(errors.count - 20) more schema error(s)", at: context.document.location))
    }
  }

  /// Replaces quoted values in libxml2's messages (they may be heart rates or coordinates) with '…'.
  static func scrub(_ message: String) -> String {
    var result = ""
    var quoted: String?
    for character in message {
      if var current = quoted {
        if character == "'" {
          let isValue = !current.isEmpty && current.allSatisfy { $0.isNumber || "+-.:TZe ".contains($0) }
          result += isValue ? "'…'" : "'\(current)'"
          quoted = nil
        } else {
          current.append(character)
          quoted = current
        }
      } else if character == "'" {
        quoted = ""
      } else {
        result.append(character)
      }
    }
    if let quoted { result += "'" + quoted }
    return result
  }
}
