public import Foundation

/// A server under test, run as a child process (of this same binary, unless told otherwise), so its
/// CPU time and memory (read from `/proc`) are its own and not the load generator's.
public final class ServerProcess: Sendable {
    /// The child failed to start, died, or never answered.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        /// Creates a failure that says what went wrong.
        public init(description: String) {
            self.description = description
        }
    }

    public let name: String
    public let port: Int
    public let logFile: URL
    private let process: Process

    /// Starts `arguments` of `executable` (nil: this binary) with exactly `environment`, its output
    /// going to `logFile`.
    /// - Throws: when the child cannot be started.
    public init(name: String, executable: URL? = nil, arguments: [String], environment: [String: String], port: Int, logFile: URL) throws {
        self.name = name
        self.port = port
        self.logFile = logFile
        let process = Process()
        process.executableURL = executable ?? URL(fileURLWithPath: Self.executablePath())
        process.arguments = arguments
        process.environment = environment
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
    }

    /// The child's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether the child is still running.
    public var isRunning: Bool { process.isRunning }

    /// The child's exit status once it has ended; nil while it runs.
    public var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// The child's CPU time and memory now.
    /// - Throws: ``Failure`` when it is gone.
    func sample() throws -> ProcessSample {
        guard process.isRunning, let sample = ProcessSample.read(pid: pid) else {
            throw Failure(description: "\(name) is not running any more; its log: \(logFile.path)\n\(logTail())")
        }
        return sample
    }

    /// Waits until `GET path` answers 200.
    /// - Throws: ``Failure`` when the child exits or `timeout` passes first.
    public func waitUntilAnswering(_ path: String, timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw Failure(description: "\(name) exited with status \(process.terminationStatus); its log:\n\(logTail())")
            }
            let status = try? await KeepAliveConnection.with(port: port) { connection in try await connection.send(.init(path: path)).status }
            if status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "\(name) did not answer \(path) within \(timeout); its log:\n\(logTail())")
    }

    /// Waits until the child has used less than `threshold` of one core over two half-second windows in
    /// a row: the work left after the last acknowledgement (event fan-out, automation) is done.
    /// - Returns: the sample taken when it went idle, or nil when it was still busy at `timeout`.
    func waitUntilIdle(threshold: Double = 0.05, timeout: Duration) async throws -> ProcessSample? {
        let deadline = ContinuousClock.now + timeout
        var previous = try sample()
        var quietWindows = 0
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            let current = try sample()
            quietWindows = current.cpuSeconds - previous.cpuSeconds < threshold * 0.5 ? quietWindows + 1 : 0
            previous = current
            if quietWindows >= 2 { return current }
        }
        return nil
    }

    /// Stops the child with SIGTERM (SIGKILL after 15 s) and waits for it to exit.
    public func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(15)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        await kill()
    }

    /// Kills the child at once (SIGKILL: no graceful shutdown, its connections simply drop) and
    /// waits for it to exit.
    public func kill() async {
        if process.isRunning { Foundation.kill(pid, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// The last lines the child wrote, for error messages.
    public func logTail(lines: Int = 30) -> String {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return "(no log)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// This binary: the server under test is the same build as the benchmark.
    private static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// A port nobody listens on now: bound to port 0, read back, closed.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket for a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "could not bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
