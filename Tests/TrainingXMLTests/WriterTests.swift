import Foundation
import Testing
import TrainingXML
import WearportCore
import WearportTestSupport

/// The TCX and GPX writers: schema-valid, read back by independent readers, deterministic, named as documented.
@Suite struct WriterTests {
  @Test func runWithSamplesAndRouteGivesSchemaValidFilesThatOraclesReadBack() throws {
    let exercise = syntheticRun()
    let tcx = try #require(try writeFiles([exercise], as: .tcx).paths.first)
    let gpx = try #require(try writeFiles([exercise], as: .gpx).paths.first)
    #expect(tcx.hasSuffix("/20260226T154239Z_running_polar-hX7k2Qp.tcx"))
    #expect(gpx.hasSuffix("/20260226T154239Z_running_polar-hX7k2Qp.gpx"))

    for path in [tcx, gpx] {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(bytes.starts(with: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)))
      if let errors = xmllintSchemaErrors(path) { #expect(errors == "", "\(path): \(errors)") }
    }

    // Samples at whole seconds and fixes 26 ms later join into one trackpoint each (at the fix's time); the last
    // 10 samples have no fix. HR: sample 5 is missing and sample 6 is 0, so both are omitted.
    let expectedHR = (0..<120).filter { $0 != 5 && $0 != 6 }.map { 100 + $0 % 40 }
    if let back = try oracleReadback(tcx) {
      #expect(back.reader == "python-tcxparser")
      #expect(back.points == 120)
      #expect(back.first_time_utc == "2026-02-26T15:42:39.026Z")
      #expect(back.last_time_utc == "2026-02-26T15:44:38.000Z")
      #expect(back.hr == expectedHR)
      #expect(back.cadence == (0..<120).map { 80 + $0 % 7 })
    }
    if let back = try oracleReadback(gpx) {
      #expect(back.reader == "gpxpy")
      #expect(back.points == 110)
      #expect(back.first_time_utc == "2026-02-26T15:42:39.026Z")
      #expect(back.hr == (0..<110).filter { $0 != 5 && $0 != 6 }.map { 100 + $0 % 40 })
      #expect(back.cadence == (0..<110).map { 80 + $0 % 7 })
    }

    // Our own reader agrees, to the millimetre and the millisecond.
    let read = try WearportTestSupport.read([tcx], with: [TCXReader()])
    let back = try #require(read.exercises.first)
    #expect(back.samples.count == 120)
    #expect(back.start.instant == utc("2026-02-26T15:42:39Z"))
    #expect(back.samples.elapsedMilliseconds[1] == 1026)
    #expect(back.samples[.heartRate, 7] == 107)
    #expect(back.samples[.heartRate, 6] == nil)
    #expect(back.samples[.distance, 100] == 310)
    #expect(back.route[3].latitudeDegrees == 35.681317)
    #expect(back.energyKilocalories == 34)
    #expect(back.distanceMeters == 368.9)
  }

  @Test func thirdPartyGPSBabelReadsBothFiles() throws {
    guard hasTool("gpsbabel") else { return }
    let exercise = syntheticRun()
    let tcx = try #require(try writeFiles([exercise], as: .tcx).paths.first)
    let gpx = try #require(try writeFiles([exercise], as: .gpx).paths.first)
    let fromTCX = try #require(run(["gpsbabel", "-t", "-i", "gtrnctr", "-f", tcx, "-o", "unicsv,utc=0", "-F", "-"]))
    #expect(fromTCX.status == 0)
    #expect(fromTCX.error.isEmpty, "\(fromTCX.error)")
    // GPSBabel keeps only the points with a position: the 110 fixes, plus the header line (CRLF line ends).
    #expect(fromTCX.output.split(whereSeparator: \.isNewline).count == 111, "\(fromTCX.output.prefix(300))")
    #expect(fromTCX.output.contains(",102,"))
    let fromGPX = try #require(run(["gpsbabel", "-t", "-i", "gpx", "-f", gpx, "-o", "unicsv,utc=0", "-F", "-"]))
    #expect(fromGPX.status == 0)
    #expect(fromGPX.error.isEmpty, "\(fromGPX.error)")
    #expect(fromGPX.output.split(whereSeparator: \.isNewline).count == 111)
  }

