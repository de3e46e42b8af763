import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

/// Every store protocol a Switchboard store implements, as the one value the contract cases talk to.
typealias ContractStore = any InboxStore & RoutingStore & AutomationStore & ReportStore & AdminStore & WebhookStore & RevisionStore
    & TopicStore & StaffStore & SignInAttemptStore

/// Another store on the same database, as a second instance opens it.
struct OtherInstance: Sendable {
    let store: ContractStore
    /// Closes this store only; the database stays for the first one.
    let close: @Sendable () async throws -> Void
}

/// A fresh, empty store and how to get rid of it.
struct StoreUnderTest: Sendable {
    /// The store, seen only through its protocols.
    let store: ContractStore
    /// Opens a second store on the same database (close it before `tearDown`).
    let openAnother: @Sendable () async throws -> OtherInstance
    /// Counts a table's rows from the side, for what the protocols cannot show (a table staying bounded).
    let rowCount: @Sendable (_ table: String) async throws -> Int
    /// Closes the store and deletes what it created.
    let tearDown: @Sendable () async throws -> Void
}

/// Makes fresh stores of one implementation; the contract suite runs every case once per factory.
///
/// A new store joins the suite by adding a factory to `all`, without new test code.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// The implementation's name, shown in test results.
    let name: String
    /// Creates an empty, migrated store.
    let make: @Sendable () async throws -> StoreUnderTest

    var testDescription: String { name }

    /// Every store implementation the contract runs against.
    static let all: [StoreFactory] = [.sqlite, .postgres]

    /// A real SQLite file in a temporary folder, deleted afterwards.
    static let sqlite = StoreFactory(name: "SQLite") {
        let directory = try TemporaryDirectory()
        do {
            let path = try directory.migratedDatabase("contract.sqlite")
            let store = try SQLiteStore(path: path)
            return StoreUnderTest(
                store: store,
                openAnother: {
                    let other = try SQLiteStore(path: path)
                    return OtherInstance(store: other) { try other.close() }
                },
                rowCount: { table in
                    let inspector = try DatabaseInspector(path: path)
                    defer { try? inspector.close() }
                    return try inspector.count(table)
                },
                tearDown: {
                    try? store.close()
                    directory.remove()
                }
            )
        } catch {
            directory.remove()
            throw error
        }
    }
}
