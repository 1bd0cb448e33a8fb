/// What the user told the run about the inputs.
public struct ReadOptions: Sendable {
  /// `--timezone`: the local zone of inputs whose times carry no offset.
  public var zone: ZoneRules?
  /// `--units`.
  public var units: UnitChoice = .auto
  /// `--strict`: warnings count as errors.
  public var strict = false
  /// `--verbose`: diagnostics may show values.
  public var verbose = false
  public init(zone: ZoneRules? = nil, units: UnitChoice = .auto, strict: Bool = false, verbose: Bool = false) {
    self.zone = zone
    self.units = units
    self.strict = strict
    self.verbose = verbose
  }
}
