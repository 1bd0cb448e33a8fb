import WearportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Codes added by the container layer.
extension Diagnostic.Code {
  /// An archive nested deeper than ``ContainerOptions/maxNestingDepth``; it is read as a plain document.
  public static let archiveTooDeep: Self = "archive.too-deep"
}

/// Thrown when the decompressed bytes of one archive pass ``ContainerOptions/maxTotalBytes``: it stops the whole
/// archive (every nesting level) and is reported once by the level that owns the budget.
struct ArchiveAbort: Error {
  let diagnostic: Diagnostic
}

/// Wraps an error thrown by the caller's `body` so that the walker's own `catch` clauses let it through untouched.
struct BodyFailure: Error {
  let underlying: any Error
}

/// The running total of decompressed bytes for one top-level archive (a zip or gzip bomb guard).
final class DecompressionBudget {
  let limit: Int64
  let location: SourceLocation
  private(set) var used: Int64 = 0

  init(limit: Int64, location: SourceLocation) {
    self.limit = limit
    self.location = location
  }

  func charge(_ count: Int) throws {
    used += Int64(count)
    if used > limit {
      throw ArchiveAbort(
        diagnostic: .error(
          .inputTooLarge,
          "the archive decompresses to more than the limit of \(limit) bytes in total; stopped reading it",
          at: location))
    }
  }
}

/// Messages shared by the containers.
enum ContainerMessage {
  static func quoted(_ name: String) -> String { "'\(name)'" }

  static func tooLarge(_ name: String, limit: Int64) -> String {
    "\(quoted(name)) is larger than the limit of \(limit) bytes after decompression; skipped"
  }

  static func systemError(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
