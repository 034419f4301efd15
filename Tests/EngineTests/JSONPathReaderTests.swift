import Testing
@testable import Engine

@Suite struct JSONPathReaderTests {
    let doc = Array(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","env":[{"name":"M","value":"x"}]}]}}}}"#.utf8)

    @Test func readsNumbersAndNamedElements() throws {
        #expect(try JSONPathReader.value(in: doc, at: ["spec", "replicas"]) == "2")
        #expect(try JSONPathReader.value(in: doc, at: ["spec", "template", "spec", "containers", "[name=a]", "env", "[name=M]", "value"]) == "x")
        #expect(try JSONPathReader.value(in: doc, at: ["spec", "template", "spec", "containers", "[name=b]"]) == nil)
    }

    @Test func rejectsNonJSON() {
        #expect(throws: (any Error).self) { try JSONPathReader.value(in: Array("nope".utf8), at: ["a"]) }
    }
}
