public import Foundation
import Glibc
import Synchronization

/// A real PostgreSQL server that a test process starts for itself: `initdb` into a temporary
/// folder, `pg_ctl start` on a free port with its socket in that folder, and `pg_ctl stop` when the
/// process exits. Each test takes a fresh database of its own with `newDatabaseURL()`.
///
/// `initdb` refuses to run as root, and CI runs as root: then the server runs as the unprivileged
/// `postgres` user (Debian's package creates it) through `runuser`.
public final class ThrowawayPostgres: Sendable {
    /// The folder holding the data directory, the socket and the log; deleted on stop.
    public let folder: URL
    /// The TCP port on 127.0.0.1 (the socket file is named after it too).
    public let port: Int
    let binaries: URL
    private let databaseCounter = Atomic<Int>(0)

    /// The server of this test process, started on first use and stopped when the process exits.
    public static func shared() throws -> ThrowawayPostgres {
        try sharedServer.withLock { server in
            if let server { return server }
            let started = try ThrowawayPostgres()
            server = started
            atexit { ThrowawayPostgres.stopShared() }
            return started
        }
    }

    private static let sharedServer = Mutex<ThrowawayPostgres?>(nil)

    private static func stopShared() {
        sharedServer.withLock { $0?.stop() }
    }

    /// Starts a new server; `stop()` it when done.
    /// - Throws: when PostgreSQL is not installed (`deploy/bootstrap.sh --test` installs it) or does not start.
    public init() throws {
        binaries = try Self.findBinaries()
        port = try Socket.serverPort()
        // Short and fixed-prefix: a Unix socket path must stay under 108 bytes.
        folder = URL(fileURLWithPath: "/tmp/sb-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            if geteuid() == 0 {
                try Self.run("/bin/chown", ["postgres:postgres", folder.path])
            }
            try runAsServerUser(
                "initdb",
                ["-D", dataPath, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]
            )
            try startServer()
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Stops the server as an administrator's restart does, and keeps its data: `resume()` starts
    /// it again on the same port. For tests of what clients do while the database is gone.
    ///
    /// A fast shutdown (clients are disconnected, a checkpoint is written), not an immediate one:
    /// this server trades durability for speed (`synchronous_commit=off`, `fsync=off`), so a
    /// crash loses recent commits, and a test would then see rows it wrote vanish.
    public func halt() throws {
        try runAsServerUser("pg_ctl", ["-D", dataPath, "-m", "fast", "-w", "stop"])
    }

    /// Starts a halted server again, on the same port, with the same data.
    public func resume() throws {
        try startServer()
    }

    private func startServer() throws {
        let options = [
            "-p \(port)", "-k \(folder.path)", "-c listen_addresses=127.0.0.1", "-c fsync=off",
            "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=500",
        ]
        try runAsServerUser(
            "pg_ctl",
            ["-D", dataPath, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o", options.joined(separator: " "), "start"]
        )
    }

    /// Stops the server at once and deletes its folder.
    public func stop() {
        try? runAsServerUser("pg_ctl", ["-D", dataPath, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// A URL Switchboard reads (`SWITCHBOARD_DATABASE`) for `database` over TCP on 127.0.0.1.
    public func url(database: String) -> String {
        "postgres://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Creates a database with a name no other test of this process uses, and returns its URL.
    /// - Parameter template: a database to copy (PostgreSQL's `CREATE DATABASE … TEMPLATE`, a file
    ///   copy that is much faster than migrating); nil for an empty one. Nobody may be connected to it.
    public func newDatabaseURL(template: String? = nil) throws -> String {
        let name = try newDatabase(template: template)
        return url(database: name)
    }

    /// Creates a database as `newDatabaseURL` does and returns its name.
    public func newDatabase(template: String? = nil) throws -> String {
        let name = "t\(getpid())_\(databaseCounter.add(1, ordering: .relaxed).newValue)"
        let copying = template.map { ["-T", $0] } ?? []
        try runAsServerUser("createdb", ["-h", folder.path, "-p", String(port), "-U", "postgres"] + copying + [name])
        return name
    }

    /// Drops a database nobody is connected to any more.
    public func dropDatabase(_ name: String) throws {
        try runAsServerUser("dropdb", ["-h", folder.path, "-p", String(port), "-U", "postgres", name])
    }

    /// Runs `psql` with `sql` against `database` and returns what it printed (unaligned, tuples only).
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try runAsServerUser(
            "psql",
            ["-h", folder.path, "-p", String(port), "-U", "postgres", "-d", database, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql]
        )
    }

    private var dataPath: String { folder.appendingPathComponent("data").path }

    @discardableResult
    private func runAsServerUser(_ tool: String, _ arguments: [String]) throws -> String {
        let path = binaries.appendingPathComponent(tool).path
        if geteuid() == 0 {
            return try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        }
        return try Self.run(path, arguments)
    }

    private static func findBinaries() throws -> URL {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let folder = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("initdb").path) { return folder }
        }
        throw ThrowawayPostgresError.notInstalled
    }

    /// Runs a program to its end and returns what it printed.
    ///
    /// posix_spawn and waitpid rather than Foundation's `Process`, whose exit monitoring did not
    /// notice the end of `runuser` here. Output goes to a file, not a pipe: the server that
    /// `pg_ctl start` leaves running would hold a pipe open for ever.
    @discardableResult
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("sb-pg-output-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ThrowawayPostgresError.failed(executable, String(cString: strerror(spawned))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS are macros Swift cannot import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw ThrowawayPostgresError.failed(([executable] + arguments).joined(separator: " "), text)
        }
        return text
    }
}

/// Why the throwaway server could not be used.
public enum ThrowawayPostgresError: Error, CustomStringConvertible {
    case notInstalled
    case failed(String, String)

    public var description: String {
        switch self {
        case .notInstalled: "PostgreSQL is not installed under /usr/lib/postgresql (deploy/bootstrap.sh --test installs postgresql-15)"
        case .failed(let command, let output): "\(command) failed: \(output)"
        }
    }
}
