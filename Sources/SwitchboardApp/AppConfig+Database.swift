public import Foundation

extension AppConfig {
    /// Connections one instance opens to a PostgreSQL database at most, unless `SWITCHBOARD_DATABASE_POOL_SIZE` says otherwise.
    public static let defaultDatabasePoolSize = 10
    /// Seconds PostgreSQL lets one statement run before cancelling it, unless `SWITCHBOARD_DATABASE_STATEMENT_TIMEOUT` says otherwise.
    public static let defaultDatabaseStatementTimeout: TimeInterval = 30

    /// The folder the database setting puts its SQLite file in, where the media folder and the key
    /// file go by default; "" (the working folder) for a database URL, whose path is not a folder here.
    static func localFolder(of databaseSetting: String) -> String {
        guard case .sqlite = try? DatabaseLocation(databaseSetting) else { return "" }
        return (databaseSetting as NSString).deletingLastPathComponent
    }

    /// Reads `SWITCHBOARD_DATABASE_POOL_SIZE` and `SWITCHBOARD_DATABASE_STATEMENT_TIMEOUT`, which only a PostgreSQL database uses.
    static func loadDatabaseLimits(_ value: (String) -> String?, problems: inout [String]) -> (poolSize: Int, statementTimeout: TimeInterval) {
        var poolSize = defaultDatabasePoolSize
        if let raw = value("SWITCHBOARD_DATABASE_POOL_SIZE") {
            if let parsed = Int(raw), (1...500).contains(parsed) {
                poolSize = parsed
            } else {
                problems.append("SWITCHBOARD_DATABASE_POOL_SIZE: '\(raw)' is not a number of connections between 1 and 500")
            }
        }
        var statementTimeout = defaultDatabaseStatementTimeout
        if let raw = value("SWITCHBOARD_DATABASE_STATEMENT_TIMEOUT") {
            if let parsed = Int(raw), (1...3600).contains(parsed) {
                statementTimeout = TimeInterval(parsed)
            } else {
                problems.append("SWITCHBOARD_DATABASE_STATEMENT_TIMEOUT: '\(raw)' is not a number of seconds between 1 and 3600")
            }
        }
        return (poolSize, statementTimeout)
    }
}
