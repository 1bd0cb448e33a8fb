import Testing
import WearportCore
import WearportTestSupport

@testable import FitbitFormats

/// Bad records are rejected one at a time with a located diagnostic; the rest is still converted.
@Suite struct BadInputTests {
  @Test func badStartTimeRejectsOnlyThatLog() throws {
    let result = try read([fitbitFixture("bad/activity-log-list-bad-start.json")], with: fitbitReaders)
    #expect(result.exercises.map(\.providerID) == ["48000000102"])
    #expect(result.exercises.first?.distanceMeters == 1100)
    let counts = try #require(result.summary.counts[.exercise])
    #expect(counts.read == 2 && counts.written == 1 && counts.rejected == 1)
    let error = try #require(result.errors.first)
    #expect(error.code == .timeInvalidDateTime)
    #expect(error.location?.jsonPointer == "/activities/0/startTime")
    #expect(error.location?.line == 9)
    #expect(result.balanced)
  }

  @Test func dailySummaryWithoutADateIsRefusedWithAReason() throws {
    let result = try read([fitbitFixture("bad/daily-summary-without-date.json")], with: fitbitReaders)
    #expect(result.records.isEmpty)
    let error = try #require(result.errors.first)
    #expect(error.code == .fitbitRecordInvalid)
    #expect(error.message.contains("yyyy-MM-dd"))
    #expect(error.location?.jsonPointer == "/summary")
    #expect(result.summary.documents.first?.status == .failed)
  }

  @Test func exportHeartRateRowsAreRejectedOneByOne() throws {
    let result = try read([fitbitFixture("bad/export/heart_rate-2024-02-01.json")], with: fitbitReaders)
    #expect(result.heartRates.count == 1)
    #expect(result.heartRates.first?.time.instant == utc("2024-01-31T14:00:05Z"))
    let counts = try #require(result.summary.counts[.heartRate])
    #expect(counts.read == 3 && counts.written == 1 && counts.rejected == 2)
    #expect(result.errors.map(\.location?.jsonPointer) == ["/1/dateTime", "/2/value/bpm"])
    #expect(result.errors.map(\.code) == [.timeInvalidDateTime, .jsonTypeMismatch])
    // Health values stay out of messages.
    #expect(!result.errors[1].message.contains("fast"))
  }
}
