import ArgumentParser
import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore

/// `switchboard channel`: connect messenger bots and list them.
struct ChannelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel",
        abstract: "Connect messenger bots and list them.",
        subcommands: [
            ChannelAddCommand.self, ChannelListCommand.self, ChannelModeCommand.self, ChannelPauseCommand.self, ChannelResumeCommand.self,
            ChannelTokenCommand.self, ChannelRemoveCommand.self,
        ]
    )
}

/// `switchboard channel add telegram|viber --name … --token-env VAR [options]`.
struct ChannelAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Connect a bot; the token is checked with the messenger, then stored encrypted."
    )

    @Argument(help: "The messenger: telegram or viber.") var kind: String
    @Option(help: "Unique channel name used in URLs, e.g. support-tg.") var name: String
    @Option(name: .customLong("token-env"), help: "Environment variable holding the bot token (never pass tokens as arguments).")
    var tokenEnv: String
    @Option(help: "Telegram: poll (getUpdates) or webhook (needs SWITCHBOARD_PUBLIC_URL over HTTPS). Viber always uses webhook.")
    var mode = "poll"
    @Option(name: .customLong("api-url"), help: "API base URL; default https://api.telegram.org or https://chatapi.viber.com/pa.")
    var apiURL: String?
    @Option(help: "Telegram: proxy for this bot only, e.g. socks5h://127.0.0.1:1080.") var proxy: String?
    @Option(name: .customLong("persona-name"), help: "Name the bot shows before an operator answers; default the bot's name.")
    var personaName: String?
    @Option(name: .customLong("persona-avatar"), help: "Viber: public URL of the bot's logo (see `switchboard avatar add`).")
    var personaAvatar: String?
    @Option(help: "Viber: welcome message answered when a client opens the chat.") var welcome: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let channelKind = ChannelKind(rawValue: kind) else { throw ValidationError("the messenger must be telegram or viber") }
        guard let channelMode = ChannelMode(rawValue: mode) else { throw ValidationError("--mode must be poll or webhook") }
        guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
            throw ValidationError("environment variable \(tokenEnv) is not set or empty")
        }
        let config = try options.load()
        let switchboard = try Switchboard(config: config, logger: Logger(label: "switchboard"))
        let admin = ChannelAdmin(switchboard: switchboard, config: config, actor: .shell)
        do {
            let channel: Channel
            switch channelKind {
            case .telegram:
                let request = ChannelAdmin.TelegramRequest(
                    name: name,
                    token: token,
                    mode: channelMode,
                    apiURL: apiURL,
                    proxy: proxy,
                    personaName: personaName
                )
                channel = try await admin.addTelegram(request)
            case .viber:
                let request = ChannelAdmin.ViberRequest(
                    name: name,
                    token: token,
                    apiURL: apiURL,
                    personaName: personaName,
                    personaAvatar: personaAvatar,
                    welcomeText: welcome
                )
                channel = try await admin.addViber(request)
            }
            print("added \(channel.kind.rawValue) channel '\(channel.name)' (\(channel.mode.rawValue) mode, persona '\(channel.persona.name)')")
        } catch let error as ChannelAdminError {
            FileHandle.standardError.write(Data("switchboard: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `switchboard channel list`: every channel, token masked.
struct ChannelListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List channels (tokens masked).")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let switchboard = try Switchboard(config: config, logger: Logger(label: "switchboard"))
        let summaries = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .shell).list()
        print(ChannelAdmin.table(summaries))
    }
}

/// `switchboard channel mode NAME poll|webhook`: switches how a Telegram bot delivers updates.
struct ChannelModeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mode",
        abstract: "Switch a Telegram channel between poll and webhook (calls setWebhook/deleteWebhook)."
    )

    @Argument(help: "The channel's name.") var name: String
    @Argument(help: "poll or webhook.") var mode: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let channelMode = ChannelMode(rawValue: mode) else { throw ValidationError("mode must be poll or webhook") }
        let config = try options.load()
        let switchboard = try Switchboard(config: config, logger: Logger(label: "switchboard"))
        do {
            let channel = try await ChannelAdmin(switchboard: switchboard, config: config, actor: .shell).setMode(channelName: name, to: channelMode)
            print("channel '\(channel.name)' now uses \(channel.mode.rawValue) mode; restart serve to apply")
        } catch let error as ChannelAdminError {
            FileHandle.standardError.write(Data("switchboard: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
