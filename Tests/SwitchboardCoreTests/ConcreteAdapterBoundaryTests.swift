import Foundation
import Testing

/// Outside the composition root (`SwitchboardApp`) and the store module, code holds the store and
/// bus ports; only those places may name the SQLite store or the in-process bus, so a second store
/// or bus replaces them in one place.
@Suite struct ConcreteAdapterBoundaryTests {
    /// Folders and files under `Sources/` allowed to name the concrete types.
    static let allowed = ["Sources/SQLiteStore/", "Sources/SwitchboardApp/", "Sources/SwitchboardEngine/InProcessEventBus.swift"]

    /// Every Swift file under `Sources/`, as a path relative to the repository root.
    static func sourceFiles() throws -> [String] {
        let root = ModuleMapTests.root
        let sources = root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "Sources/" + $0 }.sorted()
    }

    /// The files outside `allowed` whose text names `word` as a whole identifier.
    static func offenders(naming word: String) throws -> [String] {
        let pattern = try Regex("\\b\(word)\\b")
        return try sourceFiles().filter { path in
            guard !allowed.contains(where: { path.hasPrefix($0) }) else { return false }
            let text = try String(contentsOf: ModuleMapTests.root.appendingPathComponent(path), encoding: .utf8)
            return text.contains(pattern)
        }
    }

    @Test func theScanSeesTheFilesThatDefineTheConcreteTypes() throws {
        let files = try Self.sourceFiles()
        #expect(files.contains("Sources/SQLiteStore/SQLiteStore.swift"))
        #expect(files.contains("Sources/SwitchboardEngine/InProcessEventBus.swift"))
        #expect(files.contains("Sources/TestSupport/StoreFixture.swift"))
    }

    @Test func onlyTheCompositionRootAndTheStoreNameTheSQLiteStore() throws {
        #expect(try Self.offenders(naming: "SQLiteStore") == [])
    }

    @Test func onlyTheCompositionRootNamesTheInProcessBus() throws {
        #expect(try Self.offenders(naming: "InProcessEventBus") == [])
    }
}
