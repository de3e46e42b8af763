import Foundation
import SwitchboardCore
import Testing

/// Pages of a conversation export: range, filters, what the viewer may see, and paging by id.
@Suite struct ExportContractTests {
    let everything = Viewer(operatorID: OperatorID(999), role: .supervisor)
    let day: TimeInterval = 86_400

    @Test(arguments: StoreFactory.all)
    func anExportHoldsTheConversationsActiveInTheRangeWithTheirMessagesOfTheRange(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given a conversation from before the range, one that runs into it, and one after it.
            let old = try await desk.conversation(from: "old", at: desk.at(0))
            let spanning = try await desk.conversation(from: "span", at: desk.at(day - 60))
            try await desk.clientWrites("inside the range", from: "span", at: desk.at(day + 60))
            try await desk.reply("we are on it", in: spanning, at: desk.at(day + 120))
            let late = try await desk.conversation(from: "late", at: desk.at(3 * day))

            // When exporting the second day only.
            let page = try await desk.store.exportPage(
                ExportQuery(from: desk.at(day), to: desk.at(2 * day)),
                viewer: everything,
                after: nil,
                limit: 50
            )

            // Then only the spanning conversation is in it, with its messages of that day, in order.
            #expect(page.map(\.id) == [spanning])
            #expect(!page.map(\.id).contains(old) && !page.map(\.id).contains(late))
            let messages = try #require(page.first?.messages)
            #expect(messages.map(\.text) == ["inside the range", "we are on it"])
            #expect(messages.map(\.direction) == [.inbound, .outbound])
            #expect(messages.map(\.authorName) == ["Client span", "Maria"])
            #expect(page.first?.channel == "support")
        }
    }

    @Test(arguments: StoreFactory.all)
    func filtersDepartmentsAndPagingNarrowTheExport(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())
            let general = try await desk.conversation(from: "a", at: desk.at(10))
            let salesConversation = try await desk.conversation(from: "b", at: desk.at(20))
            let billingConversation = try await desk.conversation(from: "c", at: desk.at(30))
            _ = try await desk.store.transfer(salesConversation, toDepartment: sales.department.id, by: nil, note: nil, at: desk.at(40))
            _ = try await desk.store.transfer(billingConversation, toDepartment: billing.department.id, by: nil, note: nil, at: desk.at(40))
            _ = try await desk.store.setLabels(["vip"], onConversation: billingConversation, at: desk.at(50))
            _ = try await desk.store.assign(general, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(60))
            let range = ExportQuery(from: desk.at(0), to: desk.at(day))

            let salesAgent = Viewer(operatorID: OperatorID(999), role: .operator, departmentIDs: [sales.department.id])
            let seen = try await desk.store.exportPage(range, viewer: salesAgent, after: nil, limit: 50).map(\.id)
            #expect(seen == [general, salesConversation])

            var labeled = range
            labeled.label = "vip"
            #expect(try await desk.store.exportPage(labeled, viewer: everything, after: nil, limit: 50).map(\.id) == [billingConversation])
            var assigned = range
            assigned.operatorID = desk.agent.id
            #expect(try await desk.store.exportPage(assigned, viewer: everything, after: nil, limit: 50).map(\.id) == [general])
            var resolved = range
            resolved.status = .resolved
            #expect(try await desk.store.exportPage(resolved, viewer: everything, after: nil, limit: 50).isEmpty)
            var otherChannel = range
            otherChannel.channelID = ChannelID(desk.channel.id.rawValue + 100)
            #expect(try await desk.store.exportPage(otherChannel, viewer: everything, after: nil, limit: 50).isEmpty)

            let first = try await desk.store.exportPage(range, viewer: everything, after: nil, limit: 2).map(\.id)
            let second = try await desk.store.exportPage(range, viewer: everything, after: first.last, limit: 2).map(\.id)
            #expect(first + second == [general, salesConversation, billingConversation])
        }
    }
}
