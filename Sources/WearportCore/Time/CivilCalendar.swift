/// Proleptic Gregorian calendar arithmetic shared by the date and time types.
///
/// Days are counted from 1970-01-01 (day 0). The conversions work on a 400-year cycle of 146,097 days with
/// years shifted to start in March, so that the leap day is the last day of its shifted year.
enum CivilCalendar {
  /// Days from 0000-03-01 (the start of a shifted 400-year cycle) to 1970-01-01.
  static let epochShift: Int64 = 719_468
  /// Days in one 400-year cycle.
  static let daysPerEra: Int64 = 146_097
  /// Milliseconds in one day.
  static let millisecondsPerDay: Int64 = 86_400_000

  /// The earliest year a ``LocalDate`` can hold.
  static let minimumYear = -1_000_000
  /// The latest year a ``LocalDate`` can hold.
  static let maximumYear = 1_000_000
  /// The day count of `minimumYear`-01-01.
  static let minimumDay = daysFromCivil(year: minimumYear, month: 1, day: 1)
  /// The day count of `maximumYear`-12-31.
  static let maximumDay = daysFromCivil(year: maximumYear, month: 12, day: 31)

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  /// Whether `year` has a 29 February.
  @inline(__always)
  static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1–12) of `year`.
  @inline(__always)
  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The quotient rounded towards negative infinity.
  @inline(__always)
  static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  /// The remainder that has the sign of the divisor.
  @inline(__always)
  static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
    let remainder = value % divisor
    return (remainder != 0 && (remainder < 0) != (divisor < 0)) ? remainder + divisor : remainder
  }

  /// Days since 1970-01-01 of a valid date.
  @inline(__always)
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    // Shift the year to start on 1 March so that February's length only affects the end of a year.
    let shiftedYear = Int64(month <= 2 ? year - 1 : year)
    let era = floorDivide(shiftedYear, 400)
    let yearOfEra = shiftedYear - era * 400  // 0...399
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)  // March = 0 ... February = 11
    // Month lengths from March repeat 31,30,31,30,31 which (153 * m + 2) / 5 reproduces exactly.
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1  // 0...365
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // 0...146096
    return era * daysPerEra + dayOfEra - epochShift
  }

  /// The year, month and day of a day count since 1970-01-01.
  @inline(__always)
  static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
    let shifted = days + epochShift
    let era = floorDivide(shifted, daysPerEra)
    let dayOfEra = shifted - era * daysPerEra  // 0...146096
    // Undo the leap-day corrections (every 4th, 100th and 400th year) before dividing by 365.
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365  // 0...399
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365
    let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0...11, March = 0
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }
}
