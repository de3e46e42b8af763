import ArgumentParser
import Foundation
import Logging
import SwitchboardApp

/// `switchboard copy-database --from FILE --to URL`: the one-off move from SQLite to PostgreSQL.
struct CopyDatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-database",
        abstract: "Copy a SQLite database into a new, empty PostgreSQL database.",
        discussion:
            "Stop Switchboard first. The PostgreSQL database is migrated, then every table is copied in one transaction and the row counts of both sides are compared: on any failure nothing is kept, and the command can be run again. The SQLite file is only read; it must have been migrated by this version (switchboard migrate)."
    )

    @Option(help: "The SQLite database file to copy.") var from: String
    @Option(help: "The PostgreSQL database to fill: postgres://user:password@host:port/database.") var to: String

    func run() async throws {
        var logger = Logger(label: "switchboard.copy-database")
        logger.logLevel = .warning
        do {
            let report = try await DatabaseCopy.run(from: from, to: to, logger: logger)
            for table in report.tables {
                print("\(table.table): \(table.rows) rows")
            }
            print("copied \(report.rows) rows in \(report.tables.count) tables from \(report.source) to \(report.target); row counts match")
        } catch let error as DatabaseCopy.Failure {
            FileHandle.standardError.write(Data("switchboard copy-database: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
