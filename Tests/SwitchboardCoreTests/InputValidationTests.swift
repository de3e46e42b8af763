import SwitchboardCore
import Testing

@Suite struct InputValidationTests {
    @Test func aReplyNeedsTextOrAnAttachment() throws {
        #expect(throws: StoreError.self) { try ReplyDraft(conversationID: ConversationID(1), operatorID: OperatorID(1), text: "  \n").validate() }
        try ReplyDraft(conversationID: ConversationID(1), operatorID: OperatorID(1), text: "hi").validate()
    }

    @Test(arguments: ["", "two words", String(repeating: "x", count: 33)])
    func aShortcutMustBeTypable(_ shortcut: String) {
        #expect(throws: StoreError.self) { try CannedReply.validate(shortcut: shortcut, body: "Hello") }
    }

    @Test func aCannedReplyNeedsABody() throws {
        #expect(throws: StoreError.self) { try CannedReply.validate(shortcut: "hi", body: " ") }
        try CannedReply.validate(shortcut: "hi", body: "Hello")
    }
}
