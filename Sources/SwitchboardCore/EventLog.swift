/// Read side of the event log.
public protocol EventLog: Sendable {
    /// Events with `seq` greater than the given one, oldest first, at most `limit`.
    func events(after seq: Int64, limit: Int) async throws -> [Event]
    /// The highest committed `seq`, or 0 when the log is empty.
    func latestSeq() async throws -> Int64
}
