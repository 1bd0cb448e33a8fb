/// What a reader is: a stable id, a name for people, its provider, and the record kinds it produces.
public struct FormatInfo: Hashable, Sendable {
  /// Stable id, e.g. `polar.accesslink.exercise`.
  public var id: String
  public var name: String
  public var provider: Provider
  public var kinds: [RecordKind]
  public init(id: String, name: String, provider: Provider, kinds: [RecordKind]) {
    self.id = id
    self.name = name
    self.provider = provider
    self.kinds = kinds
  }
}

/// How sure a reader is that a document is its format. Higher wins; 0 is "not mine".
public struct SniffScore: Comparable, Hashable, Sendable {
  public var value: Int
  public init(_ value: Int) { self.value = value }
  public static let no = SniffScore(0)
  /// The name or a weak hint matches.
  public static let weak = SniffScore(10)
  /// Several keys characteristic of the format are present.
  public static let likely = SniffScore(50)
  /// Unmistakable.
  public static let certain = SniffScore(100)
  public static func < (lhs: SniffScore, rhs: SniffScore) -> Bool { lhs.value < rhs.value }
}

/// Reads one input format into records.
///
/// A reader must be deterministic, recognise its own documents and no one else's from ``sniff(_:)`` alone (cheap:
/// the name and the first bytes), never print, and report problems through its ``ReadContext``.
public protocol FormatReader: Sendable {
  var info: FormatInfo { get }
  /// How sure the reader is that the document is its format, from its name and first bytes.
  func sniff(_ probe: SniffProbe) -> SniffScore
  /// Reads the document, emitting records and diagnostics through the context.
  ///
  /// - Throws: a ``Diagnostic`` when the whole document must be rejected (its records are then unknown).
  func read(_ context: ReadContext) throws
}

/// The readers known to a run, asked in registration order; the best sniff score wins, ties go to the first.
public struct ReaderRegistry: Sendable {
  public private(set) var readers: [any FormatReader] = []
  public init(_ readers: [any FormatReader] = []) { self.readers = readers }
  public mutating func register(_ reader: any FormatReader) { readers.append(reader) }

  /// The reader for a probe, with its score; nil when none recognises it.
  public func reader(for probe: SniffProbe) -> (reader: any FormatReader, score: SniffScore)? {
    var best: (reader: any FormatReader, score: SniffScore)?
    for reader in readers {
      let score = reader.sniff(probe)
      if score > .no, score > (best?.score ?? .no) { best = (reader, score) }
    }
    return best
  }
}
