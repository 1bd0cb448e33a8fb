import Foundation
import Testing
import TrainingXML
import WearportCore
import WearportTestSupport

/// GPX → TCX → GPX keeps every trackpoint's time, position (to the 9th decimal), elevation, heart rate and cadence.
@Suite struct RoundTripTests {
  static let gpxFiles = [
    "gpsbabel__gpx_garmin_extensions.gpx",
    "gpsbabel__garminconnect.gpx",
    "sportstracker__bike-tour-garmin-oregon-trackpointextension-v2.gpx",
    "sportstracker__bike-tour-holux-funtrek-130-pro-with-heartrate.gpx",
    "gpsbabel__globalsat_gh625XT.gpx",
  ]

  struct Point: Equatable {
    var time: Int64
    var latitude: Double
    var longitude: Double
    var altitude: Double?
    var heartRate: Double?
    var cadence: Double?
  }

  /// Every trackpoint with a position, in order, as absolute instants.
  static func points(_ exercise: Exercise) -> [Point] {
    let origin = exercise.start.instant.millisecondsSinceEpoch
    var byTime: [Int64: Int] = [:]
    for (index, elapsed) in exercise.samples.elapsedMilliseconds.enumerated() where byTime[elapsed] == nil {
      byTime[elapsed] = index
    }
    return exercise.route.map { fix in
      let sample = byTime[fix.elapsedMilliseconds]
      return Point(
        time: origin + fix.elapsedMilliseconds, latitude: fix.latitudeDegrees, longitude: fix.longitudeDegrees,
        altitude: fix.altitudeMeters ?? sample.flatMap { exercise.samples[.altitude, $0] },
        heartRate: sample.flatMap { exercise.samples[.heartRate, $0] },
        cadence: sample.flatMap { exercise.samples[.cadence, $0] })
    }
  }

  static func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let x?, let y?): abs(x - y) <= 5e-10 * max(1, abs(x))
    default: false
    }
  }

  @Test(arguments: gpxFiles)
  func gpxToTCXToGPXKeepsEveryValue(_ file: String) throws {
    guard let path = corpusPath("gpx_tcx/" + file) else { return }
    let readers: [any FormatReader] = [TCXReader(), GPXReader()]
    let original = try read([path], with: readers).exercises
    #expect(!original.isEmpty)
    let tcxFiles = try writeFiles(original, as: .tcx).paths
    let viaTCX = try read(tcxFiles, with: readers).exercises
    let gpxFiles = try writeFiles(viaTCX, as: .gpx).paths
    let back = try read(gpxFiles, with: readers).exercises
    #expect(back.count == original.count)
    for (before, after) in zip(original, back) {
      let expected = RoundTripTests.points(before)
      let actual = RoundTripTests.points(after)
      #expect(expected.count == actual.count)
      #expect(expected.map(\.time) == actual.map(\.time))
      #expect(expected.map(\.heartRate) == actual.map(\.heartRate))
      #expect(expected.map(\.cadence) == actual.map(\.cadence))
      for (a, b) in zip(expected, actual) {
        #expect(RoundTripTests.close(a.latitude, b.latitude), "latitude at \(a.time)")
        #expect(RoundTripTests.close(a.longitude, b.longitude), "longitude at \(a.time)")
        #expect(RoundTripTests.close(a.altitude, b.altitude), "elevation at \(a.time)")
      }
      #expect(before.sport == after.sport)
    }
    for written in tcxFiles + gpxFiles {
      if let errors = xmllintSchemaErrors(written) { #expect(errors == "", "\(written): \(errors)") }
    }
  }

  @Test func corpusFilesConvertToSchemaValidTCXThatOraclesReadBack() throws {
    guard let folder = corpusPath("gpx_tcx") else { return }
    let readers: [any FormatReader] = [TCXReader(), GPXReader()]
    for input in WearportTestSupport.files(under: folder).filter({ $0.hasSuffix(".tcx") || $0.hasSuffix(".gpx") }) {
      let exercises = try read([input], with: readers).exercises
      for path in try writeFiles(exercises, as: .tcx).paths {
        if let errors = xmllintSchemaErrors(path) { #expect(errors == "", "\(input): \(errors)") }
        let written = try #require(try read([path], with: readers).exercises.first)
        if let back = try oracleReadback(path) {
          #expect(back.points == written.samples.count, "\(input)")
          #expect(back.hr.count == written.samples.presentCount(.heartRate), "\(input)")
          #expect(back.power.count == written.samples.presentCount(.power), "\(input)")
          let first = written.start.instant.adding(milliseconds: written.samples.elapsedMilliseconds.first ?? 0)
          if back.points > 0 { #expect(back.first_time_utc == TimestampRenderer.utcMilliseconds(first), "\(input)") }
        }
      }
    }
  }
}
