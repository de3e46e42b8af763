import Foundation
import Testing

@testable import SwitchboardCore

/// `StorableText`: no U+0000 reaches a store, and text without one is left exactly as it was.
struct StorableTextTests {
    @Test func aNulBecomesTheReplacementCharacterAndNothingElseChanges() {
        #expect(StorableText.clean("a\u{0}b\u{0}") == "a\u{FFFD}b\u{FFFD}")
        #expect(StorableText.clean("привіт 👋🏽 e\u{301}") == "привіт 👋🏽 e\u{301}")
        #expect(StorableText.clean("") == "")
    }

    @Test func everyTextAClientControlsIsCleaned() {
        let member = GroupMember(externalID: "7", displayName: "M\u{0}", username: "m\u{0}")
        let event = InboundEvent(
            channelID: ChannelID(1),
            deliveryKey: "k",
            sender: SenderProfile(externalID: "42", displayName: "Eve\u{0}", username: "eve\u{0}", phone: "+1\u{0}"),
            occurredAt: Date(timeIntervalSince1970: 0),
            payload: .message(externalMessageID: "9", text: "hi\u{0}", attachments: [], contextKey: nil),
            group: GroupMessageFacts(member: member, mentionsBot: true, repliesToBot: false, isCommand: false)
        )

        let clean = StorableText.clean(event)

        #expect(clean.sender.displayName == "Eve\u{FFFD}")
        #expect(clean.sender.username == "eve\u{FFFD}")
        #expect(clean.sender.phone == "+1\u{FFFD}")
        #expect(clean.group?.member?.displayName == "M\u{FFFD}")
        #expect(clean.group?.member?.username == "m\u{FFFD}")
        #expect(clean.payload == .message(externalMessageID: "9", text: "hi\u{FFFD}", attachments: [], contextKey: nil))
        #expect(clean.deliveryKey == "k" && clean.sender.externalID == "42")
        let edit = InboundEvent(
            channelID: ChannelID(1),
            deliveryKey: "e",
            sender: SenderProfile(externalID: "42", displayName: "Eve"),
            occurredAt: Date(timeIntervalSince1970: 0),
            payload: .edit(externalMessageID: "9", text: "x\u{0}")
        )
        #expect(StorableText.clean(edit).payload == .edit(externalMessageID: "9", text: "x\u{FFFD}"))
    }

    @Test func anEventWithoutANulIsUnchanged() {
        let event = InboundEvent(
            channelID: ChannelID(1),
            deliveryKey: "k",
            sender: SenderProfile(externalID: "42", displayName: "Ann"),
            occurredAt: Date(timeIntervalSince1970: 0),
            payload: .message(externalMessageID: "1", text: "hello", attachments: [], contextKey: nil)
        )
        #expect(StorableText.clean(event) == event)
    }
}
