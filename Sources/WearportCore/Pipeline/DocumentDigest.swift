/// A fingerprint of document bytes, computed incrementally (the `sources` table's `sha256`).
///
/// The core has no cryptography of its own: the `Wearport` module supplies SHA-256 from swift-crypto.
public protocol IncrementalDigest {
  mutating func update(_ bytes: [UInt8])
  /// Lowercase hex of the digest.
  func finalizeHex() -> String
}

/// Makes a fresh digest per document.
public struct DocumentDigest: Sendable {
  public let name: String
  private let make: @Sendable () -> any IncrementalDigest
  public init(name: String, make: @escaping @Sendable () -> any IncrementalDigest) {
    self.name = name
    self.make = make
  }
  public func start() -> any IncrementalDigest { make() }
}
