import Foundation
import Testing
import WearportContainers
import WearportCore
import WearportTestSupport

@testable import PolarFormats

/// polar.md §4 and §9 items 14–18: the Polar Flow account export, both generations.
@Suite struct FlowExportTests {
  @Test func oldGenerationSessionWithShiftedRouteClock() throws {
    let result = try polar(
      flowExport + "training-session-2017-01-23-111222333-5d7f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.json")
    #expect(result.errors.isEmpty)
    let exercise = try #require(result.exercises.first)
    // The session id comes from the file name; timezoneOffset (exercise) 60 min: 18:20:18 local is 17:20:18Z.
    #expect(exercise.exerciseID == "polar:111222333")
    #expect(exercise.start.instant == utc("2017-01-23T17:20:18Z"))
    // The localised name "Laufen" is ignored; the sport enum decides.
    #expect(exercise.sport == .running)
    #expect(exercise.durationSeconds == 5.25)
    #expect(exercise.samples.elapsedMilliseconds == [0, 1000, 2000, 3000, 4000])
    // An entry without "value" is a gap.
    #expect(exercise.samples[.heartRate, 2] == nil)
    #expect(exercise.samples[.heartRate, 4] == 99)
    #expect(abs((exercise.samples[.speed, 1] ?? 0) - 2.5) < 1e-12)  // 9.0 km/h
    // The route's clock runs 1 h 20 min late: aligned to the first sample, and said so.
    #expect(exercise.route.map(\.elapsedMilliseconds) == [0, 1000, 2000])
    #expect(exercise.route[2].altitudeMeters == 5.0)
    #expect(result.warnings.map(\.code) == [.polarRouteClockShifted])
  }

  @Test func newGenerationMultisportWithNaNTokens() throws {
    let result = try polar(
      flowExport + "training-session-2025-08-16-987654321-aa11bb22-cc33-4d44-8e55-ff6677889900.json")
    #expect(result.errors.isEmpty)
    // Every exercise of the session, never only the first.
    #expect(result.exercises.map(\.exerciseID) == ["polar:987654321-1", "polar:987654321-2"])
    let swim = result.exercises[0]
    let run = result.exercises[1]
    // sport.id is a string-typed number: "103" pool swimming, "1" running.
    #expect(swim.sport.rawValue == "pool_swimming")
    #expect(run.sport == .running)
    // timezoneOffsetMinutes -420: 17:12:30 local is 00:12:30Z the next day.
    #expect(run.start.instant == utc("2025-08-17T00:12:30Z"))
    #expect(run.durationSeconds == 10)
    // Bare NaN tokens are gaps.
    #expect(swim.samples[.heartRate, 2] == nil)
    #expect(run.samples[.heartRate, 4] == nil)
    #expect(run.samples[.heartRate, 9] == 140)
    // 14.4 km/h = 4 m/s, matching 40 m in 10 s, so km/h is right.
    #expect(abs((run.samples[.speed, 0] ?? 0) - 4) < 1e-12)
    // Altitude every 2 s on the same 1 s axis.
    #expect(run.samples[.altitude, 2] == 12.75)
    #expect(run.samples[.altitude, 1] == nil)
    #expect(run.route.map(\.latitudeDegrees) == [37.7749, 37.77494, 37.77498])
    #expect(run.route[2].altitudeMeters == nil)
    // laps {} gives none; {laps: [...]} gives them with starts accumulated.
    #expect(swim.laps.isEmpty)
    #expect(run.laps.map(\.durationSeconds) == [4, 6])
    #expect(run.laps[1].start.instant == utc("2025-08-17T00:12:34Z"))
    // zones of type ZONE_TYPE_HEART_RATE and HEART_RATE are both read.
    #expect(swim.heartRateZones.map(\.timeInZoneSeconds) == [2, 3])
    #expect(run.heartRateZones.count == 1)
    #expect(swim.averageHeartRateBPM == 125)
    #expect(run.device == "Polar Vantage V3")
  }

