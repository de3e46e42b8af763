public import SwitchboardApp

extension StoreFixture {
    /// The same database file opened again, as a restarted process would (close `other`'s store first).
    /// - Throws: when the file cannot be opened.
    public init(reopening other: StoreFixture) throws {
        directory = other.directory
        store = try openStore(AppConfig(databasePath: other.path))
        channel = other.channel
        agent = other.agent
    }
}
