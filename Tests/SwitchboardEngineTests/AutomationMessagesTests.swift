import Foundation
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Automatic messages: each once, in the client's language, at the right moment.
@Suite struct AutomationMessagesTests {
    @Test(arguments: [
        ("ru", "Здравствуйте, Olena! Оператор уже спешит к вам. Вы 1-й в очереди."),
        ("uk-UA", "Вітаємо, Olena! Оператор вже поспішає до вас. Ви 1-й у черзі."),
        ("en", "Hello, Olena! An operator is on the way. You are number 1 in the queue."),
        ("de", "Hello, Olena! An operator is on the way. You are number 1 in the queue."),
    ])
    func newConversationGetsOneWelcomeInTheClientsLanguage(language: String, expected: String) async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }

        let conversation = try #require(try await harness.clientWrites("hi", language: language))
        try await harness.clientWrites("are you there?", language: language)
        try await harness.automation.catchUp()

        #expect(try await harness.botTexts(conversation) == [expected])
    }

    @Test func welcomeIsDeliveredAsTheBotThroughTheOutbox() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("hi"))

        let stored = try #require(try await harness.store.messages(in: conversation).last)
        #expect(stored.author == .bot && stored.deliveryState == .queued)
        #expect(try await harness.dispatcher.dispatchDue() == 1)

        let sent = try #require(harness.adapter.sent.first)
        #expect(sent.text.hasPrefix("Hello, Olena!"))
        #expect(sent.sender.name == "Acme" && !sent.isFromOperator)
        #expect(try await harness.store.messages(in: conversation).last?.deliveryState == .sent)
    }

    @Test func queuePositionCountsTheConversationsWaitingAhead() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        _ = try await harness.clientWrites("first", user: "u-1")
        let second = try #require(try await harness.clientWrites("second", user: "u-2", name: "Petro"))

        #expect(try await harness.botTexts(second) == ["Hello, Petro! An operator is on the way. You are number 2 in the queue."])
    }

    @Test func takingTheConversationGreetsWithTheOperatorsNameOnce() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("hi", language: "ru"))

        try await harness.operatorTakes(conversation)
        try await harness.automation.catchUp()

        #expect(try await harness.botTexts(conversation).last == "Здравствуйте, Olena! Меня зовут Maria. Что случилось?")
        #expect(try await harness.botTexts(conversation).count == 2)
    }

    @Test func anEventThatCannotBeHandledDoesNotStallTheOnesAfterIt() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let first = try #require(try await harness.clientWrites("hi", user: "u-1"))
        // Given a feedback event whose payload is not a feedback (written by hand, as a broken writer would).
        let inspector = try DatabaseInspector(path: harness.fixture.path)
        try inspector.execute(
            "INSERT INTO events (kind, occurred_at, conversation_id, payload) VALUES ('conversation.feedback', 0, \(first.rawValue), '{\"oops\":1}')"
        )
        try inspector.close()

        let second = try #require(try await harness.clientWrites("hello", user: "u-2", name: "Petro"))

        #expect(try await harness.botTexts(second).count == 1)
        #expect(try await harness.store.automationCursor() == harness.store.latestSeq())
    }

    @Test func anOperatorWhoAlreadyRepliedIsNotIntroducedAgain() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("hi"))

        try await harness.operatorReplies(conversation, "Maria here, checking now")
        try await harness.operatorTakes(conversation)

        #expect(try await harness.botTexts(conversation).count == 1)
    }

    @Test func preferredNameAndEditedTextsAreUsed() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationText("Hi {client_name}, {operator_name} here.", kind: .operatorGreeting, language: .en, channel: nil)
        try await harness.store.saveAutomationText("Hey {client_name}!", kind: .welcomeQueued, language: .en, channel: harness.fixture.channel.id)
        let conversation = try #require(try await harness.clientWrites("hi"))
        let contact = try #require(try await harness.store.conversation(conversation)?.contactID)
        _ = try await harness.store.updateContact(contact, preferredName: "Ms Olena", notes: nil, at: harness.clock.now())

        try await harness.operatorTakes(conversation)

        #expect(try await harness.botTexts(conversation) == ["Hey Olena!", "Hi Ms Olena, Maria here."])
    }

    @Test func disabledWelcomeSendsNothing() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationSettingsPatch(
            AutomationSettingsPatch(welcomeEnabled: false),
            channel: harness.fixture.channel.id,
            at: Date()
        )

        let conversation = try #require(try await harness.clientWrites("hi"))

        #expect(try await harness.botTexts(conversation).isEmpty)
    }

    @Test(arguments: [
        ("en", "Our operators are away right now and will be back Monday 09:00. Your message is in the queue."),
        ("ru", "Сейчас операторы не на месте, они вернутся понедельник 09:00. Ваше сообщение в очереди."),
        ("uk", "Зараз операторів немає на місці, вони повернуться понеділок 09:00. Ваше повідомлення в черзі."),
    ])
    func outOfHoursTellsWhenOperatorsAreBackAndStillQueues(language: String, expected: String) async throws {
        // Saturday 2027-01-16, 12:00 in Kyiv.
        let harness = try await AutomationHarness(clock: ManualWallClock(start: Date(timeIntervalSince1970: 1_800_093_600)))
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationSettingsPatch(AutomationSettingsPatch(businessHours: Self.officeHours()), channel: nil, at: Date())

        let conversation = try #require(try await harness.clientWrites("hi", language: language))

        #expect(try await harness.botTexts(conversation) == [expected])
        let stored = try #require(try await harness.store.conversation(conversation))
        #expect(stored.status == .open && stored.assigneeID == nil)
        #expect(try await harness.store.queuePosition(of: conversation) == 1)
    }

    @Test func aHolidayMovesTheReturnToTheNextWorkingDay() async throws {
        let harness = try await AutomationHarness(clock: ManualWallClock(start: Date(timeIntervalSince1970: 1_800_093_600)))
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationSettingsPatch(
            AutomationSettingsPatch(businessHours: Self.officeHours(holidays: ["2027-01-18"])),
            channel: nil,
            at: Date()
        )

        let conversation = try #require(try await harness.clientWrites("hi"))

        #expect(try await harness.botTexts(conversation).first?.contains("back Tuesday 09:00") == true)
    }

    @Test func inBusinessHoursTheWelcomeIsSent() async throws {
        // Friday 2027-01-15, 10:00 in Kyiv.
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        try await harness.store.saveAutomationSettingsPatch(AutomationSettingsPatch(businessHours: Self.officeHours()), channel: nil, at: Date())

        let conversation = try #require(try await harness.clientWrites("hi"))

        #expect(try await harness.botTexts(conversation).first?.hasPrefix("Hello, Olena! An operator is on the way.") == true)
    }

    static func officeHours(holidays: [String] = []) -> AutomationSettingsPatch.Hours {
        let day = [BusinessHours.Interval(open: "09:00", close: "18:00")]
        let week = Dictionary(uniqueKeysWithValues: ["monday", "tuesday", "wednesday", "thursday", "friday"].map { ($0, day) })
        return .init(alwaysOpen: false, schedule: BusinessHours(timeZone: "Europe/Kyiv", week: week, holidays: holidays))
    }
}

