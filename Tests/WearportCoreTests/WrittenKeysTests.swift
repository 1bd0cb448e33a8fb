import Testing

@testable import WearportCore

@Suite struct WrittenKeysTests {
  private func heartRate(_ milliseconds: Int64, user: String? = "u", provider: Provider = .fitbit) -> Record {
    let time = Timestamp(
      instant: Instant(millisecondsSinceEpoch: milliseconds), utcOffsetSeconds: 0, offsetSource: .utc)
    return .heartRate(
      HeartRateSample(
        provider: provider, userID: user, time: time, heartRateBPM: 60,
        provenance: Provenance(provider: provider, format: "test", location: SourceLocation(path: "t.json"))))
  }

  private func metric(_ name: String, _ milliseconds: Int64) -> Record {
    let time = Timestamp(
      instant: Instant(millisecondsSinceEpoch: milliseconds), utcOffsetSeconds: 0, offsetSource: .utc)
    return .metricSample(
      MetricSample(
        provider: .fitbit, userID: "u", metric: name, time: .instant(time), value: 1, unit: "count",
        provenance: Provenance(provider: .fitbit, format: "test", location: SourceLocation(path: "t.json"))))
  }

  @Test func samplesAreDuplicatesOnlyWithTheSameSeriesAndTime() {
    var keys = WrittenKeys()
    #expect(keys.insert(heartRate(1_700_000_000_000), revision: .min) == .none)
    #expect(keys.insert(heartRate(1_700_000_000_000), revision: .min) == .written(revision: .min))
    // Another user, provider, metric or millisecond is another key.
    #expect(keys.insert(heartRate(1_700_000_000_000, user: "v"), revision: .min) == .none)
    #expect(keys.insert(heartRate(1_700_000_000_000, user: nil), revision: .min) == .none)
    #expect(keys.insert(heartRate(1_700_000_000_000, provider: .polar), revision: .min) == .none)
    #expect(keys.insert(heartRate(1_700_000_000_001), revision: .min) == .none)
    #expect(keys.insert(heartRate(1_700_000_000_001), revision: .min) == .written(revision: .min))
    #expect(keys.insert(metric("steps", 1_700_000_000_000), revision: .min) == .none)
    #expect(keys.insert(metric("calories", 1_700_000_000_000), revision: .min) == .none)
    #expect(keys.insert(metric("steps", 1_700_000_000_000), revision: .min) == .written(revision: .min))
  }

  /// Samples of the last series are compared with it field by field (the usual run of one series); alternating
  /// series, the same time in another kind, and a daily metric after an instant one are still told apart.
  @Test func theLastSeriesShortcutTellsSeriesApart() {
    var keys = WrittenKeys()
    let time: Int64 = 1_700_000_000_000
    #expect(keys.insert(heartRate(time, user: ""), revision: .min) == .none)
    #expect(keys.insert(heartRate(time, user: nil), revision: .min) == .none)  // no user is not the empty user
    #expect(keys.insert(heartRate(time, user: ""), revision: .min) == .written(revision: .min))
    #expect(keys.insert(metric("steps", time), revision: .min) == .none)  // same time, another kind
    #expect(keys.insert(metric("steps", time + 1000), revision: .min) == .none)
    #expect(keys.insert(heartRate(time + 1000, user: ""), revision: .min) == .none)
    #expect(keys.insert(metric("steps", time + 1000), revision: .min) == .written(revision: .min))
    #expect(keys.insert(heartRate(time + 1000, user: nil), revision: .min) == .none)
    #expect(keys.insert(heartRate(time + 1000, user: nil), revision: .min) == .written(revision: .min))
    let day = Record.metricSample(
      MetricSample(
        provider: .fitbit, userID: "u", metric: "steps", time: .day(LocalDate(year: 2023, month: 11, day: 14)!),
        value: 1, unit: "count",
        provenance: Provenance(provider: .fitbit, format: "test", location: SourceLocation(path: "t.json"))))
    #expect(keys.insert(day, revision: 5) == .none)  // a daily value keeps a revision, not a time
    #expect(keys.insert(day, revision: 7) == .written(revision: 5))
    #expect(keys.insert(metric("steps", time), revision: .min) == .written(revision: .min))
  }

  /// A day of 5-second samples passes the list limit (the bitmap takes over); coming back to an earlier day, and
  /// to times before 1970, still finds every key written.
  @Test func everyTimeOfSeveralDaysIsRemembered() {
    var keys = WrittenKeys()
    let day: Int64 = 86_400_000
    let starts: [Int64] = [1_700_006_400_000, 1_700_006_400_000 + day, -3 * day + 1000]
    for start in starts {
      for step in 0..<17_280 {
        #expect(keys.insert(heartRate(start + Int64(step) * 5000), revision: .min) == .none)
      }
    }
    for start in starts.reversed() {
      for step in stride(from: 0, to: 17_280, by: 97) {
        #expect(keys.insert(heartRate(start + Int64(step) * 5000), revision: .min) == .written(revision: .min))
      }
      #expect(keys.insert(heartRate(start + 2500), revision: .min) == .none)
    }
  }

  /// Records other than samples keep their revision: a newer one is reported against the one written before.
  @Test func otherRecordsKeepTheirRevision() {
    var keys = WrittenKeys()
    let time = Timestamp(instant: Instant(millisecondsSinceEpoch: 0), utcOffsetSeconds: 0, offsetSource: .utc)
    let exercise = Record.exercise(
      Exercise(
        provider: .polar, providerID: "x1", sport: .running, start: time,
        provenance: Provenance(provider: .polar, format: "test", location: SourceLocation(path: "e.json"))))
    #expect(keys.insert(exercise, revision: 10) == .none)
    #expect(keys.insert(exercise, revision: 20) == .written(revision: 10))
    #expect(keys.insert(exercise, revision: 5) == .written(revision: 20))
  }

  @Test func channelOrdinalsFollowTheDeclarationOrder() {
    for (index, channel) in SampleChannel.allCases.enumerated() { #expect(channel.ordinal == index) }
    for (index, kind) in RecordKind.allCases.enumerated() { #expect(kind.ordinal == index) }
  }
}
