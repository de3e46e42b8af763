import Synchronization

/// What the test server observed, shared between its handlers and the test.
final class ServerProbe: Sendable {
    private let state = Mutex<(requests: Int, remotePorts: Set<Int>)>((0, []))
    /// Yields once each time a request reaches `/hang`, so tests can act while it is in flight.
    let hangArrivals: AsyncStream<Void>
    private let hangArrivalsContinuation: AsyncStream<Void>.Continuation
    /// Keeps `/hang` requests waiting; opened when the test ends so the server can shut down.
    let hangGate = Gate()

    init() {
        (self.hangArrivals, self.hangArrivalsContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Counts one request arriving from the given client port.
    func recordRequest(remotePort: Int?) {
        self.state.withLock { state in
            state.requests += 1
            if let remotePort {
                state.remotePorts.insert(remotePort)
            }
        }
    }

    /// Signals that a `/hang` request arrived.
    func recordHangArrival() {
        self.hangArrivalsContinuation.yield()
    }

    /// Requests received so far.
    var requestCount: Int {
        self.state.withLock { $0.requests }
    }

    /// Distinct client ports seen: one per TCP connection.
    var connectionCount: Int {
        self.state.withLock { $0.remotePorts.count }
    }
}
