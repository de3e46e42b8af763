import SwitchboardCore
import Testing

/// What the topic's first message says of a client, from what the store read.
@Suite struct ClientCardTests {
    typealias Identity = ClientCard.Facts.Identity

    func facts(language: String? = nil, identities: [Identity], contextKey: String? = nil, contextData: String? = nil) -> ClientCard.Facts {
        ClientCard.Facts(
            name: "Olena K",
            preferredName: "Olena",
            language: language,
            identities: identities,
            contextKey: contextKey,
            contextData: contextData
        )
    }

    @Test func theContactsLanguageWinsOverWhatAMessengerReported() {
        let telegram = Identity(kind: "telegram", channel: "tg", account: .init(username: "olena", profileName: nil), language: "uk")
        #expect(ClientCard(facts(language: "de", identities: [telegram])).language == "de")
        #expect(ClientCard(facts(identities: [telegram])).language == "uk")
    }

    @Test func withoutAContactLanguageTheFirstReportedOneIsUsed() {
        let viber = Identity(kind: "viber", channel: "vb", account: .init(username: nil, profileName: "Olena"), language: nil)
        let telegram = Identity(kind: "telegram", channel: "tg", account: .init(username: nil, profileName: nil), language: "pl")
        let later = Identity(kind: "telegram", channel: "tg2", account: .init(username: nil, profileName: nil), language: "en")
        #expect(ClientCard(facts(identities: [viber, telegram, later])).language == "pl")
        #expect(ClientCard(facts(identities: [viber])).language == nil)
    }

    @Test func eachMessengerShowsItsUsernameElseItsProfileName() {
        let card = ClientCard(
            facts(identities: [
                Identity(kind: "telegram", channel: "tg", account: .init(username: "olena_k", profileName: "Olena"), language: nil),
                Identity(kind: "viber", channel: "vb", account: .init(username: "", profileName: "Olena K."), language: nil),
                Identity(kind: "telegram", channel: "tg2", account: .init(username: nil, profileName: nil), language: nil),
            ])
        )
        #expect(card.messengers.map(\.handle) == ["@olena_k", "Olena K.", nil])
        #expect(card.messengers.map(\.channel) == ["tg", "vb", "tg2"])
    }

    @Test func theContextIsItsKeyAndData() {
        #expect(ClientCard(facts(identities: [], contextKey: "order-1042", contextData: "paid")).context == "order-1042 paid")
        #expect(ClientCard(facts(identities: [], contextKey: "order-1042")).context == "order-1042")
        #expect(ClientCard(facts(identities: [], contextData: "orphan data")).context == nil)
    }
}

/// The handles search shows under a client.
@Suite struct IdentityHandleTests {
    @Test func everyHandleOnceUsernamesFirstEmptyOnesLeftOut() {
        let handles = IdentityHandle.all([
            .init(username: "olena", profileName: "Olena"),
            .init(username: "", profileName: "Olena"),
            .init(username: "olena", profileName: nil),
            .init(username: nil, profileName: "O. K."),
        ])
        #expect(handles == ["@olena", "Olena", "O. K."])
    }
}
