import Foundation
import SwitchboardCore
import Testing

/// The rows reports read: what was ingested and done comes back, measured.
@Suite struct ReportContractTests {
    /// The whole of 2027-01-15 in UTC (the desk's `start` is 08:00 that day).
    func scope(_ desk: Desk, channel: ChannelID? = nil, operatorID: OperatorID? = nil) throws -> ReportScope {
        let now = desk.at(20 * 3_600)
        return ReportScope(
            range: try ReportRange(from: "2027-01-15", to: "2027-01-15", timeZone: "UTC", now: now),
            channelID: channel,
            operatorID: operatorID,
            now: now
        )
    }

    /// A conversation opened at 0, taken at 60, answered at 120 and resolved at 300; another never answered.
    func history(_ desk: Desk) async throws -> (answered: ConversationID, unanswered: ConversationID) {
        let answered = try await desk.conversation(at: desk.at(0))
        let unanswered = try await desk.conversation(from: "u-2", at: desk.at(10))
        _ = try await desk.store.assign(answered, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(60))
        try await desk.reply("on it", in: answered, at: desk.at(120))
        _ = try await desk.store.transition(answered, .resolve, at: desk.at(300))
        return (answered, unanswered)
    }

    @Test(arguments: StoreFactory.all)
    func measurementsReplayQueueWaitFirstResponseReplyTimeAndLifetime(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (answered, unanswered) = try await history(desk)

            let measurements = try await desk.store.reportMeasurements(try scope(desk))

            let samples = measurements.samples.filter { $0.conversationID == answered }
            let values = Dictionary(samples.map { ($0.figure, [$0.value]) }, uniquingKeysWith: +)
            #expect(values == [.queueWait: [60], .firstResponse: [120], .replyTime: [120], .lifetime: [300]])
            #expect(samples.allSatisfy { $0.operatorID == desk.agent.id })
            #expect(measurements.unanswered.map(\.conversationID) == [unanswered])
            #expect(Set(measurements.openings.map(\.conversationID)) == [answered, unanswered])
            #expect(measurements.repliedIn == [desk.agent.id: [answered]])
        }
    }

    @Test(arguments: StoreFactory.all)
    func measurementsFollowTheScopesFiltersAndRange(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            _ = try await history(desk)
            let viber = try await desk.makeChannel("viber")

            let other = try await desk.store.reportMeasurements(try scope(desk, channel: viber.id))
            let nextDay = try await desk.store.reportMeasurements(
                ReportScope(range: try ReportRange(from: "2027-01-16", to: "2027-01-16", timeZone: "UTC", now: desk.at(86_400)), now: desk.at(86_400))
            )

            #expect(other.samples.isEmpty && other.openings.isEmpty && other.unanswered.isEmpty)
            #expect(nextDay.samples.isEmpty && nextDay.openings.isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func activityCountsOpeningsAndMessagesPerQuarterHour(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            _ = try await history(desk)
            try await desk.clientWrites("thanks", at: desk.at(900 + 5))
            let waiting = try await desk.conversation(from: "u-2", at: desk.at(901))
            _ = try await desk.store.addNote(conversationID: waiting, operatorID: desk.agent.id, text: "n", at: desk.at(902))

            let activity = try await desk.store.reportActivity(try scope(desk))

            let quarter = Desk.start.timeIntervalSince1970
            #expect(
                activity == [
                    ReportActivity(start: quarter, opened: 2, messagesIn: 2, messagesOut: 1),
                    ReportActivity(start: quarter + 900, opened: 0, messagesIn: 2, messagesOut: 0),
                ]
            )
        }
    }

    @Test(arguments: StoreFactory.all)
    func operatorsComeWithTheirPresenceLogAroundTheRange(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            _ = try await desk.store.setPresence(desk.agent.id, to: .online, reason: .manual, at: desk.at(-86_400))
            _ = try await desk.store.setPresence(desk.agent.id, to: .away, reason: .manual, at: desk.at(30))
            _ = try await desk.store.setPresence(desk.agent.id, to: .offline, reason: .manual, at: desk.at(400))

            let operators = try await desk.store.reportOperators(try scope(desk, operatorID: desk.agent.id))

            #expect(
                operators == [
                    ReportOperator(
                        id: desk.agent.id,
                        displayName: "Maria",
                        statusBefore: .online,
                        changes: [
                            PresenceChange(at: desk.at(30).timeIntervalSince1970, status: .away),
                            PresenceChange(at: desk.at(400).timeIntervalSince1970, status: .offline),
                        ]
                    )
                ]
            )
        }
    }

    @Test(arguments: StoreFactory.all)
    func feedbackRowsCarryTheAnswersAndWhoHandledTheConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let (answered, _) = try await history(desk)
            _ = try await desk.store.startFeedback(answered, at: desk.at(310))
            try await desk.ingestNew(desk.event(.buttonPress(action: FeedbackFlow.resolvedAction(true)), at: desk.at(311)))
            try await desk.ingestNew(desk.event(.buttonPress(action: FeedbackFlow.scoreAction(5)), at: desk.at(312)))

            let rows = try await desk.store.reportFeedback(try scope(desk))

            #expect(
                rows == [
                    ReportFeedbackRow(
                        conversationID: answered,
                        departmentID: nil,
                        operatorID: desk.agent.id,
                        operatorName: "Maria",
                        contactName: "Client u-1",
                        resolved: true,
                        score: 5,
                        comment: nil,
                        updatedAt: desk.at(312).timeIntervalSince1970
                    )
                ]
            )
        }
    }

    @Test(arguments: StoreFactory.all)
    func departmentsAndBusinessHoursAreRead(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let sales = try await desk.store.createDepartment(name: "Sales", routing: QueueRouting())
            let billing = try await desk.store.createDepartment(name: "Billing", routing: QueueRouting())

            let departments = try await desk.store.reportDepartments()

            #expect(departments.map(\.id) == [billing.department.id, sales.department.id])
            #expect(departments.map(\.name) == ["Billing", "Sales"])
            #expect(try await desk.store.reportBusinessHours() == nil)
        }
    }
}
