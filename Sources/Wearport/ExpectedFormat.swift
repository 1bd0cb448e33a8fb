import WearportCore

extension Diagnostic.Code {
  /// `validate --expect FORMAT`: the document was recognised as another format, or as none.
  public static let inputUnexpectedFormat: Self = "input.unexpected-format"
}

/// The format every document of a run must be read as (`wearport validate --expect FORMAT`): a reader id such as
/// `polar.accesslink.exercise`, or a prefix of ids such as `fitbit.export` or `polar`.
public struct ExpectedFormat: Sendable, CustomStringConvertible {
  public let pattern: String

  /// The expectation, or nil when no reader of the registry has that id or an id under that prefix.
  public init?(_ pattern: String, in registry: ReaderRegistry = Formats.readers) {
    let trimmed = pattern.hasSuffix(".") ? String(pattern.dropLast()) : pattern
    guard !trimmed.isEmpty else { return nil }
    self.pattern = trimmed
    guard registry.readers.contains(where: { matches($0.info.id) }) else { return nil }
  }

  /// True for the id itself and for ids below it: `fitbit.export` matches `fitbit.export.sleep`.
  public func matches(_ id: String) -> Bool {
    id == pattern || id.hasPrefix(pattern + ".")
  }

  public var description: String { pattern }

  /// What `--expect` accepts: every reader id and every prefix of one (`polar`, `polar.accesslink`), sorted.
  public static func validValues(in registry: ReaderRegistry = Formats.readers) -> [String] {
    var values = Set<String>()
    for reader in registry.readers {
      let parts = reader.info.id.split(separator: ".")
      for count in 1...parts.count { values.insert(parts.prefix(count).joined(separator: ".")) }
    }
    return values.sorted()
  }

  /// The registry that reads only documents of this format: every reader sniffs as before, but a document
  /// recognised as another format, or as none, is refused with `input.unexpected-format` naming what it was
  /// recognised as.
  public func restricting(_ registry: ReaderRegistry) -> ReaderRegistry {
    var restricted = ReaderRegistry()
    for reader in registry.readers { restricted.register(ExpectingReader(base: reader, expected: self)) }
    restricted.register(UnrecognizedReader(expected: self))
    return restricted
  }
}

/// A reader that reads as its base when the base is the expected format, and refuses the document otherwise.
private struct ExpectingReader: FormatReader {
  let base: any FormatReader
  let expected: ExpectedFormat
  var info: FormatInfo { base.info }
  func sniff(_ probe: SniffProbe) -> SniffScore { base.sniff(probe) }
  func read(_ context: ReadContext) throws {
    guard expected.matches(base.info.id) else {
      throw Diagnostic.error(
        .inputUnexpectedFormat,
        "expected \(expected) but the document was recognised as \(base.info.id) (\(base.info.name))",
        at: context.document.location)
    }
    try base.read(context)
  }
}

/// Claims, with the lowest score, the non-empty documents no reader recognises, to refuse them.
private struct UnrecognizedReader: FormatReader {
  let expected: ExpectedFormat
  let info = FormatInfo(id: "unrecognized", name: "not recognised", provider: "none", kinds: [])
  func sniff(_ probe: SniffProbe) -> SniffScore { probe.prefix.isEmpty ? .no : SniffScore(1) }
  func read(_ context: ReadContext) throws {
    throw Diagnostic.error(
      .inputUnexpectedFormat, "expected \(expected) but no reader recognises the document",
      at: context.document.location)
  }
}
