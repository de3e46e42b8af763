import Accounts
import ArgumentParser
import Foundation
import SwitchboardApp
import SwitchboardCore

/// `switchboard apikey`: keys the company's site or app uses for `POST /api/v1/contexts`.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Manage API keys for the context API.",
        subcommands: [AddAPIKeyCommand.self]
    )
}

/// `switchboard apikey add --name …`: prints the new key once; only its hash is stored.
struct AddAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create an API key and print it (shown only this once).")

    @Option(help: "What the key is for, e.g. website.") var name: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let store = try openStore(config)
        do {
            let issued = try await APIKeyIssuer.issue(name: name, store: store, audit: store, by: .shell, at: Date())
            FileHandle.standardError.write(Data("created API key \(name) (id \(issued.id)); store it now, it is not shown again:\n".utf8))
            print(issued.key)
        } catch let refusal as APIKeyIssuer.Refusal {
            throw ValidationError(refusal.description)
        }
    }
}
