import Foundation
import SwitchboardApp

/// One database file migrated once per test process, which tests copy instead of migrating their own.
///
/// Running every migration is synchronous work on the thread that opens the store. With over a
/// thousand tests starting at once on two cores, hundreds of fixtures migrating together held both
/// cooperative threads for tens of seconds, and waits in unrelated tests ran out of time. A copy of
/// the migrated file is the same database for a fraction of the work; the store still checks and
/// applies migrations when it opens the copy, so a stale template could not go unnoticed.
enum MigratedTemplate {
    /// The template's path, or why it could not be made.
    static let path: Result<String, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("migrated.sqlite").path
        _ = try DatabaseLocation(path).migrateSQLiteFile()
        atexit { MigratedTemplate.removeAtExit() }
        return path
    }

    /// Deletes the template's folder when the test process ends.
    private static func removeAtExit() {
        guard case .success(let file) = path else { return }
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path)
    }
}

extension TemporaryDirectory {
    /// A migrated, empty database file in this directory, copied from the process's template.
    /// - Parameter name: the file's name in the directory; it must not exist yet.
    /// - Returns: the file's path, to open with `openStore` or to give the app as its database.
    public func migratedDatabase(_ name: String) throws -> String {
        let destination = path(name)
        try FileManager.default.copyItem(atPath: MigratedTemplate.path.get(), toPath: destination)
        return destination
    }
}
