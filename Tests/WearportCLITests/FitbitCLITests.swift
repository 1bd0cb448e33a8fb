import Foundation
import Testing
import WearportTestSupport

/// Issue 4 end to end through the built executable (`CLI.run` fails when it is missing).
@Suite(.serialized) struct FitbitCLITests {
  private func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let result = try CLI.run(arguments)
    return (result.status, result.stdout, result.stderr)
  }

  @Test func nineSeriesConvertToOneDayInUSUnits() throws {
    let result = try run([
      "convert", fixturePath("fitbit/" + "api/daily-series-2021-05-23"), "--to", "jsonl", "-o", "-", "--units", "us",
      "--quiet",
    ])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.contains("\"distance_m\":1212.8599995367456") == true)
    #expect(lines.first?.contains("\"steps\":1781") == true)
  }

  @Test func autoUnitsSayWhy() throws {
    let result = try run([
      "convert", fixturePath("fitbit/" + "api/daily-series-2021-05-23"), "--to", "jsonl", "-o", "/dev/null",
      "--verbose",
    ])
    #expect(result.status == 0)
    #expect(result.errors.contains("[fitbit.units.detected]"))
    #expect(result.errors.contains("stride plausibility"))
  }
}
