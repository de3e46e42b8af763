import Foundation
import SwitchboardCore
import Testing

/// Durable timers and the auto-close they drive: each fires once.
@Suite struct TimerContractTests {
    @Test(arguments: StoreFactory.all)
    func aTimerIsDueFromItsTimeUntilCompletedAndThenNeverAgain(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let timer = ScheduledTimer.autoClose(id, dueAt: desk.at(1_800))
            try await desk.store.scheduleTimer(timer)

            #expect(try await desk.store.nextTimerDue() == desk.at(1_800))
            #expect(try await desk.store.dueTimers(at: desk.at(1_799), limit: 10).isEmpty)
            #expect(try await desk.store.dueTimers(at: desk.at(1_800), limit: 10) == [timer])

            try await desk.store.completeTimer(timer)

            #expect(try await desk.store.dueTimers(at: desk.at(9_999), limit: 10).isEmpty)
            #expect(try await desk.store.nextTimerDue() == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func completingAFiredTimerThatWasRescheduledMeanwhileKeepsTheNewTime(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            try await desk.store.scheduleTimer(.autoClose(id, dueAt: desk.at(100)))
            let fired = try #require(try await desk.store.dueTimers(at: desk.at(100), limit: 1).first)

            // The client wrote while the timer was firing: the timer moved on.
            try await desk.store.scheduleTimer(.autoClose(id, dueAt: desk.at(500)))
            try await desk.store.completeTimer(fired)

            #expect(try await desk.store.nextTimerDue() == desk.at(500))
            #expect(try await desk.store.dueTimers(at: desk.at(499), limit: 10).isEmpty)
            #expect(try await desk.store.dueTimers(at: desk.at(500), limit: 10) == [.autoClose(id, dueAt: desk.at(500))])
        }
    }

    @Test(arguments: StoreFactory.all)
    func schedulingTheSameKeyAgainKeepsOneTimer(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))

            try await desk.store.scheduleTimer(.autoClose(id, dueAt: desk.at(300)))
            try await desk.store.scheduleTimer(.autoClose(id, dueAt: desk.at(200)))

            #expect(try await desk.store.dueTimers(at: desk.at(1_000), limit: 10) == [.autoClose(id, dueAt: desk.at(200))])
            #expect(try await desk.store.nextTimerDue() == desk.at(200))
        }
    }

    @Test(arguments: StoreFactory.all)
    func dueTimersComeEarliestFirstUpToTheLimit(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            var timers: [ScheduledTimer] = []
            for (index, due) in [30.0, 10, 20].enumerated() {
                let id = try await desk.conversation(from: "c\(index)", at: desk.at(0))
                let timer = ScheduledTimer.autoClose(id, dueAt: desk.at(due))
                timers.append(timer)
                try await desk.store.scheduleTimer(timer)
            }

            let due = try await desk.store.dueTimers(at: desk.at(25), limit: 10)
            let limited = try await desk.store.dueTimers(at: desk.at(100), limit: 2)

            #expect(due == [timers[1], timers[2]])
            #expect(limited == [timers[1], timers[2]])
            #expect(try await desk.store.nextTimerDue() == desk.at(10))
        }
    }

    @Test(arguments: StoreFactory.all)
    func cancellingRemovesATimerAndCancellingNothingIsHarmless(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            let timer = ScheduledTimer.autoClose(id, dueAt: desk.at(60))
            try await desk.store.scheduleTimer(timer)

            try await desk.store.cancelTimer(key: timer.key)
            try await desk.store.cancelTimer(key: "no-such-timer")

            #expect(try await desk.store.dueTimers(at: desk.at(1_000), limit: 10).isEmpty)
            #expect(try await desk.store.nextTimerDue() == nil)
        }
    }

    /// A conversation where the client wrote at 0 and the operator answered at 10.
    func answered(_ desk: Desk) async throws -> ConversationID {
        let id = try await desk.conversation(at: desk.at(0))
        try await desk.reply("Done, anything else?", in: id, at: desk.at(10))
        return id
    }

    @Test(arguments: StoreFactory.all)
    func autoCloseResolvesAnIdleConversationOnceWithOneFarewell(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await answered(desk)
            let farewell = BotMessageDraft(conversationID: id, trigger: "auto_close", text: "Closing for now")

            let events = try #require(
                try await desk.store.autoClose(id, idleSince: desk.at(10), reopens: true, farewell: farewell, at: desk.at(1_810))
            )
            let again = try await desk.store.autoClose(id, idleSince: desk.at(1_810), reopens: true, farewell: farewell, at: desk.at(3_610))

            #expect(events.map(\.kind) == [.messageCreated, .conversationStatusChanged])
            #expect(again == nil)
            let conversation = try await desk.conversationValue(id)
            #expect(conversation.status == .resolved)
            #expect(conversation.resolvedAt == desk.at(1_810))
            #expect(try await desk.store.wasAutoClosed(id))
            #expect(try await desk.texts(id).filter { $0 == "Closing for now" }.count == 1)
        }
    }

    @Test(arguments: StoreFactory.all)
    func autoCloseLeavesAConversationAloneWhileTheClientWaitsOrWroteSince(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let waiting = try await desk.conversation(from: "waiting", at: desk.at(0))
            let active = try await answered(desk)
            try await desk.clientWrites("one more question", at: desk.at(20))
            try await desk.reply("sure", in: active, at: desk.at(30))

            #expect(try await desk.store.autoClose(waiting, idleSince: desk.at(100), reopens: true, farewell: nil, at: desk.at(100)) == nil)
            #expect(try await desk.store.autoClose(active, idleSince: desk.at(29), reopens: true, farewell: nil, at: desk.at(100)) == nil)
            #expect(try await desk.conversationValue(waiting).status == .open)
            #expect(try await desk.conversationValue(active).status == .open)
            #expect(try await desk.store.wasAutoClosed(active) == false)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aPendingConversationIsAutoClosedEvenWithTheClientsMessageLast(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .markPending, at: desk.at(5))

            let events = try await desk.store.autoClose(id, idleSince: desk.at(5), reopens: true, farewell: nil, at: desk.at(100))

            #expect(events?.map(\.kind) == [.conversationStatusChanged])
            #expect(try await desk.conversationValue(id).status == .resolved)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClientWritingAfterAnAutoCloseThatReopensGetsTheSameConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await answered(desk)
            _ = try await desk.store.autoClose(id, idleSince: desk.at(10), reopens: true, farewell: nil, at: desk.at(100))

            let back = try await desk.clientWrites("back again", at: desk.at(200))

            #expect(back.conversationID == id)
            #expect(try await desk.conversationValue(id).status == .open)
            #expect(try await desk.store.wasAutoClosed(id) == false)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClientWritingAfterAnAutoCloseThatDoesNotReopenStartsANewConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await answered(desk)
            _ = try await desk.store.autoClose(id, idleSince: desk.at(10), reopens: false, farewell: nil, at: desk.at(100))

            let back = try await desk.clientWrites("new question", at: desk.at(200))

            let newID = try #require(back.conversationID)
            #expect(newID != id)
            #expect(try await desk.conversationValue(id).status == .resolved)
            #expect(try await desk.texts(newID) == ["new question"])
        }
    }
}
