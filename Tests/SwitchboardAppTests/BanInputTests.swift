import HTTPTypes
import SwitchboardApp
import SwitchboardCore
import Testing

/// Bad ban requests get a clear 4xx and change nothing.
@Suite struct BanInputTests {
    @Test func aBlankOrTooLongReasonIsRefusedWith400AndNothingIsBanned() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let sofia = try await harness.signIn(client, "sofia")
            let conversation = try await harness.clientWrites("hello")
            let contact = try #require(try await harness.switchboard.store.conversation(conversation)?.contactID)

            let blank = try await harness.send(client, .post, "/api/v1/contacts/\(contact)/ban", as: sofia, json: ["reason": "   "])
            let long = try await harness.send(
                client,
                .post,
                "/api/v1/contacts/\(contact)/ban",
                as: sofia,
                json: ["reason": String(repeating: "x", count: 501)]
            )
            let unknown = try await harness.send(client, .post, "/api/v1/contacts/999/ban", as: sofia, json: ["reason": "spam"])

            #expect(blank.status == .badRequest && blank.errorCode == "invalid")
            #expect(long.status == .badRequest && long.errorCode == "invalid")
            #expect(unknown.status == .notFound)
            #expect(try await harness.switchboard.store.ban(of: contact) == nil)
        }
    }
}
