import Foundation
import Manifests
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct ManifestAutomationTests {
    static let automation = """
        automation:
          welcome_enabled: false
          auto_close_minutes: 90
          feedback_enabled: true
          business_hours:
            time_zone: Europe/Kyiv
            week:
              monday: ["09:00-13:00", "14:00-18:00"]
              friday: ["09:00-16:00"]
            holidays: ["2026-12-25"]
          texts:
            out_of_hours:
              en: "We are back at {back_at}."
              uk: "Ми повернемося о {back_at}."
        """

    func parse(_ yaml: String) -> (ChannelManifest?, [String]) {
        var problems: [String] = []
        let manifest = ChannelManifest.parse(yaml: yaml, file: "channels/x.yaml", environment: ["T": "x"], problems: &problems)
        return (manifest, problems)
    }

    @Test func theSectionReadsSettingsHoursAndTexts() throws {
        let (manifest, problems) = parse("kind: telegram\nname: desk\ntoken: ${T}\n" + Self.automation)
        #expect(problems == [])
        let automation = try #require(manifest?.automation)
        #expect(automation.settings.welcomeEnabled == false)
        #expect(automation.settings.autoCloseMinutes == 90)
        #expect(automation.settings.feedbackEnabled == true)
        #expect(automation.settings.operatorGreetingEnabled == nil)
        let hours = try #require(automation.settings.businessHours?.schedule)
        #expect(hours.timeZone == "Europe/Kyiv")
        #expect(hours.week["monday"] == [.init(open: "09:00", close: "13:00"), .init(open: "14:00", close: "18:00")])
        #expect(hours.holidays == ["2026-12-25"])
        #expect(automation.texts.map { "\($0.kind.rawValue)/\($0.language.rawValue)" } == ["out_of_hours/en", "out_of_hours/uk"])
        #expect(parse("kind: telegram\nname: d\ntoken: ${T}\nautomation:\n  auto_close_minutes: off\n  business_hours: always").1 == [])
    }

    @Test func everyMistakeIsNamedWithItsKey() {
        let (manifest, problems) = parse(
            """
            kind: telegram
            name: desk
            token: ${T}
            automation:
              welcome_enabled: sometimes
              auto_close_minutes: 0
              colour: blue
              business_hours:
                time_zone: Mars/Olympus
                week:
                  monday: ["9 to 5"]
              texts:
                welcome:
                  de: "Hallo"
                  en: "Hello {name}"
                goodbye:
                  en: "Bye"
            """
        )
        #expect(manifest == nil)
        let keys = problems.map { $0.split(separator: ":").dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        #expect(
            Set(keys) == [
                "automation.welcome_enabled", "automation.auto_close_minutes", "automation.colour", "automation.business_hours",
                "automation.business_hours.week.monday", "automation.texts.welcome.de", "automation.texts.welcome.en",
                "automation.texts.goodbye",
            ],
            "\(problems)"
        )
    }

    @Test func serveAppliesTheOverridesToTheChannelOnceAndAuditsThemAsTheManifest() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let folder = harness.directory.path("channels")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let yaml = "kind: telegram\nname: desk-tg\ntoken: ${DESK_TOKEN}\napi_url: \(harness.telegram.baseURL.absoluteString)\n" + Self.automation
        try yaml.write(toFile: folder + "/desk.yaml", atomically: true, encoding: .utf8)
        var config = harness.config
        config.channelsDirectory = folder
        let environment = ["DESK_TOKEN": TelegramAppHarness.token]
        let switchboard = try Switchboard(config: config, logger: harness.logs.logger())

        let report = try await switchboard.applyChannelManifests(config: config, environment: environment, logger: harness.logs.logger())

        #expect(report == ["created telegram channel desk-tg (poll) with automation settings, text out_of_hours/en, text out_of_hours/uk"])
        let channel = try #require(try await switchboard.store.channels().first)
        let stored = try #require(try await switchboard.store.automationSettingsPatch(channel: channel.id))
        #expect(stored.welcomeEnabled == false && stored.autoCloseMinutes == 90 && stored.feedbackEnabled == true)
        #expect(stored.businessHours?.schedule?.timeZone == "Europe/Kyiv")
        // The desk-wide settings are untouched: the manifest overrides only its channel.
        #expect(try await switchboard.store.automationSettingsPatch(channel: nil) == nil)
        let texts = try await switchboard.store.automationTextOverrides(channel: channel.id)
        #expect(texts.first { $0.kind == .outOfHours && $0.language == .uk }?.text == "Ми повернемося о {back_at}.")
        let audit = try await switchboard.store.auditEntries(AuditQuery(limit: 20, actionPrefix: "automation."))
        #expect(audit.count == 3)
        #expect(audit.allSatisfy { $0.actor.kind == .manifest && $0.actor.name.hasSuffix("desk.yaml") })

        // Applied again: nothing changes and nothing more is audited.
        let again = try await switchboard.applyChannelManifests(config: config, environment: environment, logger: harness.logs.logger())
        #expect(again == ["unchanged telegram channel desk-tg"])
        #expect(try await switchboard.store.auditEntries(AuditQuery(limit: 20, actionPrefix: "automation.")).count == 3)
    }
}
