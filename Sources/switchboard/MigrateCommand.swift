import ArgumentParser
import SQLiteStore
import SwitchboardApp

/// `switchboard migrate`: applies pending database migrations and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let applied = try SQLiteStore.migrate(path: config.databasePath)
        if applied.isEmpty {
            print("\(config.databasePath): up to date")
        } else {
            print("\(config.databasePath): applied \(applied.joined(separator: ", "))")
        }
    }
}
