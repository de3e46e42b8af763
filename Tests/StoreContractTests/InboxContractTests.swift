import Foundation
import SwitchboardCore
import Testing

/// What the inbox reads and changes: lists, counts, notes, contacts, canned replies, labels, sessions, search.
@Suite struct InboxContractTests {
    let admin = Viewer(operatorID: OperatorID(1), role: .admin)

    @Test(arguments: StoreFactory.all)
    func queuesListTheirConversationsNewestActivityFirst(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let viewer = Viewer(operatorID: desk.agent.id, role: .operator)
            let mine = try await desk.conversation(from: "a", at: desk.at(0))
            let waiting = try await desk.conversation(from: "b", at: desk.at(1))
            let done = try await desk.conversation(from: "c", at: desk.at(2))
            _ = try await desk.store.assign(mine, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(3))
            try await desk.clientWrites("still here", from: "a", at: desk.at(4))
            _ = try await desk.store.transition(done, .resolve, at: desk.at(5))

            func list(_ filter: ConversationFilter) async throws -> [ConversationID] {
                try await desk.store.conversations(filter, viewer: viewer, channelID: nil, departmentID: nil, after: nil, limit: 50).map(\.id)
            }

            #expect(try await list(.mine) == [mine])
            #expect(try await list(.unassigned) == [waiting])
            #expect(try await list(.all) == [mine, waiting])
            #expect(try await list(.resolved) == [done])
            let counts = try await desk.store.queueCounts(viewer: viewer)
            #expect(counts[.mine] == QueueCount(total: 1, awaitingReply: 1))
            #expect(counts[.unassigned] == QueueCount(total: 1, awaitingReply: 1))
            #expect(counts[.all] == QueueCount(total: 2, awaitingReply: 2))
            #expect(counts[.resolved]?.total == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aConversationListPagesWithACursor(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var ids: [ConversationID] = []
            for index in 0..<5 {
                ids.append(try await desk.conversation(from: "c\(index)", at: desk.at(Double(index))))
            }
            let newestFirst = Array(ids.reversed())

            let first = try await desk.store.conversations(.all, viewer: admin, channelID: nil, departmentID: nil, after: nil, limit: 2)
            let last = try #require(first.last)
            let cursor = ConversationCursor(lastMessageAt: last.lastMessageAt, id: last.id)
            let second = try await desk.store.conversations(.all, viewer: admin, channelID: nil, departmentID: nil, after: cursor, limit: 10)

            #expect(first.map(\.id) == Array(newestFirst.prefix(2)))
            #expect(second.map(\.id) == Array(newestFirst.dropFirst(2)))
        }
    }

    @Test(arguments: StoreFactory.all)
    func aSummaryShowsTheContactChannelAssigneeAndLastClientVisibleMessage(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.assign(id, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(1))
            let reply = try await desk.reply("On it", in: id, at: desk.at(2))
            _ = try await desk.store.addNote(conversationID: id, operatorID: desk.agent.id, text: "internal", at: desk.at(3))

            let summary = try #require(try await desk.store.conversationSummary(id, viewer: admin))

            #expect(summary.contact.displayName == "Client u-1")
            #expect(summary.channel == ChannelRef(id: desk.channel.id, kind: .telegram, name: "support"))
            #expect(summary.assignee == OperatorRef(id: desk.agent.id, displayName: "Maria"))
            #expect(summary.lastMessage == MessagePreview(id: reply.message.id, direction: .outbound, text: "On it", createdAt: desk.at(2)))
            #expect(summary.awaitingReply == false)
            #expect(summary.status == .open)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anOperatorSeesOnlyTheirDepartmentsAndUndepartmentedConversations(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            let general = try await desk.conversation(from: "a", at: desk.at(0))
            let salesConversation = try await desk.conversation(from: "b", at: desk.at(1))
            let billingConversation = try await desk.conversation(from: "c", at: desk.at(2))
            _ = try await desk.store.transfer(salesConversation, toDepartment: sales.department.id, by: nil, note: nil, at: desk.at(3))
            _ = try await desk.store.transfer(billingConversation, toDepartment: billing.department.id, by: nil, note: nil, at: desk.at(3))
            let viewer = Viewer(operatorID: desk.agent.id, role: .operator, departmentIDs: [sales.department.id])

            let visible = try await desk.store.conversations(.all, viewer: viewer, channelID: nil, departmentID: nil, after: nil, limit: 50)

            #expect(Set(visible.map(\.id)) == [general, salesConversation])
            #expect(try await desk.store.conversationSummary(billingConversation, viewer: viewer) == nil)
            #expect(try await desk.store.conversationSummary(billingConversation, viewer: admin)?.departmentID == billing.department.id)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aNoteIsStoredInTheConversationButNeverSent(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))

            let note = try await desk.store.addNote(conversationID: id, operatorID: desk.agent.id, text: "VIP, be nice", at: desk.at(1))

            #expect(note.message.direction == .internalNote)
            #expect(note.message.deliveryState == nil)
            #expect(note.events.map(\.kind) == [.messageCreated])
            #expect(try await desk.store.messages(in: id).last == note.message)
            #expect(try await desk.store.nextOutboxDue() == nil)
            #expect(try await desk.conversationValue(id).firstResponseAt == nil)
            await expectStoreError(.invalid) {
                try await desk.store.addNote(conversationID: id, operatorID: desk.agent.id, text: "  ", at: desk.at(2))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContactsPreferredNameAndNotesAreSetAndCleared(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let contact = try await desk.clientWrites("hi", at: desk.at(0)).contactID

            let (named, events) = try await desk.store.updateContact(
                contact,
                preferredName: "  pani Olena ",
                notes: "prefers mornings",
                at: desk.at(1)
            )
            #expect(named.preferredName == "pani Olena")
            #expect(named.notes == "prefers mornings")
            #expect(events.map(\.kind) == [.contactUpdated])

            let (kept, _) = try await desk.store.updateContact(contact, preferredName: nil, notes: nil, at: desk.at(2))
            #expect(kept.preferredName == "pani Olena")
            let (cleared, _) = try await desk.store.updateContact(contact, preferredName: .some(nil), notes: "", at: desk.at(3))
            #expect(cleared.preferredName == nil)
            #expect(cleared.notes == "")
            #expect(try await desk.store.contact(contact) == cleared)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theAnswerToTheAddressQuestionBecomesThePreferredName(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let contact = try await desk.clientWrites("hi", at: desk.at(0)).contactID
            try await desk.store.setAskingAddress(contact, true)

            try await desk.clientWrites("/start", at: desk.at(1))
            #expect(try await desk.store.contact(contact)?.preferredName == nil)
            try await desk.clientWrites("  Olena Petrivna ", at: desk.at(2))
            try await desk.clientWrites("and another thing", at: desk.at(3))

            #expect(try await desk.store.contact(contact)?.preferredName == "Olena Petrivna")
        }
    }

    @Test(arguments: StoreFactory.all)
    func cannedRepliesAreSharedOrPrivateAndShortcutsUniquePerScope(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let other = try await desk.makeOperator("petro")
            let shared = try await desk.store.createCannedReply(
                shortcut: "hello",
                title: "Hello",
                body: "Hello, {client_name}!",
                ownerID: nil,
                at: Desk.start
            )
            let mine = try await desk.store.createCannedReply(shortcut: "bye", title: "Bye", body: "Bye!", ownerID: desk.agent.id, at: Desk.start)
            let theirs = try await desk.store.createCannedReply(shortcut: "bye", title: "Bye", body: "Cheers!", ownerID: other.id, at: Desk.start)

            #expect(try await desk.store.cannedReplies(for: desk.agent.id) == [mine, shared])
            #expect(try await desk.store.cannedReplies(for: other.id) == [theirs, shared])
            #expect(try await desk.store.cannedReply(shared.id) == shared)
            #expect(shared.isShared && !mine.isShared)
            await expectStoreError(.conflict) {
                try await desk.store.createCannedReply(shortcut: "hello", title: "Again", body: "x", ownerID: nil, at: Desk.start)
            }
            await expectStoreError(.invalid) {
                try await desk.store.createCannedReply(shortcut: "two words", title: "x", body: "x", ownerID: nil, at: Desk.start)
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aCannedReplyIsEditedAndDeleted(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var reply = try await desk.store.createCannedReply(shortcut: "hello", title: "Hello", body: "Hello!", ownerID: nil, at: Desk.start)
            reply.body = "Good morning!"

            #expect(try await desk.store.updateCannedReply(reply) == reply)
            #expect(try await desk.store.cannedReply(reply.id)?.body == "Good morning!")

            try await desk.store.deleteCannedReply(reply.id)
            #expect(try await desk.store.cannedReply(reply.id) == nil)
            await expectStoreError(.notFound) { try await desk.store.deleteCannedReply(reply.id) }
            await expectStoreError(.notFound) { try await desk.store.updateCannedReply(reply) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func labelsAreReplacedSortedAndFindConversationsDirectlyOrThroughTheContact(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("a", from: "a", at: desk.at(0))
            let second = try await desk.clientWrites("b", from: "b", at: desk.at(1))
            let firstConversation = try #require(first.conversationID)
            let secondConversation = try #require(second.conversationID)

            let events = try await desk.store.setLabels(["vip", "refund", "vip"], onContact: first.contactID, at: desk.at(2))
            _ = try await desk.store.setLabels(["refund"], onConversation: secondConversation, at: desk.at(3))
            _ = try await desk.store.setLabels(["urgent"], onConversation: secondConversation, at: desk.at(4))

            #expect(events.map(\.kind) == [.labelsChanged])
            #expect(try await desk.store.labels(ofContact: first.contactID) == ["refund", "vip"])
            #expect(try await desk.store.labels(ofConversation: secondConversation) == ["urgent"])
            func labeled(_ label: String) async throws -> [ConversationID] {
                try await desk.store.conversations(labeled: label, .all, viewer: admin, after: nil, limit: 10).map(\.id)
            }
            #expect(try await labeled("vip") == [firstConversation])
            #expect(try await labeled("urgent") == [secondConversation])
            #expect(try await labeled("refund") == [firstConversation])
            await expectStoreError(.notFound) { try await desk.store.setLabels(["x"], onContact: ContactID(9_999), at: desk.at(5)) }
            await expectStoreError(.notFound) { try await desk.store.setLabels(["x"], onConversation: ConversationID(9_999), at: desk.at(5)) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aSessionLivesUntilItExpiresOrIsDeleted(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Far in the future, so no store's housekeeping of expired sessions can touch it.
            let expiry = Date(timeIntervalSince1970: 4_000_000_000)
            let session = OperatorSession(tokenHash: "hash-1", operatorID: desk.agent.id, csrfToken: "csrf", expiresAt: expiry)
            try await desk.store.createSession(session, at: Desk.start)

            #expect(try await desk.store.session(tokenHash: "hash-1", now: expiry.addingTimeInterval(-1)) == session)
            #expect(try await desk.store.session(tokenHash: "hash-1", now: expiry) == nil)
            #expect(try await desk.store.session(tokenHash: "other", now: desk.at(0)) == nil)

            try await desk.store.deleteSession(tokenHash: "hash-1")
            #expect(try await desk.store.session(tokenHash: "hash-1", now: desk.at(0)) == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func signInReadsTheLoginsHashAndTheViewerTheirRoleAndDepartments(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let boss = try await desk.store.createOperator(
                OperatorDraft(login: "olga", displayName: "Olga", role: .admin, passwordHash: "$2b$hash"),
                at: Desk.start
            )

            let credentials = try #require(try await desk.store.credentials(login: "olga"))

            #expect(credentials.operator == boss)
            #expect(credentials.passwordHash == "$2b$hash")
            #expect(credentials.active)
            #expect(try await desk.store.credentials(login: "nobody") == nil)
            #expect(try await desk.store.viewer(boss.id)?.1 == Viewer(operatorID: boss.id, role: .admin, departmentIDs: []))
            #expect(try await desk.store.operators().map(\.login) == ["maria", "olga"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func searchFindsMessageTextTheViewerMaySee(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try #require(try await desk.clientWrites("my parcel tracking number is lost", at: desk.at(0)).conversationID)
            try await desk.clientWrites("unrelated words", from: "u-2", at: desk.at(1))

            let hits = try await desk.store.search(SearchQuery("parcel"), viewer: admin, limit: 10).messages

            #expect(hits.map(\.entry.message.conversationID) == [id])
            #expect(hits.first?.entry.message.text == "my parcel tracking number is lost")
            #expect(try await desk.store.search(SearchQuery("nonexistentword"), viewer: admin, limit: 10).messages.isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContactsTimelineSpansConversationsNewestFirstAndPages(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("first", at: desk.at(0))
            let id = try #require(first.conversationID)
            try await desk.reply("answer", in: id, at: desk.at(1))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(2))
            try await desk.clientWrites("new topic", at: desk.at(3 + ConversationPolicy.defaultReopenWindow))

            let all = try await desk.store.timeline(contactID: first.contactID, viewer: admin, before: nil, limit: 10)
            let page = try await desk.store.timeline(contactID: first.contactID, viewer: admin, before: all[0].message.id, limit: 1)

            #expect(all.map(\.message.text) == ["new topic", "answer", "first"])
            #expect(Set(all.map(\.message.conversationID)).count == 2)
            #expect(all[1].authorName == "Maria")
            #expect(page.map(\.message.text) == ["answer"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContactsTimelineShowsAnOperatorOnlyTheConversationsTheyMaySee(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            let first = try await desk.clientWrites("my invoice is wrong", at: desk.at(0))
            let billed = try #require(first.conversationID)
            _ = try await desk.store.transfer(billed, toDepartment: billing.department.id, by: nil, note: nil, at: desk.at(1))
            _ = try await desk.store.transition(billed, .resolve, at: desk.at(2))
            try await desk.clientWrites("new topic", at: desk.at(3 + ConversationPolicy.defaultReopenWindow))
            let outsider = Viewer(operatorID: desk.agent.id, role: .operator, departmentIDs: [])

            let shown = try await desk.store.timeline(contactID: first.contactID, viewer: outsider, before: nil, limit: 10)
            let everything = try await desk.store.timeline(contactID: first.contactID, viewer: admin, before: nil, limit: 10)

            #expect(shown.map(\.message.text) == ["new topic"])
            #expect(everything.map(\.message.conversationID).contains(billed))
            #expect(everything.first?.message.text == "new topic")
        }
    }
}
