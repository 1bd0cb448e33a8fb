/// Everything besides the value itself that can tell a local offset, in priority order.
public struct OffsetContext: Sendable {
  /// An offset field next to the value, e.g. Polar `start_time_utc_offset` × 60.
  public var sourceFieldOffsetSeconds: Int?
  /// The `--timezone` zone.
  public var zone: ZoneRules?
  /// A user profile offset, e.g. Fitbit `offsetFromUTCMillis` / 1000.
  public var profileOffsetSeconds: Int?

  public init(sourceFieldOffsetSeconds: Int? = nil, zone: ZoneRules? = nil, profileOffsetSeconds: Int? = nil) {
    self.sourceFieldOffsetSeconds = sourceFieldOffsetSeconds
    self.zone = zone
    self.profileOffsetSeconds = profileOffsetSeconds
  }
}

/// A resolved moment and, when the resolution was a guess or an adjustment, the warning to report.
public struct ResolvedTimestamp: Sendable {
  public var timestamp: Timestamp
  /// `time.offset-unknown`, `time.local-nonexistent` or `time.local-ambiguous`; nil when the moment is certain.
  public var warning: Diagnostic.Code?

  public init(timestamp: Timestamp, warning: Diagnostic.Code? = nil) {
    self.timestamp = timestamp
    self.warning = warning
  }
}

/// The one place that decides which UTC offset a parsed date-time gets.
public enum OffsetPolicy {
  /// Picks the offset: explicit offset in the value > offset field in the source > zone (DST rules) > profile
  /// offset > unknown.
  ///
  /// A naive value with nothing to anchor it: offset 0, source .unknown, warning .timeOffsetUnknown (never silently
  /// UTC).
  /// A "Z" value: the instant is exact; the local offset comes from sourceField > zone (at that instant) > profile,
  /// else 0 with source .utc (no warning).
  /// An explicit "+hh:mm": instant exact, that offset, source .explicit (even if a zone is given).
  ///
  /// A naive value read in a zone can fall in a DST gap (moved forward by the gap, warning
  /// `time.local-nonexistent`) or overlap (the earlier instant, warning `time.local-ambiguous`); see
  /// ``ZoneRules/resolve(_:)``.
  public static func resolve(_ parsed: ParsedDateTime, context: OffsetContext) -> ResolvedTimestamp {
    let wall = parsed.local.millisecondsSinceEpochAsUTC
    if parsed.isUTC {
      let instant = Instant(millisecondsSinceEpoch: wall)
      let (offset, source) = localOffset(of: instant, context: context)
      return ResolvedTimestamp(timestamp: Timestamp(instant: instant, utcOffsetSeconds: offset, offsetSource: source))
    }
    if let explicit = parsed.offsetSeconds {
      return fixed(wall, explicit, .explicit)
    }
    if let field = context.sourceFieldOffsetSeconds {
      return fixed(wall, field, .sourceField)
    }
    if let zone = context.zone {
      let resolved = zone.resolve(parsed.local)
      let warning: Diagnostic.Code? =
        switch resolved.resolution {
        case .unique: nil
        case .gap: .timeLocalNonexistent
        case .overlap: .timeLocalAmbiguous
        }
      let timestamp = Timestamp(
        instant: resolved.instant, utcOffsetSeconds: resolved.offsetSeconds, offsetSource: .timeZone)
      return ResolvedTimestamp(timestamp: timestamp, warning: warning)
    }
    if let profile = context.profileOffsetSeconds {
      return fixed(wall, profile, .profile)
    }
    var unknown = fixed(wall, 0, .unknown)
    unknown.warning = .timeOffsetUnknown
    return unknown
  }

  /// The local offset for an exact instant: source field > zone at that instant > profile > UTC.
  public static func localOffset(of instant: Instant, context: OffsetContext) -> (seconds: Int, source: OffsetSource) {
    if let field = context.sourceFieldOffsetSeconds { return (field, .sourceField) }
    if let zone = context.zone { return (zone.offsetSeconds(at: instant), .timeZone) }
    if let profile = context.profileOffsetSeconds { return (profile, .profile) }
    return (0, .utc)
  }

  /// The wall clock read with a fixed offset.
  private static func fixed(_ wall: Int64, _ offset: Int, _ source: OffsetSource) -> ResolvedTimestamp {
    let instant = Instant(millisecondsSinceEpoch: wall - Int64(offset) * 1000)
    return ResolvedTimestamp(timestamp: Timestamp(instant: instant, utcOffsetSeconds: offset, offsetSource: source))
  }
}
