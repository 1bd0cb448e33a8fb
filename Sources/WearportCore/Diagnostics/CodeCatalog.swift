/// What one diagnostic code means, for people: `wearport validate --explain CODE`.
public struct CodeExplanation: Hashable, Sendable {
  public var code: Diagnostic.Code
  /// The severity the code is usually reported at (`--strict` turns warnings into errors; a few codes change
  /// severity with the context, such as `input.unrecognized`, an error for a named file and a note inside a folder).
  public var severity: Diagnostic.Severity
  /// One paragraph: what was found and what wearport did about it.
  public var meaning: String
  /// What the user can do.
  public var action: String

  public init(_ code: Diagnostic.Code, _ severity: Diagnostic.Severity, meaning: String, action: String) {
    self.code = code
    self.severity = severity
    self.meaning = meaning
    self.action = action
  }

  /// The first sentence of ``meaning``, for tables.
  public var summary: String {
    var end = meaning.startIndex
    while end < meaning.endIndex {
      let next = meaning.index(after: end)
      if meaning[end] == ".", next == meaning.endIndex || meaning[next] == " " { return String(meaning[...end]) }
      end = next
    }
    return meaning
  }
}

/// Every code a build of wearport can report, with its explanation.
///
/// WearportCore does not know the codes of other modules: each module exposes its own list of ``CodeExplanation``
/// (``CodeCatalog/core`` for this one) and the umbrella library puts them together.
public struct CodeCatalog: Sendable {
  /// The entries, sorted by code.
  public let entries: [CodeExplanation]
  /// Codes that more than one list explained (the first explanation is kept); a test keeps this empty.
  public let duplicates: [Diagnostic.Code]
  private let index: [Diagnostic.Code: Int]

  public init(_ lists: [[CodeExplanation]]) {
    var seen: [Diagnostic.Code: CodeExplanation] = [:]
    var duplicates: [Diagnostic.Code] = []
    for list in lists {
      for entry in list {
        if seen[entry.code] != nil {
          duplicates.append(entry.code)
        } else {
          seen[entry.code] = entry
        }
      }
    }
    entries = seen.values.sorted { $0.code < $1.code }
    self.duplicates = duplicates
    var index: [Diagnostic.Code: Int] = [:]
    for (position, entry) in entries.enumerated() { index[entry.code] = position }
    self.index = index
  }

  public func explanation(for code: Diagnostic.Code) -> CodeExplanation? {
    index[code].map { entries[$0] }
  }

  /// Known codes that look like `text`, closest first: codes it is a part of, then codes a few edits away.
  public func closeMatches(to text: String, limit: Int = 5) -> [Diagnostic.Code] {
    let wanted = text.lowercased()
    guard !wanted.isEmpty else { return [] }
    var scored: [(Int, Diagnostic.Code)] = []
    for entry in entries {
      let code = entry.code.rawValue
      if code.hasPrefix(wanted + ".") || code.contains(wanted) {
        scored.append((0, entry.code))
        continue
      }
      let distance = CodeCatalog.editDistance(wanted, code)
      if distance <= max(2, wanted.count / 4) { scored.append((distance, entry.code)) }
    }
    return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.1)
  }

  /// The explanation of one code as text (`--explain CODE`).
  public static func render(_ entry: CodeExplanation) -> String {
    "\(entry.code.rawValue) (usually \(entry.severity.rawValue))\n\n\(entry.meaning)\n\nWhat to do: \(entry.action)\n"
  }

  /// Every code with its usual severity and first sentence, one a line (`--list-codes`).
  public func table() -> String {
    let width = entries.map(\.code.rawValue.count).max() ?? 0
    var text = ""
    for entry in entries {
      let code = entry.code.rawValue
      let severity = entry.severity.rawValue
      text += code + String(repeating: " ", count: width - code.count + 2)
      text += severity + String(repeating: " ", count: 9 - severity.count) + entry.summary + "\n"
    }
    return text
  }

  /// Levenshtein distance over Unicode scalars (codes are short; this runs only for an unknown `--explain`).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
