import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// What the live stream may show: departments for contact-level events, a bounded replay, a bounded
/// number of streams per operator.
@Suite struct StreamScopeTests {
    @Test func aContactUpdateOfAnotherDepartmentsClientDoesNotReachAnOperator() async throws {
        try await InboxHarness.run { harness, client in
            // Given maria works in Sales, and one client of Sales and one of Billing wrote
            let maria = try await harness.addOperator("maria")
            _ = try await harness.addOperator("sofia", role: .supervisor)
            let store = harness.switchboard.store
            let salesDepartment = try await store.createDepartment(name: "Sales", routing: QueueRouting()).department.id
            let billingDepartment = try await store.createDepartment(name: "Billing", routing: QueueRouting()).department.id
            _ = try await store.updateOperatorRouting(maria.id, maxConcurrent: nil, departmentIDs: [salesDepartment])
            let sales = try await harness.clientWrites("buy", from: "u-1")
            let billing = try await harness.clientWrites("refund please", from: "u-2", name: "Taras")
            _ = try await store.transfer(sales, toDepartment: salesDepartment, by: nil, note: nil, at: Date())
            _ = try await store.transfer(billing, toDepartment: billingDepartment, by: nil, note: nil, at: Date())
            let billingContact = try #require(try await harness.switchboard.store.conversationSummary(billing, viewer: .integration)).contact.id
            let agent = try await harness.signIn(client, "maria")
            let supervisor = try await harness.signIn(client, "sofia")
            let ready = AsyncStream<Void>.makeStream()

            let (agentFrames, supervisorFrames) = try await withThrowingTaskGroup(of: (Bool, [StreamTests.Frame]).self) { group in
                for (isAgent, session) in [(true, agent), (false, supervisor)] {
                    group.addTask {
                        let frames = try await StreamTests.listen(client, session, onHello: { ready.continuation.yield() }) { frames in
                            frames.contains { $0.text == "marker" }
                        }
                        return (isAgent, frames)
                    }
                }
                var readyCount = 0
                for await _ in ready.stream {
                    readyCount += 1
                    if readyCount == 2 { break }
                }
                // When the supervisor renames the Billing client, then the Sales client writes
                let renamed = try await harness.send(
                    client,
                    .patch,
                    "/api/v1/contacts/\(billingContact)",
                    as: supervisor,
                    json: ["preferredName": "Mr Bondarenko"]
                )
                #expect(renamed.status == .ok)
                try await harness.clientWrites("marker", from: "u-1")
                var byAgent: [Bool: [StreamTests.Frame]] = [:]
                for try await (isAgent, frames) in group { byAgent[isAgent] = frames }
                return (byAgent[true] ?? [], byAgent[false] ?? [])
            }

            // Then the supervisor sees the rename and maria, who may see none of his conversations, does not
            #expect(supervisorFrames.contains { $0.kind == "contact.updated" && $0.contactID == billingContact.rawValue })
            #expect(!agentFrames.contains { $0.contactID == billingContact.rawValue })
            #expect(agentFrames.contains { $0.text == "marker" })
        }
    }

    @Test func aReplayFromBeyondTheWindowGetsAResetFrameInsteadOfTheBacklog() async throws {
        try await InboxHarness.run { harness, client in
            // Given a log longer than the replay window
            _ = try await harness.addOperator("maria")
            let conversation = try await harness.clientWrites("hello")
            let contact = try #require(try await harness.switchboard.store.conversationSummary(conversation, viewer: .integration)).contact.id
            for index in 0...StreamLimits().replayWindow {
                _ = try await harness.switchboard.store.updateContact(contact, preferredName: "name \(index)", notes: nil, at: Date())
            }
            let latest = try await harness.switchboard.store.latestSeq()
            let maria = try await harness.signIn(client, "maria")

            // When an inbox asks for everything after seq 0
            let frames = try await StreamTests.listen(client, maria, after: 0, onHello: { _ = try? await harness.clientWrites("live") }) { frames in
                frames.contains { $0.text == "live" } || frames.count > 20
            }

            // Then it is told to reload its lists, and gets only what happens from then on
            #expect(frames.first?.type == "reset")
            #expect(frames.dropFirst().allSatisfy { ($0.seq ?? 0) > latest })
            #expect(frames.contains { $0.text == "live" })
        }
    }

    @Test func theNinthStreamOfOneOperatorIsRefusedWith429() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("maria")
            _ = try await harness.addOperator("petro")
            let maria = try await harness.signIn(client, "maria")
            let petro = try await harness.signIn(client, "petro")
            let limit = StreamLimits().streamsPerOperator
            let ready = AsyncStream<Void>.makeStream()

            try await withThrowingTaskGroup(of: Void.self) { group in
                // Given maria holds the maximum of open streams
                for _ in 0..<limit {
                    group.addTask {
                        _ = try await StreamTests.listen(client, maria, onHello: { ready.continuation.yield() }) { frames in
                            frames.contains { $0.text == "bye" }
                        }
                    }
                }
                var readyCount = 0
                for await _ in ready.stream {
                    readyCount += 1
                    if readyCount == limit { break }
                }

                // When she opens one more, it is refused; another operator is not affected
                let refused = try await harness.send(client, .get, "/api/v1/stream", as: maria)
                #expect(refused.status == .tooManyRequests)
                #expect(refused.errorCode == "too_many_streams")
                #expect(try await harness.send(client, .get, "/api/v1/stream", as: petro).status == .ok)

                try await harness.clientWrites("bye")
                try await group.waitForAll()
            }

            // Then closing them frees the places again
            try await eventually("maria's streams closed") {
                try await harness.send(client, .get, "/api/v1/stream", as: maria).status == .ok
            }
        }
    }
}
