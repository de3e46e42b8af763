import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import SwitchboardWeb
import TestSupport
import Testing

/// A real server on 127.0.0.1 over a real SQLite file, with helpers that read as a story.
struct InboxHarness {
    let directory: TemporaryDirectory
    let switchboard: Switchboard
    let channel: SwitchboardCore.Channel
    let hasher = PasswordHasher(cost: 4)

    /// An operator's signed-in session as a client holds it.
    struct Session {
        let cookie: String
        let csrf: String
        let operatorID: OperatorID
    }

    struct Reply {
        let status: HTTPResponse.Status
        let body: Data
        let headers: HTTPFields

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    /// Runs `body` against a live server.
    /// - Parameter automation: leaves the automatic messages on; off, timelines and event counts are the test's own.
    ///   - mediaMaxBytes: the media folder's cap.
    static func run(
        automation: Bool = false,
        mediaMaxBytes: Int64 = 5 << 30,
        _ body: @Sendable (InboxHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = AppConfig(
            port: 0,
            databasePath: try directory.migratedDatabase("switchboard.sqlite"),
            logLevel: .error,
            mediaMaxBytes: mediaMaxBytes
        )
        let (app, switchboard) = try buildApplication(config: config, passwordCost: 4)
        let channel = try await switchboard.store.createChannel(
            ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme")),
            at: Date()
        )
        if !automation { try await switchboard.silenceAutomation() }
        let harness = InboxHarness(directory: directory, switchboard: switchboard, channel: channel)
        try await app.test(.live) { client in
            // Routing, automation, webhooks and metrics subscribe to the bus as their services start; a test
            // that writes before they do would race them (metrics count only what they saw).
            try await eventually("background services subscribed") { await switchboard.bus.subscriberCount >= 4 }
            try await body(harness, client)
        }
    }

    func addOperator(_ login: String, role: OperatorRole = .operator, password: String = "password123") async throws -> Operator {
        try await switchboard.store.createOperator(
            OperatorDraft(login: login, displayName: login.capitalized, role: role, passwordHash: try await hasher.hash(password)),
            at: Date()
        )
    }

    /// A client writes to the bot; returns the conversation id.
    @discardableResult
    func clientWrites(_ text: String, from user: String = "u-1", name: String = "Olena", at date: Date = Date()) async throws -> ConversationID {
        let outcome = try await switchboard.router.ingest(InboundEvents.text(text, channel: channel.id, from: user, name: name, at: date))
        guard case .new(let result) = outcome, let id = result.conversationID else { throw StoreError.invalid("not ingested") }
        return id
    }

    func signIn(_ client: any TestClientProtocol, _ login: String, password: String = "password123") async throws -> Session {
        let reply = try await send(client, .post, "/api/v1/session", json: ["login": login, "password": password])
        #expect(reply.status == .ok)
        let cookie = try #require(reply.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let csrf = try #require(reply.json["csrfToken"] as? String)
        let id = try #require((reply.json["operator"] as? [String: Any])?["id"] as? Int)
        return Session(cookie: cookie, csrf: csrf, operatorID: OperatorID(Int64(id)))
    }

    func send(
        _ client: any TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        as session: Session? = nil,
        json: Any? = nil,
        raw: Data? = nil,
        csrf: Bool = true,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let session {
            headers[.cookie] = session.cookie
            if csrf { headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf }
        }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            body = ByteBuffer(bytes: raw)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: response.status, body: Data(response.body.readableBytesView), headers: response.headers)
        }
    }
}
