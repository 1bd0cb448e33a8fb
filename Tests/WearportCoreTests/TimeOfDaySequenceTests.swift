import Testing

@testable import WearportCore

struct TimeOfDaySequenceTests {
  private func run(_ keys: [String], anchor: String) throws -> [String] {
    var sequence = TimeOfDaySequence(anchor: try LocalDate.parse(anchor))
    return try keys.map { sequence.next(try DateTimeParser.parseTimeOfDay($0)).description }
  }

  @Test func hypnogramCrossingMidnight() throws {
    let result = try run(["23:33", "23:34", "23:58", "23:59", "00:01"], anchor: "2025-09-30")
    #expect(
      result == [
        "2025-09-30T23:33:00", "2025-09-30T23:34:00", "2025-09-30T23:58:00", "2025-09-30T23:59:00",
        "2025-10-01T00:01:00",
      ])
  }

  @Test func equalKeysStayOnTheSameDay() throws {
    let result = try run(["06:00", "06:00", "06:01"], anchor: "2026-02-27")
    #expect(result == ["2026-02-27T06:00:00", "2026-02-27T06:00:00", "2026-02-27T06:01:00"])
  }

  @Test func rollsOverEveryMidnightAndAcrossYears() throws {
    let result = try run(["22:00", "02:00", "23:00", "01:00", "00:30"], anchor: "2025-12-30")
    #expect(
      result == [
        "2025-12-30T22:00:00", "2025-12-31T02:00:00", "2025-12-31T23:00:00", "2026-01-01T01:00:00",
        "2026-01-02T00:30:00",
      ])
  }

  @Test func firstKeyAfterMidnightStaysOnTheAnchor() throws {
    #expect(try run(["00:01", "00:02"], anchor: "2024-02-28") == ["2024-02-28T00:01:00", "2024-02-28T00:02:00"])
  }
}