  @Test func goldenFiles() throws {
    var exercise = syntheticRun(samples: 4, routePoints: 3)
    exercise.laps = [Lap(start: exercise.start, durationSeconds: 4)]
    exercise.laps[0].energyKilocalories = 1.4
    let tcx = try #require(try writeFiles([exercise], as: .tcx).paths.first)
    let gpx = try #require(try writeFiles([exercise], as: .gpx).paths.first)
    let tcxDifference = compareWithGolden(contents(tcx), "xml/run.tcx")
    #expect(tcxDifference == nil, "\(tcxDifference ?? "")")
    let gpxDifference = compareWithGolden(contents(gpx), "xml/run.gpx")
    #expect(gpxDifference == nil, "\(gpxDifference ?? "")")
  }

  @Test func outputIsDeterministic() throws {
    let exercise = syntheticRun()
    for format in [TrainingXMLSink.Format.tcx, .gpx] {
      let first = try #require(try writeFiles([exercise], as: format).paths.first)
      let second = try #require(try writeFiles([exercise], as: format).paths.first)
      #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
    }
  }

  @Test func zeroExercisesGiveNoFilesAndNoError() throws {
    let folder = temporaryFolder() + "/new/out"
    let (tcx, _) = try writeFiles([], as: .tcx, into: folder)
    let (gpx, _) = try writeFiles([], as: .gpx, into: folder)
    #expect(tcx.isEmpty && gpx.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test func exerciseWithoutSamplesOrRouteIsAValidTCXWithOneLapAndNoGPX() throws {
    var exercise = syntheticRun(samples: 0, routePoints: 0)
    exercise.sport = .strengthTraining
    exercise.sportDetail = "STRENGTH_TRAINING"
    exercise.device = nil
    exercise.distanceMeters = nil
    let tcx = try #require(try writeFiles([exercise], as: .tcx).paths.first)
    let text = contents(tcx)
    #expect(text.contains("<Activity Sport=\"Other\">"))
    #expect(text.contains("<TotalTimeSeconds>0</TotalTimeSeconds>"))
    #expect(text.contains("<Calories>34</Calories>"))
    #expect(text.contains("<DistanceMeters>0</DistanceMeters>"))
    #expect(text.contains("<Notes>strength_training</Notes>"))
    #expect(!text.contains("<Track>"))
    #expect(!text.contains("<Creator"))
    if let errors = xmllintSchemaErrors(tcx) { #expect(errors == "", "\(errors)") }

    let (gpx, notes) = try writeFiles([exercise], as: .gpx)
    #expect(gpx.isEmpty)
    #expect(notes.map(\.code) == [.gpxNoRoute])
  }

  @Test func sourceLapsSplitTheTrackpointsAndCaloriesAddUp() throws {
    var exercise = syntheticRun()
    exercise.laps = [
      Lap(start: exercise.start, durationSeconds: 60),
      Lap(start: exercise.start.adding(milliseconds: 60_000), durationSeconds: 60),
    ]
    let tcx = try #require(try writeFiles([exercise], as: .tcx).paths.first)
    if let errors = xmllintSchemaErrors(tcx) { #expect(errors == "", "\(errors)") }
    let back = try #require(try WearportTestSupport.read([tcx], with: [TCXReader()]).exercises.first)
    #expect(back.laps.count == 2)
    #expect(back.laps.map(\.energyKilocalories) == [17, 17])
    #expect(back.laps[1].start.instant == utc("2026-02-26T15:43:39Z"))
    // 60 fixes (15:42:39.026 … 15:43:38.026) fall in the first lap, the other 60 points in the second.
    let text = contents(tcx)
    let secondLap = try #require(text.range(of: "<Lap StartTime=\"2026-02-26T15:43:39.000Z\">"))
    #expect(text[..<secondLap.lowerBound].components(separatedBy: "<Trackpoint>").count - 1 == 60)
    #expect(text[secondLap.lowerBound...].components(separatedBy: "<Trackpoint>").count - 1 == 60)
  }

  @Test func cyclingCadenceGoesToCadenceAndRunningCadenceToTPX() throws {
    var ride = syntheticRun(samples: 3, routePoints: 3)
    ride.sport = .cycling
    let rideText = contents(try #require(try writeFiles([ride], as: .tcx).paths.first))
    #expect(rideText.contains("<Activity Sport=\"Biking\">"))
    #expect(rideText.contains("<Cadence>81</Cadence>"))
    #expect(!rideText.contains("RunCadence"))
    #expect(rideText.contains("<ns3:MaxBikeCadence>82</ns3:MaxBikeCadence>"))
    let run = syntheticRun(samples: 3, routePoints: 3)
    let runText = contents(try #require(try writeFiles([run], as: .tcx).paths.first))
    #expect(runText.contains("<ns3:RunCadence>81</ns3:RunCadence>"))
    #expect(runText.contains("<ns3:Speed>3.1</ns3:Speed>"))
    #expect(runText.contains("<ns3:AvgRunCadence>81</ns3:AvgRunCadence>"))
  }

  @Test func coordinatesHaveAtMostNineDecimalsAndNoExponent() throws {
    var exercise = syntheticRun(samples: 1, routePoints: 1)
    exercise.route[0].latitudeDegrees = 40.18894976936280727386474609375
    exercise.route[0].longitudeDegrees = -0.000000012
    exercise.route[0].altitudeMeters = 1e-7
    let gpx = contents(try #require(try writeFiles([exercise], as: .gpx).paths.first))
    #expect(gpx.contains("<trkpt lat=\"40.188949769\" lon=\"-0.000000012\">"))
    #expect(gpx.contains("<ele>0.0000001</ele>"))
  }

  @Test func namesAreSafeAndUnique() throws {
    var first = syntheticRun(samples: 1, routePoints: 1)
    first.providerID = "../a b/c"
    var second = first
    second.providerID = "../a:b/c"
    let (paths, _) = try writeFiles([first, second], as: .tcx)
    #expect(
      paths.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted() == [
        "20260226T154239Z_running_polar-.._a_b_c-2.tcx", "20260226T154239Z_running_polar-.._a_b_c.tcx",
      ])
  }

  @Test func abortLeavesNothingBehind() throws {
    let folder = temporaryFolder()
    let sink = try TrainingXMLSink(format: .tcx, folder: folder)
    try sink.write(.exercise(syntheticRun()))
    sink.abort()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }
}

@Suite struct SinkInPipelineTests {
  @Test func exerciseWithoutRouteGetsANoteAtItsSourceAndNoGPXFile() throws {
    let folder = temporaryFolder()
    let sink = try TrainingXMLSink(format: .gpx, folder: folder)
    var diagnostics: [Diagnostic] = []
    let pipeline = Pipeline(
      registry: ReaderRegistry([TCXReader(), GPXReader()]), options: ReadOptions(), sinks: [sink],
      onDiagnostic: { diagnostics.append($0) })
    let path = fixturePath("xml/lenient-bom-whitespace.tcx")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    try pipeline.process(
      InputDocument(location: SourceLocation(path: path), name: "lenient-bom-whitespace.tcx", bytes: bytes),
      isTopLevel: true)
    let summary = pipeline.finish()
    // The run has two exercises; the ride has no position, so only the run becomes a GPX file.
    #expect(
      summary.outputs.map { URL(fileURLWithPath: $0).lastPathComponent } == [
        "20260329T005958Z_running_file-2026-03-29T00_59_58.gpx"
      ])
    let note = try #require(diagnostics.first { $0.code == .gpxNoRoute })
    #expect(note.severity == .note)
    #expect(note.location?.path == path)
    #expect(note.location?.line == 46)
  }
}
