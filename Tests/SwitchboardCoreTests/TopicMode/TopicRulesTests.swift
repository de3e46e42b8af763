import Foundation
import SwitchboardCore
import Testing

@Suite struct TopicRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ seq: Int64, _ kind: EventKind, conversation: Int64 = 1, payload: some Encodable) throws -> Event {
        let json = String(decoding: try EventPayloadCoding.encoder().encode(payload), as: UTF8.self)
        return Event(seq: seq, kind: kind, occurredAt: now, conversationID: ConversationID(conversation), payload: json)
    }

    func message(
        _ id: Int64,
        _ direction: MessageDirection,
        _ author: MessageAuthor,
        _ text: String,
        _ attachments: [SwitchboardCore.Attachment] = []
    ) -> Message {
        Message(
            id: MessageID(id),
            conversationID: ConversationID(1),
            direction: direction,
            author: author,
            text: text,
            attachments: attachments,
            createdAt: now
        )
    }

    @Test func topicNamesCarryTheClientAndTheChannelWithinTelegramsLimit() {
        #expect(TopicName.make(client: "Ann Lee", channel: "support-tg") == "Ann Lee · support-tg")
        #expect(TopicName.make(client: "  \n ", channel: "support-tg") == "Client · support-tg")
        let long = TopicName.make(client: String(repeating: "A", count: 300), channel: "support-tg")
        #expect(long.count == 128)
        #expect(long.hasSuffix("… · support-tg"))
        #expect(TopicName.make(client: "Ann\nLee", channel: "tg") == "Ann Lee · tg")
    }

    @Test func theCardNamesTheClientLanguageMessengersAndContext() {
        let card = ClientCard(
            name: "Ann Lee",
            preferredName: "Ann",
            language: "uk",
            messengers: [.init(kind: "telegram", channel: "support-tg", handle: "@annlee"), .init(kind: "viber", channel: "desk-vb", handle: nil)],
            context: "order-7 {\"page\":\"/pay\"}"
        )
        let lines = card.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Client: Ann Lee")
        #expect(lines[1] == "Address as: Ann")
        #expect(lines[2] == "Language: uk")
        #expect(lines[3] == "Messengers: telegram · support-tg · @annlee; viber · desk-vb")
        #expect(lines[4] == "Context: order-7 {\"page\":\"/pay\"}")
        let bare = ClientCard(name: "Bo", language: nil, messengers: [], context: nil).text
        #expect(bare.contains("Language: unknown") && bare.contains("Context: none"))
    }

    @Test func fanOutMirrorsClientMessagesAndInboxRepliesAndFollowsTheStatus() throws {
        let snapshot = TopicFanOut.Snapshot(
            channelOf: [ConversationID(1): ChannelID(3), ConversationID(2): ChannelID(4)],
            fromTopic: [MessageID(12)]
        )
        let events = [
            try event(1, .messageCreated, payload: message(10, .inbound, .client, "hi")),
            try event(2, .messageCreated, payload: message(11, .outbound, .operator(OperatorID(5)), "hello")),
            try event(3, .messageCreated, payload: message(12, .outbound, .operator(OperatorID(5)), "from the topic")),
            try event(4, .messageCreated, payload: message(13, .internalNote, .operator(OperatorID(5)), "note")),
            try event(
                5,
                .conversationStatusChanged,
                payload: StatusChangePayload(conversationID: ConversationID(1), from: .open, to: .resolved, reopened: false)
            ),
            try event(
                6,
                .conversationStatusChanged,
                payload: StatusChangePayload(conversationID: ConversationID(1), from: .resolved, to: .open, reopened: true)
            ),
            try event(
                7,
                .conversationStatusChanged,
                payload: StatusChangePayload(conversationID: ConversationID(1), from: .open, to: .pending, reopened: false)
            ),
            try event(8, .messageCreated, conversation: 2, payload: message(14, .inbound, .client, "other bot")),
        ]
        let jobs = TopicFanOut.plan(events, snapshot: snapshot, topicChannels: [ChannelID(3)])
        #expect(jobs.map(\.kind) == [.mirror(MessageID(10)), .mirror(MessageID(11)), .close, .reopen])
        #expect(jobs.map(\.source) == ["event:1", "event:2", "event:5", "event:6"])
        #expect(jobs.allSatisfy { $0.channelID == ChannelID(3) && $0.conversationID == ConversationID(1) })
        #expect(TopicFanOut.plan(events, snapshot: snapshot, topicChannels: []).isEmpty)
    }

    @Test func mirroredMessagesSayWhoWroteAndResendFilesByReference() {
        let photo = SwitchboardCore.Attachment(kind: .photo, externalFileID: "AgAD-photo")
        let place = SwitchboardCore.Attachment(kind: .location, details: ["latitude": "50.4"])
        #expect(
            TopicMirror.parts(of: message(1, .inbound, .client, "look", [photo]), authorName: nil) == [
                .text("👤 look"), .file(.photo, fileID: "AgAD-photo"),
            ]
        )
        #expect(TopicMirror.parts(of: message(1, .inbound, .client, "", [photo]), authorName: nil) == [.file(.photo, fileID: "AgAD-photo")])
        #expect(TopicMirror.parts(of: message(1, .inbound, .client, "", [place]), authorName: nil) == [.text("👤 [location]")])
        #expect(
            TopicMirror.parts(of: message(1, .outbound, .operator(OperatorID(2)), "Done"), authorName: "Olga") == [.text("↩️ Olga (inbox): Done")]
        )
    }

    @Test func staffCommandsAreReadFromTheText() {
        #expect(StaffCommand.parse("Hello there", botUsername: "desk_bot") == .reply("Hello there"))
        #expect(StaffCommand.parse("!check the refund", botUsername: nil) == .note("check the refund"))
        #expect(StaffCommand.parse("/note  VIP client", botUsername: nil) == .note("VIP client"))
        #expect(StaffCommand.parse("/take@desk_bot", botUsername: "desk_bot") == .take)
        #expect(StaffCommand.parse("/take@other_bot", botUsername: "desk_bot") == .unusable("that command is for another bot"))
        #expect(StaffCommand.parse("/resolve", botUsername: nil) == .resolve)
        #expect(StaffCommand.parse("/transfer Max Payne", botUsername: nil) == .transfer("Max Payne"))
        #expect(StaffCommand.parse("/transfer", botUsername: nil) == .unusable("name the operator: /transfer NAME"))
        #expect(StaffCommand.parse("/link 483920", botUsername: nil) == .link("483920"))
        #expect(StaffCommand.parse("/ban spam", botUsername: nil) == .ban("spam"))
        guard case .unusable = StaffCommand.parse("/dance", botUsername: nil) else {
            Issue.record("unknown command")
            return
        }
    }

    @Test func onlyLinkedOperatorsReachTheClient() {
        let olga = StaffOperator(id: OperatorID(5), login: "olga", displayName: "Olga")
        let max = StaffOperator(id: OperatorID(6), login: "max", displayName: "Max Payne")
        let conversation = ConversationID(9)
        func decide(_ text: String, sender: StaffOperator?, in topic: ConversationID? = ConversationID(9)) -> StaffAction {
            StaffMessageRule.decide(
                .init(command: StaffCommand.parse(text, botUsername: nil), sender: sender, conversationID: topic, operators: [olga, max])
            )
        }
        #expect(decide("Hi Ann", sender: olga) == .reply(olga.id, conversation, "Hi Ann"))
        #expect(decide("Hi Ann", sender: nil) == .notice(StaffMessageRule.unlinkedRefusal))
        #expect(decide("!private", sender: nil) == .notice(StaffMessageRule.unlinkedRefusal))
        var gone = olga
        gone.isActive = false
        #expect(decide("Hi Ann", sender: gone) == .notice(StaffMessageRule.unlinkedRefusal))
        #expect(decide("!private", sender: olga) == .note(olga.id, conversation, "private"))
        #expect(decide("/take", sender: olga) == .take(olga.id, conversation))
        #expect(decide("/resolve", sender: olga) == .resolve(olga.id, conversation))
        #expect(decide("/transfer max payne", sender: olga) == .transfer(by: olga.id, conversation, to: max))
        #expect(decide("/transfer @max", sender: olga) == .transfer(by: olga.id, conversation, to: max))
        #expect(decide("/transfer nobody", sender: olga) == .notice("No active operator is called \"nobody\"."))
        #expect(decide("/link 123456", sender: nil, in: nil) == .link(code: "123456"))
        #expect(decide("chatter", sender: olga, in: nil) == .ignore)
        #expect(decide("/take", sender: olga, in: nil) == .notice("Commands work inside a client's topic."))
    }

    @Test func anOperatorsBanIsRefusedInTheTopic() {
        let olga = StaffOperator(id: OperatorID(1), login: "olga", displayName: "Olga", role: .operator)
        let input = StaffMessageRule.Input(command: .ban("spam"), sender: olga, conversationID: ConversationID(3))
        #expect(StaffMessageRule.decide(input) == .notice(StaffMessageRule.onlySupervisorsBan))
        var supervisor = olga
        supervisor.role = .supervisor
        #expect(
            StaffMessageRule.decide(.init(command: .ban("spam"), sender: supervisor, conversationID: ConversationID(3)))
                == .ban(by: supervisor, ConversationID(3), reason: "spam")
        )
        #expect(StaffCommand.parse("/ban  sends adverts ", botUsername: nil) == .ban("sends adverts"))
        #expect(StaffCommand.parse("/ban", botUsername: nil) == .unusable("give the reason: /ban REASON"))
    }
}
