import Foundation

/// Reads this process's memory figures from `/proc/self/status` (Linux).
public enum ProcessMemory {
    /// Peak resident set size in bytes (`VmHWM`), or nil where `/proc` is unavailable.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }.first
            return digits.map { $0 * 1024 }
        }
        return nil
    }
}
