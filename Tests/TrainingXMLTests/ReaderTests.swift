import Foundation
import Testing
import TrainingXML
import WearportCore
import WearportTestSupport

/// The GPX and TCX readers over real files from many producers and over synthetic edge cases.
@Suite struct ReaderTests {
  struct Pinned: CustomTestStringConvertible, Sendable {
    var file: String
    var exercises: Int
    var points: Int
    var positions: Int
    var heartRates: Int
    var cadences: Int
    var powers: Int
    var testDescription: String { file }
  }

  // Counts cross-checked with lxml XPath over the same files (trackpoints with a time; values inside them).
  static let corpus: [Pinned] = [
    .init(
      file: "gpsbabel__garmin-vivosmart-hr.gpx", exercises: 1, points: 15, positions: 15, heartRates: 14, cadences: 0,
      powers: 0),
    .init(
      file: "gpsbabel__garminconnect.gpx", exercises: 1, points: 68, positions: 68, heartRates: 68, cadences: 0,
      powers: 0),
    .init(
      file: "gpsbabel__globalsat_gh625XT.gpx", exercises: 2, points: 174, positions: 174, heartRates: 3, cadences: 0,
      powers: 0),
    .init(
      file: "gpsbabel__gpx_garmin_extensions.gpx", exercises: 1, points: 8, positions: 8, heartRates: 8, cadences: 6,
      powers: 0),
    .init(
      file: "gpsbabel__gtrnctr-readcp.tcx", exercises: 1, points: 18, positions: 18, heartRates: 0, cadences: 0,
      powers: 0),
    .init(
      file: "gpsbabel__history.tcx", exercises: 1, points: 1205, positions: 1202, heartRates: 1202, cadences: 0,
      powers: 0),
    .init(file: "gpsbabel__kona2013.tcx", exercises: 1, points: 5, positions: 5, heartRates: 5, cadences: 5, powers: 5),
    .init(file: "gpsbabel__tcxdata.tcx", exercises: 1, points: 4, positions: 4, heartRates: 4, cadences: 4, powers: 4),
    .init(
      file: "gpsbabel__tcxdatagns.tcx", exercises: 1, points: 4, positions: 4, heartRates: 4, cadences: 4, powers: 4),
    .init(
      file: "gpxpy__gpx1.1_with_all_fields.gpx", exercises: 1, points: 1, positions: 1, heartRates: 0, cadences: 0,
      powers: 0),
    .init(
      file: "gpxpy__gpx_with_garmin_extension.gpx", exercises: 0, points: 0, positions: 0, heartRates: 0, cadences: 0,
      powers: 0),
    .init(
      file: "gpxpy__track-with-less-sec-time.gpx", exercises: 1, points: 2, positions: 2, heartRates: 0, cadences: 0,
      powers: 0),
    .init(
      file: "gpxpy__unicode_with_bom.gpx", exercises: 0, points: 0, positions: 0, heartRates: 0, cadences: 0, powers: 0),
    .init(
      file: "python-tcxparser__test.tcx", exercises: 1, points: 384, positions: 383, heartRates: 383, cadences: 0,
      powers: 0),
    .init(
      file: "rowingdata__painsled.tcx", exercises: 1, points: 115, positions: 0, heartRates: 0, cadences: 112,
      powers: 110),
    .init(
      file: "rowingdata__strava_export.tcx", exercises: 1, points: 1342, positions: 1342, heartRates: 1342,
      cadences: 1342, powers: 1342),
    .init(
      file: "rowingdata__testtcx_210614.tcx", exercises: 1, points: 1042, positions: 1042, heartRates: 1041,
      cadences: 1042, powers: 1042),
    .init(
      file: "sportstracker__Edge705-Running-Heartrate-2Laps.tcx", exercises: 1, points: 1254, positions: 1247,
      heartRates: 1254, cadences: 3, powers: 0),
    .init(
      file: "sportstracker__Forerunner405-Running_CadenceSensor.tcx", exercises: 1, points: 270, positions: 0,
      heartRates: 269, cadences: 269, powers: 0),
    .init(
      file: "sportstracker__bike-tour-garmin-oregon-trackpointextension-v2.gpx", exercises: 1, points: 204,
      positions: 204, heartRates: 204, cadences: 0, powers: 0),
    .init(
      file: "sportstracker__bike-tour-holux-funtrek-130-pro-with-heartrate.gpx", exercises: 1, points: 179,
      positions: 179, heartRates: 179, cadences: 0, powers: 0),
    .init(
      file: "tcxreader__cross-country-skiing_activity_1.tcx", exercises: 1, points: 486, positions: 486,
      heartRates: 486, cadences: 486, powers: 0),
    .init(
      file: "tcxreader__mapmyride_biking.tcx", exercises: 1, points: 3112, positions: 3105, heartRates: 0, cadences: 0,
      powers: 0),
    .init(
      file: "tcxreader__sup_activity_1.tcx", exercises: 1, points: 111, positions: 111, heartRates: 111, cadences: 0,
      powers: 0),
  ]

