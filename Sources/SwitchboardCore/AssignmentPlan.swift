public import Foundation

/// One pass over the queue: each waiting conversation gets the operator `AssignmentPolicy` picks, or keeps waiting.
///
/// Operators fill up as the pass goes, so each choice sees the loads and turns the earlier ones left.
public struct AssignmentPlan: Sendable, Equatable {
    /// One automatic assignment.
    public struct Assignment: Sendable, Equatable {
        public var conversationID: ConversationID
        public var operatorID: OperatorID
        /// The counter value the operator's `lastTurn` takes.
        public var turn: Int64

        /// Creates an assignment.
        public init(conversationID: ConversationID, operatorID: OperatorID, turn: Int64) {
            self.conversationID = conversationID
            self.operatorID = operatorID
            self.turn = turn
        }
    }

    /// The assignments, in queue order.
    public var assignments: [Assignment] = []
    /// One `conversation.assigned` per assignment.
    public var events: [EventDraft] = []

    /// Plans the pass.
    /// - Parameters:
    ///   - snapshot: the queue, the candidates and the routing as they are now.
    ///   - now: the time of the pass (department choices younger than `ChannelRouting.departmentChoiceWait` wait).
    public init(_ snapshot: AssignmentSnapshot, at now: Date) {
        var candidates = snapshot.candidates
        var holders = snapshot.latestHolders
        var turn = snapshot.turn
        let choiceDeadline = now.addingTimeInterval(-ChannelRouting.departmentChoiceWait)
        for waiting in snapshot.waiting {
            // The client is still picking a department from the start keyboard (for a short while).
            if waiting.awaitingDepartment, waiting.waitingSince > choiceDeadline { continue }
            // A banned client's conversation is never handed to an operator.
            if waiting.contactBanned { continue }
            guard candidates.contains(where: \.hasRoom) else { break }
            let department = waiting.departmentID
            let routing = department.flatMap { snapshot.departments[$0] } ?? snapshot.defaultRouting
            let eligible = candidates.filter { candidate in
                department.map { snapshot.members[$0]?.contains(candidate.operatorID) ?? false } ?? true
            }
            // The operator the client talked to last: whoever held this conversation before it was
            // released, else whoever holds or held the client's most recent other conversation.
            let previous = waiting.previousAssignee ?? holders[waiting.contactID]?.operatorID
            guard
                let (chosen, reason) = AssignmentPolicy.choose(
                    among: eligible,
                    strategy: routing.strategy,
                    sticky: routing.sticky,
                    previous: previous
                )
            else { continue }
            turn += 1
            if let index = candidates.firstIndex(where: { $0.operatorID == chosen }) {
                candidates[index].load += 1
                candidates[index].lastTurn = turn
            }
            if (holders[waiting.contactID]?.conversationID).map({ $0 < waiting.conversationID }) ?? true {
                holders[waiting.contactID] = AssignmentSnapshot.Holder(conversationID: waiting.conversationID, operatorID: chosen)
            }
            assignments.append(Assignment(conversationID: waiting.conversationID, operatorID: chosen, turn: turn))
            let payload = AssignmentPayload(conversationID: waiting.conversationID, from: nil, to: chosen, reason: reason, departmentID: department)
            events.append(.assigned(payload, contact: waiting.contactID, at: now))
        }
    }
}
