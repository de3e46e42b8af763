import Foundation
import SwitchboardCore
import Testing

@Suite struct AutomationRulesTests {
    @Test(
        arguments: [("ru", AutomationLanguage.ru), ("ru-RU", .ru), ("uk_UA", .uk), ("UK", .uk), ("en-GB", .en), ("pl", .en), (String?.none, .en)]
            as [(String?, AutomationLanguage)]
    )
    func languageComesFromTheTagWithEnglishAsFallback(tag: String?, expected: AutomationLanguage) {
        #expect(AutomationLanguage(tag: tag) == expected)
    }

    @Test func contactLanguageWinsOverTheMessengers() {
        let contact = Contact(id: ContactID(1), displayName: "Olena", language: "uk")
        let identity = Identity(id: IdentityID(1), contactID: ContactID(1), channelID: ChannelID(1), externalID: "1", language: "ru")
        #expect(AutomationLanguage(contact: contact, identity: identity) == .uk)
        #expect(AutomationLanguage(contact: nil, identity: identity) == .ru)
    }

    @Test func placeholdersAreFilledAndUnknownOnesKept() {
        let text = AutomationTemplate.render(
            "Hi, {client_name}! I am {operator_name}. {other}",
            values: ["client_name": "Olena", "operator_name": "Maria"]
        )
        #expect(text == "Hi, Olena! I am Maria. {other}")
        #expect(AutomationTemplate.render("Hello, {client_name}!", values: [:]) == "Hello!")
        #expect(AutomationTemplate.unknownPlaceholders(in: "{client_name} {name} {back_at}") == ["name"])
    }

    @Test func everyDefaultTextUsesOnlyKnownPlaceholders() {
        for kind in AutomationText.allCases {
            for language in AutomationLanguage.allCases {
                let text = kind.defaultText(language)
                #expect(AutomationTemplate.unknownPlaceholders(in: text).isEmpty)
                #expect(!text.isEmpty && text.count <= AutomationText.maximumLength)
            }
        }
    }

    @Test func buttonsCarryAMarkedActionThatFitsTelegramsLimit() {
        let button = ReplyButton(label: "5", action: FeedbackFlow.scoreAction(5))
        #expect(button.wireData == "sb:fb:score:5")
        #expect(ReplyButton.action(fromWire: button.wireData) == "fb:score:5")
        #expect(ReplyButton.action(fromWire: "fb:score:5") == nil)
        #expect(ReplyButton.action(fromWire: "sb:") == nil)
    }

    @Test func feedbackMovesOnlyWithTheButtonOfItsStage() throws {
        let now = Date(timeIntervalSince1970: 0)
        let asked = ConversationFeedback(conversationID: ConversationID(1), stage: .askedResolved, askedAt: now, updatedAt: now)
        #expect(FeedbackFlow.press(FeedbackFlow.scoreAction(4), on: asked, at: now) == nil)
        let score = try #require(FeedbackFlow.press(FeedbackFlow.resolvedAction(true), on: asked, at: now))
        #expect(score.stage == .askedScore && score.resolved == true)
        #expect(FeedbackFlow.press(FeedbackFlow.scoreAction(3), on: score, at: now)?.stage == .done)
        let comment = try #require(FeedbackFlow.press(FeedbackFlow.scoreAction(2), on: score, at: now))
        #expect(comment.stage == .askedComment)
        #expect(FeedbackFlow.press(FeedbackFlow.scoreAction(6), on: score, at: now) == nil)
        guard case .captured(let done) = FeedbackFlow.text(" slow ", on: comment, at: now) else {
            Issue.record("the comment was not captured")
            return
        }
        #expect(done.comment == "slow" && done.stage == .done)
        guard case .skipped(let skipped) = FeedbackFlow.text("hello", on: score, at: now) else {
            Issue.record("free text did not skip")
            return
        }
        #expect(skipped.stage == .skipped)
        #expect(FeedbackFlow.text("hello", on: skipped, at: now) == .notFeedback)
        #expect(FeedbackFlow.text("hello", on: nil, at: now) == .notFeedback)
    }

    @Test func businessHoursKnowTheWeekTheZoneAndHolidays() throws {
        let hours = BusinessHours(
            timeZone: "Europe/Kyiv",
            week: [
                "friday": [.init(open: "09:00", close: "18:00")],
                "monday": [.init(open: "09:00", close: "13:00"), .init(open: "14:00", close: "18:00")],
            ],
            holidays: ["2027-01-25"]
        )
        #expect(hours.problem == nil)
        // Friday 2027-01-15 08:00 UTC is 10:00 in Kyiv.
        let friday = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(hours.isOpen(at: friday))
        #expect(!hours.isOpen(at: friday.addingTimeInterval(8 * 3600)))
        // Monday 13:30 Kyiv is the lunch break; work resumes at 14:00.
        let mondayLunch = friday.addingTimeInterval(3 * 86_400 + 3.5 * 3600)
        #expect(!hours.isOpen(at: mondayLunch))
        #expect(hours.nextOpening(after: mondayLunch) == mondayLunch.addingTimeInterval(1800))
        // After Friday 18:00 the next opening is Monday 09:00; a holiday Monday moves it a week on to Friday.
        let fridayEvening = friday.addingTimeInterval(9 * 3600)
        #expect(hours.nextOpening(after: fridayEvening) == friday.addingTimeInterval(3 * 86_400 - 3600))
        let beforeHoliday = friday.addingTimeInterval(7 * 86_400 + 9 * 3600)
        #expect(hours.nextOpening(after: beforeHoliday) == friday.addingTimeInterval(14 * 86_400 - 3600))
    }

    @Test(arguments: [
        BusinessHours(timeZone: "Mars/Olympus", week: [:]),
        BusinessHours(timeZone: "UTC", week: ["funday": []]),
        BusinessHours(timeZone: "UTC", week: ["monday": [.init(open: "9:00", close: "18:00")]]),
        BusinessHours(timeZone: "UTC", week: ["monday": [.init(open: "18:00", close: "09:00")]]),
        BusinessHours(timeZone: "UTC", week: [:], holidays: ["25.12.2027"]),
    ])
    func invalidSchedulesAreRefused(hours: BusinessHours) {
        #expect(hours.problem != nil)
    }

    @Test func settingsInheritFromGlobalToChannel() {
        let global = AutomationSettingsPatch(autoCloseMinutes: 45, feedbackEnabled: false)
        let channel = AutomationSettingsPatch(autoCloseMinutes: 0)
        let settings = AutomationSettings.defaults.applying(global).applying(channel)
        #expect(settings.autoCloseMinutes == nil && !settings.feedbackEnabled && settings.welcomeEnabled)
        #expect(AutomationSettings.defaults.applying(global).autoCloseMinutes == 45)
        #expect(AutomationSettingsPatch(autoCloseMinutes: -1).problem != nil)
        #expect(AutomationSettingsPatch(autoCloseMinutes: 20_000).problem != nil)
    }
}
