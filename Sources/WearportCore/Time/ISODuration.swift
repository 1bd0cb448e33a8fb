/// An ISO-8601 duration: PnYnMnWnDTnHnMnS with a fractional last component.
///
/// Components appear in that order, each at most once, with time components after `T`. The last component may
/// carry a fraction (`.` or `,`): on seconds it stays in ``seconds``; on weeks, days, hours or minutes it is spread
/// exactly (to the millisecond) over the smaller fields, so `PT1.5H` is 1 hour 30 minutes. A leading `-` (or `+`)
/// sets ``isNegative``; signs inside are rejected.
public struct ISODuration: Hashable, Sendable {
  public var years: Int
  public var months: Int
  public var weeks: Int
  public var days: Int
  public var hours: Int
  public var minutes: Int
  public var seconds: Double
  /// The value had a leading `-` (rare).
  public var isNegative: Bool

  public init(
    years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0,
    seconds: Double = 0, isNegative: Bool = false
  ) {
    self.years = years
    self.months = months
    self.weeks = weeks
    self.days = days
    self.hours = hours
    self.minutes = minutes
    self.seconds = seconds
    self.isNegative = isNegative
  }

  /// The duration written in `text`, surrounding whitespace tolerated.
  ///
  /// Accepts `PT5.664S`, `PT2H44M`, `P1DT2H`, `P2W`, `P1Y2M`, `PT1,5S`, `-PT5S`. Rejects `P`, `PT`, a missing
  /// `P`, a number without a unit, a unit without a number, a time unit before `T`, components out of order or
  /// repeated, a fraction on any but the last component or on years or months, and signs inside.
  ///
  /// - Throws: a ``Diagnostic`` with code `time.invalid-duration` naming what is wrong.
  public static func parse(_ text: String) throws -> ISODuration {
    try DateTimeParser.withBytes(of: text) { bytes in
      var cursor = ByteCursor(bytes)
      return try parse(&cursor)
    }
  }

  // Unit ranks in the order they must appear: Y M W D | H M S.
  private static let unitNames = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"]
  /// Milliseconds per unit for weeks and smaller.
  private static let unitMilliseconds: [Int64] = [0, 0, 604_800_000, 86_400_000, 3_600_000, 60000, 1000]

