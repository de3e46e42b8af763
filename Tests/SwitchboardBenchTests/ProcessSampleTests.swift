import Foundation
import Testing

@testable import SwitchboardBench

@Suite struct ProcessSampleTests {
    @Test func cpuTicksAreUserPlusSystemCountedFromTheLastParenthesis() {
        // A command name with spaces and a parenthesis must not shift the fields.
        let stat = "4242 (switch (board) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 37 0 0 20 0 9 0 1234 100000 2000 18446744073709551615"
        #expect(ProcessSample.cpuTicks(stat: stat) == 187)
        #expect(ProcessSample.cpuTicks(stat: "garbage") == nil)
    }

    @Test func statusLinesAreReadInKilobytes() {
        let status = "Name:\tswitchboard\nVmHWM:\t   61236 kB\nVmRSS:\t   40960 kB\nThreads:\t9\n"
        #expect(ProcessSample.kilobytes("VmRSS:", status: status) == 40_960)
        #expect(ProcessSample.kilobytes("VmHWM:", status: status) == 61_236)
        #expect(ProcessSample.kilobytes("VmSwap:", status: status) == nil)
    }

    @Test func thisProcessCanBeRead() throws {
        let sample = try #require(ProcessSample.read(pid: getpid()))
        #expect(sample.residentBytes > 0)
        #expect(sample.peakResidentBytes >= sample.residentBytes)
    }
}
