import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct ChannelManifestApplyTests {
    func write(_ yaml: String, as name: String, in harness: TelegramAppHarness) throws -> AppConfig {
        let folder = harness.directory.path("channels")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try yaml.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        var config = harness.config
        config.channelsDirectory = folder
        return config
    }

    @Test func manifestCreatesTheSameChannelAsTheCLIThenUpdatesAndNeverDeletes() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        // The CLI path, for comparison.
        _ = try await harness.addChannel(mode: .poll)
        let environment = ["DESK_TOKEN": TelegramAppHarness.token]
        var config = try write(
            "kind: telegram\nname: desk-tg\nmode: poll\ntoken: ${DESK_TOKEN}\napi_url: \(harness.telegram.baseURL.absoluteString)\n",
            as: "desk.yaml",
            in: harness
        )
        let switchboard = try Switchboard(config: config, logger: harness.logs.logger())

        let created = try await switchboard.applyChannelManifests(config: config, environment: environment, logger: harness.logs.logger())

        #expect(
            created == [
                "created telegram channel desk-tg (poll)",
                "kept telegram channel support-tg: no manifest describes it (manifests never delete)",
            ]
        )
        let summaries = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).list()
        let byCLI = try #require(summaries.first { $0.channel.name == "support-tg" })
        let byManifest = try #require(summaries.first { $0.channel.name == "desk-tg" })
        #expect(byManifest.channel.persona == byCLI.channel.persona)
        #expect(byManifest.channel.mode == byCLI.channel.mode)
        #expect(byManifest.maskedToken == byCLI.maskedToken)
        #expect(byManifest.apiURL == byCLI.apiURL)
        #expect(
            try await switchboard.store.channelCredentials(byManifest.channel.id)?.settingsJSON
                == (try await switchboard.store.channelCredentials(byCLI.channel.id)?.settingsJSON)
        )

        // The same manifest again changes nothing.
        #expect(
            try await switchboard.applyChannelManifests(config: config, environment: environment, logger: harness.logs.logger()).first
                == "unchanged telegram channel desk-tg"
        )

        // A new persona and mode: stored, and the mode went through Telegram.
        config = try write(
            """
            kind: telegram
            name: desk-tg
            mode: webhook
            token: ${DESK_TOKEN}
            api_url: \(harness.telegram.baseURL.absoluteString)
            persona:
              name: Acme Desk
              avatar: https://acme.test/logo.png
            """,
            as: "desk.yaml",
            in: harness
        )
        let updated = try await switchboard.applyChannelManifests(config: config, environment: environment, logger: harness.logs.logger())
        #expect(updated.first == "updated telegram channel desk-tg: persona, mode poll → webhook")
        let channel = try #require(try await switchboard.store.channels().first { $0.name == "desk-tg" })
        #expect(channel.persona == Persona(name: "Acme Desk", avatarURL: "https://acme.test/logo.png"))
        #expect(channel.mode == .webhook)
        let setWebhook = await harness.telegram.calls(bot: TelegramAppHarness.token, method: "setWebhook")
        #expect(setWebhook.last?.parameters["url"] == harness.baseURL + "/webhooks/telegram/desk-tg")

        // The token is in no log line and not in the database file in clear.
        #expect(!harness.logs.text.contains(TelegramAppHarness.token))
        #expect(try harness.databaseBytes().range(of: Data(TelegramAppHarness.token.utf8)) == nil)
    }

    @Test func tokenTheMessengerRejectsStopsTheApplyAndStoresNothing() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let config = try write(
            "kind: telegram\nname: desk-tg\ntoken: ${DESK_TOKEN}\napi_url: \(harness.telegram.baseURL.absoluteString)\n",
            as: "desk.yaml",
            in: harness
        )
        let switchboard = try Switchboard(config: config, logger: harness.logs.logger())

        let error = await #expect(throws: ChannelAdminError.self) {
            try await switchboard.applyChannelManifests(
                config: config,
                environment: ["DESK_TOKEN": "7000000009:AAH-not-a-bot-we-know"],
                logger: harness.logs.logger()
            )
        }

        #expect(error?.description.contains("desk.yaml: Telegram rejected the token") == true)
        #expect(error?.description.contains("not-a-bot") == false)
        #expect(try await switchboard.store.channels().isEmpty)
    }

    @Test func literalTokenOrUnsetVariableStopsTheStartBeforeAnythingIsTouched() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try write("kind: telegram\nname: a-tg\ntoken: 7000000001:AAH-literal\n", as: "a.yaml", in: harness)
        let config = try write("kind: viber\nname: b-viber\ntoken: ${B_TOKEN}\n", as: "b.yaml", in: harness)
        let switchboard = try Switchboard(config: config, logger: harness.logs.logger())

        let error = await #expect(throws: ConfigError.self) {
            try await switchboard.applyChannelManifests(config: config, environment: [:], logger: harness.logs.logger())
        }

        #expect(error?.problems.count == 2)
        #expect(
            error?.problems.first?.hasSuffix("a.yaml: token: must be ${ENV_VAR}, never the token itself; put the token in the environment") == true
        )
        #expect(error?.problems.last?.hasSuffix("b.yaml: token: the environment variable B_TOKEN is not set") == true)
        #expect(try await switchboard.store.channels().isEmpty)
    }
}
