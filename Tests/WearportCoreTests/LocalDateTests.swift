import Foundation
import Testing

@testable import WearportCore

struct LocalDateTests {
  struct DateCase: Sendable, CustomTestStringConvertible {
    var year: Int
    var month: Int
    var day: Int
    var isValid: Bool
    var testDescription: String { "\(year)-\(month)-\(day) valid=\(isValid)" }
  }

  @Test(arguments: [
    DateCase(year: 2024, month: 2, day: 29, isValid: true),
    DateCase(year: 2026, month: 2, day: 29, isValid: false),
    DateCase(year: 1900, month: 2, day: 29, isValid: false),
    DateCase(year: 2000, month: 2, day: 29, isValid: true),
    DateCase(year: 2100, month: 2, day: 29, isValid: false),
    DateCase(year: 2026, month: 2, day: 28, isValid: true),
    DateCase(year: 2022, month: 9, day: 31, isValid: false),
    DateCase(year: 2022, month: 9, day: 30, isValid: true),
    DateCase(year: 2022, month: 12, day: 31, isValid: true),
    DateCase(year: 2022, month: 4, day: 31, isValid: false),
    DateCase(year: 2022, month: 13, day: 1, isValid: false),
    DateCase(year: 2022, month: 0, day: 1, isValid: false),
    DateCase(year: 2022, month: 1, day: 0, isValid: false),
    DateCase(year: 2022, month: 1, day: 32, isValid: false),
    DateCase(year: 0, month: 2, day: 29, isValid: true),
    DateCase(year: -4, month: 2, day: 29, isValid: true),
    DateCase(year: -100, month: 2, day: 29, isValid: false),
  ])
  func validity(_ value: DateCase) {
    let date = LocalDate(year: value.year, month: value.month, day: value.day)
    #expect((date != nil) == value.isValid)
    if let date {
      #expect(date.year == value.year && date.month == value.month && date.day == value.day)
    }
  }

  struct EpochCase: Sendable, CustomTestStringConvertible {
    var text: String
    var days: Int64
    var testDescription: String { "\(text) = \(days)" }
  }

  @Test(arguments: [
    EpochCase(text: "1970-01-01", days: 0),
    EpochCase(text: "1970-01-02", days: 1),
    EpochCase(text: "1969-12-31", days: -1),
    EpochCase(text: "2000-01-01", days: 10957),
    EpochCase(text: "2000-03-01", days: 11017),
    EpochCase(text: "1900-01-01", days: -25567),
    EpochCase(text: "2026-02-27", days: 20511),
    EpochCase(text: "2200-12-31", days: 84370),
    EpochCase(text: "0000-03-01", days: -719_468),
    EpochCase(text: "0001-01-01", days: -719_162),
  ])
  func knownDayCounts(_ value: EpochCase) throws {
    let date = try LocalDate.parse(value.text)
    #expect(date.daysSinceEpoch == value.days)
    #expect(LocalDate(daysSinceEpoch: value.days) == date)
    #expect(date.description == value.text)
  }

  @Test func everyDayOverTenThousandYearsRoundTrips() {
    // Walk day by day across 8,000 years of the proleptic calendar, checking each step by hand.
    var expected = LocalDate(year: -2000, month: 1, day: 1)!
    let first = expected.daysSinceEpoch
    for days in stride(from: first, through: first + 8000 * 366, by: 1) {
      let date = LocalDate(daysSinceEpoch: days)
      if date != expected || date.daysSinceEpoch != days {
        Issue.record("day \(days): got \(date), expected \(expected)")
        return
      }
      let length = CivilCalendar.daysInMonth(year: expected.year, month: expected.month)
      if expected.day < length {
        expected = LocalDate(year: expected.year, month: expected.month, day: expected.day + 1)!
      } else if expected.month < 12 {
        expected = LocalDate(year: expected.year, month: expected.month + 1, day: 1)!
      } else {
        expected = LocalDate(year: expected.year + 1, month: 1, day: 1)!
      }
    }
  }

  @Test func addingDaysCrossesMonthsAndYears() {
    let date = LocalDate(year: 2025, month: 12, day: 31)!
    #expect(date.adding(days: 1) == LocalDate(year: 2026, month: 1, day: 1))
    #expect(date.adding(days: 60) == LocalDate(year: 2026, month: 3, day: 1))
    #expect(date.adding(days: -365) == LocalDate(year: 2024, month: 12, day: 31))
    #expect(LocalDate(year: 2024, month: 2, day: 28)!.adding(days: 1) == LocalDate(year: 2024, month: 2, day: 29))
  }

  @Test func ordering() {
    let dates = ["2026-02-27", "2025-12-31", "2026-01-01", "1999-06-15", "2026-02-01"].map { try! LocalDate.parse($0) }
    #expect(
      dates.sorted().map(\.description) == ["1999-06-15", "2025-12-31", "2026-01-01", "2026-02-01", "2026-02-27"])
  }

  @Test func descriptionPadsAndSignsYears() {
    #expect(LocalDate(year: 7, month: 3, day: 4)!.description == "0007-03-04")
    #expect(LocalDate(year: 12345, month: 1, day: 1)!.description == "+12345-01-01")
    #expect(LocalDate(year: -1, month: 12, day: 31)!.description == "-0001-12-31")
  }

  @Test func parseToleratesWhitespace() throws {
    #expect(try LocalDate.parse(" 2026-02-27\n") == LocalDate(year: 2026, month: 2, day: 27))
  }

  struct BadDate: Sendable, CustomTestStringConvertible {
    var text: String
    var message: String
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    BadDate(text: "2022-09-31", message: "day 31 is out of range for September 2022"),
    BadDate(text: "2026-02-29", message: "day 29 is out of range for February 2026"),
    BadDate(text: "2026-13-01", message: "month 13 is out of range"),
    BadDate(text: "2026-02-27T10:00", message: "unexpected \"T\""),
    BadDate(text: "26-02-27", message: "expected a 4-digit year"),
    BadDate(text: "2026/02/27", message: "expected \"-\" after the year"),
    BadDate(text: "", message: "expected a date, found an empty value"),
  ])
  func parseRejects(_ value: BadDate) {
    let error = #expect(throws: Diagnostic.self) { try LocalDate.parse(value.text) }
    #expect(error?.code == .timeInvalidDateTime)
    #expect(error?.message.contains(value.message) == true, "\(error?.message ?? "")")
  }
}