  @Test func dayFilesOfTheExport() throws {
    let activity = try polar(flowExport + "activity-2025-08-16-3f2a1b0c.json")
    #expect(activity.days.first?.steps == 204)
    #expect(activity.metric("steps").count == 2)
    let heart = try polar(flowExport + "247ohr_2025-08.json")
    #expect(heart.heartRates.map(\.heartRateBPM) == [62, 64])
    // secondsFromDayStart counts from local midnight (offset unknown here: flagged).
    #expect(heart.heartRates[1].time.instant == utc("2025-08-16T12:00:00Z"))
    #expect(heart.heartRates[0].userID == "90000005")
    let sleep = try #require(try polar(flowExport + "sleep_result_aa11bb22.json").sleeps.first)
    #expect(sleep.date.description == "2025-08-17")
    #expect(sleep.asleepSeconds == 24_810)  // PT6H53M30S
    #expect(sleep.stages.map(\.stage) == [.light, .light, .deep, .rem, .wake, .light])
    #expect(sleep.deepSeconds == 3600)
    #expect(sleep.stages.last?.durationSeconds == 17_700)  // 01:35 to 06:30
    let physical = try polar(flowExport + "calendar-items-5e6f.json")
    #expect(physical.bodies.first?.massKilograms == 70.5)
    #expect(physical.bodies.first?.heightMeters == 1.75)
    #expect(physical.metric("functional_threshold_power").first?.value == 220)
  }

  @Test func wholeExportAsAZipConvertsEverySessionAndSkipsWhatItDoesNotModel() throws {
    let directory = NSTemporaryDirectory() + "wearport-flow-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let archive = directory + "/polar-user-data-export.zip"
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    zip.currentDirectoryURL = URL(fileURLWithPath: fixturePath("polar/flow-export"))
    zip.arguments = ["-q", "-r", archive, "polar-user-data-export_0f1e2d3c"]
    try zip.run()
    zip.waitUntilExit()
    #expect(zip.terminationStatus == 0)

    let sink = CollectingSink()
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry(polarReaders), options: ReadOptions(), sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    try InputWalker.walk(archive, report: { pipeline.report($0) }) { try pipeline.process($0) }
    let summary = pipeline.finish()
    #expect(summary.count(.error) == 0)
    #expect(sink.exercises.map(\.exerciseID).sorted() == ["polar:111222333", "polar:987654321-1", "polar:987654321-2"])
    let skipped = summary.documents.filter { $0.status == .skipped }
    #expect(skipped.map(\.location.member) == ["polar-user-data-export_0f1e2d3c/sport-profiles-77aa.json"])
    #expect(diagnostics.contains { $0.code == .inputUnrecognized && $0.severity == .note })
    #expect(summary.total.addsUp)
  }
}

/// polar.md §9 item 21: transaction-era archives.
@Suite struct TransactionArchiveTests {
  @Test func samplesInSeparateFilesJoinTheirSummaryAndOrphansAreReported() throws {
    let sink = CollectingSink()
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry(polarReaders), options: ReadOptions(), sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    try InputWalker.walk(fixturePath("polar/transactions"), report: { pipeline.report($0) }) {
      try pipeline.process($0)
    }
    let summary = pipeline.finish()
    let exercise = try #require(sink.exercises.first)
    #expect(sink.exercises.count == 1)
    #expect(exercise.providerID == "56")
    #expect(exercise.start.instant == utc("2016-04-27T15:00:00Z"))
    // Rate 5 s; type 1 (speed) came from the file's path "…/samples/1.json".
    #expect(exercise.samples.elapsedMilliseconds == [0, 5000, 10_000])
    #expect(exercise.samples[.heartRate, 2] == 114)
    #expect(abs((exercise.samples[.speed, 2] ?? 0) - 2.5) < 1e-12)
    #expect(exercise.heartRateZones.first?.lowerBPM == 110)
    #expect(exercise.heartRateZones.first?.timeInZoneSeconds == 4)
    // The URL list is not a record; the orphaned samples of exercise 77 are rejected with a reason.
    #expect(diagnostics.contains { $0.code == .polarNotRecords })
    let orphan = try #require(diagnostics.first { $0.code == .polarSamplesOrphaned })
    #expect(orphan.message.contains("exercises/77"))
    let counts = try #require(summary.counts[.exercise])
    #expect(counts.written == 1)
    #expect(counts.merged == 3)  // summary + 2 sample files + zones = 4 pieces, one exercise
    #expect(counts.rejected == 1)
    #expect(counts.addsUp)
  }
}

