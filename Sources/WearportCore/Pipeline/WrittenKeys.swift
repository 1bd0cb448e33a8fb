/// The natural keys of the records written so far in a run, for merging duplicates, in memory that stays small for
/// millions of samples.
///
/// Samples (heart rate, metrics at an instant) have no revision and are the bulk of a run, so they are kept as sets of
/// times per series (provider, user, metric): a day's whole seconds as a short list that becomes a 10.8 KB bitmap
/// once it grows past a few hundred (a year of 5-second heart rate takes about 4 MB, where a hash table of the keys
/// takes over 200 MB). Other records keep a 64-bit hash of their key with the revision written
/// (``Record/modifiedAt``), for newer-wins merging.
struct WrittenKeys {
  /// What was known of a key before ``insert(_:revision:)``.
  enum Previous: Equatable {
    case none
    /// Written before with this revision (`Int64.min` when it had none).
    case written(revision: Int64)
  }

  private var revisions: [UInt64: Int64] = [:]
  private var seriesIndex: [SeriesIdentity: Int] = [:]
  private var seriesTimes: [TimeSet] = []
  /// The series of the last sample: runs of samples of one series skip the hash lookup.
  private var lastSeries: (identity: SeriesIdentity, index: Int)?

  /// Notes the key of `record` as written with `revision`; returns what was there before. A known key keeps its
  /// recorded revision unless `revision` is newer.
  mutating func insert(_ record: Record, revision: Int64) -> Previous {
    // A sample of the last series (the usual case) is compared field by field: building its identity would copy
    // its strings.
    if let lastSeries, let milliseconds = lastSeries.identity.time(of: record) {
      return seriesTimes[lastSeries.index].insert(milliseconds) ? .none : .written(revision: Int64.min)
    }
    if let (identity, milliseconds) = SeriesIdentity.of(record) {
      let index: Int
      if let known = seriesIndex[identity] {
        index = known
      } else {
        index = seriesTimes.count
        seriesTimes.append(TimeSet())
        seriesIndex[identity] = index
      }
      lastSeries = (identity, index)
      return seriesTimes[index].insert(milliseconds) ? .none : .written(revision: Int64.min)
    }
    let key = WrittenKeys.hash(record.naturalKey)
    if let written = revisions[key] {
      if revision > written { revisions[key] = revision }
      return .written(revision: written)
    }
    revisions[key] = revision
    return .none
  }

  /// FNV-1a, 64 bits: stable across runs and platforms (Swift's `Hasher` is seeded per process).
  static func hash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}

/// The series a sample record belongs to: its key without the time.
private struct SeriesIdentity: Hashable {
  var kind: RecordKind
  var provider: Provider
  var userID: String?
  var metric: String

  /// The time (ms) of `record` when it is a sample of this series; nil otherwise.
  func time(of record: Record) -> Int64? {
    switch record {
    case .heartRate(let sample):
      guard kind == .heartRate, sample.provider == provider, sample.userID == userID else { return nil }
      return sample.time.instant.millisecondsSinceEpoch
    case .metricSample(let sample):
      guard kind == .metricSample, case .instant(let time) = sample.time, sample.metric == metric,
        sample.provider == provider, sample.userID == userID
      else { return nil }
      return time.instant.millisecondsSinceEpoch
    default:
      return nil
    }
  }

  /// The series and time (ms) of a sample record without a revision; nil for every other record.
  static func of(_ record: Record) -> (SeriesIdentity, Int64)? {
    switch record {
    case .heartRate(let sample):
      return (
        SeriesIdentity(kind: .heartRate, provider: sample.provider, userID: sample.userID, metric: ""),
        sample.time.instant.millisecondsSinceEpoch
      )
    case .metricSample(let sample):
      guard case .instant(let time) = sample.time else { return nil }
      return (
        SeriesIdentity(kind: .metricSample, provider: sample.provider, userID: sample.userID, metric: sample.metric),
        time.instant.millisecondsSinceEpoch
      )
    default:
      return nil
    }
  }
}

/// A set of instants (milliseconds): whole seconds by day, as a short list or a bitmap; others in a plain set.
///
/// The day being filled is kept apart from the dictionary, so that a run of samples of one day (the usual order)
/// updates it in place.
struct TimeSet {
  private enum Day {
    case few([Int32])
    case bitmap([UInt64])
  }
  private static let secondsPerDay: Int64 = 86_400
  private static let words = Int(secondsPerDay + 63) / 64
  /// A day's list becomes a bitmap (1,350 words) past this many seconds: a bitmap is then the smaller of the two.
  private static let listLimit = 256
  private var days: [Int64: Day] = [:]
  private var fractional: Set<Int64> = []
  private var currentDay = Int64.min
  /// The current day's seconds: a list while `currentBits` is empty, the bitmap after.
  private var currentList: [Int32] = []
  private var currentBits: [UInt64] = []

  /// Adds `milliseconds`; false when it was there already.
  mutating func insert(_ milliseconds: Int64) -> Bool {
    let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
    guard remainder == 0 else { return fractional.insert(milliseconds).inserted }
    var day = seconds / TimeSet.secondsPerDay
    var second = seconds % TimeSet.secondsPerDay
    if second < 0 {
      second += TimeSet.secondsPerDay
      day -= 1
    }
    if day != currentDay { switchDay(to: day) }
    let word = Int(second) >> 6
    let bit: UInt64 = 1 << UInt64(second & 63)
    if !currentBits.isEmpty {
      if currentBits[word] & bit != 0 { return false }
      currentBits[word] |= bit
      return true
    }
    if currentList.contains(Int32(second)) { return false }
    if currentList.count < TimeSet.listLimit {
      currentList.append(Int32(second))
      return true
    }
    currentBits = [UInt64](repeating: 0, count: TimeSet.words)
    for value in currentList { currentBits[Int(value) >> 6] |= 1 << UInt64(value & 63) }
    currentBits[word] |= bit
    currentList = []
    return true
  }

  /// Puts the current day back in the dictionary and takes out `day`.
  private mutating func switchDay(to day: Int64) {
    if currentDay != Int64.min {
      days[currentDay] = currentBits.isEmpty ? .few(currentList) : .bitmap(currentBits)
    }
    currentDay = day
    switch days.removeValue(forKey: day) {
    case .few(let list)?:
      currentList = list
      currentBits = []
    case .bitmap(let bits)?:
      currentList = []
      currentBits = bits
    case nil:
      currentList = []
      currentBits = []
    }
  }
}
