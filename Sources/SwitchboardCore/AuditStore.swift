/// Which audit entries to read: newest first, a page at a time.
public struct AuditQuery: Sendable, Equatable {
    /// At most this many entries.
    public var limit: Int
    /// Only entries with a smaller id (the previous page's `nextBefore`).
    public var before: Int64?
    /// Only changes made by this operator.
    public var actorID: OperatorID?
    /// Only actions starting with this text (`operator.` or `channel.created`).
    public var actionPrefix: String?

    /// Creates a query.
    public init(limit: Int = 50, before: Int64? = nil, actorID: OperatorID? = nil, actionPrefix: String? = nil) {
        self.limit = limit
        self.before = before
        self.actorID = actorID
        self.actionPrefix = actionPrefix
    }
}

/// The audit log's persistence. Changes made by the store's own audited operations are recorded in
/// their transaction; `recordAudit` is for changes made through other operations, right after them.
public protocol AuditStore: Sendable {
    /// Appends an entry and returns its id.
    @discardableResult
    func recordAudit(_ entry: AuditEntry) async throws -> Int64
    /// A page of entries, newest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
}
