import CLibXML2
import Foundation
import Testing

/// The shim must compile together with Foundation (the ICU clash of STYLE.md trap 1) and parse without
/// loading external entities.
@Suite struct CLibXML2Tests {
  @Test func parsesAndReadsTheRootTogetherWithFoundation() throws {
    let xml = #"<?xml version="1.0"?><gpx version="1.1" creator="t"><trk/></gpx>"#
    let data = Data(xml.utf8)
    let document = data.withUnsafeBytes { raw in
      xmlReadMemory(
        raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "t.gpx", "UTF-8",
        Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
    }
    let parsed = try #require(document)
    defer { xmlFreeDoc(parsed) }
    let root = try #require(xmlDocGetRootElement(parsed))
    #expect(String(cString: root.pointee.name) == "gpx")
  }

  @Test func doesNotExpandExternalEntitiesByDefault() throws {
    let secret = NSTemporaryDirectory() + "wearport-xxe-\(UUID().uuidString).txt"
    try "SECRET".write(toFile: secret, atomically: true, encoding: .utf8)
    let xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file://\(secret)\">]><a>&x;</a>"
    let data = Data(xml.utf8)
    let document = data.withUnsafeBytes { raw in
      xmlReadMemory(
        raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "a.xml", "UTF-8",
        Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
    }
    let parsed = try #require(document)
    defer { xmlFreeDoc(parsed) }
    let root = try #require(xmlDocGetRootElement(parsed))
    let content = xmlNodeGetContent(root)
    defer { free(content) }  // xmlFree is free() in this build; the global is not concurrency-safe to reference
    let text = content.map { String(cString: $0) } ?? ""
    #expect(!text.contains("SECRET"))
  }
}