  private static func parse(_ cursor: inout ByteCursor) throws -> ISODuration {
    let code = Diagnostic.Code.timeInvalidDuration
    if cursor.isAtEnd { throw cursor.expected("a duration", code: code) }
    var result = ISODuration()
    if cursor.skip(UInt8(ascii: "-")) {
      result.isNegative = true
    } else {
      _ = cursor.skip(UInt8(ascii: "+"))
    }
    if !cursor.skip(UInt8(ascii: "P")) { throw cursor.expected("\"P\" at the start of the duration", code: code) }
    var inTime = false
    var lastRank = -1
    var componentCount = 0
    var fraction: (rank: Int, numerator: Int64, digits: Int)?
    var secondsFraction = 0.0
    while !cursor.isAtEnd {
      if cursor.current == UInt8(ascii: "T") {
        if inTime { throw cursor.unexpected(after: "the time designator \"T\"", code: code) }
        cursor.index += 1
        inTime = true
        if cursor.isAtEnd { throw cursor.expected("a time component after \"T\"", code: code) }
        continue
      }
      if let fraction {
        throw cursor.failure(
          "only the last component may have a fraction, not the \(unitNames[fraction.rank])", code: code)
      }
      guard cursor.isAtDigit else { throw cursor.expected("a number", code: code) }
      var whole: Int64 = 0
      var overflow = false
      while cursor.isAtDigit {
        let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(Int64(cursor.current - 48))
        overflow = overflow || o1 || o2
        whole = sum
        cursor.index += 1
      }
      if overflow { throw cursor.failure("a number is too large", code: code) }
      var fractionDigits: (numerator: Int64, digits: Int)?
      if cursor.current == UInt8(ascii: ".") || cursor.current == UInt8(ascii: ",") {
        cursor.index += 1
        guard cursor.isAtDigit else { throw cursor.expected("digits after the decimal point", code: code) }
        var numerator: Int64 = 0
        var digits = 0
        while cursor.isAtDigit {
          // Keep 15 significant fraction digits; far below a millisecond of any unit.
          if digits < 15 {
            numerator = numerator * 10 + Int64(cursor.current - 48)
            digits += 1
          }
          cursor.index += 1
        }
        fractionDigits = (numerator, digits)
      }
      let unit = cursor.current
      let rank: Int
      switch (unit, inTime) {
      case (UInt8(ascii: "Y"), false): rank = 0
      case (UInt8(ascii: "M"), false): rank = 1
      case (UInt8(ascii: "W"), false): rank = 2
      case (UInt8(ascii: "D"), false): rank = 3
      case (UInt8(ascii: "H"), true): rank = 4
      case (UInt8(ascii: "M"), true): rank = 5
      case (UInt8(ascii: "S"), true): rank = 6
      case (UInt8(ascii: "H"), false), (UInt8(ascii: "S"), false):
        throw cursor.failure("the time unit \"\(Character(Unicode.Scalar(unit)))\" must come after \"T\"", code: code)
      case (UInt8(ascii: "Y"), true), (UInt8(ascii: "W"), true), (UInt8(ascii: "D"), true):
        throw cursor.failure("the date unit \"\(Character(Unicode.Scalar(unit)))\" must come before \"T\"", code: code)
      default:
        throw cursor.expected("a unit (Y, M, W, D before \"T\"; H, M, S after it)", code: code)
      }
      if rank == lastRank {
        throw cursor.failure("the \(unitNames[rank]) appear twice", code: code)
      }
      if rank < lastRank {
        throw cursor.failure("the \(unitNames[rank]) must come before the \(unitNames[lastRank])", code: code)
      }
      cursor.index += 1
      lastRank = rank
      componentCount += 1
      guard let value = Int(exactly: whole) else { throw cursor.failure("a number is too large", code: code) }
      switch rank {
      case 0: result.years = value
      case 1: result.months = value
      case 2: result.weeks = value
      case 3: result.days = value
      case 4: result.hours = value
      case 5: result.minutes = value
      default: result.seconds = Double(whole)
      }
      if let fractionDigits {
        if rank <= 1 {
          throw cursor.failure("a fraction of \(unitNames[rank]) is not supported (their length varies)", code: code)
        }
        fraction = (rank, fractionDigits.numerator, fractionDigits.digits)
        if rank == 6 {
          secondsFraction = exactDecimal(
            whole: whole, numerator: fractionDigits.numerator, digits: fractionDigits.digits)
        }
      }
    }
    if componentCount == 0 {
      throw cursor.failure(
        inTime ? "a duration needs a component after \"T\"" : "a duration needs a component", code: code)
    }
    if inTime && lastRank < 4 { throw cursor.failure("a duration needs a component after \"T\"", code: code) }
    if let fraction {
      if fraction.rank == 6 {
        result.seconds = secondsFraction
      } else {
        result.spread(numerator: fraction.numerator, digits: fraction.digits, ofRank: fraction.rank)
      }
    }
    return result
  }

  /// `whole.numerator` (with `digits` fraction digits) as the nearest `Double` when exact arithmetic allows it.
  private static func exactDecimal(whole: Int64, numerator: Int64, digits: Int) -> Double {
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    let (scaled, o1) = whole.multipliedReportingOverflow(by: scale)
    let (mantissa, o2) = scaled.addingReportingOverflow(numerator)
    // Both operands exact in a Double: one correctly rounded division gives the nearest Double to the decimal.
    if !o1 && !o2 && mantissa < (1 << 53) && scale < (1 << 53) {
      return Double(mantissa) / Double(scale)
    }
    return Double(whole) + Double(numerator) / Double(scale)
  }

