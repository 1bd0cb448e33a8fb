/// Marks an exercise as one half of a pair that the pipeline joins when both halves are in the input: a summary
/// (an activity log with its totals and the provider's identity) and a detail (the track of the same exercise, e.g.
/// a Fitbit `<logId>.tcx` download).
public struct ExerciseJoin: Hashable, Sendable {
  public enum Role: String, Hashable, Sendable { case summary, detail }
  /// What both halves share: `fitbit:<logId>`.
  public var key: String
  public var role: Role
  public init(key: String, role: Role) {
    self.key = key
    self.role = role
  }
}

extension Exercise {
  /// The exercise made of a summary and its detail: the detail's timeline (start, samples, route, laps) and the
  /// summary's identity (provider, id, user, sport, device, revision, links), with totals from the summary where the
  /// detail has none.
  public static func joined(summary: Exercise, detail: Exercise) -> Exercise {
    var exercise = detail
    exercise.provider = summary.provider
    exercise.providerID = summary.providerID
    exercise.userID = summary.userID ?? detail.userID
    exercise.sport = summary.sport
    exercise.sportDetail = summary.sportDetail ?? detail.sportDetail
    exercise.device = summary.device ?? detail.device
    exercise.modifiedAt = summary.modifiedAt ?? detail.modifiedAt
    exercise.detailURL = summary.detailURL ?? detail.detailURL
    exercise.durationSeconds = summary.durationSeconds ?? detail.durationSeconds
    exercise.distanceMeters = summary.distanceMeters ?? detail.distanceMeters
    exercise.energyKilocalories = summary.energyKilocalories ?? detail.energyKilocalories
    // Average and maximum heart rate come as a pair from one source, never mixed.
    if summary.averageHeartRateBPM != nil || summary.maximumHeartRateBPM != nil {
      exercise.averageHeartRateBPM = summary.averageHeartRateBPM
      exercise.maximumHeartRateBPM = summary.maximumHeartRateBPM
    }
    if exercise.heartRateZones.isEmpty { exercise.heartRateZones = summary.heartRateZones }
    exercise.provenance = summary.provenance
    exercise.join = nil
    return exercise
  }
}
