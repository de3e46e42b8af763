import Foundation
import SwitchboardCore
import Testing

/// The inbox search: messages, notes and contacts, newest first, limited to what the viewer may see
/// exactly as the conversation lists are, and narrowed by each filter.
@Suite struct SearchContractTests {
    let admin = Viewer(operatorID: OperatorID(1), role: .admin)

    func messages(_ desk: Desk, _ text: String, _ filters: SearchFilters = SearchFilters(), viewer: Viewer? = nil) async throws -> [String] {
        try await desk.store.search(SearchQuery(text, filters: filters), viewer: viewer ?? admin, limit: 20).messages.map(\.entry.message.text)
    }

    @Test(arguments: StoreFactory.all)
    func findsMessagesAndNotesByPrefixNewestFirstWithTheirContact(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.clientWrites("my parcel is lost", at: desk.at(0))
            let id = try #require(first.conversationID)
            try await desk.reply("We will find the parcels", in: id, at: desk.at(1))
            _ = try await desk.store.addNote(conversationID: id, operatorID: desk.agent.id, text: "parcel insured", at: desk.at(2))
            try await desk.clientWrites("unrelated", from: "u-2", at: desk.at(3))

            let results = try await desk.store.search(SearchQuery("PARC"), viewer: admin, limit: 20)

            #expect(results.messages.map(\.entry.message.text) == ["parcel insured", "We will find the parcels", "my parcel is lost"])
            #expect(results.messages.allSatisfy { $0.contact.id == first.contactID && $0.contact.displayName == "Client u-1" })
            #expect(results.messages.last?.snippet.contains("[parcel]") == true)
            #expect(try await messages(desk, "parcel lost") == ["my parcel is lost"])
            #expect(try await desk.store.search(SearchQuery("PARC"), viewer: admin, limit: 1).messages.count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anOperatorFindsOnlyWhatTheirDepartmentsAndAssignmentsShow(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            _ = try await desk.clientWrites("refund general", from: "a", at: desk.at(0))
            let inSales = try #require(try await desk.clientWrites("refund sales", from: "b", at: desk.at(1)).conversationID)
            let inBilling = try #require(try await desk.clientWrites("refund billing", from: "c", at: desk.at(2)).conversationID)
            let assigned = try #require(try await desk.clientWrites("refund mine", from: "d", at: desk.at(3)).conversationID)
            _ = try await desk.store.transfer(inSales, toDepartment: sales.department.id, by: nil, note: nil, at: desk.at(4))
            _ = try await desk.store.transfer(inBilling, toDepartment: billing.department.id, by: nil, note: nil, at: desk.at(4))
            _ = try await desk.store.transfer(assigned, toDepartment: billing.department.id, by: nil, note: nil, at: desk.at(4))
            _ = try await desk.store.assign(assigned, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(5))
            let agent = Viewer(operatorID: desk.agent.id, role: .operator, departmentIDs: [sales.department.id])

            #expect(try await messages(desk, "refund", viewer: agent) == ["refund mine", "refund sales", "refund general"])
            #expect(try await messages(desk, "refund").count == 4)
            let contacts = try await desk.store.search(SearchQuery("Client"), viewer: agent, limit: 20).contacts
            #expect(Set(contacts.map(\.contact.displayName)) == ["Client a", "Client b", "Client d"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func eachFilterNarrowsTheMessages(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let viber = try await desk.makeChannel("viber")
            let olga = try await desk.makeOperator("olga")
            let early = try #require(try await desk.clientWrites("order early", from: "a", at: desk.at(0)).conversationID)
            let late = try #require(try await desk.clientWrites("order late", from: "b", at: desk.at(86_400)).conversationID)
            _ = try await desk.clientWrites("order viber", from: "c", on: viber.id, at: desk.at(2 * 86_400))
            _ = try await desk.store.assign(late, to: olga.id, by: olga.id, note: nil, at: desk.at(86_401))
            _ = try await desk.store.transition(early, .resolve, at: desk.at(86_402))
            _ = try await desk.store.setLabels(["vip"], onConversation: late, at: desk.at(86_403))

            #expect(try await messages(desk, "order", SearchFilters(from: desk.at(86_400))) == ["order viber", "order late"])
            #expect(try await messages(desk, "order", SearchFilters(until: desk.at(86_400))) == ["order early"])
            #expect(try await messages(desk, "order", SearchFilters(channelID: viber.id)) == ["order viber"])
            #expect(try await messages(desk, "order", SearchFilters(operatorID: olga.id)) == ["order late"])
            #expect(try await messages(desk, "order", SearchFilters(status: .resolved)) == ["order early"])
            #expect(try await messages(desk, "order", SearchFilters(label: "vip")) == ["order late"])
            #expect(try await messages(desk, "order", SearchFilters(channelID: viber.id, status: .resolved)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContactLabelFiltersToThatContactsConversations(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let labelled = try await desk.clientWrites("invoice one", from: "a", at: desk.at(0))
            _ = try await desk.clientWrites("invoice two", from: "b", at: desk.at(1))
            _ = try await desk.store.setLabels(["wholesale"], onContact: labelled.contactID, at: desk.at(2))

            #expect(try await messages(desk, "invoice", SearchFilters(label: "wholesale")) == ["invoice one"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func findsContactsByNamesPhonesAndUsernamesWithTheirNewestConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sender = SenderProfile(externalID: "u-9", displayName: "Olena Kovalenko", username: "olena_k", phone: "+380 67 123 4567")
            let event = InboundEvent(
                channelID: desk.channel.id,
                deliveryKey: "d-1",
                sender: sender,
                occurredAt: desk.at(0),
                payload: .message(externalMessageID: "m-1", text: "hi", attachments: [], contextKey: nil)
            )
            let first = try await desk.ingestNew(event)
            let conversation = try #require(first.conversationID)
            _ = try await desk.store.updateContact(first.contactID, preferredName: "Lena", notes: nil, at: desk.at(1))
            _ = try await desk.clientWrites("hello", from: "u-2", at: desk.at(2))

            func found(_ text: String) async throws -> [ContactSearchHit] {
                try await desk.store.search(SearchQuery(text), viewer: admin, limit: 20).contacts
            }

            for text in ["kovalen", "lena", "olena_k", "380671234567", "+380 67 12", "4567"] {
                #expect(try await found(text).map(\.contact.id) == [first.contactID], "\(text)")
            }
            let hit = try #require(try await found("olena").first)
            #expect(hit.conversationID == conversation)
            #expect(hit.contact.preferredName == "Lena")
            #expect(hit.handles.contains("@olena_k"))
            #expect(try await found("nobody").isEmpty)
            #expect(
                try await desk.store.search(SearchQuery("olena", filters: SearchFilters(status: .resolved)), viewer: admin, limit: 20).contacts
                    .isEmpty
            )
        }
    }
}
