import ArgumentParser
import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore

/// Finds a channel by name and runs an admin operation on it, reporting refusals for the admin.
private func withChannel(
    named name: String,
    options: ConfigOptions,
    _ operation: (ChannelAdmin, Channel) async throws -> ChannelAdmin.Summary
) async throws -> ChannelAdmin.Summary {
    let config = try options.load()
    let switchboard = try Switchboard(config: config, logger: Logger(label: "switchboard"))
    let admin = ChannelAdmin(switchboard: switchboard, config: config, actor: .shell)
    do {
        guard let channel = try await admin.list().first(where: { $0.channel.name == name })?.channel else {
            throw ChannelAdminError("no channel named '\(name)'")
        }
        return try await operation(admin, channel)
    } catch let error as ChannelAdminError {
        FileHandle.standardError.write(Data("switchboard: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

/// `switchboard channel pause NAME`.
struct ChannelPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract:
            "Pause a channel: it neither receives nor sends; queued replies wait (a running serve applies it at its next start; the admin API applies it at once)."
    )

    @Argument(help: "The channel's name.") var name: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let summary = try await withChannel(named: name, options: options) { admin, channel in try await admin.setPaused(channel.id, true) }
        print("channel '\(summary.channel.name)' is paused")
    }
}

/// `switchboard channel resume NAME`.
struct ChannelResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused channel.")

    @Argument(help: "The channel's name.") var name: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let summary = try await withChannel(named: name, options: options) { admin, channel in try await admin.setPaused(channel.id, false) }
        print("channel '\(summary.channel.name)' is resumed")
    }
}

/// `switchboard channel token NAME --token-env VAR`: token rotation.
struct ChannelTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Replace a channel's token after the messenger accepted it (token rotation)."
    )

    @Argument(help: "The channel's name.") var name: String
    @Option(name: .customLong("token-env"), help: "Environment variable holding the new token (never pass tokens as arguments).")
    var tokenEnv: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
            throw ValidationError("the environment variable \(tokenEnv) is not set")
        }
        let summary = try await withChannel(named: name, options: options) { admin, channel in try await admin.rotateToken(channel.id, to: token) }
        print("channel '\(summary.channel.name)' now uses token \(summary.maskedToken)")
    }
}

/// `switchboard channel remove NAME`.
struct ChannelRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a channel: its conversations stay with their history, its queued replies fail, its token is wiped."
    )

    @Argument(help: "The channel's name.") var name: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        var removal: ChannelRemoval?
        _ = try await withChannel(named: name, options: options) { admin, channel in
            let summary = try await admin.summary(channel.id)
            removal = try await admin.remove(channel.id).0
            return summary
        }
        guard let removal else { return }
        print(
            "channel '\(removal.name)' removed: \(removal.conversationsKept) conversations kept, \(removal.repliesFailed) queued replies failed; a running serve stops it at its next start"
        )
    }
}
