import Foundation
import Synchronization

/// Posts signed Viber callbacks to one server over keep-alive connections and notes every answer in
/// the ledger: a closed loop (each connection sends as soon as its previous answer came) and an open
/// loop (messages due at a fixed rate, whatever the answers do).
struct Flooder: Sendable {
    /// What one phase sent.
    struct Traffic: Sendable {
        var sent: Int
        var started: Double
        var finished: Double
    }

    let port: Int
    /// The webhook path, e.g. `/webhooks/viber/bench-viber`.
    let path: String
    let connections: Int
    let factory: ViberCallbackFactory
    let ledger: DeliveryLedger
    /// Message numbers, unique over the whole run (shared by every phase and both servers).
    let numbers: Counter

    init(port: Int, path: String, connections: Int, factory: ViberCallbackFactory, ledger: DeliveryLedger, numbers: Counter) {
        self.port = port
        self.path = path
        self.connections = connections
        self.factory = factory
        self.ledger = ledger
        self.numbers = numbers
    }

    /// Every connection sends back to back for `seconds` or until `limit` messages were sent.
    func closedLoop(phase: Int, seconds: Double, limit: Int?) async -> Traffic {
        let started = ledger.now()
        let deadline = started + seconds
        let sent = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    await work {
                        guard ledger.now() < deadline else { return nil }
                        guard sent.take(below: limit) != nil else { return nil }
                        let number = numbers.take()
                        ledger.sending(number, phase: phase, due: ledger.now())
                        return number
                    }
                }
            }
        }
        return Traffic(sent: sent.value, started: started, finished: ledger.now())
    }

    /// Messages fall due `rate` times a second for `seconds`; a free connection takes each one.
    /// Latency counts from when a message was due, so a server that falls behind cannot hide it.
    func openLoop(phase: Int, rate: Double, seconds: Double) async -> Traffic {
        let queue = JobQueue()
        let started = ledger.now()
        let count = Int(rate * seconds)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask { await work { await queue.next() } }
            }
            group.addTask {
                // The connections open first, so the first messages due do not wait for a handshake.
                try? await Task.sleep(for: .milliseconds(300))
                let clock = ContinuousClock()
                let origin = clock.now
                let base = ledger.now()
                for index in 0..<count {
                    let offset = Double(index) / rate
                    let due = origin + .nanoseconds(Int64(offset * 1e9))
                    if due > clock.now { try? await Task.sleep(until: due, clock: clock) }
                    let number = numbers.take()
                    ledger.sending(number, phase: phase, due: base + offset)
                    queue.push(number)
                }
                queue.finish()
            }
        }
        return Traffic(sent: count, started: started, finished: ledger.now())
    }

    /// One connection's loop: posts the messages `take` hands out until it hands out nil. A failed
    /// request is noted (status 0) and the connection opened again; a server that refuses twenty
    /// connections in a row is given up on, and what was not sent shows as unanswered.
    private func work(_ take: @Sendable () async -> Int?) async {
        var failures = 0
        while failures < 20 {
            var inFlight: Int? = nil
            do {
                try await KeepAliveConnection.with(port: port) { connection in
                    while let number = await take() {
                        let callback = factory.callback(number)
                        let request = KeepAliveConnection.Request(
                            method: "POST",
                            path: path,
                            headers: [("Content-Type", "application/json"), ("X-Viber-Content-Signature", callback.signature)],
                            body: callback.body
                        )
                        inFlight = number
                        let reply = try await connection.send(request)
                        inFlight = nil
                        failures = 0
                        ledger.answered(number, status: reply.status)
                    }
                }
                return
            } catch {
                if let number = inFlight { ledger.answered(number, status: 0) }
                failures += 1
                // Give a refusing server a moment instead of spinning on connect.
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

/// A counter shared by tasks.
final class Counter: Sendable {
    private let state: Mutex<Int>

    init(_ first: Int = 0) { state = Mutex(first) }

    /// The current value.
    var value: Int { state.withLock { $0 } }

    /// Returns the current value and moves on by one.
    func take() -> Int {
        state.withLock { value in
            defer { value += 1 }
            return value
        }
    }

    /// Like ``take()``, but only while the value is below `limit` (no limit when nil).
    func take(below limit: Int?) -> Int? {
        state.withLock { value in
            if let limit, value >= limit { return nil }
            defer { value += 1 }
            return value
        }
    }
}
