import ArgumentParser

/// The `switchboard` command: a support desk that lives inside messengers.
@main
struct SwitchboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A self-hosted support desk that lives inside messengers.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, MigrateCommand.self, OperatorCommand.self, ChannelCommand.self, AvatarCommand.self,
            BackupCommand.self, APIKeyCommand.self, WebhookCommand.self, SecretKeyCommand.self, BenchCommand.self,
            CopyDatabaseCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