struct LocalTimeTests {
  @Test func validatesFields() {
    #expect(LocalTime(hour: 23, minute: 59, second: 59, millisecond: 999) != nil)
    #expect(LocalTime(hour: 24, minute: 0) == nil)
    #expect(LocalTime(hour: 0, minute: 60) == nil)
    #expect(LocalTime(hour: 0, minute: 0, second: 60) == nil)
    #expect(LocalTime(hour: 0, minute: 0, second: 0, millisecond: 1000) == nil)
    #expect(LocalTime(hour: -1, minute: 0) == nil)
  }

  @Test func millisecondsOfDayAndOrder() {
    let time = LocalTime(hour: 1, minute: 2, second: 3, millisecond: 4)!
    #expect(time.millisecondsOfDay == 3_723_004)
    #expect(LocalTime(hour: 0, minute: 1)! < LocalTime(hour: 23, minute: 58)!)
    #expect(time.description == "01:02:03.004")
    #expect(LocalTime(hour: 23, minute: 58)!.description == "23:58:00")
  }
}

struct LocalDateTimeTests {
  @Test func fromMillisecondsAsUTC() {
    let value = LocalDateTime(millisecondsSinceEpochAsUTC: 1_772_153_359_500)
    #expect(value.description == "2026-02-27T00:49:19.500")
    #expect(value.millisecondsSinceEpochAsUTC == 1_772_153_359_500)
    let before = LocalDateTime(millisecondsSinceEpochAsUTC: -1)
    #expect(before.description == "1969-12-31T23:59:59.999")
    #expect(before.millisecondsSinceEpochAsUTC == -1)
  }

  @Test func addingRollsOver() {
    let value = LocalDateTime(
      date: LocalDate(year: 2024, month: 2, day: 28)!, time: LocalTime(hour: 23, minute: 59, second: 59)!)
    #expect(value.adding(milliseconds: 1000).description == "2024-02-29T00:00:00")
    #expect(value.adding(milliseconds: 86_401_000).description == "2024-03-01T00:00:00")
    #expect(value.adding(milliseconds: -86_400_000).description == "2024-02-27T23:59:59")
  }

  @Test func ordering() {
    let a = LocalDateTime(date: LocalDate(year: 2025, month: 9, day: 30)!, time: LocalTime(hour: 23, minute: 59)!)
    let b = LocalDateTime(date: LocalDate(year: 2025, month: 10, day: 1)!, time: LocalTime(hour: 0, minute: 1)!)
    #expect(a < b)
    #expect(!(b < a))
  }

  @Test func extremeMillisecondsStayInRange() {
    let low = LocalDateTime(millisecondsSinceEpochAsUTC: .min)
    let high = LocalDateTime(millisecondsSinceEpochAsUTC: .max)
    #expect(low.date.year == -1_000_000)
    #expect(high.date.year == 1_000_000)
  }
}

struct InstantTests {
  @Test func roundsSecondsToMilliseconds() {
    #expect(Instant(secondsSinceEpoch: 1.2344).millisecondsSinceEpoch == 1234)
    #expect(Instant(secondsSinceEpoch: 1.2346).millisecondsSinceEpoch == 1235)
    #expect(Instant(secondsSinceEpoch: -1.2346).millisecondsSinceEpoch == -1235)
    #expect(Instant(secondsSinceEpoch: .nan).millisecondsSinceEpoch == 0)
    #expect(Instant(secondsSinceEpoch: .infinity).millisecondsSinceEpoch == .max)
    #expect(Instant(secondsSinceEpoch: 1_772_120_559.5).secondsSinceEpoch == 1_772_120_559.5)
  }

  @Test func arithmetic() {
    let start = Instant(millisecondsSinceEpoch: 1000)
    #expect(start.adding(milliseconds: 500).millisecondsSinceEpoch == 1500)
    #expect(start.adding(seconds: 0.0015).millisecondsSinceEpoch == 1002)
    #expect(start.adding(seconds: -2).millisecondsSinceEpoch == -1000)
    #expect(Instant(millisecondsSinceEpoch: 5000) - start == 4000)
    #expect(start < Instant(millisecondsSinceEpoch: 1001))
    #expect(start.description == "1970-01-01T00:00:01Z")
  }

  @Test func codableAsBareInteger() throws {
    let instant = Instant(millisecondsSinceEpoch: 1_772_120_559_000)
    let data = try JSONEncoder().encode([instant])
    #expect(String(decoding: data, as: UTF8.self) == "[1772120559000]")
    #expect(try JSONDecoder().decode([Instant].self, from: data) == [instant])
  }
}
