import Testing

@testable import WearportCore

@Suite struct UnitsTests {
  @Test func exactConstants() {
    #expect(Units.metersPerMile == 1609.344)
    #expect(Units.metersPerFoot == 0.3048)
    #expect(Units.centimetersPerInch == 2.54)
    #expect(Units.kilogramsPerPound == 0.45359237)
    #expect(Units.kilogramsPerStone == 6.35029318)
    #expect(Units.millilitersPerUSFluidOunce == 29.5735295625)
    // A stone is exactly 14 pounds.
    #expect(abs(Units.kilogramsPerStone - 14 * Units.kilogramsPerPound) < 1e-12)
  }

  @Test func conversionsToTheMillimetre() {
    // The Fitbit daily example: 0.75363626392912 mi = 1212.860 m to the millimetre (1212.8599995…).
    #expect(abs(Units.meters(miles: 0.75363626392912) - 1212.860) < 0.0005)
    // 5.2 mi = 8368.5888 m exactly.
    #expect(abs(Units.meters(miles: 5.2) - 8368.5888) < 1e-9)
    #expect(Units.meters(feet: 10) == 3.048)
    #expect(Units.meters(centimeters: 73.5) == 0.735)
    #expect(Units.meters(millimeters: 1770) == 1.77)
    #expect(abs(Units.metersPerSecond(kilometersPerHour: 36) - 10) < 1e-12)
    #expect(abs(Units.kilograms(pounds: 191.8) - 86.999016566) < 1e-9)
    #expect(abs(Units.milliliters(usFluidOunces: 8) - 236.5882365) < 1e-9)
  }

  @Test func unitSystems() {
    #expect(UnitSystem.us.metersPerDistanceUnit == 1609.344)
    #expect(UnitSystem.metric.metersPerDistanceUnit == 1000)
    #expect(UnitSystem.uk.kilogramsPerWeightUnit == 6.35029318)
    #expect(UnitSystem.us.metersPerElevationUnit == 0.3048)
    #expect(UnitChoice.auto.fixed == nil)
    #expect(UnitChoice.uk.fixed == .uk)
  }

  @Test func plausibilityTableIsSportAware() {
    #expect(Plausibility.range(for: "speed_mps", sport: .running)?.upper == 12.5)
    #expect(Plausibility.range(for: "speed_mps", sport: .cycling)?.upper == 40)
    #expect(Plausibility.range(for: "heart_rate_bpm")?.contains(900) == false)
    #expect(Plausibility.range(for: "heart_rate_bpm")?.contains(60) == true)
    #expect(Plausibility.range(for: "nope") == nil)
  }
}
