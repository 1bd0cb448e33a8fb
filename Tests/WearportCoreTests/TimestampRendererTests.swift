import Testing

@testable import WearportCore

struct TimestampRendererTests {
  struct UTCCase: Sendable, CustomTestStringConvertible {
    var milliseconds: Int64
    var utc: String
    var utcMilliseconds: String
    var testDescription: String { utc }
  }

  @Test(arguments: [
    UTCCase(milliseconds: 0, utc: "1970-01-01T00:00:00Z", utcMilliseconds: "1970-01-01T00:00:00.000Z"),
    UTCCase(
      milliseconds: 1_772_120_559_000, utc: "2026-02-26T15:42:39Z", utcMilliseconds: "2026-02-26T15:42:39.000Z"),
    UTCCase(
      milliseconds: 1_772_120_559_500, utc: "2026-02-26T15:42:39.500Z", utcMilliseconds: "2026-02-26T15:42:39.500Z"),
    UTCCase(
      milliseconds: 1_772_120_559_007, utc: "2026-02-26T15:42:39.007Z", utcMilliseconds: "2026-02-26T15:42:39.007Z"),
    UTCCase(milliseconds: -1, utc: "1969-12-31T23:59:59.999Z", utcMilliseconds: "1969-12-31T23:59:59.999Z"),
    UTCCase(milliseconds: -2_208_988_800_000, utc: "1900-01-01T00:00:00Z", utcMilliseconds: "1900-01-01T00:00:00.000Z"),
    UTCCase(
      milliseconds: 7_289_654_399_999, utc: "2200-12-31T23:59:59.999Z", utcMilliseconds: "2200-12-31T23:59:59.999Z"),
    UTCCase(
      milliseconds: 253_402_300_800_000, utc: "+10000-01-01T00:00:00Z", utcMilliseconds: "+10000-01-01T00:00:00.000Z"),
  ])
  func rendersUTC(_ value: UTCCase) {
    let instant = Instant(millisecondsSinceEpoch: value.milliseconds)
    #expect(TimestampRenderer.utc(instant) == value.utc)
    #expect(TimestampRenderer.utcMilliseconds(instant) == value.utcMilliseconds)
  }

  struct LocalCase: Sendable, CustomTestStringConvertible {
    var milliseconds: Int64
    var offset: Int
    var rendered: String
    var testDescription: String { rendered }
  }

  @Test(arguments: [
    LocalCase(milliseconds: 1_772_120_559_000, offset: 32400, rendered: "2026-02-27T00:42:39+09:00"),
    LocalCase(milliseconds: 1_504_317_291_000, offset: -25200, rendered: "2017-09-01T18:54:51-07:00"),
    LocalCase(milliseconds: 1_526_394_144_000, offset: 0, rendered: "2018-05-15T14:22:24+00:00"),
    LocalCase(milliseconds: 1_772_120_559_500, offset: -12600, rendered: "2026-02-26T12:12:39.500-03:30"),
    LocalCase(milliseconds: 1_772_120_559_000, offset: 20700, rendered: "2026-02-26T21:27:39+05:45"),
    LocalCase(milliseconds: 0, offset: -1, rendered: "1969-12-31T23:59:59-00:00:01"),
  ])
  func rendersLocal(_ value: LocalCase) {
    for source in OffsetSource.allCases {
      let timestamp = Timestamp(
        instant: Instant(millisecondsSinceEpoch: value.milliseconds), utcOffsetSeconds: value.offset,
        offsetSource: source)
      #expect(TimestampRenderer.local(timestamp) == value.rendered)
      #expect(timestamp.description == value.rendered)
    }
  }

  @Test(arguments: [
    (32400, "+09:00"), (-12600, "-03:30"), (0, "+00:00"), (19800, "+05:30"), (-25200, "-07:00"), (50400, "+14:00"),
    (-43200, "-12:00"), (3208, "+00:53:28"), (-17762, "-04:56:02"),
  ])
  func rendersOffsets(_ seconds: Int, _ expected: String) {
    #expect(TimestampRenderer.offset(seconds: seconds) == expected)
  }

  @Test func timestampArithmeticKeepsOffsetAndSource() {
    let start = Timestamp(
      instant: Instant(millisecondsSinceEpoch: 1_772_120_559_000), utcOffsetSeconds: 32400, offsetSource: .sourceField)
    let later = start.adding(milliseconds: 1500)
    #expect(later.utcOffsetSeconds == 32400 && later.offsetSource == .sourceField)
    #expect(TimestampRenderer.local(later) == "2026-02-27T00:42:40.500+09:00")
    #expect(later.local.description == "2026-02-27T00:42:40.500")
  }

  @Test func descriptionsMatchTheRenderer() {
    let value = LocalDateTime(millisecondsSinceEpochAsUTC: 1_772_153_359_000)
    #expect(value.description == "2026-02-27T00:49:19")
    #expect(value.date.description == "2026-02-27")
  }
}
