import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardApp
import SwitchboardCore
import Testing

/// Other operators see edits and deletions of replies live on the stream.
@Suite struct RevisionStreamTests {
    @Test func anotherOperatorSeesAnEditAndADeletionLive() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("petro")
            let maria = try await harness.signIn(client, "maria")
            let petro = try await harness.signIn(client, "petro")
            // Given Maria's reply that Telegram accepted.
            let conversation = try await harness.clientWrites("when does it ship?")
            let posted = try await harness.send(client, .post, "/api/v1/conversations/\(conversation)/messages", as: maria, json: ["text": "Munday"])
            let reply = try #require(posted.json["id"] as? Int)
            _ = try await harness.switchboard.store.recordDelivery(.sent(MessageID(Int64(reply)), externalMessageID: "42:100"), at: Date())
            let path = "/api/v1/conversations/\(conversation)/messages/\(reply)"

            // When Maria edits and then deletes it while Petro is connected.
            let frames = try await StreamTests.listen(
                client,
                petro,
                onHello: {
                    _ = try? await harness.send(client, .patch, path, as: maria, json: ["text": "Monday"])
                    _ = try? await harness.send(client, .delete, path, as: maria)
                }
            ) { frames in frames.contains { $0.kind == "message.deleted" } }

            // Then Petro saw both, the edit with its new text.
            let revisions = frames.filter { $0.kind == "message.edited" || $0.kind == "message.deleted" }
            #expect(revisions.map(\.kind) == ["message.edited", "message.deleted"])
            #expect(revisions.first?.text == "Monday")
            let edits = try await harness.send(client, .get, path + "/edits", as: petro)
            #expect((edits.json["edits"] as? [[String: Any]])?.first?["previousText"] as? String == "Munday")
        }
    }
}
