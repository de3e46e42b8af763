import Foundation
import SwitchboardCore
import Testing

/// The README's table of what each messenger takes is the rule's own rendering, so it cannot drift.
@Suite struct MediaLimitsReadmeTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md").path

    @Test func theReadmeCarriesTheLimitsTableOnce() throws {
        let readme = try String(contentsOfFile: Self.path, encoding: .utf8)
        let table = MediaLimitsTable.markdown()
        #expect(readme.contains(table + "\n"), "README.md lacks the table; paste MediaLimitsTable.markdown():\n\(table)")
        #expect(readme.components(separatedBy: "| Messenger | Direction |").count == 2)
    }
}
