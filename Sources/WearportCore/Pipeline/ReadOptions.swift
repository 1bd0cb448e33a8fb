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
  /// `wearport validate`: readers of formats wearport also writes (TCX, GPX) check the rules consumers apply to
  /// them and, when ``schemaDirectory`` is set, the official XSDs.
  public var checkConformance = false
  /// Where the official XSDs are (`--xsd-dir`, `WEARPORT_XSD_DIR`), for ``checkConformance``.
  public var schemaDirectory: String?
  /// `--polar-webhook-secret-file` or `WEARPORT_POLAR_WEBHOOK_SECRET`: Polar's `signature_secret_key`, to verify
  /// captured webhook deliveries offline.
  public var polarWebhookSecret: WebhookSecret?
  /// `--fitbit-client-secret-file` or `WEARPORT_FITBIT_CLIENT_SECRET`: the Fitbit OAuth client secret, to verify
  /// `X-Fitbit-Signature` offline.
  public var fitbitClientSecret: WebhookSecret?
  /// Read the hot arrays of large files (heart rate, minute series) with byte-level matchers where an element has
  /// the plainest form, falling back to the full parser for anything else. Off only in tests, which compare both.
  public var fastPaths = true
  public init(zone: ZoneRules? = nil, units: UnitChoice = .auto, strict: Bool = false, verbose: Bool = false) {
    self.zone = zone
    self.units = units
    self.strict = strict
    self.verbose = verbose
  }
}

/// A webhook signing secret. Its bytes are only for computing signatures: it never prints, reflects or encodes itself.
public struct WebhookSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  /// The key bytes (UTF-8 of the secret as given).
  public let bytes: [UInt8]
  public init(bytes: [UInt8]) { self.bytes = bytes }
  /// The secret from text read from a file or the environment: white space and line ends around it are removed.
  ///
  /// Returns nil when nothing is left.
  public init?(text: String) {
    var slice = Substring(text)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    guard !slice.isEmpty else { return nil }
    bytes = Array(slice.utf8)
  }
  public var description: String { "<secret>" }
  public var debugDescription: String { "<secret>" }
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
