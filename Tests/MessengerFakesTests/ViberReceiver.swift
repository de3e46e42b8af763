import Foundation
import Hummingbird

@testable import MessengerFakes

/// A bridge stand-in for Viber callbacks: records each POST, checks its signature, answers as scripted.
actor ViberReceiver {
    /// One POST received.
    struct Hit: Sendable {
        /// `event`.
        var event: String
        /// `message_token`, read from the raw text.
        var messageToken: Int64?
        /// `X-Viber-Content-Signature`.
        var signature: String?
        /// Whether the signature matches the body under the bot token.
        var signatureValid: Bool
        /// The exact body.
        var body: Data
        /// Status answered.
        var status: Int

        /// The body decoded.
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// Bot token the signatures are checked with.
    let token: String
    private(set) var hits: [Hit] = []
    private var scripts: [String: [Int]] = [:]
    private var welcome: Data?
    private var delay: Duration?
    private var server: FakeHTTPServer?

    private init(token: String) { self.token = token }

    /// The URL to pass to set_webhook.
    var url: URL { server!.baseURL.appendingPathComponent("viber-hook") }

    /// Starts a receiver that checks signatures with `token`.
    static func start(token: String) async throws -> ViberReceiver {
        let receiver = ViberReceiver(token: token)
        let server = try await FakeHTTPServer.start { request, _ in
            var request = request
            let body = Data(try await request.collectBody(upTo: 1 << 20).readableBytesView)
            let signature = request.headers.first { $0.name.canonicalName == "x-viber-content-signature" }?.value
            let (status, answer, delay) = await receiver.receive(body, signature: signature)
            if let delay { try await Task.sleep(for: delay) }
            return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(bytes: answer)))
        }
        await receiver.attach(server)
        return receiver
    }

    private func attach(_ server: FakeHTTPServer) { self.server = server }

    /// Answers the next callbacks of `event` with `statuses`, in order; 200 afterwards.
    func script(event: String, statuses: [Int]) { scripts[event] = statuses }

    /// The body to answer `conversation_started` with (the welcome message).
    func setWelcome(_ json: [String: any Sendable]?) { welcome = try? json.map { try JSONSerialization.data(withJSONObject: $0) } }

    /// Sleeps this long before every answer, to make the fake time out.
    func setDelay(_ delay: Duration?) { self.delay = delay }

    private func receive(_ body: Data, signature: String?) -> (Int, Data, Duration?) {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let event = object["event"] as? String ?? ""
        var status = 200
        if var queue = scripts[event], !queue.isEmpty {
            status = queue.removeFirst()
            scripts[event] = queue
        }
        let text = String(decoding: body, as: UTF8.self)
        let token = text.range(of: #""message_token":(\d+)"#, options: .regularExpression).flatMap {
            Int64(text[$0].split(separator: ":")[1])
        }
        let valid = signature == FakeViber.signature(of: body, token: self.token)
        hits.append(Hit(event: event, messageToken: token, signature: signature, signatureValid: valid, body: body, status: status))
        let answer = event == "conversation_started" && status == 200 ? (welcome ?? Data()) : Data()
        return (status, answer, delay)
    }

    /// Hits of one event.
    func hits(_ event: String) -> [Hit] { hits.filter { $0.event == event } }

    /// Stops the receiver.
    func stop() async { await server?.stop() }
}

/// The test bot's token.
let viberToken = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9"

extension FakeViber.Configuration {
    /// The tests' configuration: plain-HTTP webhooks on 127.0.0.1, then `change`.
    ///
    /// The callback timeout is longer than the real one's 10 s: with the whole suite on two cores,
    /// the receiver's answer to the set_webhook check took over 2 s, and set_webhook failed.
    static func test(_ change: (inout Self) -> Void = { _ in }) -> Self {
        var configuration = Self()
        configuration.allowInsecureWebhooks = true
        configuration.callbackTimeout = .seconds(20)
        change(&configuration)
        return configuration
    }
}

/// Starts a fake with one bot and a receiver set as its webhook, runs `body`, and always stops both.
func withFakeViber(
    _ configuration: FakeViber.Configuration = .test(),
    setWebhook: Bool = true,
    _ body: (FakeViber, ViberClient, ViberReceiver) async throws -> Void
) async throws {
    let viber = try await FakeViber.start(configuration: configuration)
    await viber.addBot(token: viberToken, name: "Acme Support", uri: "acmesupport", avatar: "https://acme.example/logo.jpg")
    let receiver = try await ViberReceiver.start(token: viberToken)
    let client = ViberClient(viber: viber, token: viberToken)
    do {
        if setWebhook {
            let answer = try await client.call("set_webhook", ["url": await receiver.url.absoluteString])
            guard answer.status == 0 else { throw FakeViber.FakeError.invalid("set_webhook failed: \(answer.object)") }
        }
        try await body(viber, client, receiver)
    } catch {
        await receiver.stop()
        await viber.stop()
        throw error
    }
    await receiver.stop()
    await viber.stop()
}
