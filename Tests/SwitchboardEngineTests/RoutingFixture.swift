import Foundation
import Logging
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TestSupport

/// A store on a temporary file, a manual clock and a routing service, with helpers that read as a story.
struct RoutingFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let channel: SwitchboardCore.Channel
    let clock: ManualWallClock
    let bus: InProcessEventBus
    let routing: RoutingService

    /// - Parameter reopenWindow: short, so a client who writes again later starts a new conversation.
    init(reopenWindow: TimeInterval = 60, configuration: RoutingService.Configuration = .init()) async throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.migratedDatabase("switchboard.sqlite"), reopenWindow: reopenWindow)
        channel = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme")),
            at: Date()
        )
        clock = ManualWallClock()
        bus = InProcessEventBus(log: store)
        routing = RoutingService(store: store, bus: bus, clock: clock, configuration: configuration, logger: Logger(label: "test"))
    }

    /// The same database file opened again, as after a restart.
    func reopened() throws -> (SQLiteStore, RoutingService) {
        let store = try SQLiteStore(path: directory.path("switchboard.sqlite"), reopenWindow: 60)
        let routing = RoutingService(store: store, bus: InProcessEventBus(log: store), clock: clock, logger: Logger(label: "test"))
        return (store, routing)
    }

    func addOperator(_ login: String, capacity: Int = 5, departments: [DepartmentID]? = nil, online: Bool = false) async throws -> OperatorID {
        let created = try await store.createOperator(OperatorDraft(login: login, displayName: login.capitalized, role: .operator), at: Date())
        _ = try await store.updateOperatorRouting(created.id, maxConcurrent: capacity, departmentIDs: departments)
        if online { _ = try await store.setPresence(created.id, to: .online, reason: .manual, at: clock.now()) }
        return created.id
    }

    /// A client writes now; returns the conversation. Time moves on a second so arrival order is clear.
    @discardableResult
    func clientWrites(_ text: String, from user: String) async throws -> ConversationID {
        clock.advance(by: 1)
        let outcome = try await store.ingest(InboundEvents.text(text, channel: channel.id, from: user, at: clock.now()))
        guard case .new(let result) = outcome, let id = result.conversationID else { throw StoreError.invalid("not ingested") }
        return id
    }

    func assignee(_ id: ConversationID) async throws -> OperatorID? {
        try await store.conversation(id)?.assigneeID
    }

    func loads() async throws -> [OperatorID: Int] {
        var loads: [OperatorID: Int] = [:]
        for summary in try await store.conversations(
            .all,
            viewer: Viewer(operatorID: OperatorID(0), role: .admin),
            channelID: nil,
            departmentID: nil,
            after: nil,
            limit: 1000
        ) {
            if let assignee = summary.assignee { loads[assignee.id, default: 0] += 1 }
        }
        return loads
    }
}
