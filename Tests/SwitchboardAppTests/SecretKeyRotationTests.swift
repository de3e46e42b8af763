import Foundation
import MessengerFakes
import SQLiteStore
import Secrets
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct SecretKeyRotationTests {
    func keyText(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func storedToken(_ config: AppConfig, key: String) async throws -> String? {
        let store = try SQLiteStore(path: config.databasePath)
        let credentials = try #require(try await store.channelCredentials(ChannelID(1)))
        return try? SecretBox(base64Key: key).open(credentials.tokenCiphertext)
    }

    @Test func rotationResealsTheTokenKeepsThePreviousKeyAndTheChannelStillOpens() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .webhook)
        let config = harness.config
        let oldKey = try keyText(config.secretKeyFile)

        let summary = try await SecretKeyRotation.rotate(config: config)

        #expect(summary.resealed == 2)  // the token and the webhook secret
        let newKey = try keyText(config.secretKeyFile)
        #expect(newKey != oldKey)
        #expect(try keyText(config.secretKeyFile + ".previous") == oldKey)
        #expect(!FileManager.default.fileExists(atPath: config.secretKeyFile + ".next"))
        let mode = try FileManager.default.attributesOfItem(atPath: config.secretKeyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try await storedToken(config, key: newKey) == TelegramAppHarness.token)
        #expect(try await storedToken(config, key: oldKey) == nil)
        // The server's own view: the channel's token opens (it is shown masked, not as a broken channel).
        #expect(try await harness.listOutput().contains("••••TOKN"))
    }

    @Test func aRotationInterruptedAfterTheCommitIsCompletedByRunningItAgain() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let config = harness.config
        let oldKey = try keyText(config.secretKeyFile)
        _ = try await SecretKeyRotation.rotate(config: config)
        let newKey = try keyText(config.secretKeyFile)
        // Put the files back as they are when the process died between the commit and the renames.
        try FileManager.default.moveItem(atPath: config.secretKeyFile, toPath: config.secretKeyFile + ".next")
        try FileManager.default.moveItem(atPath: config.secretKeyFile + ".previous", toPath: config.secretKeyFile)
        #expect(try keyText(config.secretKeyFile) == oldKey)

        let summary = try await SecretKeyRotation.rotate(config: config)

        #expect(summary.resealed == 1)
        #expect(try keyText(config.secretKeyFile) == newKey)
        #expect(try await storedToken(config, key: newKey) == TelegramAppHarness.token)
    }

    @Test func withTheKeyInTheEnvironmentTheNewKeyGoesToTheGivenFileOnly() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        var config = harness.config
        config.secretKey = SecretBox.newBase64Key()
        let switchboard = try Switchboard(config: config, logger: harness.logs.logger())
        _ = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .system).addTelegram(
            .init(name: "support-tg", token: TelegramAppHarness.token, mode: .poll, apiURL: harness.telegram.baseURL.absoluteString)
        )

        await #expect(throws: SecretKeyRotation.Failure.self) { try await SecretKeyRotation.rotate(config: config) }
        #expect(try await storedToken(config, key: try #require(config.secretKey)) == TelegramAppHarness.token)

        let target = harness.directory.path("new.key")
        let summary = try await SecretKeyRotation.rotate(config: config, newKeyFile: target)

        #expect(summary.newKeyPath == target)
        #expect(try await storedToken(config, key: try keyText(target)) == TelegramAppHarness.token)
        #expect(!FileManager.default.fileExists(atPath: config.secretKeyFile))
        // A second run refuses to overwrite the key it just wrote.
        await #expect(throws: SecretKeyRotation.Failure.self) { try await SecretKeyRotation.rotate(config: config, newKeyFile: target) }
    }
}
