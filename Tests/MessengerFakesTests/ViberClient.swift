import Foundation
import MessengerFakes

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Viber REST client for the tests: real HTTP over URLSession, answers decoded.
struct ViberClient: Sendable {
    /// One decoded answer.
    struct Answer {
        /// HTTP status (200 for every application error).
        var httpStatus: Int
        /// The decoded body.
        var object: [String: Any]
        /// Raw body.
        var body: Data

        /// `status`.
        var status: Int? { object["status"] as? Int }
        /// `status_message`.
        var statusMessage: String? { object["status_message"] as? String }
        /// `message_token`, read as Int64 from the raw text so no digit is lost on the way.
        var messageToken: Int64? {
            let text = String(decoding: body, as: UTF8.self)
            guard let range = text.range(of: #""message_token":(\d+)"#, options: .regularExpression) else { return nil }
            return Int64(text[range].split(separator: ":")[1])
        }
    }

    /// The fake under test.
    let viber: FakeViber
    /// Value of `X-Viber-Auth-Token`; nil sends no header.
    let token: String?

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        return URLSession(configuration: configuration)
    }()

    /// Calls `method` with `parameters` as the JSON body.
    func call(_ method: String, _ parameters: [String: any Sendable] = [:]) async throws -> Answer {
        try await post(method, body: try JSONSerialization.data(withJSONObject: parameters))
    }

    /// Calls `method` with a raw body.
    func post(_ method: String, body: Data) async throws -> Answer {
        var request = URLRequest(url: viber.methodURL(method))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue(token, forHTTPHeaderField: "X-Viber-Auth-Token") }
        request.httpBody = body
        let (data, response) = try await Self.session.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return Answer(httpStatus: (response as? HTTPURLResponse)?.statusCode ?? 0, object: object, body: data)
    }

    /// send_message of a text "hello" to `receiver` with the bot persona, `fields` merged over it.
    func send(to receiver: String, _ fields: [String: any Sendable] = [:]) async throws -> Answer {
        var body: [String: any Sendable] = ["receiver": receiver, "sender": ["name": "Acme Support"], "type": "text", "text": "hello"]
        body.merge(fields) { $1 }
        return try await call("send_message", body.filter { !($0.value is Omitted) })
    }
}

/// Marks a field `ViberClient.send` leaves out of the body.
struct Omitted: Sendable {}

/// The value that removes a default field from a `send` body.
let omitted = Omitted()

/// Viber users with ids shaped like the real ones.
let vAnn = FakeViber.User(id: "01234567890A=", name: "Ann Lee", avatar: "https://media.example/ann.jpg", language: "en", country: "GB")
/// A second user, with `+` and `/` in the id.
let vBob = FakeViber.User(id: "xN+4b/Zq9ydQ0Ahj2kSx8w==", name: "Bob", language: "uk", country: "UA", apiVersion: 3)
