import Testing

@testable import WearportCore

struct ISODurationTests {
  struct Valid: Sendable, CustomTestStringConvertible {
    var text: String
    var milliseconds: Int64?
    var expected: ISODuration
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    Valid(text: "PT5.664S", milliseconds: 5664, expected: ISODuration(seconds: 5.664)),
    Valid(text: "PT8239.604S", milliseconds: 8_239_604, expected: ISODuration(seconds: 8239.604)),
    Valid(text: "PT2H44M", milliseconds: 9_840_000, expected: ISODuration(hours: 2, minutes: 44)),
    Valid(text: "PT8H33M30S", milliseconds: 30_810_000, expected: ISODuration(hours: 8, minutes: 33, seconds: 30)),
    Valid(text: "PT1M0.5S", milliseconds: 60500, expected: ISODuration(minutes: 1, seconds: 0.5)),
    Valid(text: "P1DT2H", milliseconds: 93_600_000, expected: ISODuration(days: 1, hours: 2)),
    Valid(text: "PT0S", milliseconds: 0, expected: ISODuration()),
    Valid(text: "P2W", milliseconds: 1_209_600_000, expected: ISODuration(weeks: 2)),
    Valid(text: "P1Y2M", milliseconds: nil, expected: ISODuration(years: 1, months: 2)),
    Valid(text: "PT1H30M19S", milliseconds: 5_419_000, expected: ISODuration(hours: 1, minutes: 30, seconds: 19)),
    Valid(text: "PT1,5S", milliseconds: 1500, expected: ISODuration(seconds: 1.5)),
    Valid(text: "-PT5S", milliseconds: -5000, expected: ISODuration(seconds: 5, isNegative: true)),
    Valid(text: "+PT5S", milliseconds: 5000, expected: ISODuration(seconds: 5)),
    Valid(text: " PT5S\n", milliseconds: 5000, expected: ISODuration(seconds: 5)),
    Valid(text: "PT1.5H", milliseconds: 5_400_000, expected: ISODuration(hours: 1, minutes: 30)),
    Valid(text: "PT2.5M", milliseconds: 150_000, expected: ISODuration(minutes: 2, seconds: 30)),
    Valid(text: "P1.5D", milliseconds: 129_600_000, expected: ISODuration(days: 1, hours: 12)),
    Valid(text: "P0.5W", milliseconds: 302_400_000, expected: ISODuration(days: 3, hours: 12)),
    Valid(text: "PT0.0001H", milliseconds: 360, expected: ISODuration(seconds: 0.36)),
    Valid(text: "PT0.1234S", milliseconds: 123, expected: ISODuration(seconds: 0.1234)),
    Valid(text: "P3D", milliseconds: 259_200_000, expected: ISODuration(days: 3)),
    Valid(
      text: "P1Y2M3W4DT5H6M7.8S", milliseconds: nil,
      expected: ISODuration(years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.8)),
  ])
  func parses(_ value: Valid) throws {
    let duration = try ISODuration.parse(value.text)
    #expect(duration == value.expected)
    #expect(duration.totalMilliseconds == value.milliseconds)
    if let milliseconds = value.milliseconds {
      #expect(duration.totalSeconds.map { ($0 * 1000).rounded() } == Double(milliseconds))
    } else {
      #expect(duration.totalSeconds == nil)
    }
  }

  @Test func exactSecondValues() throws {
    #expect(try ISODuration.parse("PT8239.604S").totalSeconds == 8239.604)
    #expect(try ISODuration.parse("PT5.664S").seconds == 5.664)
    #expect(try ISODuration.parse("PT0.1S").seconds == 0.1)
  }

  struct Invalid: Sendable, CustomTestStringConvertible {
    var text: String
    var message: String
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    Invalid(text: "PT", message: "expected a time component after \"T\""),
    Invalid(text: "P", message: "a duration needs a component"),
    Invalid(text: "5S", message: "expected \"P\" at the start of the duration"),
    Invalid(text: "PT5", message: "expected a unit"),
    Invalid(text: "PT-5S", message: "expected a number at character 3"),
    Invalid(text: "PTS", message: "expected a number"),
    Invalid(text: "P1H", message: "the time unit \"H\" must come after \"T\""),
    Invalid(text: "P1S", message: "the time unit \"S\" must come after \"T\""),
    Invalid(text: "PT1D", message: "the date unit \"D\" must come before \"T\""),
    Invalid(text: "PT1S2M", message: "the minutes must come before the seconds"),
    Invalid(text: "PT1H1H", message: "the hours appear twice"),
    Invalid(text: "P1D2Y", message: "the years must come before the days"),
    Invalid(text: "PT1.5M30S", message: "only the last component may have a fraction, not the minutes"),
    Invalid(text: "P1.5DT2H", message: "only the last component may have a fraction, not the days"),
    Invalid(text: "P1.5Y", message: "a fraction of years is not supported"),
    Invalid(text: "P1DT", message: "expected a time component after \"T\""),
    Invalid(text: "PTT1S", message: "unexpected \"T\""),
    Invalid(text: "PT5.S", message: "expected digits after the decimal point"),
    Invalid(text: "PT.5S", message: "expected a number"),
    Invalid(text: "PT5S junk", message: "expected a number"),
    Invalid(text: "PT5s", message: "expected a unit"),
    Invalid(text: "PT99999999999999999999S", message: "a number is too large"),
    Invalid(text: "", message: "expected a duration, found an empty value"),
  ])
  func rejects(_ value: Invalid) {
    let error = #expect(throws: Diagnostic.self) { try ISODuration.parse(value.text) }
    #expect(error?.code == .timeInvalidDuration)
    #expect(error?.message.contains(value.message) == true, "\(error?.message ?? "")")
  }

  struct Formatted: Sendable, CustomTestStringConvertible {
    var milliseconds: Int64
    var text: String
    var testDescription: String { "\(milliseconds) ms" }
  }

  @Test(arguments: [
    Formatted(milliseconds: 0, text: "PT0S"),
    Formatted(milliseconds: 5664, text: "PT5.664S"),
    Formatted(milliseconds: 8_239_604, text: "PT2H17M19.604S"),
    Formatted(milliseconds: 9_840_000, text: "PT2H44M"),
    Formatted(milliseconds: 60500, text: "PT1M0.5S"),
    Formatted(milliseconds: 93_600_000, text: "P1DT2H"),
    Formatted(milliseconds: 86_400_000, text: "P1D"),
    Formatted(milliseconds: 1, text: "PT0.001S"),
    Formatted(milliseconds: 10, text: "PT0.01S"),
    Formatted(milliseconds: 120, text: "PT0.12S"),
    Formatted(milliseconds: 3_600_000, text: "PT1H"),
    Formatted(milliseconds: 3_600_001, text: "PT1H0.001S"),
    Formatted(milliseconds: 90_061_001, text: "P1DT1H1M1.001S"),
    Formatted(milliseconds: 1_209_600_000, text: "P14D"),
    Formatted(milliseconds: -5000, text: "-PT5S"),
    Formatted(milliseconds: .min, text: "-P106751991167DT7H12M55.808S"),
  ])
  func formatsMilliseconds(_ value: Formatted) throws {
    #expect(ISODuration.format(milliseconds: value.milliseconds) == value.text)
    if value.milliseconds != .min {
      #expect(try ISODuration.parse(value.text).totalMilliseconds == value.milliseconds)
    }
  }

  @Test func formatsSeconds() {
    #expect(ISODuration.format(seconds: 5.664) == "PT5.664S")
    #expect(ISODuration.format(seconds: 8239.604) == "PT2H17M19.604S")
    #expect(ISODuration.format(seconds: 0.0004) == "PT0S")
    #expect(ISODuration.format(seconds: 1.5) == "PT1.5S")
    #expect(ISODuration.format(seconds: 9840) == "PT2H44M")
    #expect(ISODuration.format(seconds: -0.25) == "-PT0.25S")
    #expect(ISODuration.format(seconds: .nan) == "PT0S")
  }
}