/// "Operator", "людина"…: the client is told once that a person is coming, in their language.
@Suite struct EscalationNoticeTests {
    @Test(arguments: [
        ("uk", "Зрозуміло, з'єдную вас з оператором."),
        ("ru", "Понял вас, подключаю оператора."),
        ("en", "Got it, connecting you with a person now."),
    ])
    func aFirstMessageAskingForAHumanGetsOnlyTheNoticeNotAWelcomeToo(language: String, expected: String) async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }

        let conversation = try #require(try await harness.clientWrites("оператора будь ласка / operator please", language: language))
        try await harness.clientWrites("людина!!! human!!!", language: language)

        #expect(try await harness.botTexts(conversation) == [expected])
    }

    @Test func anEscalationLaterInTheConversationIsAnsweredOnceAfterTheWelcome() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("my parcel is late"))

        try await harness.clientWrites("can I talk to a human?")
        try await harness.clientWrites("HUMAN")

        #expect(
            try await harness.botTexts(conversation) == [
                "Hello, Olena! An operator is on the way. You are number 1 in the queue.", "Got it, connecting you with a person now.",
            ]
        )
    }

    @Test func aWordInsideAnotherWordIsNotAnEscalation() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let conversation = try #require(try await harness.clientWrites("hello"))

        try await harness.clientWrites("I am a cooperator of yours")

        #expect(try await harness.botTexts(conversation) == ["Hello, Olena! An operator is on the way. You are number 1 in the queue."])
    }
}

/// A channel set up to ask: the client picks a team from buttons on the first message.
@Suite struct DepartmentKeyboardTests {
    @Test func theFirstMessageCarriesOneButtonPerTeamAndAPressQueuesTheClientThere() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        let billing = try await harness.store.createDepartment(name: "Billing", routing: QueueRouting()).department
        let delivery = try await harness.store.createDepartment(name: "Delivery", routing: QueueRouting()).department
        try await harness.store.saveChannelRouting(
            ChannelRouting(channelID: harness.fixture.channel.id, defaultDepartmentID: nil, askDepartment: true)
        )

        let conversation = try #require(try await harness.clientWrites("hi", language: "uk"))

        // One message: the welcome and the question, with the teams as buttons.
        #expect(
            try await harness.botTexts(conversation) == ["Вітаємо, Olena! Оператор вже поспішає до вас. Ви 1-й у черзі.\nЯкий відділ вам допоможе?"]
        )
        #expect(try await harness.dispatcher.dispatchDue() == 1)
        #expect(
            harness.adapter.sent.first?.buttons == [
                ReplyButton(label: "Billing", action: "dept:\(billing.id.rawValue)"),
                ReplyButton(label: "Delivery", action: "dept:\(delivery.id.rawValue)"),
            ]
        )

        // The press moves the conversation to Delivery's queue, once; a second press changes nothing.
        try await harness.clientPresses("dept:\(delivery.id.rawValue)")
        #expect(try await harness.store.conversation(conversation)?.departmentID == delivery.id)
        try await harness.clientPresses("dept:\(billing.id.rawValue)")
        #expect(try await harness.store.conversation(conversation)?.departmentID == delivery.id)
        #expect(try await harness.store.departmentChoices(conversation).isEmpty)
        let moves = try await harness.store.events(after: 0, limit: 500).filter { $0.kind == .conversationDepartmentChanged }
        #expect(moves.count == 1)
        #expect(try await harness.store.messages(in: conversation).filter { $0.direction == .inbound }.map(\.text) == ["hi"])
    }

    @Test func aChannelThatDoesNotAskSendsNoButtons() async throws {
        let harness = try await AutomationHarness()
        defer { harness.fixture.directory.remove() }
        _ = try await harness.store.createDepartment(name: "Billing", routing: QueueRouting())

        _ = try #require(try await harness.clientWrites("hi"))

        #expect(try await harness.dispatcher.dispatchDue() == 1)
        #expect(harness.adapter.sent.first?.buttons == [])
    }
}
