import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct OperatorAvatarAPITests {
    func upload(
        _ harness: InboxHarness,
        _ client: any TestClientProtocol,
        _ image: Data,
        for id: OperatorID,
        as session: InboxHarness.Session,
        type: String = "image/png"
    ) async throws -> InboxHarness.Reply {
        try await harness.send(client, .put, "/api/v1/operators/\(id)/avatar", as: session, raw: image, headers: [.contentType: type])
    }

    @Test func avatarsThatBreakARuleAreRefusedWithTheReasonAndChangeNothing() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let maria = try await harness.addOperator("maria")
            let admin = try await harness.signIn(client, "root")
            let refusals: [(Data, String, String)] = [
                (TestImages.gif, "image/png", "JPEG or PNG"),
                (TestImages.png(width: 64, height: 64), "text/plain", "JPEG or PNG"),
                (TestImages.png(width: 256, height: 256, bytes: 120 * 1024), "image/png", "at most 100 KB"),
                (TestImages.png(width: 256, height: 256, bytes: 2 << 20), "image/png", "at most 100 KB"),
                (TestImages.jpeg(width: 2000, height: 2000), "image/jpeg", "between 32 and 1024 px"),
                (TestImages.jpeg(width: 300, height: 200), "image/jpeg", "square"),
            ]
            for (image, type, reason) in refusals {
                let reply = try await upload(harness, client, image, for: maria.id, as: admin, type: type)
                #expect(reply.status == .unprocessableContent, "\(reason)")
                #expect(reply.errorCode == "invalid_avatar")
                let message = (reply.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains(reason), "\(message)")
            }
            let big = try await upload(harness, client, TestImages.png(width: 2048, height: 2048), for: maria.id, as: admin)
            #expect(((big.json["error"] as? [String: Any])?["message"] as? String)?.contains("does not resize") == true)
            #expect(try await harness.switchboard.store.operatorAccount(maria.id)?.operator.avatarURL == nil)
            let avatars = harness.directory.path("media/avatars")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: avatars))?.isEmpty ?? true)
            #expect(try await harness.send(client, .get, "/api/v1/audit", as: admin).items.isEmpty)
        }
    }

    @Test func anAcceptedAvatarIsServedBecomesTheViberPersonaAndIsAudited() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("root", role: .admin)
            let maria = try await harness.addOperator("maria")
            let ivan = try await harness.addOperator("ivan")
            let admin = try await harness.signIn(client, "root")
            let mariaSession = try await harness.signIn(client, "maria")
            let image = TestImages.jpeg(width: 720, height: 720, bytes: 90_000)

            let accepted = try await upload(harness, client, image, for: maria.id, as: admin, type: "image/jpeg")

            #expect(accepted.status == .ok)
            let url = try #require(accepted.json["avatarURL"] as? String)
            #expect(url.hasPrefix("http://127.0.0.1:0/avatars/operator-\(maria.id)-") && url.hasSuffix(".jpg"))
            #expect(accepted.json["login"] as? String == "maria")
            let path = try #require(URL(string: url)?.path)
            let served = try await harness.send(client, .get, path)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/jpeg")
            #expect(served.body == image)
            let account = try #require(try await harness.switchboard.store.operatorAccount(maria.id))
            #expect(account.operator.persona == Persona(name: "Maria", avatarURL: url))

            // An operator changes their own avatar, not a colleague's.
            let own = try await upload(harness, client, TestImages.png(width: 128, height: 120), for: maria.id, as: mariaSession)
            #expect(own.status == .ok)
            let other = try await upload(harness, client, TestImages.png(width: 128, height: 128), for: ivan.id, as: mariaSession)
            #expect(other.status == .forbidden)
            #expect(other.errorCode == "forbidden")
            let cleared = try await harness.send(client, .delete, "/api/v1/operators/\(maria.id)/avatar", as: mariaSession)
            #expect(cleared.status == .ok)
            #expect(cleared.json["avatarURL"] == nil)
            #expect(try await harness.send(client, .put, "/api/v1/operators/999/avatar", as: admin, raw: image).status == .notFound)

            let audit = try await harness.send(client, .get, "/api/v1/audit", as: admin)
            #expect(audit.items.map { $0["action"] as? String } == Array(repeating: "operator.avatar_changed", count: 3))
            let first = try #require(audit.items.last?["changes"] as? [String: [String: Any]])
            #expect(first["avatarURL"]?["from"] is NSNull)
            #expect(first["avatarURL"]?["to"] as? String == url)
            #expect((audit.items[1]["actor"] as? [String: Any])?["name"] as? String == "Maria")
        }
    }
}
