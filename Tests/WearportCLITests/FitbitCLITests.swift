import Foundation
import Testing
import WearportCore
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

/// Issue 4 item 5: an activity log and its TCX download join into one exercise, whatever the order.
@Suite(.serialized) struct FitbitTCXJoinTests {
  let folder = "Fixtures/fitbit/api/log-with-tcx"

  @Test(arguments: [false, true])
  func logAndTCXJoin(listFirst: Bool) throws {
    let files = [folder + "/48000000001.tcx", folder + "/activities-list.json"]
    let result = try CLI.run(["convert"] + (listFirst ? files.reversed() : files) + ["--to", "jsonl", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("exercise: 3 read, 2 written, 1 merged, 0 rejected"))
    let lines = result.stdout.split(separator: "\n").map { JSONNode((try? JSONParser.parse(String($0)).root) ?? .null) }
    let run = try #require(lines.first { (try? $0.required("exercise_id").string()) == "fitbit:48000000001" })
    // The log's identity and totals: 5.2 mi, 612 kcal, 22:00:00Z the previous day.
    #expect(abs(try run.required("distance_m").double() - 8368.5888) < 0.0005)
    #expect(try run.required("calories_kcal").double() == 612)
    #expect(try run.required("start_time_utc").string() == "2026-03-14T22:00:00Z")
    #expect(try run.required("sport_detail").string() == "Run")
    // The TCX's track: three points, the first heart rate 101 bpm one second after the start.
    let samples = try run.required("samples").array()
    #expect(samples.count == 3)
    #expect(try samples[0].required("heart_rate_bpm").double() == 101)
    #expect(try samples[0].required("time_utc").string() == "2026-03-14T22:00:01Z")
    #expect(try samples[2].required("latitude_deg").double() == 35.6813)
  }
}
