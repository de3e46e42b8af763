/// Lets one waiter sleep until either a deadline passes or someone signals new work.
actor WakeSignal {
    private var signalled = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Records that there is work; wakes the waiter if there is one.
    func signal() {
        signalled = true
        let waiter = self.waiter
        self.waiter = nil
        waiter?.resume()
    }

    /// Returns when signalled (immediately if a signal arrived since the last wait) or when cancelled.
    func wait() async {
        if signalled {
            signalled = false
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.signal() }
        }
        signalled = false
    }
}
