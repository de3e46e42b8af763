import Foundation
import SwitchboardCore
import Testing

@Suite struct ReportTimelineTests {
    let anna = OperatorID(1)
    let boris = OperatorID(2)
    let window = ReportWindow(start: 0, end: 100_000)

    func measure(_ timelines: ReportTimeline...) -> ReportMeasurements {
        var measurements = ReportMeasurements()
        for timeline in timelines { timeline.measure(in: window, into: &measurements) }
        return measurements
    }

    @Test func measuresEachFigureOfASimpleConversation() {
        // Opened at 1000 (queued), assigned to Anna at 1060, client writes again at 1100, a bot
        // message at 1110 and a note do not count, Anna replies at 1300, the client writes at 1400
        // and 1450, Anna replies at 1500, resolved at 2000.
        let timeline = ReportTimeline(
            conversationID: ConversationID(7),
            departmentID: DepartmentID(3),
            openedAt: 1000,
            changes: [(1060, .assigned(anna)), (2000, .status(.resolved, reopened: false))],
            messages: [
                (1000, .client), (1100, .client), (1110, .other), (1300, .reply(anna)), (1400, .client), (1450, .client), (1500, .reply(anna)),
            ]
        )
        let figures = measure(timeline).figures()
        // first response 1300 − 1000 = 300; replies: 1300 − 1000 = 300 and 1500 − 1400 = 100;
        // lifetime 2000 − 1000 = 1000; queue 1060 − 1000 = 60.
        #expect(figures.firstResponse.avg == 300)
        #expect(figures.replyTime.count == 2 && figures.replyTime.min == 100 && figures.replyTime.max == 300 && figures.replyTime.avg == 200)
        #expect(figures.lifetime.avg == 1000)
        #expect(figures.queueWait.avg == 60)
        #expect(figures.unanswered == 0)
    }

    @Test func aReopenedConversationCountsEachOpeningPeriod() {
        // Period 1: 0 → reply 100 → resolved 500. Period 2: client reopens at 800 (the holder Anna
        // is released at once), Boris takes it at 830 and replies at 900, resolved at 1000.
        let timeline = ReportTimeline(
            conversationID: ConversationID(1),
            departmentID: nil,
            openedAt: 0,
            changes: [
                (10, .assigned(anna)), (500, .status(.resolved, reopened: false)), (800, .status(.open, reopened: true)),
                (800, .assigned(nil)), (830, .assigned(boris)), (1000, .status(.resolved, reopened: false)),
            ],
            messages: [(0, .client), (100, .reply(anna)), (800, .client), (900, .reply(boris))]
        )
        let measurements = measure(timeline)
        let figures = measurements.figures()
        // first responses 100 and 900 − 800 = 100; lifetimes 500 and 200; queue waits 10 and 30.
        #expect(figures.firstResponse.count == 2 && figures.firstResponse.avg == 100)
        #expect(figures.lifetime.count == 2 && figures.lifetime.min == 200 && figures.lifetime.max == 500)
        #expect(figures.queueWait.count == 2 && figures.queueWait.min == 10 && figures.queueWait.max == 30)
        #expect(measurements.openings.count == 2)
        // Boris owns the second period's figures.
        let boris = measurements.figures { owner, _ in owner == self.boris }
        #expect(boris.firstResponse.count == 1 && boris.lifetime.avg == 200 && boris.queueWait.avg == 30)
        #expect(measurements.queueStays == [.init(start: 0, end: 10), .init(start: 800, end: 830)])
    }

    @Test func aConversationWithoutAnOperatorReplyIsUnanswered() {
        // Only a bot message answers; resolved at 300: no first response, no reply time, one unanswered, lifetime 300.
        let timeline = ReportTimeline(
            conversationID: ConversationID(2),
            departmentID: nil,
            openedAt: 0,
            changes: [(300, .status(.resolved, reopened: false))],
            messages: [(0, .client), (5, .other)]
        )
        let figures = measure(timeline).figures()
        #expect(figures.firstResponse.count == 0 && figures.replyTime.count == 0)
        #expect(figures.unanswered == 1)
        #expect(figures.lifetime.avg == 300)
        #expect(figures.queueWait.count == 0)
    }

    @Test func aPeriodReopenedByTheOperatorHasNoFirstResponse() {
        // Resolved at 100, the operator writes at 200 (reopening it): that reply answers nobody.
        let timeline = ReportTimeline(
            conversationID: ConversationID(3),
            departmentID: nil,
            openedAt: 0,
            changes: [(1, .assigned(anna)), (100, .status(.resolved, reopened: false)), (200, .status(.open, reopened: true))],
            messages: [(0, .client), (50, .reply(anna)), (200, .reply(anna))]
        )
        let figures = measure(timeline).figures()
        #expect(figures.firstResponse.count == 1 && figures.firstResponse.avg == 50)
        #expect(figures.unanswered == 0)
    }

    @Test func figuresBelongToTheRangeInWhichTheirClockStarted() {
        // Opened before the window (−100), replied inside it: nothing of period 1 counts; the wait that
        // began at 50 inside the window counts even though its reply comes after the window's end.
        let late = ReportWindow(start: 0, end: 100)
        let timeline = ReportTimeline(
            conversationID: ConversationID(4),
            departmentID: nil,
            openedAt: -100,
            changes: [(-90, .assigned(anna))],
            messages: [(-100, .client), (10, .reply(anna)), (50, .client), (150, .reply(anna))]
        )
        var measurements = ReportMeasurements()
        timeline.measure(in: late, into: &measurements)
        let figures = measurements.figures()
        #expect(figures.firstResponse.count == 0 && figures.queueWait.count == 0 && figures.unanswered == 0)
        #expect(figures.replyTime.count == 1 && figures.replyTime.avg == 100)
        #expect(measurements.repliedIn[anna] == [ConversationID(4)])
        #expect(measurements.queueLengths(at: [-95, -90, 0]) == [1, 0, 0])
    }
}
