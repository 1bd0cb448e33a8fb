import Testing

@testable import WearportCore

/// A provenance keeps what the records of a document share in one object; it must still behave as a plain value.
@Suite struct ProvenanceTests {
  private let location = WearportCore.SourceLocation(
    path: "export/user-site-export", member: "heart_rate-2024-01-01.json", jsonPointer: "/17", line: nil)

  private func make(_ location: WearportCore.SourceLocation, providerID: String? = nil) -> Provenance {
    Provenance(provider: .fitbit, format: "fitbit.export.heart-rate", location: location, providerID: providerID)
  }

  @Test func readsBackWhatItWasGiven() {
    let provenance = make(location, providerID: "42")
    #expect(provenance.provider == .fitbit)
    #expect(provenance.format == "fitbit.export.heart-rate")
    #expect(provenance.location == location)
    #expect(provenance.path == "export/user-site-export")
    #expect(provenance.member == "heart_rate-2024-01-01.json")
    #expect(provenance.jsonPointer == "/17")
    #expect(provenance.line == nil)
    #expect(provenance.providerID == "42")
    #expect(provenance.sourceDescription == "export/user-site-export!/heart_rate-2024-01-01.json#/17")
  }

  @Test func equalContentIsEqualWhetherOrNotTheSharedPartIsShared() {
    let one = make(location)
    let other = make(location)  // an origin of its own
    #expect(one == other)
    #expect(one.hashValue == other.hashValue)
    let fresh = one.withFreshOrigin()
    #expect(fresh == one)
    #expect(fresh.hashValue == one.hashValue)
    #expect(fresh.origin !== one.origin)
    #expect(Set([one, other, fresh]).count == 1)
  }

  @Test func sharingTheDocumentPartsSurvivesACopyAndAnotherPointerButNotAnotherFile() {
    let one = make(location)
    var copy = one
    copy.location.jsonPointer = "/18"
    #expect(copy.sharesDocumentParts(with: one))
    #expect(!make(location).sharesDocumentParts(with: one))  // equal, held twice
    #expect(!one.withFreshOrigin().sharesDocumentParts(with: one))
    var elsewhere = one
    elsewhere.location.path = "elsewhere.json"
    #expect(!elsewhere.sharesDocumentParts(with: one))
  }

  @Test func everyPartTellsTwoApart() {
    let base = make(location)
    var pointer = base
    pointer.location.jsonPointer = "/18"
    var line = base
    line.location.line = 7
    var member = base
    member.location.member = nil
    var path = base
    path.location.path = "other"
    var column = base
    column.location.column = 3
    var provider = base
    provider.provider = .polar
    var format = base
    format.format = "fitbit.export.steps"
    var id = base
    id.providerID = "1"
    let all = [base, pointer, line, member, path, column, provider, format, id]
    #expect(Set(all).count == all.count)
    for (index, provenance) in all.enumerated() where index > 0 { #expect(provenance != base) }
  }

  @Test func changingOneCopyLeavesTheOthersAlone() {
    let original = make(location)
    var copy = original
    copy.location.path = "elsewhere.json"
    copy.location.line = 3
    copy.format = "x"
    #expect(original.location == location)
    #expect(original.format == "fitbit.export.heart-rate")
    #expect(
      copy.location
        == WearportCore.SourceLocation(path: "elsewhere.json", member: location.member, jsonPointer: "/17", line: 3))
    #expect(copy.sourceDescription == "elsewhere.json!/heart_rate-2024-01-01.json:3#/17")
    // A pointer alone keeps the shared part.
    var pointer = original
    pointer.location.jsonPointer = "/99"
    #expect(pointer.origin === original.origin)
    #expect(pointer.location.jsonPointer == "/99")
  }
}
