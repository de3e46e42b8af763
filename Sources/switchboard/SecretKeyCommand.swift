import ArgumentParser
import Foundation
import SwitchboardApp

/// `switchboard secret-key`: the key that seals bot tokens at rest.
struct SecretKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret-key",
        abstract: "Manage the key that encrypts bot tokens and webhook secrets in the database.",
        subcommands: [RotateSecretKeyCommand.self]
    )
}

/// `switchboard secret-key rotate`: reseals every stored secret under a new key.
struct RotateSecretKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Encrypt every stored secret with a new key (stop the server first).",
        discussion: """
            With the key file, the new key replaces it and the old one is kept as <file>.previous \
            (backups taken before need it). With SWITCHBOARD_SECRET_KEY, the new key is written to \
            --new-key-file; put its content into the setting before starting the server again. \
            Running the command again after an interruption completes the rotation.
            """
    )

    @Option(help: "Where to write the new key when SWITCHBOARD_SECRET_KEY is set (created with mode 0600).")
    var newKeyFile: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        do {
            let summary = try await SecretKeyRotation.rotate(config: config, newKeyFile: newKeyFile)
            print("resealed \(summary.resealed) secrets; the new key is in \(summary.newKeyPath)")
            if let previous = summary.previousKeyPath {
                print("the previous key is kept in \(previous) for backups taken before; delete it once they have expired")
            } else {
                print("set SWITCHBOARD_SECRET_KEY to the content of \(summary.newKeyPath), then start the server")
            }
        } catch let failure as SecretKeyRotation.Failure {
            FileHandle.standardError.write(Data("switchboard secret-key rotate: \(failure.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
