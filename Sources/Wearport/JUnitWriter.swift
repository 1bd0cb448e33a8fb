import WearportCore

/// The run summary as JUnit XML: one test case per document, one failure per error, warnings in system-out.
public enum JUnitWriter {
  public static func xml(_ summary: RunSummary) -> String {
    let failures = summary.documents.filter { document in
      summary.diagnostics(of: document).contains { $0.severity == .error }
        || document.status == .failed || document.status == .unreadable
    }.count
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    text += "<testsuites name=\"wearport validate\" tests=\"\(summary.documents.count)\" failures=\"\(failures)\">\n"
    text += "  <testsuite name=\"wearport validate\" tests=\"\(summary.documents.count)\" failures=\"\(failures)\">\n"
    for document in summary.documents {
      var name = document.location.fileDescription
      if let line = document.location.line { name += ":\(line)" }
      let diagnostics = Array(summary.diagnostics(of: document))
      text += "    <testcase classname=\"\(escape(document.format ?? "unrecognised"))\" name=\"\(escape(name))\">\n"
      for diagnostic in diagnostics where diagnostic.severity == .error {
        text += "      <failure type=\"\(escape(diagnostic.code.rawValue))\" message=\"\(escape(diagnostic.message))\">"
        text += escape(diagnostic.description) + "</failure>\n"
      }
      if diagnostics.allSatisfy({ $0.severity != .error }), document.status == .failed || document.status == .unreadable
      {
        text += "      <failure type=\"input.unreadable\" message=\"the document could not be read\"/>\n"
      }
      let others = diagnostics.filter { $0.severity != .error }
      if !others.isEmpty {
        text += "      <system-out>" + escape(others.map(\.description).joined(separator: "\n")) + "</system-out>\n"
      }
      if document.status == .skipped {
        text += "      <skipped message=\"no reader recognises this file\"/>\n"
      }
      text += "    </testcase>\n"
    }
    text += "  </testsuite>\n</testsuites>"
    return text
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default:
        if character.value < 0x20 && character != "\n" && character != "\t" { continue }
        result.unicodeScalars.append(character)
      }
    }
    return result
  }
}
