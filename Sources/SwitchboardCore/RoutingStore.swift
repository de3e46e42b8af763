public import Foundation

/// Routing's persistence: presence, departments, queues and assignment, each operation one
/// transaction that appends its events (so the queue survives a restart).
public protocol RoutingStore: EventLog {
    /// Sets an operator's presence, logs it, and returns the operator and the events.
    /// - Throws: `StoreError.notFound` for an unknown operator.
    func setPresence(
        _ operatorID: OperatorID,
        to status: PresenceStatus,
        reason: PresenceChangeReason,
        at now: Date
    ) async throws -> (
        Operator, [Event]
    )
    /// Records that an operator's session was seen (keeps them from timing out).
    func recordActivity(_ operatorID: OperatorID, at now: Date) async throws
    /// Takes offline every online or away operator not seen since `cutoff`.
    func expirePresence(notSeenSince cutoff: Date, at now: Date) async throws -> [Event]
    /// The earliest last-seen time of an operator who is not offline (when the next timeout can fall due).
    func oldestActivityOfPresentOperators() async throws -> Date?
    /// An operator's presence changes, oldest first.
    func presenceLog(of operatorID: OperatorID) async throws -> [PresenceLogEntry]

    /// Assigns waiting conversations (escalated first, then oldest) to online operators with room,
    /// applying `AssignmentPolicy` per department; returns the assignment events.
    func assignWaiting(at now: Date) async throws -> [Event]
    /// The waiting conversations in queue order, with their position in their department's queue.
    func queue() async throws -> [QueuedConversation]
    /// Moves a conversation to a department's queue (unassigning it), with a note for the next operator.
    /// - Throws: `StoreError.notFound` for an unknown conversation or department.
    func transfer(
        _ conversationID: ConversationID,
        toDepartment departmentID: DepartmentID,
        by actor: OperatorID?,
        note: String?,
        at now: Date
    )
        async throws -> [Event]

    /// The desk-wide routing settings.
    func routingSettings() async throws -> RoutingSettings
    /// Saves the desk-wide routing settings.
    func saveRoutingSettings(_ settings: RoutingSettings) async throws
    /// Every department with its routing and members.
    func departments() async throws -> [DepartmentRouting]
    /// Creates a department. - Throws: `StoreError.conflict` when the name is taken.
    func createDepartment(name: String, routing: QueueRouting) async throws -> DepartmentRouting
    /// Renames a department or changes its routing. - Throws: `StoreError.notFound`, `StoreError.conflict`.
    func updateDepartment(_ id: DepartmentID, name: String?, routing: QueueRouting?) async throws -> DepartmentRouting
    /// Changes an operator's capacity and departments (nil leaves a field as it is).
    /// - Throws: `StoreError.notFound` for an unknown operator or department.
    func updateOperatorRouting(_ id: OperatorID, maxConcurrent: Int?, departmentIDs: [DepartmentID]?) async throws -> (Operator, [DepartmentID])
    /// A channel's routing. - Throws: `StoreError.notFound`.
    func channelRouting(_ id: ChannelID) async throws -> ChannelRouting
    /// Saves a channel's routing. - Throws: `StoreError.notFound` for an unknown channel or department.
    func saveChannelRouting(_ routing: ChannelRouting) async throws
}
