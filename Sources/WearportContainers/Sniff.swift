/// The container formats recognised by their first bytes.
enum ContainerKind {
  case gzip, zip, tar
}

/// Magic-byte and file-name tests.
enum Sniff {
  /// Bytes needed to recognise every format (a tar header is one 512-byte block).
  static let prefixLength = 512

  /// The container whose magic bytes start `prefix`, if any: gzip `1f 8b`, zip `PK\3\4` (or `PK\5\6`, an empty
  /// archive), tar `ustar` at offset 257 with a valid header checksum.
  static func container(in prefix: [UInt8]) -> ContainerKind? {
    if prefix.count >= 2 && prefix[0] == 0x1f && prefix[1] == 0x8b { return .gzip }
    if prefix.count >= 4 && prefix[0] == 0x50 && prefix[1] == 0x4b
      && ((prefix[2] == 3 && prefix[3] == 4) || (prefix[2] == 5 && prefix[3] == 6))
    {
      return .zip
    }
    if prefix.count >= 512 && prefix[257..<262].elementsEqual("ustar".utf8)
      && TarReader.checksumMatches(Array(prefix[0..<512]))
    {
      return .tar
    }
    return nil
  }

  /// As ``container(in:)``, and also a tar whose first header is damaged when its name says tar, so that the
  /// damage is reported rather than the archive read as a plain file.
  static func container(in prefix: [UInt8], name: String) -> ContainerKind? {
    if let kind = container(in: prefix) { return kind }
    let lower = name.lowercased()
    if (lower.hasSuffix(".tar") || lower.hasSuffix(".tgz")) && prefix.count >= 512
      && prefix[257..<262].elementsEqual("ustar".utf8)
    {
      return .tar
    }
    return nil
  }

  /// JSON Lines files, one document per line: `.jsonl`, `.ndjson`.
  static func isJSONLines(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
  }

  /// The name of what a gzip file holds: `a.json.gz` → `a.json`, `b.tgz` → `b.tar`; other names unchanged.
  static func nameInsideGzip(_ name: String) -> String {
    let lower = name.lowercased()
    if lower.hasSuffix(".tgz") && name.count > 4 { return String(name.dropLast(4)) + ".tar" }
    if lower.hasSuffix(".gz") && name.count > 3 { return String(name.dropLast(3)) }
    if lower.hasSuffix(".gzip") && name.count > 5 { return String(name.dropLast(5)) }
    return name
  }
}

/// Paths of archive members, which come from the archive and are never trusted.
enum MemberPath {
  /// The components of a member name; zips written on Windows sometimes separate them with backslashes.
  static func components(_ name: String) -> [Substring] {
    name.split(separator: "/", omittingEmptySubsequences: false).flatMap {
      $0.split(separator: "\\", omittingEmptySubsequences: false)
    }
  }

  /// Absolute (`/a`, `\a`, `C:`) or climbing out with a `..` component.
  static func isUnsafe(_ name: String) -> Bool {
    if name.hasPrefix("/") || name.hasPrefix("\\") { return true }
    let parts = components(name)
    if let first = parts.first, isDriveLetter(first) { return true }
    return parts.contains("..")
  }

  /// Hidden (a component starting with `.`, such as `.DS_Store` or `._a.json`) or macOS metadata (`__MACOSX`).
  static func isHidden(_ name: String) -> Bool {
    components(name).contains { part in
      part == "__MACOSX" || (part.hasPrefix(".") && part != "." && part != "..")
    }
  }

  /// The member path readers see: empty, `.` and `..` components and a drive letter dropped (`/a/../b` → `a/b`).
  static func logical(_ name: String) -> String {
    var parts = components(name)
    if let first = parts.first, isDriveLetter(first) { parts.removeFirst() }
    let kept = parts.filter { !$0.isEmpty && $0 != "." && $0 != ".." }
    return kept.isEmpty ? name : kept.joined(separator: "/")
  }

  /// The last component of a logical path.
  static func baseName(_ logicalPath: String) -> String {
    guard let slash = logicalPath.lastIndex(of: "/") else { return logicalPath }
    let name = logicalPath[logicalPath.index(after: slash)...]
    return name.isEmpty ? logicalPath : String(name)
  }

  /// `parent!/child`, or `child` at the top level.
  static func nested(_ parent: String?, _ child: String) -> String {
    parent.map { $0 + "!/" + child } ?? child
  }

  private static func isDriveLetter(_ part: Substring) -> Bool {
    guard part.count == 2, let letter = part.first, part.last == ":" else { return false }
    return letter.isASCII && letter.isLetter
  }
}
