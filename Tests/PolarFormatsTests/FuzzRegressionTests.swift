import PolarFormats
import Testing
import WearportCore
import WearportTestSupport

/// Inputs the fuzzer (scripts/fuzz json) found, kept as fixtures under `Fixtures/bad/fuzz/`.
@Suite struct FuzzRegressionTests {
  /// A steps timestamp 1,013 years early and a 1 ms interval: the run-length filtered repeats between samples were
  /// filled in one by one (hundreds of millions of records, a hang). Gaps of more than a day are now reported.
  @Test func stepsGapsAreNotFilledBeyondADay() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try read([fixturePath("bad/fuzz/polar-activity-steps-gap.json")], with: polarReaders)
    #expect(clock.now - start < .seconds(5))
    let gaps = result.warnings.filter { $0.code == "polar.steps.gap-not-filled" }
    #expect(gaps.first?.location?.jsonPointer == "/0/samples/steps/samples/1")
    // Day one: both samples, nothing between them. Day two: 08:00 and 20:00 with nothing between (12 hours at
    // 1 ms), then the two 1 ms repeats of 20 before 20:00:00.003.
    #expect(result.metric("steps").map(\.value) == [12, 40, 10, 20, 20, 20, 30])
    #expect(result.days.map(\.steps) == [52, 30])
  }

  /// A hypnogram stage code of 1.8e20 trapped converting it to an integer (a crash). Codes that are not integers in
  /// range are now unknown stages with a warning, and the sleep is still read.
  @Test func hypnogramCodesOutOfRangeAreUnknownStages() throws {
    let result = try read([fixturePath("bad/fuzz/polar-sleep-huge-stage-code.json")], with: polarReaders)
    let sleep = try #require(result.sleeps.first)
    #expect(sleep.stages.contains { $0.stage == .unknown && $0.rawStage.hasPrefix("1.84467440737") })
    #expect(result.warnings.contains { $0.code == "polar.sleep.unknown-stage" })
  }
}
