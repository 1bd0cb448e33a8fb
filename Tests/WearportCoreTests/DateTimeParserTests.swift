import Testing

@testable import WearportCore

struct DateTimeParserTests {
  struct Accepted: Sendable, CustomTestStringConvertible {
    var text: String
    var local: String
    var offset: Int?
    var isUTC: Bool = false
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    Accepted(text: "2026-02-22T07:50:17", local: "2026-02-22T07:50:17", offset: nil),
    Accepted(text: "2026-02-22T07:50:17.000", local: "2026-02-22T07:50:17", offset: nil),
    Accepted(text: "2026-02-22T07:50:17.5", local: "2026-02-22T07:50:17.500", offset: nil),
    Accepted(text: "2026-02-22T07:50:17.123456", local: "2026-02-22T07:50:17.123", offset: nil),
    Accepted(text: "2026-02-22T07:50:17.1235", local: "2026-02-22T07:50:17.124", offset: nil),
    Accepted(text: "2026-02-22T07:50:17.12349999", local: "2026-02-22T07:50:17.123", offset: nil),
    Accepted(text: "2026-02-22T07:50:17.9996", local: "2026-02-22T07:50:18", offset: nil),
    Accepted(text: "2026-02-22T07:50:17,25", local: "2026-02-22T07:50:17.250", offset: nil),
    Accepted(text: "2026-12-31T23:59:59.99999Z", local: "2027-01-01T00:00:00", offset: 0, isUTC: true),
    Accepted(text: "2025-09-26T00:00", local: "2025-09-26T00:00:00", offset: nil),
    Accepted(text: "2018-05-15T14:22:24Z", local: "2018-05-15T14:22:24", offset: 0, isUTC: true),
    Accepted(text: "2019-01-11T08:25:10.02Z", local: "2019-01-11T08:25:10.020", offset: 0, isUTC: true),
    Accepted(text: "2025-09-30T23:33:22.675+01:00", local: "2025-09-30T23:33:22.675", offset: 3600),
    Accepted(text: "2017-09-01T18:54:51.000-07:00", local: "2017-09-01T18:54:51", offset: -25200),
    Accepted(text: "2017-09-01T18:54:51+0100", local: "2017-09-01T18:54:51", offset: 3600),
    Accepted(text: "2017-09-01T18:54:51+01", local: "2017-09-01T18:54:51", offset: 3600),
    Accepted(text: "2017-09-01T18:54:51-0330", local: "2017-09-01T18:54:51", offset: -12600),
    Accepted(text: "2017-09-01T18:54:51+05:45", local: "2017-09-01T18:54:51", offset: 20700),
    Accepted(text: "2017-09-01T18:54:51+18:00", local: "2017-09-01T18:54:51", offset: 64800),
    Accepted(text: "2017-09-01T18:54:51-18:00", local: "2017-09-01T18:54:51", offset: -64800),
    Accepted(text: "2017-09-01T18:54:51-00:00", local: "2017-09-01T18:54:51", offset: 0),
    Accepted(text: "1880-01-01T00:00:00+00:53:28", local: "1880-01-01T00:00:00", offset: 3208),
    Accepted(text: "2024-05-01 06:30:00", local: "2024-05-01T06:30:00", offset: nil),
    Accepted(text: "2018-05-15t14:22:24z", local: "2018-05-15T14:22:24", offset: 0, isUTC: true),
    Accepted(text: "  2018-05-15T14:22:24Z\r\n", local: "2018-05-15T14:22:24", offset: 0, isUTC: true),
    Accepted(text: "\t2024-05-01 06:30:00 ", local: "2024-05-01T06:30:00", offset: nil),
    Accepted(text: "2008-10-13T10:40:0.000Z", local: "2008-10-13T10:40:00", offset: 0, isUTC: true),
    Accepted(text: "2008-10-13T9:05:07", local: "2008-10-13T09:05:07", offset: nil),
    Accepted(text: "2024-02-29T12:00:00", local: "2024-02-29T12:00:00", offset: nil),
    Accepted(text: "2000-02-29T00:00:00Z", local: "2000-02-29T00:00:00", offset: 0, isUTC: true),
    Accepted(text: "1900-01-01T00:00:00Z", local: "1900-01-01T00:00:00", offset: 0, isUTC: true),
    Accepted(text: "2026-02-22T23:59:59.999", local: "2026-02-22T23:59:59.999", offset: nil),
  ])
  func accepts(_ value: Accepted) throws {
    let parsed = try DateTimeParser.parse(value.text)
    #expect(parsed.local.description == value.local)
    #expect(parsed.offsetSeconds == value.offset)
    #expect(parsed.isUTC == value.isUTC)
    // The byte entry point gives the same answer.
    let bytes = Array(value.text.utf8)
    let fromBytes = try bytes.withUnsafeBufferPointer { try DateTimeParser.parse($0) }
    #expect(fromBytes == parsed)
  }

  @Test func fieldsAreExact() throws {
    let parsed = try DateTimeParser.parse("2025-09-30T23:33:22.675+01:00")
    #expect(parsed.local.date == LocalDate(year: 2025, month: 9, day: 30))
    #expect(parsed.local.time == LocalTime(hour: 23, minute: 33, second: 22, millisecond: 675))
    #expect(parsed.instant == Instant(millisecondsSinceEpoch: 1_759_271_602_675))
    #expect(try DateTimeParser.parse("2026-02-22T07:50:17").instant == nil)
  }

  struct Rejected: Sendable, CustomTestStringConvertible {
    var text: String
    var message: String
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    Rejected(text: "2022-09-31T10:00:00", message: "day 31 is out of range for September 2022"),
    Rejected(text: "2022-09-31", message: "day 31 is out of range for September 2022"),
    Rejected(text: "2026-02-29T00:00:00", message: "day 29 is out of range for February 2026"),
    Rejected(text: "1900-02-29T00:00:00", message: "day 29 is out of range for February 1900"),
    Rejected(text: "2026-13-01T00:00:00", message: "month 13 is out of range"),
    Rejected(text: "2026-00-10T00:00:00", message: "month 0 is out of range"),
    Rejected(text: "2026-02-00T00:00:00", message: "day 0 is out of range"),
    Rejected(text: "2026-02-22T24:00", message: "hour 24 is out of range"),
    Rejected(text: "2026-02-22T24:00:00Z", message: "hour 24 is out of range"),
    Rejected(text: "2026-02-22T10:60:00", message: "minute 60 is out of range"),
    Rejected(text: "2026-02-22T10:00:60", message: "second 60 (a leap second) is not supported"),
    Rejected(text: "2016-12-31T23:59:60Z", message: "second 60 (a leap second) is not supported"),
    Rejected(text: "2026-02-22T10:00:61", message: "second 61 is out of range"),
    Rejected(text: "garbage", message: "expected a 4-digit year at character 1"),
    Rejected(text: "", message: "expected a date-time, found an empty value"),
    Rejected(text: "   ", message: "expected a date-time, found an empty value"),
    Rejected(text: "2026-02-22T10:00:00+18:30", message: "offset +18:30 is beyond ±18:00"),
    Rejected(text: "2026-02-22T10:00:00-19:00", message: "offset -19:00 is beyond ±18:00"),
    Rejected(text: "2026-02-22T10:00:00+01:75", message: "offset minute 75 is out of range"),
    Rejected(text: "2026-02-22T10:00:00+1", message: "expected a 2-digit offset hour"),
    Rejected(text: "2026-02-22T10:00:00+01:7", message: "expected 2-digit offset minutes"),
    Rejected(text: "2026-02-22T10:00:00Zjunk", message: "unexpected \"j\" at character 21 after the date-time"),
    Rejected(text: "2026-02-22T10:00:00 extra", message: "unexpected space at character 20 after the date-time"),
    Rejected(text: "2026-02-22T10:00:00Z0", message: "unexpected \"0\""),
    Rejected(text: "2026-02-22T10:00:00.", message: "expected digits after the decimal point at the end"),
    Rejected(text: "2026-02-22T10:00.5", message: "unexpected \".\""),
    Rejected(text: "2026-02-22", message: "expected a time after the date"),
    Rejected(text: "2026-02-22X10:00", message: "expected \"T\" between the date and the time"),
    Rejected(text: "2026-2-22T10:00:00", message: "expected a 2-digit month at character 6"),
    Rejected(text: "26-02-22T10:00:00", message: "expected a 4-digit year"),
    Rejected(text: "2026-02-22T10", message: "expected \":\" after the hour at the end"),
    Rejected(text: "2026-02-22T:00", message: "expected an hour"),
    Rejected(text: "2026-02-22T123:00", message: "expected \":\" after the hour"),
    Rejected(text: "2026‐02‐22T10:00", message: "expected \"-\" after the year at character 5"),
    Rejected(text: "1772120559", message: "expected \"-\" after the year"),
  ])
  func rejects(_ value: Rejected) {
    let error = #expect(throws: Diagnostic.self) { try DateTimeParser.parse(value.text) }
    #expect(error?.code == .timeInvalidDateTime)
    #expect(error?.severity == .error)
    #expect(error?.location == nil)
    #expect(error?.message.contains(value.message) == true, "\(error?.message ?? "")")
    let bytes = Array(value.text.utf8)
    let byteError = #expect(throws: Diagnostic.self) {
      try bytes.withUnsafeBufferPointer { try DateTimeParser.parse($0) }
    }
    #expect(byteError == error)
  }

  @Test func messageQuotesTheValue() {
    let error = #expect(throws: Diagnostic.self) { try DateTimeParser.parse("2026-13-01T00:00:00") }
    #expect(error?.message == "month 13 is out of range in \"2026-13-01T00:00:00\"")
    let long = "2026-02-22T10:00:00Z" + String(repeating: "x", count: 100)
    let longError = #expect(throws: Diagnostic.self) { try DateTimeParser.parse(long) }
    #expect(longError?.message.hasSuffix("xxx…\"") == true)
    #expect((longError?.message.count ?? 0) < 140)
  }

  struct USCase: Sendable, CustomTestStringConvertible {
    var text: String
    var local: String
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    USCase(text: "04/07/17 23:59:00", local: "2017-04-07T23:59:00"),
    USCase(text: "12/31/69 00:00:01", local: "2069-12-31T00:00:01"),
    USCase(text: "01/01/70 00:00:00", local: "1970-01-01T00:00:00"),
    USCase(text: "02/29/00 12:30:45", local: "2000-02-29T12:30:45"),
    USCase(text: "03/15/99 07:05:00", local: "1999-03-15T07:05:00"),
    USCase(text: "3/5/21 7:05:09", local: "2021-03-05T07:05:09"),
    USCase(text: "03/05/2021 07:05", local: "2021-03-05T07:05:00"),
    USCase(text: " 04/07/17  23:59:00.5 ", local: "2017-04-07T23:59:00.500"),
  ])
  func parsesUSShort(_ value: USCase) throws {
    #expect(try DateTimeParser.parseUSShort(value.text).description == value.local)
  }

  @Test(arguments: [
    Rejected(text: "02/29/01 00:00:00", message: "day 29 is out of range for February 2001"),
    Rejected(text: "13/01/17 00:00:00", message: "month 13 is out of range"),
    Rejected(text: "04/07/17 24:00:00", message: "hour 24 is out of range"),
    Rejected(text: "04/07/17", message: "expected a space between the date and the time at the end"),
    Rejected(text: "04/07/117 10:00:00", message: "expected a 2-digit year"),
    Rejected(text: "2017-04-07 10:00:00", message: "expected \"/\" after the month"),
    Rejected(text: "04/07/17 10:00:00 PM", message: "unexpected space"),
    Rejected(text: "", message: "found an empty value"),
  ])
  func rejectsUSShort(_ value: Rejected) {
    let error = #expect(throws: Diagnostic.self) { try DateTimeParser.parseUSShort(value.text) }
    #expect(error?.code == .timeInvalidDateTime)
    #expect(error?.message.contains(value.message) == true, "\(error?.message ?? "")")
  }

  @Test(arguments: [
    USCase(text: "23:58", local: "23:58:00"),
    USCase(text: "00:01", local: "00:01:00"),
    USCase(text: "07:05:09", local: "07:05:09"),
    USCase(text: "7:05", local: "07:05:00"),
    USCase(text: "12:00:00.5", local: "12:00:00.500"),
    USCase(text: "12:00:00.123456789", local: "12:00:00.123"),
    USCase(text: "12:00:00.9999", local: "12:00:01"),
    USCase(text: "23:59:59.9999", local: "23:59:59.999"),
    USCase(text: " 06:30 ", local: "06:30:00"),
  ])
  func parsesTimeOfDay(_ value: USCase) throws {
    #expect(try DateTimeParser.parseTimeOfDay(value.text).description == value.local)
  }

  @Test(arguments: [
    Rejected(text: "24:00", message: "hour 24 is out of range"),
    Rejected(text: "12:60", message: "minute 60 is out of range"),
    Rejected(text: "12:00:60", message: "second 60 (a leap second) is not supported"),
    Rejected(text: "12", message: "expected \":\" after the hour at the end"),
    Rejected(text: "12:00Z", message: "unexpected \"Z\""),
    Rejected(text: "noon", message: "expected an hour"),
    Rejected(text: "", message: "expected a time of day, found an empty value"),
  ])
  func rejectsTimeOfDay(_ value: Rejected) {
    let error = #expect(throws: Diagnostic.self) { try DateTimeParser.parseTimeOfDay(value.text) }
    #expect(error?.code == .timeInvalidDateTime)
    #expect(error?.message.contains(value.message) == true, "\(error?.message ?? "")")
  }
}
