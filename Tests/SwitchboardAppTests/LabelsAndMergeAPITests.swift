import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite(.serialized) struct LabelsAndMergeAPITests {
    let first = FakeTelegram.User(id: 5_000_000_301, firstName: "Ivan", languageCode: "en")
    let second = FakeTelegram.User(id: 5_000_000_302, firstName: "Ivan P", languageCode: "en")

    @Test func labelsOnContactsAndConversationsFilterTheList() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            let ids = try await twoConversations(harness, maria)
            let contactID = try await contact(harness, maria, ids.0)

            let labelled = try await harness.api(.put, "/api/v1/contacts/\(contactID)/labels", json: ["labels": [" vip ", "vip"]], as: maria)
            #expect(labelled.json["items"] as? [String] == ["vip"])
            let tagged = try await harness.api(.put, "/api/v1/conversations/\(ids.1)/labels", json: ["labels": ["refund"]], as: maria)
            #expect(tagged.json["items"] as? [String] == ["refund"])
            #expect(try await listed(harness, maria, label: "vip") == [ids.0])
            #expect(try await listed(harness, maria, label: "refund") == [ids.1])
            #expect(try await listed(harness, maria, label: "none").isEmpty)
            let detail = try await harness.api(.get, "/api/v1/conversations/\(ids.0)", as: maria).json
            #expect(detail["contactLabels"] as? [String] == ["vip"])
            #expect(detail["labels"] as? [String] == [])
            #expect(try await harness.api(.get, "/api/v1/contacts/\(contactID)", as: maria).json["labels"] as? [String] == ["vip"])

            let tooLong = try await harness.api(
                .put,
                "/api/v1/conversations/\(ids.1)/labels",
                json: ["labels": [String(repeating: "x", count: 41)]],
                as: maria
            )
            #expect(tooLong.errorCode == "invalid_labels")
            #expect(try await harness.api(.put, "/api/v1/conversations/\(ids.1)/labels", json: ["labels": [""]], as: maria).status == 400)
            #expect(try await listed(harness, maria, label: "refund") == [ids.1])
        }
    }

    @Test func onlySupervisorsMergeAndUndoAndTheListShowsOneClient() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            let sofia = try await harness.signIn("sofia")
            let ids = try await twoConversations(harness, sofia)
            let target = try await contact(harness, sofia, ids.0)
            let source = try await contact(harness, sofia, ids.1)
            let body = ["contactID": source]

            #expect(try await harness.api(.post, "/api/v1/contacts/\(target)/merge", json: body, as: maria).status == 403)
            #expect(
                try await harness.api(.post, "/api/v1/contacts/\(target)/merge", json: ["contactID": target], as: sofia).errorCode == "same_contact"
            )
            #expect(try await harness.api(.post, "/api/v1/contacts/\(target)/merge", json: ["contactID": 999], as: sofia).status == 400)
            let merged = try await harness.api(.post, "/api/v1/contacts/\(target)/merge", json: body, as: sofia)
            #expect(merged.status == 201)
            #expect(try await contact(harness, sofia, ids.1) == target)
            #expect(try await harness.api(.post, "/api/v1/contacts/\(target)/merge", json: body, as: sofia).status == 400)
            let timeline = try await harness.api(.get, "/api/v1/conversations/\(ids.1)/messages", as: sofia).items
            // The client's own messages, newest first; the automatic welcomes are the bot's.
            let written = timeline.filter { $0["direction"] as? String == "in" }.compactMap { $0["text"] as? String }
            #expect(written == ["from the second account", "from the first account"])

            let mergeID = try #require(merged.json["id"] as? Int)
            #expect(try await harness.api(.post, "/api/v1/merges/\(mergeID)/undo", as: maria).status == 403)
            #expect(try await harness.api(.post, "/api/v1/merges/\(mergeID)/undo", as: sofia).status == 200)
            #expect(try await harness.api(.post, "/api/v1/merges/\(mergeID)/undo", as: sofia).errorCode == "not_undoable")
            #expect(try await harness.api(.post, "/api/v1/merges/424242/undo", as: sofia).status == 404)
            #expect(try await contact(harness, sofia, ids.1) == source)
        }
    }

    @Test func sharedPhoneNumbersLinkAtOnceWhenTheSettingIsOn() async throws {
        let harness = try await ContinuityHarness(autoLinkByPhone: true)
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { switchboard in
            let sofia = try await harness.signIn("sofia")
            let viberUser = FakeViber.User(id: "ivan-viber==", name: "Ivan V")
            for user in [first, second] {
                let card: [String: Any] = [
                    "message_id": Int(user.id % 1000), "date": Int(Date().timeIntervalSince1970),
                    "chat": ["id": user.id, "type": "private", "first_name": user.firstName],
                    "from": ["id": user.id, "is_bot": false, "first_name": user.firstName],
                    // The second shares someone else's card: not a verified number of theirs.
                    "contact": ["phone_number": "380671112233", "first_name": "Ivan", "user_id": first.id],
                ]
                _ = try await harness.telegram.enqueueUpdate(bot: ContinuityHarness.telegramToken, json: ["message": card])
            }
            // On Viber only the answer to the share-phone keyboard is the client's own number.
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: viberUser, message: .text("hi on viber"))
            var viberConversation: Int?
            try await eventually("the Viber conversation") {
                let items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: sofia).items
                viberConversation = items.first { ($0["lastMessage"] as? [String: Any])?["text"] as? String == "hi on viber" }?["id"] as? Int
                return viberConversation != nil
            }
            let requested = try await harness.api(.post, "/api/v1/conversations/\(try #require(viberConversation))/request-phone", as: sofia)
            #expect(requested.status == 204)
            try await eventually("the share-phone keyboard reaches Viber") {
                await harness.viber.sentMessages(bot: ContinuityHarness.viberToken, receiver: viberUser.id).contains { sent in
                    (sent.keyboardObject?["Buttons"] as? [[String: Any]] ?? []).contains { $0["ActionType"] as? String == "share-phone" }
                }
            }
            try await harness.viber.userSharesPhone(bot: ContinuityHarness.viberToken, user: viberUser, name: "Ivan", phoneNumber: "+380671112233")
            var contacts: [Int] = []
            try await eventually("the Viber identity joins the first Telegram one") {
                let items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: sofia).items
                contacts = items.compactMap { ($0["contact"] as? [String: Any])?["id"] as? Int }
                return contacts.count == 3 && Set(contacts).count == 2
            }
            // The contact owning two identities is the first Telegram user's and the Viber user's, whichever came first.
            let shared = try #require(contacts.first { id in contacts.filter { $0 == id }.count == 2 })
            let linked = try await switchboard.store.identities(of: ContactID(Int64(shared))).map(\.externalID)
            #expect(Set(linked) == [String(first.id), viberUser.id])
        }
    }

    func twoConversations(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session) async throws -> (Int, Int) {
        _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: first, text: "from the first account")
        var items: [[String: Any]] = []
        try await eventually("the first conversation") {
            items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: session).items
            return items.count == 1
        }
        _ = try await harness.telegram.sendUserMessage(bot: ContinuityHarness.telegramToken, from: second, text: "from the second account")
        try await eventually("the second conversation") {
            items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: session).items
            return items.count == 2
        }
        let ids = items.compactMap { $0["id"] as? Int }.sorted()
        return (ids[0], ids[1])
    }

    func contact(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, _ conversation: Int) async throws -> Int {
        try #require(
            (try await harness.api(.get, "/api/v1/conversations/\(conversation)", as: session).json["contact"] as? [String: Any])?["id"] as? Int
        )
    }

    func listed(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, label: String) async throws -> [Int] {
        try await harness.api(.get, "/api/v1/conversations?filter=all&label=\(label)", as: session).items.compactMap { $0["id"] as? Int }
    }
}
