import Foundation
import Testing
import WearportCore
import WearportTestSupport

@testable import TrainingXML

/// The byte-level XML writer escapes what XML requires and keeps the layout of libxml2's indenting writer.
@Suite struct XMLEscapingTests {
  @Test func textAndAttributesAreEscapedAndControlsDropped() throws {
    var exercise = syntheticRun(samples: 2, routePoints: 2)
    exercise.sport = .other  // Notes carry the sport's own name only for sports TCX has no name for
    exercise.sportDetail = "Trail & \"hill\" <run>\u{1}\r"
    exercise.device = "Watch <X> & Co"
    let tcx = try #require(try writeFiles([exercise], as: .tcx).paths.first)
    let text = try String(contentsOfFile: tcx, encoding: .utf8)
    #expect(text.contains("<Notes>other (Trail &amp; &quot;hill&quot; &lt;run&gt;&#13;)</Notes>"))
    #expect(text.contains("<Name>Watch &lt;X&gt; &amp; Co</Name>"))
    #expect(!text.contains("\u{1}"))
    // Still well-formed: libxml2 reads it back.
    let result = try read([tcx], with: [TCXReader()])
    #expect(result.errors.isEmpty, "\(result.errors)")
    #expect(result.exercises.first?.samples.count == 2)
  }

  @Test func emptyElementsAndNestingFollowTheIndentingLayout() throws {
    let file = try PendingFile(path: temporaryFolder() + "/layout.xml")
    let writer = try XMLDocumentWriter(file: file)
    try writer.startDocument()
    try writer.start("a")
    try writer.attribute("k", "x\"y\n\tz")
    try writer.start("b")
    try writer.end()
    try writer.element("c", "1")
    try writer.start("d")
    try writer.element("e", "2")
    try writer.endDocument()
    writer.close()
    try file.close()
    let text = try String(contentsOfFile: file.temporaryPath, encoding: .utf8)
    file.discard()
    #expect(
      text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <a k="x&quot;y&#10;&#9;z">
          <b/>
          <c>1</c>
          <d>
            <e>2</e>
          </d>
        </a>

        """)
  }
}
