import Testing
import WearportCore
import WearportTestSupport

@testable import CSVExport

/// The rows of the two bulk tables written straight from the record are the catalog's rows, byte for byte.
struct SampleRowsTests {
  static let locations = [
    SourceLocation(path: "/data/heart_rate-2026-03-01.json", jsonPointer: "/0"),
    SourceLocation(path: "/data/heart_rate-2026-03-01.json", jsonPointer: "/123456"),
    SourceLocation(path: "export.zip", member: "user/heart_rate-2026-03-01.json", jsonPointer: "/7"),
    SourceLocation(path: "in, \"odd\"\nname.json", jsonPointer: "/0"),
    SourceLocation(path: "export.zip", member: "a,b.json", jsonPointer: "/1"),
    SourceLocation(path: "plain.json", jsonPointer: "/key,with\"quote/3"),
    SourceLocation(path: "captures.jsonl", line: 12),
    SourceLocation(path: "captures.jsonl", member: "x", jsonPointer: "/v", line: 3),
    SourceLocation(path: "plain.json", jsonPointer: ""),
    SourceLocation(path: "plain.json"),
  ]

  static func timestamp(_ random: inout SplitMix) -> Timestamp {
    let milliseconds =
      Int64.random(in: 1_400_000_000...1_800_000_000, using: &random) * 1000
      + (Bool.random(using: &random) ? 0 : Int64.random(in: 1...999, using: &random))
    let offset = [0, 3600, -25_200, 32_400, 19_800, -3_723][Int.random(in: 0...5, using: &random)]
    let source = OffsetSource.allCases[Int.random(in: 0..<OffsetSource.allCases.count, using: &random)]
    return Timestamp(
      instant: Instant(millisecondsSinceEpoch: milliseconds), utcOffsetSeconds: offset, offsetSource: source)
  }

  static func provenance(_ random: inout SplitMix) -> Provenance {
    Provenance(
      provider: .fitbit, format: "fitbit.export.heart-rate",
      location: locations[Int.random(in: 0..<locations.count, using: &random)])
  }

  @Test func heartRateRowsAreTheCatalogsRows() {
    #expect(CSVRows.hasColumns(Catalog.heartRate.shape, CSVRows.heartRateColumns))
    var random = SplitMix(seed: 3)
    var direct = CSVRows(columns: Catalog.heartRate.columns.count)
    var generic = CSVRows(columns: Catalog.heartRate.columns.count)
    for _ in 0..<5000 {
      let users: [String?] = [nil, "ABC123", "a,b", ""]
      let providers: [Provider] = [.fitbit, .polar, "odd,\"provider\""]
      let rates = [72, 61.5, 0, -3, 250.25, .nan, .infinity, 1e16]
      var sample = HeartRateSample(
        provider: providers[Int.random(in: 0..<providers.count, using: &random)],
        userID: users[Int.random(in: 0..<users.count, using: &random)], time: Self.timestamp(&random),
        heartRateBPM: rates[Int.random(in: 0..<rates.count, using: &random)], provenance: Self.provenance(&random))
      sample.confidence = Bool.random(using: &random) ? nil : Int.random(in: -1...3, using: &random)
      direct.appendHeartRate(sample)
      Catalog.heartRate.columns.withUnsafeBufferPointer { generic.append(sample, $0) }
    }
    #expect(String(decoding: direct.buffer, as: UTF8.self) == String(decoding: generic.buffer, as: UTF8.self))
    #expect(direct.sawWhole == generic.sawWhole && direct.sawFraction == generic.sawFraction)
    #expect(direct.count == 5000 && generic.count == 5000)
  }

  @Test func metricRowsAreTheCatalogsRows() {
    #expect(CSVRows.hasColumns(Catalog.metricSamples.shape, CSVRows.metricColumns))
    var random = SplitMix(seed: 5)
    var direct = CSVRows(columns: Catalog.metricSamples.columns.count)
    var generic = CSVRows(columns: Catalog.metricSamples.columns.count)
    for _ in 0..<5000 {
      let time: MetricTime =
        Bool.random(using: &random)
        ? .instant(Self.timestamp(&random))
        : .day(LocalDate(daysSinceEpoch: Int64.random(in: -800_000...3_000_000, using: &random)))
      let metrics = ["steps", "distance", "heart_rate_zone_fat_burn", "odd, \"metric\""]
      let units = ["count", "m", "kcal", "a\nb"]
      var sample = MetricSample(
        provider: .fitbit, userID: Bool.random(using: &random) ? nil : "U,1",
        metric: metrics[Int.random(in: 0..<metrics.count, using: &random)], time: time,
        value: [0, 12, 0.3048, -1.5, .nan][Int.random(in: 0...4, using: &random)],
        unit: units[Int.random(in: 0..<units.count, using: &random)], provenance: Self.provenance(&random))
      sample.provenance.providerID = Bool.random(using: &random) ? nil : "42"
      direct.appendMetric(sample)
      Catalog.metricSamples.columns.withUnsafeBufferPointer { generic.append(sample, $0) }
    }
    #expect(String(decoding: direct.buffer, as: UTF8.self) == String(decoding: generic.buffer, as: UTF8.self))
    #expect(direct.sawWhole == generic.sawWhole && direct.sawFraction == generic.sawFraction)
  }

  @Test func anotherShapeIsNotWrittenDirectly() {
    let shape = Catalog.heartRate.shape
    #expect(!CSVRows.hasColumns(shape, Array(CSVRows.heartRateColumns.dropLast())))
    #expect(!CSVRows.hasColumns(shape, CSVRows.metricColumns))
    var swapped = CSVRows.heartRateColumns
    swapped.swapAt(2, 3)
    #expect(!CSVRows.hasColumns(shape, swapped))
  }
}
