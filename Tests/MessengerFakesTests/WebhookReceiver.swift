import Foundation
import Hummingbird

@testable import MessengerFakes

/// A tiny bridge stand-in that records webhook POSTs and answers with scripted statuses.
actor WebhookReceiver {
    /// One POST received.
    struct Hit: Sendable {
        /// `update_id` of the posted Update.
        var updateId: Int64
        /// Text of the message inside, if any.
        var text: String?
        /// `X-Telegram-Bot-Api-Secret-Token` header.
        var secret: String?
        /// Status answered.
        var status: Int
    }

    private(set) var hits: [Hit] = []
    /// Statuses to answer per message text, consumed in order; 200 when exhausted.
    private var scripts: [String: [Int]] = [:]
    private var server: FakeHTTPServer?

    /// The URL to pass to setWebhook.
    var url: URL { server!.baseURL.appendingPathComponent("telegram-hook") }

    /// Starts a receiver.
    static func start() async throws -> WebhookReceiver {
        let receiver = WebhookReceiver()
        let server = try await FakeHTTPServer.start { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let secret = request.headers.first { $0.name.canonicalName == "x-telegram-bot-api-secret-token" }?.value
            let status = await receiver.receive(Data(body.readableBytesView), secret: secret)
            // A 429 from the bridge asks the fake to wait, like a real overloaded bridge would.
            let headers: HTTPFields = status == 429 ? [.retryAfter: "1"] : [:]
            return Response(status: .init(code: status), headers: headers)
        }
        await receiver.attach(server)
        return receiver
    }

    private func attach(_ server: FakeHTTPServer) { self.server = server }

    /// Answers the next POSTs carrying a message with this text with `statuses`, in order.
    func script(text: String, statuses: [Int]) { scripts[text] = statuses }

    private func receive(_ body: Data, secret: String?) -> Int {
        let update = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let text = (update["message"] as? [String: Any])?["text"] as? String
        var status = 200
        if let text, var queue = scripts[text], !queue.isEmpty {
            status = queue.removeFirst()
            scripts[text] = queue
        }
        hits.append(Hit(updateId: JSON.int64(update["update_id"]) ?? -1, text: text, secret: secret, status: status))
        return status
    }

    /// Stops the receiver.
    func stop() async { await server?.stop() }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes. It waits for real deliveries (retries with backoff and `Retry-After`); generous, because a full
/// parallel test run on 2 cores can delay them by seconds and the tests assert what arrives, not when.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
