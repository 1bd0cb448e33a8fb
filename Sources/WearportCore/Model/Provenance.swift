/// Who produced a record: `polar`, `fitbit`, or the creator family of a GPX/TCX file. Open-ended.
public struct Provider: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }
  public static let polar: Provider = "polar"
  public static let fitbit: Provider = "fitbit"
  /// A GPX or TCX file from any other producer.
  public static let file: Provider = "file"
}

/// Where a record came from: provider, the reader's format, the input location (file, member, pointer or line),
/// and the provider's own id.
///
/// What the records of one document share (provider, format, path, member, line, column) is kept in one object, so
/// that copying a provenance costs one reference count instead of one per string: a run copies millions of them.
public struct Provenance: Hashable, Sendable {
  /// The parts shared by the records of a document. Never changed: a provenance given another of these parts gets
  /// an origin of its own.
  @usableFromInline
  final class Origin: Hashable, Sendable {
    @usableFromInline let provider: Provider
    @usableFromInline let format: String
    @usableFromInline let path: String
    @usableFromInline let member: String?
    @usableFromInline let line: Int?
    @usableFromInline let column: Int?

    init(provider: Provider, format: String, path: String, member: String?, line: Int?, column: Int?) {
      self.provider = provider
      self.format = format
      self.path = path
      self.member = member
      self.line = line
      self.column = column
    }

    func with(provider: Provider? = nil, format: String? = nil, location: SourceLocation? = nil) -> Origin {
      Origin(
        provider: provider ?? self.provider, format: format ?? self.format, path: location?.path ?? path,
        member: location.map(\.member) ?? member, line: location.map(\.line) ?? line,
        column: location.map(\.column) ?? column)
    }

    func sameLocation(as location: SourceLocation) -> Bool {
      path == location.path && member == location.member && line == location.line && column == location.column
    }

    /// By content; the same object is equal without reading it.
    @usableFromInline static func == (lhs: Origin, rhs: Origin) -> Bool {
      lhs === rhs
        || (lhs.provider == rhs.provider && lhs.format == rhs.format && lhs.path == rhs.path
          && lhs.member == rhs.member && lhs.line == rhs.line && lhs.column == rhs.column)
    }

    @usableFromInline func hash(into hasher: inout Hasher) {
      hasher.combine(provider)
      hasher.combine(format)
      hasher.combine(path)
      hasher.combine(member)
      hasher.combine(line)
      hasher.combine(column)
    }
  }

  @usableFromInline var origin: Origin
  /// The JSON pointer of ``location``.
  @usableFromInline var pointer: String?
  /// The provider's own id of the record, where one exists.
  public var providerID: String?

  public init(provider: Provider, format: String, location: SourceLocation, providerID: String? = nil) {
    origin = Origin(
      provider: provider, format: format, path: location.path, member: location.member, line: location.line,
      column: location.column)
    pointer = location.jsonPointer
    self.providerID = providerID
  }

  init(origin: Origin, pointer: String?, providerID: String?) {
    self.origin = origin
    self.pointer = pointer
    self.providerID = providerID
  }

  public var provider: Provider {
    get { origin.provider }
    set { origin = origin.with(provider: newValue) }
  }

  /// The reader that produced the record, e.g. `polar.accesslink.exercise`.
  public var format: String {
    get { origin.format }
    set { origin = origin.with(format: newValue) }
  }

  public var location: SourceLocation {
    get {
      SourceLocation(
        path: origin.path, member: origin.member, jsonPointer: pointer, line: origin.line, column: origin.column)
    }
    set {
      if !origin.sameLocation(as: newValue) { origin = origin.with(location: newValue) }
      pointer = newValue.jsonPointer
    }
  }

  /// The input as the user named it (``SourceLocation/path``), without building the location.
  @inlinable public var path: String { origin.path }
  /// The archive member (``SourceLocation/member``), without building the location.
  @inlinable public var member: String? { origin.member }
  /// The line (``SourceLocation/line``), without building the location.
  @inlinable public var line: Int? { origin.line }
  /// The JSON pointer (``SourceLocation/jsonPointer``), without building the location.
  @inlinable public var jsonPointer: String? { pointer }

  /// True when both provenances hold the same object for what a document's records share (provider, format, path,
  /// member, line, column), so those parts are equal without comparing them. False says nothing: equal parts may
  /// be held twice.
  @inlinable public func sharesDocumentParts(with other: Provenance) -> Bool { origin === other.origin }

  /// This provenance with fresh copies of the shared parts (see ``ReadContext/provenanceStripe``).
  func withFreshOrigin() -> Provenance {
    Provenance(
      origin: Origin(
        provider: Provider(rawValue: origin.provider.rawValue.freshCopy()), format: origin.format.freshCopy(),
        path: origin.path.freshCopy(), member: origin.member?.freshCopy(), line: origin.line, column: origin.column),
      pointer: pointer, providerID: providerID)
  }

  /// `path!/member` plus `#pointer` or `:line`, as shown in the `source_file` column.
  public var sourceDescription: String {
    // Built in one allocation: it is a column of every row, millions of times in a run.
    var path = origin.path
    var member = origin.member ?? ""
    var pointer = self.pointer ?? ""
    let hasMember = origin.member != nil
    let line = origin.line
    let capacity = path.utf8.count + member.utf8.count + pointer.utf8.count + 24
    return String(unsafeUninitializedCapacity: capacity) { buffer in
      var index = 0
      func put(_ text: inout String) {
        text.withUTF8 { bytes in
          guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
          (buffer.baseAddress! + index).update(from: source, count: bytes.count)
          index += bytes.count
        }
      }
      func put(_ byte: UInt8) {
        buffer[index] = byte
        index += 1
      }
      put(&path)
      if hasMember {
        put(UInt8(ascii: "!"))
        put(UInt8(ascii: "/"))
        put(&member)
      }
      if let line {
        put(UInt8(ascii: ":"))
        var digits = String(line)
        put(&digits)
      }
      if !pointer.isEmpty {
        put(UInt8(ascii: "#"))
        put(&pointer)
      }
      return index
    }
  }

}

extension SourceLocation {
  /// Appends what the `source_file` column shows (``Provenance/sourceDescription``) to `output`, without a `String`.
  public func appendSourceDescription(to output: inout [UInt8]) {
    var path = path
    path.withUTF8 { output.append(contentsOf: $0) }
    if var member {
      output.append(UInt8(ascii: "!"))
      output.append(UInt8(ascii: "/"))
      member.withUTF8 { output.append(contentsOf: $0) }
    }
    if let line {
      output.append(UInt8(ascii: ":"))
      NumberRenderer.append(Int64(line), to: &output)
    }
    if var pointer = jsonPointer, !pointer.isEmpty {
      output.append(UInt8(ascii: "#"))
      pointer.withUTF8 { output.append(contentsOf: $0) }
    }
  }
}

extension String {
  /// The same text in storage of its own (a small string stays inline), for ``Provenance/withFreshOrigin()``.
  fileprivate func freshCopy() -> String {
    var text = self
    return text.withUTF8 { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { buffer in
        _ = buffer.initialize(fromContentsOf: bytes)
        return bytes.count
      }
    }
  }
}