  static let readers: [any FormatReader] = [TCXReader(), GPXReader()]

  @Test(arguments: corpus)
  func readsEveryCorpusFile(_ pinned: Pinned) throws {
    guard let path = corpusPath("gpx_tcx/" + pinned.file) else { return }
    let result = try read([path], with: ReaderTests.readers)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.summary.documents.first?.status == .converted)
    let exercises = result.exercises
    #expect(exercises.count == pinned.exercises)
    #expect(exercises.reduce(0) { $0 + $1.samples.count } == pinned.points)
    #expect(exercises.reduce(0) { $0 + $1.route.count } == pinned.positions)
    #expect(exercises.reduce(0) { $0 + $1.samples.presentCount(.heartRate) } == pinned.heartRates)
    #expect(exercises.reduce(0) { $0 + $1.samples.presentCount(.cadence) } == pinned.cadences)
    #expect(exercises.reduce(0) { $0 + $1.samples.presentCount(.power) } == pinned.powers)
  }

  @Test func corpusFilesAreSniffedByTheirOwnReaderOnly() throws {
    guard corpusPath("gpx_tcx") != nil else { return }
    for pinned in ReaderTests.corpus {
      let path = try #require(corpusPath("gpx_tcx/" + pinned.file))
      let isTCX = pinned.file.hasSuffix(".tcx")
      #expect(try sniff(TCXReader(), path) == (isTCX ? .certain : .no), "\(pinned.file)")
      #expect(try sniff(GPXReader(), path) == (isTCX ? .no : .certain), "\(pinned.file)")
    }
    for polar in files(under: fixturePath("polar"), withExtension: "json") {
      #expect(try sniff(TCXReader(), polar) == .no)
      #expect(try sniff(GPXReader(), polar) == .no)
    }
  }

  @Test func pinnedValuesFromRealFiles() throws {
    guard let kona = corpusPath("gpx_tcx/gpsbabel__kona2013.tcx"),
      let connect = corpusPath("gpx_tcx/gpsbabel__garminconnect.gpx"),
      let twoLaps = corpusPath("gpx_tcx/sportstracker__Edge705-Running-Heartrate-2Laps.tcx")
    else { return }
    let ride = try #require(try read([kona], with: ReaderTests.readers).exercises.first)
    #expect(ride.sport == .cycling)
    #expect(ride.device == "Garmin Edge 500")
    #expect(ride.start.instant == utc("2013-10-12T18:17:26Z"))
    #expect(ride.start.offsetSource == .utc)
    #expect(ride.samples[.heartRate, 0] == 141)
    #expect(ride.samples[.power, 2] == 113)
    #expect(ride.distanceMeters == 180219.88)
    #expect(ride.energyKilocalories == 2658)
    #expect(ride.laps.first?.maximumSpeedMetersPerSecond == 18.163000106811523)

    // Garmin Connect's GPX binds TrackPointExtension v1 to ns3: and writes 32-digit coordinates.
    let boulder = try #require(try read([connect], with: ReaderTests.readers).exercises.first)
    #expect(boulder.sport == .cycling)
    #expect(boulder.route[0].latitudeDegrees == 40.18894976936280727386474609375)
    #expect(boulder.samples[.heartRate, 0] == 82)
    #expect(boulder.samples[.temperature, 0] == 2)

    let run = try #require(try read([twoLaps], with: ReaderTests.readers).exercises.first)
    #expect(run.laps.count == 2)
    #expect(run.laps[1].start.instant == utc("2009-12-09T16:01:04Z"))
  }

  @Test func lenientTCXWithBOMWhitespacePrefixesNaiveTimesAndLaps() throws {
    let path = fixturePath("xml/lenient-bom-whitespace.tcx")
    #expect(try sniff(TCXReader(), path) == .certain)
    #expect(try sniff(GPXReader(), path) == .no)
    let result = try read([path], with: ReaderTests.readers)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.warnings.map(\.code).contains(.timeOffsetUnknown))
    let invalid = try #require(result.warnings.first { $0.code == .tcxInvalidValue })
    #expect(invalid.location?.line == 26)
    #expect(result.exercises.count == 2)
    let run = result.exercises[0]
    #expect(run.sport == .running)
    #expect(run.laps.count == 2)
    #expect(run.start.instant == utc("2026-03-29T00:59:58Z"))
    #expect(run.start.offsetSource == .unknown)
    #expect(run.samples.elapsedMilliseconds == [0, 1000, 2000])
    #expect(run.samples.column(.heartRate)?.map { $0.isNaN ? -1 : $0 } == [101, -1, 103])
    #expect(run.samples.column(.cadence)?.map { $0.isNaN ? -1 : $0 } == [84, -1, 85])
    #expect(run.samples.column(.power)?.map { $0.isNaN ? -1 : $0 } == [-1, 212, -1])
    #expect(run.samples[.speed, 0] == 3.25)
    #expect(run.route.count == 2)
    #expect(run.durationSeconds == 3)
    #expect(run.energyKilocalories == 3)
    #expect(result.exercises[1].sport == .cycling)
    #expect(result.exercises[1].samples[.cadence, 0] == 90)

    // With --timezone the naive times are local to Berlin (CET, the night DST starts); offsets stay explicit.
    var options = ReadOptions()
    options.zone = try ZoneRules(identifier: "Europe/Berlin")
    let berlin = try read([path], with: ReaderTests.readers, options: options)
    let local = try #require(berlin.exercises.first)
    #expect(!berlin.warnings.map(\.code).contains(.timeOffsetUnknown))
    #expect(local.start.instant == utc("2026-03-28T23:59:58Z"))
    #expect(local.start.utcOffsetSeconds == 3600)
    #expect(local.start.offsetSource == .timeZone)
    #expect(local.samples.elapsedMilliseconds == [0, 1000, 3_602_000])
  }

  @Test func gpxExtensionsUnderAnyNamespaceAndMixedTimes() throws {
    let path = fixturePath("xml/extensions-anywhere.gpx")
    #expect(try sniff(GPXReader(), path) == .certain)
    #expect(try sniff(TCXReader(), path) == .no)
    let result = try read([path], with: ReaderTests.readers)
    #expect(result.errors.isEmpty, "\(result.errors)")
    let codes = Set(result.warnings.map(\.code))
    #expect(codes.contains(.gpxPointWithoutTime))
    #expect(codes.contains(.timeOffsetUnknown))
    #expect(result.exercises.count == 2)
    let ride = result.exercises[0]
    #expect(ride.sport == .cycling)
    #expect(ride.sportDetail == "Cycling")
    #expect(ride.device == "synthetic test fixture")
    #expect(ride.samples.elapsedMilliseconds == [0, 1000, 3250])
    #expect(ride.samples.column(.heartRate) == [120, 121, 122])
    #expect(ride.samples.column(.cadence)?.map { $0.isNaN ? -1 : $0 } == [80, -1, 82])
    #expect(ride.samples.column(.power)?.map { $0.isNaN ? -1 : $0 } == [-1, 250, -1])
    #expect(ride.samples[.speed, 0] == 5.5)
    #expect(ride.samples[.temperature, 1] == 21.5)
    #expect(ride.route.map(\.latitudeDegrees) == [-33.8688197, -33.8688, -33.8687])
    #expect(ride.route[0].altitudeMeters == 12.25)
    #expect(ride.providerID == "2026-01-10T06:00:00Z")
    let second = result.exercises[1]
    #expect(second.providerID == "2026-01-10T08:00:00Z-2")
    #expect(second.start.offsetSource == .unknown)
  }

  @Test func courseIsAnExerciseWithoutHeartRate() throws {
    let result = try read([fixturePath("xml/course.tcx")], with: ReaderTests.readers)
    #expect(result.errors.isEmpty)
    let course = try #require(result.exercises.first)
    #expect(result.exercises.count == 1)
    #expect(course.providerID == "Harbour loop")
    #expect(course.sport == .other)
    #expect(course.sportDetail == "course")
    #expect(course.samples.count == 3)
    #expect(course.samples.presentCount(.heartRate) == 0)
    #expect(course.samples[.distance, 2] == 89)
    #expect(course.distanceMeters == 100)
    #expect(course.laps.isEmpty)
  }

  @Test(arguments: ["xml/xxe.gpx", "xml/billion-laughs.tcx", "xml/parameter-entity.gpx"])
  func entityDeclarationsAreRefusedFast(_ fixture: String) throws {
    let clock = ContinuousClock()
    var result: ReadResult?
    let elapsed = try clock.measure { result = try read([fixturePath(fixture)], with: ReaderTests.readers) }
    let outcome = try #require(result)
    #expect(elapsed < .milliseconds(500))
    #expect(outcome.exercises.isEmpty)
    #expect(outcome.summary.documents.first?.status == .failed)
    let error = try #require(outcome.errors.first)
    #expect(error.code == .xmlEntityDeclaration)
    #expect(error.location?.line == (fixture.hasSuffix("parameter-entity.gpx") ? 2 : 3))
    #expect(!error.description.contains("root:"))
  }

  @Test func malformedXMLIsLocatedByLine() throws {
    let result = try read([fixturePath("xml/malformed.gpx")], with: ReaderTests.readers)
    let error = try #require(result.errors.first)
    #expect(error.code == .xmlSyntax)
    #expect(error.location?.line == 6)
    #expect(error.description.hasPrefix(fixturePath("xml/malformed.gpx") + ":6: error: not well-formed XML"))
    // The track that was complete before the error is not emitted: the document is refused as a whole.
    #expect(result.summary.documents.first?.status == .failed)
  }

  @Test func truncatedDocumentIsASyntaxError() throws {
    let folder = temporaryFolder()
    let text = contents(fixturePath("xml/course.tcx"))
    let path = folder + "/cut.tcx"
    try String(text.prefix(600)).write(toFile: path, atomically: true, encoding: .utf8)
    let result = try read([path], with: ReaderTests.readers)
    #expect(result.errors.first?.code == .xmlSyntax)
    #expect(result.exercises.isEmpty)
  }
}
