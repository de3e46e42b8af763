import ArgumentParser
import Foundation
import SwitchboardApp

/// `switchboard backup <file>`: a consistent copy of the database, safe while `serve` runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent online backup of the database to a new file.",
        discussion:
            "The copy is one snapshot taken while the server keeps running; it is checked with SQLite's integrity check before it gets its name. Restore by stopping the server and putting the file in place of the database (remove the old -wal and -shm files)."
    )

    @Argument(help: "The backup file to create; it must not exist yet.") var file: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        do {
            let summary = try await DatabaseLocation(config.databasePath).backup(to: file)
            print("\(summary.path): \(summary.bytes) bytes, \(summary.conversations) conversations, \(summary.messages) messages, integrity ok")
        } catch let error as DatabaseLocation.MaintenanceError {
            FileHandle.standardError.write(Data("switchboard backup: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
