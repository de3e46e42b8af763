import ArgumentParser
import Foundation
import Logging
import SwitchboardApp
import SwitchboardCore

/// `switchboard webhook`: outgoing webhooks that tell other systems what happens in the desk.
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Manage outgoing webhooks (signed event deliveries to other systems).",
        subcommands: [WebhookAddCommand.self, WebhookListCommand.self, WebhookRemoveCommand.self]
    )

    /// The server's parts over the configured database, quiet, for one admin operation.
    static func admin(_ options: ConfigOptions) throws -> (WebhookAdmin, any AppStore) {
        let config = try options.load()
        var logger = Logger(label: "switchboard")
        logger.logLevel = .error
        let switchboard = try Switchboard(config: config, logger: logger)
        return (switchboard.webhookAdmin, switchboard.store)
    }
}

/// `switchboard webhook add --url … --events a,b`: prints the signing secret once.
struct WebhookAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register an endpoint and print its signing secret (shown only this once)."
    )

    @Option(help: "The receiver's http or https URL.") var url: String
    @Option(help: "Comma-separated event types: \(WebhookEventType.allCases.map(\.rawValue).joined(separator: ", ")).") var events: String
    @Option(help: "What the endpoint is for, e.g. CRM.") var description: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let (admin, _) = try WebhookCommand.admin(options)
        let types = events.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        do {
            let created = try await admin.create(url: url, eventTypes: types, description: description, by: .shell)
            FileHandle.standardError.write(Data("created webhook \(created.webhook.id); store the secret now, it is not shown again:\n".utf8))
            print(created.secret)
        } catch let refusal as WebhookAdmin.Refusal {
            throw ValidationError(refusal.description)
        }
    }
}

/// `switchboard webhook list`: every endpoint with its state.
struct WebhookListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List outgoing webhooks.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let (_, store) = try WebhookCommand.admin(options)
        for webhook in try await store.outgoingWebhooks() {
            let state = webhook.enabled ? "enabled" : "disabled (\(webhook.disabledReason ?? "by an admin"))"
            print("\(webhook.id)\t\(webhook.url)\t\(webhook.eventTypes.map(\.rawValue).joined(separator: ","))\t\(state)")
        }
    }
}

/// `switchboard webhook remove ID`: deletes an endpoint and its delivery log.
struct WebhookRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an outgoing webhook and its delivery log.")

    @Argument(help: "The webhook's id (see `switchboard webhook list`).") var id: Int64
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let (admin, _) = try WebhookCommand.admin(options)
        do {
            try await admin.delete(OutgoingWebhookID(id), by: .shell)
        } catch StoreError.notFound {
            throw ValidationError("no webhook \(id)")
        }
        print("removed webhook \(id)")
    }
}
