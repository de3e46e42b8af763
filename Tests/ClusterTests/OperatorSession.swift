import Foundation
import SwitchboardBench

/// An operator signed in on one instance, calling the API as the inbox page does.
struct OperatorSession: Sendable {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    let cookie: String
    let csrfToken: String

    /// Signs in on `instance`.
    static func signIn(
        on instance: ServerProcess,
        login: String = ClusterFixture.login,
        password: String = ClusterFixture.password
    )
        async throws -> OperatorSession
    {
        let body = try JSONSerialization.data(withJSONObject: ["login": login, "password": password])
        let reply = try await KeepAliveConnection.with(port: instance.port) { connection in
            try await connection.send(.init(method: "POST", path: "/api/v1/session", headers: [("Content-Type", "application/json")], body: body))
        }
        guard reply.status == 200, let cookie = reply.header("Set-Cookie")?.split(separator: ";").first,
            let json = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any], let csrf = json["csrfToken"] as? String
        else {
            throw Refused(description: "sign-in on \(instance.name) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return OperatorSession(port: instance.port, cookie: String(cookie), csrfToken: csrf)
    }

    /// The same session used on another instance: sessions live in the shared database.
    func on(_ instance: ServerProcess) -> OperatorSession {
        OperatorSession(port: instance.port, cookie: cookie, csrfToken: csrfToken)
    }

    /// `GET path`; the decoded JSON of a 200 answer.
    func get(_ path: String) async throws -> Any {
        let reply = try await KeepAliveConnection.with(port: port) { connection in
            try await connection.send(.init(path: path, headers: [("Cookie", cookie)]))
        }
        guard reply.status == 200 else {
            throw Refused(description: "GET \(path) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return try JSONSerialization.jsonObject(with: reply.body)
    }

    /// Posts a reply to a conversation and returns the stored message's id.
    @discardableResult
    func reply(to conversation: Int64, text: String) async throws -> Int64 {
        let body = try JSONSerialization.data(withJSONObject: ["text": text])
        let reply = try await KeepAliveConnection.with(port: port) { connection in
            try await connection.send(
                .init(
                    method: "POST",
                    path: "/api/v1/conversations/\(conversation)/messages",
                    headers: [("Cookie", cookie), ("X-CSRF-Token", csrfToken), ("Content-Type", "application/json")],
                    body: body
                )
            )
        }
        guard reply.status == 201, let json = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any],
            let id = (json["id"] as? NSNumber)?.int64Value
        else {
            throw Refused(description: "the reply to \(conversation) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return id
    }

    /// `POST path` with a JSON `body`, as the inbox page sends it; the decoded JSON of a 2xx answer.
    @discardableResult
    func post(_ path: String, body: [String: Any] = [:]) async throws -> Any {
        let data = try JSONSerialization.data(withJSONObject: body)
        let reply = try await KeepAliveConnection.with(port: port) { connection in
            try await connection.send(
                .init(
                    method: "POST",
                    path: path,
                    headers: [("Cookie", cookie), ("X-CSRF-Token", csrfToken), ("Content-Type", "application/json")],
                    body: data
                )
            )
        }
        guard (200..<300).contains(reply.status) else {
            throw Refused(description: "POST \(path) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return try JSONSerialization.jsonObject(with: reply.body)
    }

    /// `GET path`: the status and the bytes of the answer, whatever they are.
    func fetch(_ path: String) async throws -> (status: Int, body: Data) {
        let reply = try await KeepAliveConnection.with(port: port) { connection in
            try await connection.send(.init(path: path, headers: [("Cookie", cookie)]))
        }
        return (reply.status, reply.body)
    }
}
