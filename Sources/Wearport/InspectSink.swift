import WearportCore

/// A sink that writes nothing and remembers what it saw: counts by kind and format, and the time span.
public final class InspectSink: RecordSink {
  public struct Entry: Hashable, Sendable {
    public var format: String
    public var kind: RecordKind
  }
  public private(set) var counts: [Entry: Int] = [:]
  public private(set) var earliest: Instant?
  public private(set) var latest: Instant?
  public private(set) var earliestDate: LocalDate?
  public private(set) var latestDate: LocalDate?
  public private(set) var sampleCount = 0

  public init() {}

  public func write(_ record: Record) throws {
    counts[Entry(format: record.provenance.format, kind: record.kind), default: 0] += 1
    switch record {
    case .exercise(let exercise):
      see(exercise.start.instant)
      if let duration = exercise.durationSeconds { see(exercise.start.instant.adding(seconds: duration)) }
      sampleCount += exercise.samples.count
    case .dailyActivity(let day): see(day.date)
    case .sleepSession(let sleep):
      see(sleep.start.instant)
      see(sleep.end.instant)
    case .heartRate(let sample): see(sample.time.instant)
    case .metricSample(let sample):
      switch sample.time {
      case .instant(let time): see(time.instant)
      case .day(let date): see(date)
      }
    case .bodyMeasurement(let body): see(body.time.instant)
    case .notification(let note):
      if let sent = note.sentAt ?? note.receivedAt { see(sent) }
      if let date = note.date { see(date) }
    }
  }

  private func see(_ instant: Instant) {
    earliest = min(earliest ?? instant, instant)
    latest = max(latest ?? instant, instant)
  }

  private func see(_ date: LocalDate) {
    earliestDate = min(earliestDate ?? date, date)
    latestDate = max(latestDate ?? date, date)
  }

  public func finish() throws -> [String] { [] }
  public func abort() {}
}
