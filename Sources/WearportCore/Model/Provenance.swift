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
public struct Provenance: Hashable, Sendable {
  public var provider: Provider
  /// The reader that produced the record, e.g. `polar.accesslink.exercise`.
  public var format: String
  public var location: SourceLocation
  /// The provider's own id of the record, where one exists.
  public var providerID: String?

  public init(provider: Provider, format: String, location: SourceLocation, providerID: String? = nil) {
    self.provider = provider
    self.format = format
    self.location = location
    self.providerID = providerID
  }

  /// `path!/member` plus `#pointer` or `:line`, as shown in the `source_file` column.
  public var sourceDescription: String {
    // Built in one allocation: it is a column of every row, millions of times in a run.
    var path = location.path
    var member = location.member ?? ""
    var pointer = location.jsonPointer ?? ""
    let hasMember = location.member != nil
    let line = location.line
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
