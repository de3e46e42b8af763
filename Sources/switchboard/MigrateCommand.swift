import ArgumentParser
import SwitchboardApp

/// `switchboard migrate`: applies pending database migrations and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let database = try DatabaseLocation(config.databasePath)
        let applied = try await database.migrate()
        if applied.isEmpty {
            print("\(database.displayName): up to date")
        } else {
            print("\(database.displayName): applied \(applied.joined(separator: ", "))")
        }
    }
}
