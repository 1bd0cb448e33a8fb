import Foundation
import WearportCore

/// Polar spells keys in snake_case, kebab-case, or both in one document: read everything as snake_case.
enum PolarKeys {
  static func normalize(_ value: JSONValue) -> JSONValue {
    value.mappingKeys { $0.utf8.contains(UInt8(ascii: "-")) ? $0.replacingOccurrences(of: "-", with: "_") : $0 }
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
