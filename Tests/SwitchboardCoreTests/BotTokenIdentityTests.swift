import SwitchboardCore
import Testing

@Suite struct BotTokenIdentityTests {
    @Test func aTelegramTokenNamesItsBot() {
        #expect(BotTokenIdentity.telegramBotID(of: "7000000001:AAH-secret") == 7_000_000_001)
        for malformed in ["", "AAH-secret", ":AAH", "-5:AAH", "٣:AAH", "12a:AAH", "0:AAH"] {
            #expect(BotTokenIdentity.telegramBotID(of: malformed) == nil, "\(malformed)")
        }
    }

    @Test func aTokenOfAnotherBotCannotReplaceTheChannels() {
        let refusal = BotTokenIdentity.rotationRefusal(kind: .telegram, current: "100:old", new: "200:new")
        #expect(refusal?.contains("another bot (id 200)") == true)
        #expect(BotTokenIdentity.rotationRefusal(kind: .telegram, current: "100:old", new: "100:new") == nil)
        #expect(BotTokenIdentity.rotationRefusal(kind: .telegram, current: nil, new: "200:new") == nil)
        #expect(BotTokenIdentity.rotationRefusal(kind: .viber, current: "100:old", new: "200:new") == nil)
    }
}
