import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import TrainingXML

/// `wearport validate` for TCX and GPX: consumer rules always, the XSDs when their folder is given.
@Suite struct ConformanceTests {
  static func validate(_ paths: [String], schemas: String? = xsdDirectory) throws -> ReadResult {
    var options = ReadOptions()
    options.checkConformance = true
    options.schemaDirectory = schemas
    return try read(paths, with: [TCXReader(), GPXReader()], options: options)
  }

  @Test func ourOwnFilesPassEveryCheck() throws {
    guard xsdDirectory != nil else { return }
    var ride = syntheticRun()
    ride.sport = .cycling
    ride.start = ride.start.adding(milliseconds: 3_600_000)
    let paths =
      try writeFiles([syntheticRun()], as: .tcx).paths + writeFiles([syntheticRun()], as: .gpx).paths
      + writeFiles([ride], as: .tcx).paths
    let result = try ConformanceTests.validate(paths)
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    #expect(result.exercises.count == 3)
  }

  @Test func schemaErrorsAreReportedWithTheirLine() throws {
    guard xsdDirectory != nil, let path = corpusPath("gpx_tcx/python-tcxparser__test.tcx") else { return }
    let result = try ConformanceTests.validate([path])
    let schema = try #require(result.errors.first { $0.code == .xmlSchemaInvalid })
    #expect(schema.location?.line == 6)
    #expect(schema.message.contains("Lap"))
    // Still read: validation never stops the conversion.
    #expect(result.exercises.count == 1)
  }

  @Test func consumerRulesWithoutSchemas() throws {
    let result = try ConformanceTests.validate([fixturePath("xml/lenient-bom-whitespace.tcx")], schemas: nil)
    let errors = Set(result.errors.map(\.code))
    #expect(errors.contains(.conformanceLeadingBytes))
    #expect(errors.contains(.conformanceTime))
    #expect(errors.contains(.conformanceValue))
    #expect(Set(result.warnings.map(\.code)).contains(.conformancePrefix))
    #expect(result.diagnostics.contains { $0.code == .xmlSchemaUnavailable && $0.severity == .note })
    let leading = try #require(result.errors.first { $0.code == .conformanceLeadingBytes })
    #expect(leading.location?.line == 1)
  }

  @Test func gpxWithTrackPointExtensionV2AndTheNs3PrefixIsWarned() throws {
    guard let oregon = corpusPath("gpx_tcx/sportstracker__bike-tour-garmin-oregon-trackpointextension-v2.gpx"),
      let connect = corpusPath("gpx_tcx/gpsbabel__garminconnect.gpx")
    else { return }
    let result = try ConformanceTests.validate([oregon, connect], schemas: nil)
    let prefixes = result.warnings.filter { $0.code == .conformancePrefix }
    #expect(prefixes.count == 2)
    #expect(prefixes.contains { $0.message.contains("v2") })
    #expect(prefixes.contains { $0.message.contains("'ns3'") })
  }

  @Test func missingSchemaFolderIsAWarningNotACrash() throws {
    let paths = try writeFiles([syntheticRun()], as: .gpx).paths
    let result = try ConformanceTests.validate(paths, schemas: "/nonexistent/xsd")
    #expect(result.warnings.map(\.code) == [.xmlSchemaUnavailable])
    #expect(result.errors.isEmpty)
  }

  @Test func valuesAreScrubbedFromSchemaMessages() {
    let message = "Element 'Value': [facet 'minInclusive'] The value '0' is less than the minimum value allowed ('1')."
    #expect(
      ConformanceCheck.scrub(message)
        == "Element 'Value': [facet 'minInclusive'] The value '…' is less than the minimum value allowed ('…').")
  }
}

@Suite struct ConformanceSyntaxTests {
  @Test func malformedFileWithSchemaAttachedStillNamesLibxml2sReason() throws {
    guard xsdDirectory != nil else { return }
    let result = try ConformanceTests.validate([fixturePath("xml/malformed.gpx")])
    let error = try #require(result.errors.first)
    #expect(error.code == .xmlSyntax)
    #expect(error.location?.line == 6)
    #expect(error.message.contains("tag mismatch"))
  }
}
