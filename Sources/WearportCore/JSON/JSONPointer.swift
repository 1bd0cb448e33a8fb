import Foundation

/// A path into a JSON document, rendered as an RFC 6901 JSON pointer (`/samples/2/data`).
///
/// Paths are built while navigating (cheaply, as a linked list) and rendered only when a diagnostic needs them.
public final class JSONPath: Sendable, CustomStringConvertible {
  public enum Component: Sendable, Hashable {
    case key(String)
    case index(Int)
  }
  public let parent: JSONPath?
  public let component: Component?

  public static let root = JSONPath(parent: nil, component: nil)

  private init(parent: JSONPath?, component: Component?) {
    self.parent = parent
    self.component = component
  }

  public func appending(_ key: String) -> JSONPath { JSONPath(parent: self, component: .key(key)) }
  public func appending(_ index: Int) -> JSONPath { JSONPath(parent: self, component: .index(index)) }

  /// The components from the root.
  public var components: [Component] {
    var result: [Component] = []
    var node: JSONPath? = self
    while let current = node, let component = current.component {
      result.append(component)
      node = current.parent
    }
    return result.reversed()
  }

  /// The RFC 6901 pointer: `""` for the root, `~` and `/` in keys escaped as `~0` and `~1`.
  public var pointer: String {
    guard let component else { return "" }
    var text = parent?.pointer ?? ""
    JSONPath.append(component, to: &text)
    return text
  }
  public var description: String { pointer }

  public static func pointer(_ components: [Component]) -> String {
    var text = ""
    for component in components { append(component, to: &text) }
    return text
  }

  /// Appends `/` and the escaped component (keys are escaped only when they hold `~` or `/`).
  static func append(_ component: Component, to text: inout String) {
    text += "/"
    switch component {
    case .index(let index): text += String(index)
    case .key(let key):
      if key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
        text += key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
      } else {
        text += key
      }
    }
  }

  /// Parses an RFC 6901 pointer back into components (array indices are recognised when the step is all digits).
  public static func components(ofPointer pointer: String) -> [Component] {
    guard !pointer.isEmpty else { return [] }
    return pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { raw in
      let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      if let index = Int(key), !key.isEmpty, key.allSatisfy(\.isNumber) { return .index(index) }
      return .key(key)
    }
  }
}
