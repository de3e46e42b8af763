import Foundation

/// CPU time and resident memory of one process, read from `/proc/PID/stat` and `/proc/PID/status` (Linux).
public struct ProcessSample: Sendable, Equatable {
    /// User plus system CPU time of all the process's threads so far, in seconds.
    public var cpuSeconds: Double
    /// Resident set size now (`VmRSS`), in bytes.
    public var residentBytes: Int
    /// Peak resident set size (`VmHWM`), in bytes.
    public var peakResidentBytes: Int

    /// Reads the figures of process `pid`, or nil when it is gone or `/proc` is unavailable.
    public static func read(pid: Int32) -> ProcessSample? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let ticks = cpuTicks(stat: stat),
            let resident = kilobytes("VmRSS:", status: status),
            let peak = kilobytes("VmHWM:", status: status)
        else { return nil }
        return ProcessSample(cpuSeconds: Double(ticks) / Double(ticksPerSecond), residentBytes: resident * 1024, peakResidentBytes: peak * 1024)
    }

    /// `utime + stime` in clock ticks from the text of `/proc/PID/stat`.
    ///
    /// The command name (field 2) is in parentheses and may hold spaces or parentheses itself, so
    /// the fields are counted from the last `)`: utime and stime are fields 14 and 15 of the line.
    static func cpuTicks(stat: String) -> Int? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// A `Name:   1234 kB` line of `/proc/PID/status`, in kilobytes.
    static func kilobytes(_ name: String, status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).lazy.compactMap { Int($0) }.first
        }
        return nil
    }

    /// `sysconf(_SC_CLK_TCK)`: the unit of the CPU times in `/proc` (100 on every usual kernel).
    static let ticksPerSecond: Int = {
        let value = sysconf(Int32(_SC_CLK_TCK))
        return value > 0 ? value : 100
    }()
}
