import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import Synchronization
import TestSupport
import Testing
import WSClient

/// An open stream follows its session: sign-out closes it, a department change re-scopes it, and
/// a foreign page cannot open it.
@Suite struct StreamSessionTests {
    @Test func signingOutClosesTheOpenStreamBeforeTheNextEvent() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let maria = try await harness.signIn(client, "maria")
            let texts = Mutex<[String]>([])
            var headers = HTTPFields()
            headers[.cookie] = maria.cookie

            // Given maria's stream is open
            let closed = try await client.ws("/api/v1/stream", configuration: .init(additionalHeaders: headers)) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message, let frame = StreamTests.Frame(text) else { continue }
                    if frame.type == "hello" {
                        // When she signs out (in another tab), then a client writes
                        #expect(try await harness.send(client, .delete, "/api/v1/session", as: maria).status == .noContent)
                        try await harness.clientWrites("after sign-out")
                    }
                    if let text = frame.text { texts.withLock { $0.append(text) } }
                    if frame.text == "after sign-out" { return }
                }
            }

            // Then the socket closes with the signed-out reason instead of delivering the event
            #expect(texts.withLock { $0 }.isEmpty)
            #expect(closed?.reason == "session ended")
        }
    }

    @Test func aDepartmentChangeByAnAdminRescopesTheOpenStream() async throws {
        try await InboxHarness.run { harness, client in
            // Given maria works in Sales and Billing and her stream is open
            let maria = try await harness.addOperator("maria")
            _ = try await harness.addOperator("anna", role: .admin)
            let store = harness.switchboard.store
            let sales = try await store.createDepartment(name: "Sales", routing: QueueRouting()).department.id
            let billing = try await store.createDepartment(name: "Billing", routing: QueueRouting()).department.id
            _ = try await store.updateOperatorRouting(maria.id, maxConcurrent: nil, departmentIDs: [sales, billing])
            let salesConversation = try await harness.clientWrites("buy", from: "u-1")
            let billingConversation = try await harness.clientWrites("refund please", from: "u-2", name: "Taras")
            _ = try await store.transfer(salesConversation, toDepartment: sales, by: nil, note: nil, at: Date())
            _ = try await store.transfer(billingConversation, toDepartment: billing, by: nil, note: nil, at: Date())
            let agent = try await harness.signIn(client, "maria")
            let admin = try await harness.signIn(client, "anna")

            let frames = try await StreamTests.listen(
                client,
                agent,
                onHello: {
                    // When the admin takes Billing away from her, then both clients write
                    let edited = try? await harness.send(
                        client,
                        .patch,
                        "/api/v1/operators/\(maria.id)",
                        as: admin,
                        json: ["departmentIDs": [sales.rawValue]]
                    )
                    #expect(edited?.status == .ok)
                    _ = try? await harness.clientWrites("card number 4111", from: "u-2", name: "Taras")
                    _ = try? await harness.clientWrites("marker", from: "u-1")
                }
            ) { frames in frames.contains { $0.text == "marker" || $0.text == "card number 4111" } }

            // Then the stream tells her inbox to reload and no longer shows Billing
            #expect(frames.first?.type == "reset")
            #expect(!frames.contains { $0.text == "card number 4111" })
            #expect(frames.contains { $0.text == "marker" })
        }
    }

    @Test func anUpgradeFromAForeignPageIsRefused() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            let maria = try await harness.signIn(client, "maria")
            var foreign = HTTPFields()
            foreign[.origin] = "https://evil.example"

            let refused = try await harness.send(client, .get, "/api/v1/stream", as: maria, headers: foreign)
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "bad_origin")

            // (A WebSocket client library cannot be used here: it sends its own `ws://` Origin.)
        }
    }
}
