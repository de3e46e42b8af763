import Foundation
import SwitchboardCore
import Testing

/// Client groups: the member is stored with each message, and a group's move to a new chat id
/// carries its conversation and queued replies.
@Suite struct GroupIngestContractTests {
    @Test(arguments: StoreFactory.all)
    func eachGroupMessageKeepsItsMember(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var first = desk.text("@bot help", from: "-4001", at: desk.at(0))
            first.group = GroupMessageFacts(member: GroupMember(externalID: "501", displayName: "Anna", username: "anna_k"), mentionsBot: true)
            var second = desk.text("@bot me too", from: "-4001", at: desk.at(1))
            second.group = GroupMessageFacts(member: GroupMember(externalID: "502", displayName: "Bohdan"), mentionsBot: true)

            let opened = try await desk.ingestNew(first)
            let continued = try await desk.ingestNew(second)

            let id = try #require(opened.conversationID)
            #expect(continued.conversationID == id)
            let members = try await desk.store.messages(in: id).map(\.member)
            #expect(
                members == [
                    GroupMember(externalID: "501", displayName: "Anna", username: "anna_k"), GroupMember(externalID: "502", displayName: "Bohdan"),
                ]
            )
        }
    }

    @Test(arguments: StoreFactory.all)
    func aMovedGroupKeepsItsConversationAndItsQueuedReplyGoesToTheNewChat(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var message = desk.text("/help", from: "-4001", at: desk.at(0))
            message.group = GroupMessageFacts(member: GroupMember(externalID: "501", displayName: "Anna"), isCommand: true)
            let opened = try await desk.ingestNew(message)
            let id = try #require(opened.conversationID)
            try await desk.reply("on it", in: id, at: desk.at(1))

            try await desk.ingestNew(desk.event(.chatMigrated(toExternalID: "-1001234"), from: "-4001", at: desk.at(2)))

            let identities = try await desk.store.identities(of: opened.contactID)
            #expect(identities.map(\.externalID) == ["-1001234"])
            let claimed = try await desk.store.claimOutbox(limit: 10, now: desk.at(3), lease: 60)
            #expect(claimed.map(\.message.recipientExternalID) == ["-1001234"])
            var later = desk.text("@bot thanks", from: "-1001234", at: desk.at(4))
            later.group = GroupMessageFacts(member: GroupMember(externalID: "501", displayName: "Anna"), mentionsBot: true)
            #expect(try await desk.ingestNew(later).conversationID == id)
        }
    }
}
