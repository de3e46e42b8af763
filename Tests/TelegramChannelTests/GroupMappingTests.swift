import Foundation
import SwitchboardCore
import TelegramChannel
import Testing

/// Group messages: the group is the sender, the member is kept, and what names the bot is read off the message.
@Suite struct GroupMappingTests {
    let mapper = TelegramUpdateMapper(channelID: ChannelID(7), botID: 7_000_000_001, botUsername: "Desk_Bot")
    let now = Date(timeIntervalSince1970: 1_767_230_000)
    static let anna = #"{"id":501,"is_bot":false,"first_name":"Anna","last_name":"Koval","username":"anna_k"}"#
    static let group = #"{"id":-4001,"type":"group","title":"Acme staff"}"#

    func map(_ message: String) throws -> InboundEvent {
        let json = #"{"update_id":9,"message":{"message_id":3,"date":1767225600,"chat":\#(Self.group),"from":\#(Self.anna),\#(message)}}"#
        let raw = try #require(JSONValue.parse(json))
        return try #require(mapper.map(raw, receivedAt: now)).event
    }

    @Test func theGroupIsTheSenderAndTheMemberIsKept() throws {
        let event = try map(#""text":"hello all""#)
        #expect(event.sender.externalID == "-4001")
        #expect(event.sender.displayName == "Acme staff")
        #expect(event.group?.member == GroupMember(externalID: "501", displayName: "Anna Koval", username: "anna_k"))
        #expect(event.group?.mentionsBot == false && event.group?.isCommand == false && event.group?.repliesToBot == false)
    }

    @Test func aMentionOfTheBotInAnyCaseNamesIt() throws {
        // "Привіт " is 7 UTF-16 units: entity offsets count UTF-16.
        let event = try map(#""text":"Привіт @desk_bot","entities":[{"type":"mention","offset":7,"length":9}]"#)
        #expect(event.group?.mentionsBot == true)
        let other = try map(#""text":"ask @other_bot","entities":[{"type":"mention","offset":4,"length":10}]"#)
        #expect(other.group?.mentionsBot == false)
    }

    @Test func aCommandForAnotherBotIsNotForThisOne() throws {
        let plain = try map(#""text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]"#)
        let ours = try map(#""text":"/help@desk_bot","entities":[{"type":"bot_command","offset":0,"length":14}]"#)
        let theirs = try map(#""text":"/help@pizza_bot","entities":[{"type":"bot_command","offset":0,"length":15}]"#)
        #expect(plain.group?.isCommand == true)
        #expect(ours.group?.isCommand == true)
        #expect(theirs.group?.isCommand == false)
    }

    @Test func aReplyToTheBotsMessageNamesIt() throws {
        let bot = #"{"id":7000000001,"is_bot":true,"first_name":"Desk","username":"Desk_Bot"}"#
        let event = try map(#""text":"yes","reply_to_message":{"message_id":2,"date":1767225500,"chat":\#(Self.group),"from":\#(bot)}"#)
        #expect(event.group?.repliesToBot == true)
    }

    @Test func bothMigrationNoticesNameTheOldChatAsSender() throws {
        let leaving = try map(#""migrate_to_chat_id":-1001234567890"#)
        #expect(leaving.sender.externalID == "-4001")
        #expect(leaving.payload == .chatMigrated(toExternalID: "-1001234567890"))
        let json =
            #"{"update_id":10,"message":{"message_id":1,"date":1767225600,"chat":{"id":-1001234567890,"type":"supergroup","title":"Acme staff"},"#
            + #""from":\#(Self.anna),"migrate_from_chat_id":-4001}}"#
        let raw = try #require(JSONValue.parse(json))
        let arriving = try #require(mapper.map(raw, receivedAt: now)).event
        #expect(arriving.sender.externalID == "-4001")
        #expect(arriving.payload == .chatMigrated(toExternalID: "-1001234567890"))
    }
}
