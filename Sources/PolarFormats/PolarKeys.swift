import Foundation
import WearportCore

/// Polar spells keys in snake_case, kebab-case, or both in one document: read everything as snake_case.
enum PolarKeys {
  static func normalize(_ value: JSONValue) -> JSONValue {
    // Most values (every point of a million-point route) have no kebab key: they are returned as they are, not
    // rebuilt.
    guard hasKebabKey(value) else { return value }
    return value.mappingKeys {
      $0.utf8.contains(UInt8(ascii: "-")) ? $0.replacingOccurrences(of: "-", with: "_") : $0
    }
  }

  /// Whether any object key in `value`, at any depth, contains `-`.
  private static func hasKebabKey(_ value: JSONValue) -> Bool {
    switch value {
    case .array(let items): return items.contains(where: hasKebabKey)
    case .object(let object):
      return object.keys.contains { $0.utf8.contains(UInt8(ascii: "-")) } || object.values.contains(where: hasKebabKey)
    default: return false
    }
  }

  /// The user id at the end of a `polar_user` URL (`https://www.polaraccesslink.com/v3/users/00000001`).
  static func userID(fromURL url: String) -> String? {
    guard let last = url.split(separator: "/").last, !last.isEmpty else { return nil }
    return String(last)
  }
}

extension Diagnostic.Code {
  public static let polarExerciseInvalid: Self = "polar.exercise.invalid"
}
