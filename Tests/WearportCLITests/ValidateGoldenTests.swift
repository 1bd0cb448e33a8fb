import Foundation
import Testing
import WearportTestSupport

/// Issue 8: each invalid fixture yields exactly its expected findings. The expected `wearport validate` output of
/// each is a golden file under `Fixtures/golden/validate/` (reviewed by hand once; re-record with
/// `WEARPORT_RECORD_GOLDEN=1`, which fails on purpose).
@Suite(.serialized) struct ValidateGoldenTests {
  static let invalid = [
    "Fixtures/bad/empty.json",
    "Fixtures/bad/polar-duration-number.json",
    "Fixtures/bad/polar-invalid-date.json",
    "Fixtures/bad/polar-missing-comma.json",
    "Fixtures/fitbit/bad/activity-log-list-bad-start.json",
    "Fixtures/fitbit/bad/daily-summary-without-date.json",
    "Fixtures/fitbit/bad/export/heart_rate-2024-02-01.json",
    "Fixtures/xml/billion-laughs.tcx",
    // Read leniently by convert, but they break the rules consumers apply (BOM, namespace, times without Z).
    "Fixtures/xml/extensions-anywhere.gpx",
    "Fixtures/xml/lenient-bom-whitespace.tcx",
    "Fixtures/xml/malformed.gpx",
    "Fixtures/xml/parameter-entity.gpx",
    "Fixtures/xml/xxe.gpx",
  ]

  @Test(arguments: invalid)
  func findingsMatchTheirGolden(_ path: String) throws {
    let result = try CLI.run(["validate", path])
    #expect(result.status == 65, "an invalid fixture must fail validation: \(result.stdout)")
    let name = "validate/" + path.dropFirst("Fixtures/".count).replacingOccurrences(of: "/", with: "__") + ".txt"
    if let difference = compareWithGolden(result.stdout, name) { Issue.record("\(difference)") }
  }

  /// `Fixtures/validate/` holds documents that read well but contradict themselves (consistency and date checks):
  /// warnings, so they pass unless `--strict`. Every file there must have its golden.
  static let inconsistent = files(under: fixturePath("validate")).map {
    "Fixtures/validate/" + ($0 as NSString).lastPathComponent
  }

  @Test(arguments: inconsistent)
  func inconsistentFixturesYieldTheirWarnings(_ path: String) throws {
    let result = try CLI.run(["validate", path, "--timezone", "Europe/Berlin"])
    #expect(result.status == 0, "warnings only: \(result.stdout)")
    #expect(result.stdout.contains("warning:"))
    let name = "validate/" + path.dropFirst("Fixtures/".count).replacingOccurrences(of: "/", with: "__") + ".txt"
    if let difference = compareWithGolden(result.stdout, name) { Issue.record("\(difference)") }
    #expect(try CLI.run(["validate", path, "--timezone", "Europe/Berlin", "--strict"]).status == 65)
  }
}
