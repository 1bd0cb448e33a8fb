/// Where something was found: an input path, the archive member inside it, and a position in that member.
///
/// Rendered compiler-style as `export.zip!/training-session-1.json:12:11` followed by the JSON pointer when one
/// is known. `member` may itself name nested members joined with `!/` (`outer.zip!/inner.tar.gz!/a.json`).
public struct SourceLocation: Hashable, Sendable, Codable {
  /// The input as the user named it (a file, a folder entry, or `-` for standard input).
  public var path: String
  /// The archive member, when the input is an archive.
  public var member: String?
  /// An RFC 6901 JSON pointer into the document (`/samples/2/data`), when known.
  public var jsonPointer: String?
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column (in bytes), when known.
  public var column: Int?

  public init(path: String, member: String? = nil, jsonPointer: String? = nil, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.member = member
    self.jsonPointer = jsonPointer
    self.line = line
    self.column = column
  }

  /// The same file and member, with another position.
  public func at(pointer: String?, line: Int? = nil, column: Int? = nil) -> SourceLocation {
    SourceLocation(path: path, member: member, jsonPointer: pointer, line: line, column: column)
  }

  /// `path!/member`, without the position.
  public var fileDescription: String {
    if let member { return "\(path)!/\(member)" }
    return path
  }

  /// `path!/member:line:column`, the prefix of a rendered diagnostic.
  public var description: String {
    var text = fileDescription
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}