/// Every reader recognises its own fixtures, and no reader claims another's.
@Suite struct PolarSniffTests {
  static let expected: [(String, String)] = [
    ("accesslink/exercise-tokyo-run.json", "polar.accesslink.exercise"),
    ("accesslink/exercise-samples-route.json", "polar.accesslink.exercise"),
    ("accesslink/exercise-mixed-rates-kebab.json", "polar.accesslink.exercise"),
    ("accesslink/transaction-exercise-kebab.json", "polar.accesslink.exercise"),
    ("accesslink/sleep-new-york.json", "polar.accesslink.sleep"),
    ("accesslink/nightly-recharge.json", "polar.accesslink.nightly-recharge"),
    ("accesslink/continuous-hr-range.json", "polar.accesslink.continuous-heart-rate"),
    ("accesslink/activity-day-samples.json", "polar.accesslink.activity"),
    ("accesslink/cardio-load.json", "polar.accesslink.cardio-load"),
    ("accesslink/physical-information.json", "polar.accesslink.physical-information"),
    ("accesslink/user.json", "polar.accesslink.index"),
    ("accesslink/transaction-exercise-urls.json", "polar.accesslink.index"),
    (
      flowExport + "training-session-2017-01-23-111222333-5d7f0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.json",
      "polar.flow-export.training-session"
    ),
    (
      flowExport + "training-session-2025-08-16-987654321-aa11bb22-cc33-4d44-8e55-ff6677889900.json",
      "polar.flow-export.training-session"
    ),
    (flowExport + "activity-2025-08-16-3f2a1b0c.json", "polar.flow-export.activity"),
    (flowExport + "247ohr_2025-08.json", "polar.flow-export.247ohr"),
    (flowExport + "sleep_result_aa11bb22.json", "polar.flow-export.sleep-result"),
    (flowExport + "calendar-items-5e6f.json", "polar.flow-export.physical-information"),
  ]

  @Test(arguments: expected.map(\.0))
  func exactlyTheRightReaderClaimsIt(_ relative: String) throws {
    let want = try #require(Self.expected.first { $0.0 == relative }?.1)
    var best: (String, SniffScore)?
    var claims: [String] = []
    for reader in polarReaders {
      let score = try sniff(reader, fixturePath("polar/" + relative))
      if score > .no { claims.append(reader.info.id) }
      if score > (best?.1 ?? .no) { best = (reader.info.id, score) }
    }
    #expect(best?.0 == want, "claimed by \(claims)")
    #expect(claims == [want], "more than one reader claims \(relative): \(claims)")
  }

  @Test func nothingClaimsFilesThatAreNotPolar() throws {
    let notPolar = ["bad/empty.json", "polar/" + flowExport + "sport-profiles-77aa.json"]
    for relative in notPolar {
      for reader in polarReaders {
        #expect(try sniff(reader, fixturePath(relative)) == .no, "\(reader.info.id) claims \(relative)")
      }
    }
  }
}

/// polar.md acceptance: every Polar JSON file of the corpus converts without errors, with pinned counts.
@Suite struct PolarCorpusTests {
  @Test func everyPolarJSONFileConvertsWithoutErrors() throws {
    guard let folder = corpusPath("polar") else { return }
    let paths = files(under: folder, withExtension: "json")
    #expect(paths.count == 9)
    let result = try read(paths, with: polarReaders)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.summary.documents.allSatisfy { $0.status == .converted })
    var kinds: [RecordKind: Int] = [:]
    for record in result.records { kinds[record.kind, default: 0] += 1 }
    #expect(kinds[.exercise] == 4)  // 2 AccessLink, 1 old Flow export, 1 Flow web calendar item
    #expect(kinds[.sleepSession] == 1)
    // 7 day summaries, one date (2025-09-10) in two files: merged.
    #expect(kinds[.dailyActivity] == 6)
    #expect(result.summary.counts[.dailyActivity]?.merged == 1)
    let slither = try #require(
      result.exercises.first { $0.provenance.location.path.hasSuffix("slither_running_export_v1.3.json") })
    #expect(slither.samples.count == 2751)
    #expect(slither.route.count == 2751)
    #expect(slither.start.instant == utc("2017-01-23T17:20:18Z"))
    #expect(slither.samples[.heartRate, 0] == 95)
    #expect(result.warnings.contains { $0.code == .polarRouteClockShifted })
  }
}

@Suite struct FlowExportShapeTests {
  /// An item of `exercises` that is not an object is rejected with its pointer, not read as an empty exercise.
  @Test func exerciseItemsThatAreNotObjectsAreRejected() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flow-shape-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("training-session-2025-01-02-1-a.json").path
    try Data(#"{"exportVersion":"1.6","startTime":"2025-01-02T10:00:00.000","exercises":[true,5]}"#.utf8)
      .write(to: URL(fileURLWithPath: path))
    let result = try read([path], with: polarReaders)
    #expect(result.exercises.isEmpty)
    #expect(result.summary.counts[.exercise]?.rejected == 2)
    #expect(result.errors.map(\.code) == [.jsonTypeMismatch, .jsonTypeMismatch])
    #expect(result.errors.map { $0.location?.jsonPointer } == ["/exercises/0", "/exercises/1"])
  }
}
