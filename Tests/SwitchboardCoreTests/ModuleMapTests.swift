import Foundation
import Testing

/// The README's module map is read from `Package.swift`: every target is in it, with the modules it depends on.
@Suite struct ModuleMapTests {
    /// A target of the package and the package's own targets it depends on.
    struct Target {
        let kind: String
        let name: String
        let dependencies: Set<String>

        var isTest: Bool { kind == "testTarget" }
    }

    /// The repository root: this file is `Tests/SwitchboardCoreTests/ModuleMapTests.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every target declared in `Package.swift`, each with the quoted names of other targets in its declaration.
    static func targets() throws -> [Target] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let starts = manifest.matches(of: #/\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/#)
        let names = Set(starts.map { String($0.output.2) })
        return starts.indices.map { index in
            let end = index + 1 < starts.count ? starts[index + 1].range.lowerBound : manifest.endIndex
            let declaration = manifest[starts[index].range.lowerBound..<end]
            let quoted = Set(declaration.matches(of: #/"([^"]+)"/#).map { String($0.output.1) })
            let name = String(starts[index].output.2)
            return Target(kind: String(starts[index].output.1), name: name, dependencies: quoted.intersection(names).subtracting([name]))
        }
    }

    /// The README's "Modules" section, up to the next second-level heading.
    static func moduleSection() throws -> Substring {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## Modules\n"), "README.md has a Modules section")
        let rest = readme[start.upperBound...]
        return rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
    }

    /// The section's table rows: module name → the modules in its "depends on" column.
    static func table(_ section: Substring) -> [String: Set<String>] {
        var rows: [String: Set<String>] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let name = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            rows[name] = Set(cells[2].matches(of: #/`([^`]+)`/#).map { String($0.output.1) })
        }
        return rows
    }

    @Test func everyModuleOfThePackageIsInTheModuleTableWithItsDependencies() throws {
        let rows = Self.table(try Self.moduleSection())
        let modules = try Self.targets().filter { !$0.isTest }
        #expect(modules.count > 10, "Package.swift was read")
        for module in modules {
            #expect(rows[module.name] != nil, "README.md's module table misses \(module.name)")
            if let listed = rows[module.name] {
                #expect(listed == module.dependencies, "README.md lists other dependencies for \(module.name)")
            }
        }
    }

    @Test func theModuleTableNamesOnlyModulesOfThePackage() throws {
        let rows = Self.table(try Self.moduleSection())
        let modules = Set(try Self.targets().filter { !$0.isTest }.map(\.name))
        #expect(Set(rows.keys).subtracting(modules).isEmpty, "README.md's module table names modules Package.swift lacks")
    }

    @Test func everyTestTargetIsNamedInTheModuleSection() throws {
        let section = try Self.moduleSection()
        for target in try Self.targets() where target.isTest {
            #expect(section.contains("`\(target.name)`"), "README.md's Modules section misses \(target.name)")
        }
    }
}
