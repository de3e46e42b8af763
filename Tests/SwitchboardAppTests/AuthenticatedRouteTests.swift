import Foundation
import Testing

/// Every operator route runs in a context that cannot exist without the signed-in operator, so a
/// handler cannot forget the check.
@Suite struct AuthenticatedRouteTests {
    /// The one place allowed to check by hand: the stream's upgrade, because hummingbird-websocket's
    /// `ws` route needs the parent context (a child context is not a `WebSocketRequestContext`).
    static let manualChecks: Set<String> = ["StreamController.swift"]

    @Test func noRouteHandlerChecksTheSessionByHand() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SwitchboardWeb")
        let files = try #require(FileManager.default.enumerator(at: web, includingPropertiesForKeys: nil))
        var found: Set<String> = []
        // The contexts and the audit actor build on the check; they hold no route.
        for case let file as URL in files
        where file.pathExtension == "swift" && !file.lastPathComponent.hasSuffix("RequestContext.swift")
            && file.lastPathComponent != "AuditRecording.swift"
        {
            let text = try String(contentsOf: file, encoding: .utf8)
            if text.contains(".requireOperator()") { found.insert(file.lastPathComponent) }
        }
        #expect(found == Self.manualChecks, "an operator route belongs in a `group(context: OperatorRequestContext.self)`")
    }
}
