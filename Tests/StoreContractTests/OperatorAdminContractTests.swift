import Foundation
import SwitchboardCore
import Testing

/// Operator administration and the audit log it writes in the same transaction.
@Suite struct OperatorAdminContractTests {
    /// An admin (besides the desk's operator), as the actor of admin changes.
    func admin(_ desk: Desk) async throws -> Operator {
        try await desk.store.createOperator(OperatorDraft(login: "olga", displayName: "Olga", role: .admin), by: .system, at: desk.at(0))
    }

    @Test(arguments: StoreFactory.all)
    func creatingAnOperatorRecordsWhoCreatedThem(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let boss = try await admin(desk)

            let created = try await desk.store.createOperator(
                OperatorDraft(login: "petro", displayName: "Petro", role: .operator),
                by: .operator(boss),
                at: desk.at(10)
            )

            let account = try #require(try await desk.store.operatorAccount(created.id))
            #expect(account.active)
            #expect(account.createdAt == desk.at(10))
            #expect(account.operator == created)
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(limit: 1)).first)
            #expect(entry.action == "operator.created")
            #expect(entry.actor == .operator(boss))
            #expect(entry.at == desk.at(10))
            #expect(entry.target == account.auditTarget)
            #expect(entry.changes["login"] == AuditChange(from: .null, to: .string("petro")))
            await expectStoreError(.conflict) {
                try await desk.store.createOperator(OperatorDraft(login: "petro", displayName: "P", role: .operator), by: .system, at: desk.at(11))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func deactivatingRequeuesConversationsRevokesSessionsAndTakesThePersonOffline(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let boss = try await admin(desk)
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(1))
            _ = try await desk.store.assign(id, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(2))
            let expiry = Date(timeIntervalSince1970: 4_000_000_000)
            try await desk.store.createSession(
                OperatorSession(tokenHash: "s1", operatorID: desk.agent.id, csrfToken: "c", expiresAt: expiry),
                at: Desk.start
            )

            let outcome = try await desk.store.editOperator(desk.agent.id, OperatorEdit(active: false), by: .operator(boss), at: desk.at(10))

            #expect(outcome.requeued == [id])
            #expect(outcome.account.active == false)
            #expect(outcome.account.deactivatedAt == desk.at(10))
            #expect(outcome.account.operator.status == .offline)
            #expect(Set(outcome.events.map(\.kind)) == [.operatorSessionsRevoked, .operatorPresenceChanged, .conversationAssigned])
            #expect(try await desk.store.session(tokenHash: "s1", now: desk.at(11)) == nil)
            #expect(try await desk.conversationValue(id).assigneeID == nil)
            #expect(try await desk.store.queue().map(\.conversationID) == [id])
            #expect(try await desk.store.viewer(desk.agent.id) == nil)
            #expect(try await desk.store.operators().map(\.id) == [boss.id])
            #expect(try await desk.store.operatorAccounts().map(\.operator.id) == [desk.agent.id, boss.id])
            #expect(try await desk.store.credentials(login: "maria")?.active == false)
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(limit: 1)).first)
            #expect(entry.action == "operator.deactivated")
            #expect(entry.changes["active"] == AuditChange(from: .bool(true), to: .bool(false)))
        }
    }

    @Test(arguments: StoreFactory.all)
    func aDeactivatedOperatorCanBeReactivated(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let boss = try await admin(desk)
            _ = try await desk.store.editOperator(desk.agent.id, OperatorEdit(active: false), by: .operator(boss), at: desk.at(10))

            let outcome = try await desk.store.editOperator(desk.agent.id, OperatorEdit(active: true), by: .operator(boss), at: desk.at(20))

            #expect(outcome.account.active)
            #expect(outcome.account.deactivatedAt == nil)
            #expect(try await desk.store.viewer(desk.agent.id)?.0.id == desk.agent.id)
            #expect(try await desk.store.auditEntries(AuditQuery(limit: 1)).first?.action == "operator.reactivated")
        }
    }

    @Test(arguments: StoreFactory.all)
    func theLastAdminCannotBeDemotedAndNobodyDeactivatesThemselves(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let boss = try await admin(desk)
            let entries = try await desk.store.auditEntries(AuditQuery())

            await #expect(throws: OperatorAdminRefusal.lastAdmin) {
                try await desk.store.editOperator(boss.id, OperatorEdit(role: .operator), by: .system, at: desk.at(10))
            }
            await #expect(throws: OperatorAdminRefusal.deactivatingSelf) {
                try await desk.store.editOperator(boss.id, OperatorEdit(active: false), by: .operator(boss), at: desk.at(10))
            }

            #expect(try await desk.store.operatorAccount(boss.id)?.operator.role == .admin)
            #expect(try await desk.store.auditEntries(AuditQuery()) == entries)
            _ = try await desk.store.editOperator(desk.agent.id, OperatorEdit(role: .admin), by: .operator(boss), at: desk.at(11))
            let demoted = try await desk.store.editOperator(boss.id, OperatorEdit(role: .operator), by: .system, at: desk.at(12))
            #expect(demoted.account.operator.role == .operator)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEditChangesOnlyWhatItNamesAndIsAudited(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let boss = try await admin(desk)
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())

            let outcome = try await desk.store.editOperator(
                desk.agent.id,
                OperatorEdit(displayName: "Maria K.", maxConcurrent: 3, departmentIDs: [sales.department.id, sales.department.id]),
                by: .operator(boss),
                at: desk.at(10)
            )

            #expect(outcome.account.operator.displayName == "Maria K.")
            #expect(outcome.account.operator.maxConcurrentConversations == 3)
            #expect(outcome.account.operator.role == .operator)
            #expect(outcome.account.departmentIDs == [sales.department.id])
            #expect(outcome.events.isEmpty)
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(limit: 1)).first)
            #expect(entry.action == "operator.updated")
            #expect(Set(entry.changes.keys) == ["displayName", "maxConcurrentConversations", "departmentIDs"])
            await expectStoreError(.invalid) {
                try await desk.store.editOperator(desk.agent.id, OperatorEdit(maxConcurrent: 0), by: .operator(boss), at: desk.at(11))
            }
            await expectStoreError(.notFound) {
                try await desk.store.editOperator(OperatorID(9_999), OperatorEdit(displayName: "x"), by: .operator(boss), at: desk.at(11))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func aNewPasswordRevokesEverySessionButTheOneKept(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let expiry = Date(timeIntervalSince1970: 4_000_000_000)
            for hash in ["keep", "drop"] {
                try await desk.store.createSession(
                    OperatorSession(tokenHash: hash, operatorID: desk.agent.id, csrfToken: "c", expiresAt: expiry),
                    at: Desk.start
                )
            }

            let events = try await desk.store.setPassword(
                desk.agent.id,
                hash: "$2b$new",
                keepingSession: "keep",
                action: "operator.password_changed",
                by: .operator(desk.agent),
                at: desk.at(10)
            )

            #expect(events.map(\.kind) == [.operatorSessionsRevoked])
            #expect(try await desk.store.session(tokenHash: "keep", now: desk.at(11)) != nil)
            #expect(try await desk.store.session(tokenHash: "drop", now: desk.at(11)) == nil)
            #expect(try await desk.store.credentials(login: "maria")?.passwordHash == "$2b$new")
            let entry = try #require(try await desk.store.auditEntries(AuditQuery(limit: 1)).first)
            #expect(entry.action == "operator.password_changed")
            #expect(entry.changes == ["password": .secret])
            await expectStoreError(.notFound) {
                try await desk.store.setPassword(OperatorID(9_999), hash: "x", keepingSession: nil, action: "a", by: .system, at: desk.at(12))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func anAvatarIsSetClearedAndAudited(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let account = try await desk.store.setAvatar(desk.agent.id, url: "/avatars/1.png", by: .operator(desk.agent), at: desk.at(10))
            #expect(account.operator.avatarURL == "/avatars/1.png")
            let cleared = try await desk.store.setAvatar(desk.agent.id, url: nil, by: .operator(desk.agent), at: desk.at(11))
            #expect(cleared.operator.avatarURL == nil)

            let entries = try await desk.store.auditEntries(AuditQuery(actionPrefix: "operator.avatar"))
            #expect(
                entries.map(\.changes["avatarURL"]) == [
                    AuditChange(from: .string("/avatars/1.png"), to: .null), AuditChange(from: .null, to: .string("/avatars/1.png")),
                ]
            )
            await expectStoreError(.notFound) { try await desk.store.setAvatar(OperatorID(9_999), url: nil, by: .system, at: desk.at(12)) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func auditEntriesComeNewestFirstFilteredAndPaged(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let actions = ["channel.created", "operator.updated", "channel.paused", "settings.saved", "channel.resumed"]
            var ids: [Int64] = []
            for (index, action) in actions.enumerated() {
                let actor: AuditActor = index.isMultiple(of: 2) ? .operator(desk.agent) : .cli(user: "root")
                let entry = AuditEntry(
                    at: desk.at(Double(index)),
                    actor: actor,
                    action: action,
                    target: "t\(index)",
                    changes: ["n": AuditChange(from: .int(0), to: .int(Int64(index)))]
                )
                ids.append(try await desk.store.recordAudit(entry))
            }

            let newest = try await desk.store.auditEntries(AuditQuery(limit: 2))
            let older = try await desk.store.auditEntries(AuditQuery(limit: 2, before: newest.last?.id))
            let channels = try await desk.store.auditEntries(AuditQuery(actionPrefix: "channel."))
            let byMaria = try await desk.store.auditEntries(AuditQuery(actorID: desk.agent.id))

            #expect(ids == ids.sorted() && Set(ids).count == 5)
            #expect(newest.map(\.action) == ["channel.resumed", "settings.saved"])
            #expect(older.map(\.action) == ["channel.paused", "operator.updated"])
            #expect(channels.map(\.action) == ["channel.resumed", "channel.paused", "channel.created"])
            #expect(byMaria.map(\.target) == ["t4", "t2", "t0"])
            #expect(
                newest.first
                    == AuditEntry(
                        id: ids[4],
                        at: desk.at(4),
                        actor: .operator(desk.agent),
                        action: "channel.resumed",
                        target: "t4",
                        changes: ["n": AuditChange(from: .int(0), to: .int(4))]
                    )
            )
        }
    }
}