  /// Adds a fraction (`numerator / 10^digits`) of one unit of `rank` to the smaller fields, to the millisecond.
  private mutating func spread(numerator: Int64, digits: Int, ofRank rank: Int) {
    let unit = ISODuration.unitMilliseconds[rank]
    // numerator < 10^15 and unit ≤ 6.048e8: the product fits in 128 bits; divide with rounding.
    let product = numerator.multipliedFullWidth(by: unit)
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    let (quotient, remainder) = scale.dividingFullWidth(product)
    var milliseconds = quotient + (remainder * 2 >= scale ? 1 : 0)
    if rank < 3 {
      days += Int(milliseconds / 86_400_000)
      milliseconds %= 86_400_000
    }
    if rank < 4 {
      hours += Int(milliseconds / 3_600_000)
      milliseconds %= 3_600_000
    }
    if rank < 5 {
      minutes += Int(milliseconds / 60000)
      milliseconds %= 60000
    }
    seconds += Double(milliseconds) / 1000
  }

  /// Total seconds for durations without years/months (those depend on a calendar): nil otherwise.
  ///
  /// Weeks are 7 days and days 24 hours. Negative when ``isNegative``.
  public var totalSeconds: Double? {
    guard years == 0 && months == 0 else { return nil }
    let whole = Double(weeks) * 604_800 + Double(days) * 86400 + Double(hours) * 3600 + Double(minutes) * 60
    let total = whole + seconds
    return isNegative ? -total : total
  }

  /// Total milliseconds, rounded; nil with years/months.
  ///
  /// Also nil when the total does not fit in `Int64`. Negative when ``isNegative``.
  public var totalMilliseconds: Int64? {
    guard years == 0 && months == 0 else { return nil }
    var total: Int64 = 0
    let parts: [(Int, Int64)] = [(weeks, 604_800_000), (days, 86_400_000), (hours, 3_600_000), (minutes, 60000)]
    for (count, unit) in parts {
      let (product, o1) = Int64(count).multipliedReportingOverflow(by: unit)
      let (sum, o2) = total.addingReportingOverflow(product)
      if o1 || o2 { return nil }
      total = sum
    }
    let secondMilliseconds = (seconds * 1000).rounded()
    guard secondMilliseconds.isFinite, abs(secondMilliseconds) < 9.0e18 else { return nil }
    let (sum, overflow) = total.addingReportingOverflow(Int64(secondMilliseconds))
    if overflow { return nil }
    return isNegative ? -sum : sum
  }

  /// Canonical form of a second count: "PT0S", "PT5.664S", "PT2H44M", "PT1M0.5S", "P1DT2H" (days used for ≥ 24 h),
  /// fractions to millisecond precision with trailing zeros dropped.
  ///
  /// `parse(format(x)).totalMilliseconds == round(x * 1000)`.
  ///
  /// Negative counts get a leading `-`. NaN gives `PT0S`; infinities clamp to the `Int64` millisecond range.
  public static func format(seconds: Double) -> String {
    format(milliseconds: Instant.roundedMilliseconds(seconds))
  }

  /// The canonical form of a millisecond count, as ``format(seconds:)``.
  public static func format(milliseconds: Int64) -> String {
    var text = milliseconds < 0 ? "-P" : "P"
    var rest = milliseconds.magnitude
    let days = rest / 86_400_000
    rest %= 86_400_000
    let hours = rest / 3_600_000
    rest %= 3_600_000
    let minutes = rest / 60000
    rest %= 60000
    let wholeSeconds = rest / 1000
    let fraction = rest % 1000
    if days > 0 { text += "\(days)D" }
    if hours == 0 && minutes == 0 && rest == 0 {
      return days > 0 ? text : text + "T0S"
    }
    text += "T"
    if hours > 0 { text += "\(hours)H" }
    if minutes > 0 { text += "\(minutes)M" }
    if rest > 0 {
      text += "\(wholeSeconds)"
      if fraction > 0 {
        var digits = fraction < 10 ? "00\(fraction)" : (fraction < 100 ? "0\(fraction)" : "\(fraction)")
        while digits.last == "0" { digits.removeLast() }
        text += "." + digits
      }
      text += "S"
    }
    return text
  }
}
