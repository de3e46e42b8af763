import SwitchboardBench
import Testing

@Suite struct BenchMarkerTests {
    @Test func aMarkerIsFoundInsideAStreamFrame() {
        let frame = #"{"type":"event","seq":9,"kind":"message.created","data":{"text":"sbbench#517; Hello, I ordered"}}"#
        #expect(BenchMarker.number(in: frame) == 517)
    }

    @Test func textWithoutAWholeMarkerCarriesNone() {
        #expect(BenchMarker.number(in: "hello") == nil)
        #expect(BenchMarker.number(in: "sbbench#; x") == nil)
        #expect(BenchMarker.number(in: "sbbench#12x; x") == nil)
        #expect(BenchMarker.number(in: BenchMarker.text(0)) == 0)
    }
}
