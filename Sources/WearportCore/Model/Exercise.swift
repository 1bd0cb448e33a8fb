/// One training session: summary, laps, samples, route and heart-rate zones.
public struct Exercise: Hashable, Sendable {
  public var provider: Provider
  /// The provider's id of the exercise (`hX7k2Qp`, a Fitbit `logId`).
  public var providerID: String
  public var userID: String?
  public var sport: Sport
  /// The provider's own sport name, kept as given (`MOBILITY_DYNAMIC`).
  public var sportDetail: String?
  public var start: Timestamp
  public var durationSeconds: Double?
  public var distanceMeters: Double?
  public var energyKilocalories: Double?
  public var averageHeartRateBPM: Double?
  public var maximumHeartRateBPM: Double?
  public var device: String?
  /// Where the provider serves the full recording (Fitbit `tcxLink`), kept to join a later download with this record.
  public var detailURL: String?
  /// Set when this exercise is one half of a summary/detail pair the pipeline joins (``ExerciseJoin``).
  public var join: ExerciseJoin?
  /// When the provider last changed the record (Polar `upload_time`, Fitbit `lastModified`): newer data wins.
  public var modifiedAt: Instant?
  public var laps: [Lap] = []
  public var samples = SampleSeries()
  public var route: [RoutePoint] = []
  public var heartRateZones: [HeartRateZone] = []
  /// Beat-to-beat intervals in milliseconds, kept apart from the 1 Hz streams; nil entries are sensor gaps.
  public var rrIntervalsMilliseconds: [Double?] = []
  public var provenance: Provenance

  public init(
    provider: Provider, providerID: String, sport: Sport, start: Timestamp, provenance: Provenance
  ) {
    self.provider = provider
    self.providerID = providerID
    self.sport = sport
    self.start = start
    self.provenance = provenance
  }

  /// The provider-scoped id used in every output: `polar:hX7k2Qp`.
  public var exerciseID: String { "\(provider.rawValue):\(providerID)" }
}

/// A lap (or the whole exercise when a source has no laps).
public struct Lap: Hashable, Sendable {
  public var start: Timestamp
  public var durationSeconds: Double
  public var distanceMeters: Double?
  public var energyKilocalories: Double?
  public var averageHeartRateBPM: Double?
  public var maximumHeartRateBPM: Double?
  public var maximumSpeedMetersPerSecond: Double?
  public init(start: Timestamp, durationSeconds: Double) {
    self.start = start
    self.durationSeconds = durationSeconds
  }
}

/// A time spent between two heart rates.
public struct HeartRateZone: Hashable, Sendable {
  /// 0-based, as Polar gives it.
  public var index: Int
  public var lowerBPM: Double?
  public var upperBPM: Double?
  public var timeInZoneSeconds: Double?
  public init(index: Int, lowerBPM: Double?, upperBPM: Double?, timeInZoneSeconds: Double?) {
    self.index = index
    self.lowerBPM = lowerBPM
    self.upperBPM = upperBPM
    self.timeInZoneSeconds = timeInZoneSeconds
  }
}

/// A GPS fix at an offset from the exercise start.
public struct RoutePoint: Hashable, Sendable {
  public var elapsedMilliseconds: Int64
  public var latitudeDegrees: Double
  public var longitudeDegrees: Double
  public var altitudeMeters: Double?
  public var satellites: Int?
  public init(
    elapsedMilliseconds: Int64, latitudeDegrees: Double, longitudeDegrees: Double, altitudeMeters: Double? = nil
  ) {
    self.elapsedMilliseconds = elapsedMilliseconds
    self.latitudeDegrees = latitudeDegrees
    self.longitudeDegrees = longitudeDegrees
    self.altitudeMeters = altitudeMeters
  }
}
