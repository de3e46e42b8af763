import SwitchboardCore
import Testing

@Suite struct PersonaChoiceTests {
    let bot = Persona(name: "Acme", avatarURL: "https://acme.example/bot.png")
    let anna = Persona(name: "Anna", avatarURL: "https://acme.example/anna.png")
    let boris = Persona(name: "Boris")

    @Test func unheldConversationSpeaksAsTheBot() {
        let choice = PersonaChoice(channel: bot, holder: nil, author: nil, isAutomatic: true)
        #expect(choice == PersonaChoice(channel: bot, holder: nil, author: nil, isAutomatic: false))
        #expect(choice.sender == bot)
        #expect(!choice.isFromOperator)
    }

    @Test func theHolderSpeaksEvenForAnotherAuthorsReply() {
        // Given Boris wrote the reply, then the conversation was transferred to Anna
        let choice = PersonaChoice(channel: bot, holder: anna, author: boris, isAutomatic: false)
        // Then the client sees Anna, with her avatar
        #expect(choice.sender == anna)
        #expect(choice.isFromOperator)
    }

    @Test func theAuthorSpeaksWhenNobodyHoldsTheConversation() {
        let choice = PersonaChoice(channel: bot, holder: nil, author: boris, isAutomatic: false)
        #expect(choice.sender == boris)
        #expect(choice.sender.avatarURL == nil)
        #expect(choice.isFromOperator)
    }

    @Test func automaticMessageWearsTheHoldersPersonaUnsigned() {
        let choice = PersonaChoice(channel: bot, holder: anna, author: nil, isAutomatic: true)
        #expect(choice.sender == anna)
        #expect(!choice.isFromOperator)
    }
}
