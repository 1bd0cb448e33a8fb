import WearportCore

/// The partition keys of the lakehouse layout, parsed from a path:
/// `notifications/year=2025/month=08/day=01/hour=14/01K1GFYJHR7EKM5HN9PPD2AG9V.json`.
struct Partition: Hashable, Sendable {
  var date: LocalDate
  var hour: Int?
  /// The file's name without `.json`: the batch id in the layout's naming.
  var fileStem: String

  /// The start of the partition (its hour, else its day) as an instant, UTC.
  var start: Instant {
    Instant(millisecondsSinceEpoch: (date.daysSinceEpoch * 24 + Int64(hour ?? 0)) * 3_600_000)
  }

  /// The partition of a logical path; nil unless it has `year=`, `month=` and `day=` components forming a real day.
  static func parse(_ logicalPath: String) -> Partition? {
    var year: Int?
    var month: Int?
    var day: Int?
    var hour: Int?
    let components = logicalPath.split(separator: "/")
    for component in components {
      guard let equals = component.firstIndex(of: "=") else { continue }
      let key = component[..<equals].lowercased()
      guard let value = Int(component[component.index(after: equals)...]) else { continue }
      switch key {
      case "year": year = value
      case "month": month = value
      case "day": day = value
      case "hour": hour = (0...23).contains(value) ? value : nil
      default: break
      }
    }
    guard let year, let month, let day, let date = LocalDate(year: year, month: month, day: day) else { return nil }
    var stem = String(components.last ?? "")
    if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
    return Partition(date: date, hour: hour, fileStem: stem)
  }
}

extension Instant {
  /// The UTC calendar day of the instant.
  var utcDate: LocalDate {
    let milliseconds = millisecondsSinceEpoch
    let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
    return LocalDate(daysSinceEpoch: days)
  }
}
