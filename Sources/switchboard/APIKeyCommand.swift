import Accounts
import ArgumentParser
import Foundation
import SwitchboardApp
import SwitchboardCore

/// `switchboard apikey`: keys the company's systems use for the REST API (`Authorization: Bearer`).
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Manage API keys for the REST API.",
        subcommands: [AddAPIKeyCommand.self]
    )
}

/// `switchboard apikey add --name …`: prints the new key once; only its hash is stored.
struct AddAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create an API key and print it (shown only this once).")

    @Option(help: "What the key is for, e.g. website.") var name: String
    @Option(
        name: .customLong("scope"),
        help: "What the key may do; repeat for several: \(APIScope.allCases.map(\.rawValue).joined(separator: ", ")). Default: contexts:write."
    )
    var scopes: [String] = []
    @Option(help: "The bot name its messages are signed with in the timeline (default: the key's name).") var botName: String?
    @Option(help: "Requests allowed per minute (default: no limit).") var ratePerMinute: Int?
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        for scope in scopes where APIScope(rawValue: scope) == nil {
            throw ValidationError("Unknown scope '\(scope)'; scopes are \(APIScope.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let config = try options.load()
        let store = try openStore(config)
        do {
            let settings = APIKeySettings(
                scopes: scopes.isEmpty ? APIScope.legacy : Set(scopes.compactMap(APIScope.init(rawValue:))),
                botName: botName,
                ratePerMinute: ratePerMinute
            )
            let issued = try await APIKeyIssuer.issue(name: name, settings: settings, store: store, audit: store, by: .shell, at: Date())
            let scopeList = issued.stored.scopes.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(
                Data("created API key \(name) (id \(issued.id), scopes \(scopeList)); store it now, it is not shown again:\n".utf8)
            )
            print(issued.key)
        } catch let refusal as APIKeyIssuer.Refusal {
            throw ValidationError(refusal.description)
        }
    }
}
