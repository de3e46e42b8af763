import Foundation
import MessengerFakes
import Testing

@Suite("Viber limits, account modes and faults")
struct ViberLimitTests {
    @Test func tooManyRequestsAfter100UnansweredMessagesUntilTheUserWrites() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            for _ in 0..<100 { #expect(try await client.send(to: vAnn.id).status == 0) }
            let limited = try await client.send(to: vAnn.id)
            #expect(limited.status == 12)
            #expect(limited.statusMessage == "Too many requests")
            try await viber.userSends(bot: viberToken, user: vAnn, message: .text("still here"))
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(await viber.sentMessages(bot: viberToken).count == 101)
        }
    }

    @Test func unansweredLimitSlidesOverAnHour() async throws {
        let clock = ViberTestClock()
        try await withFakeViber(
            .test {
                $0.unansweredMessageLimit = 2
                $0.now = { clock.now }
            }
        ) { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(try await client.send(to: vAnn.id).status == 12)
            clock.advance(3600)
            #expect(try await client.send(to: vAnn.id).status == 0)
        }
    }

    @Test func outOfSessionSendsFollowTheCommercialMode() async throws {
        let clock = ViberTestClock()
        try await withFakeViber(.test { $0.now = { clock.now } }) { viber, client, _ in
            try await viber.userSubscribes(bot: viberToken, user: vAnn)
            try await viber.setBilling(bot: viberToken, .noBalance)
            #expect(try await client.send(to: vAnn.id).status == 24)
            try await viber.userSends(bot: viberToken, user: vAnn, message: .text("hi"))
            #expect(try await client.send(to: vAnn.id).status == 0)
            clock.advance(25 * 3600)
            try await viber.setBilling(bot: viberToken, .freeMessagesExceeded)
            #expect(try await client.send(to: vAnn.id).status == 23)
            try await viber.setBilling(bot: viberToken, .unlimited)
            #expect(try await client.send(to: vAnn.id).status == 0)
        }
    }

    @Test func blockedAndSuspendedAccountsCannotSend() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            try await viber.setAccountState(bot: viberToken, .blocked)
            #expect(try await client.send(to: vAnn.id).status == 7)
            try await viber.setAccountState(bot: viberToken, .suspended)
            #expect(try await client.send(to: vAnn.id).status == 9)
            try await viber.setAccountState(bot: viberToken, .active)
            #expect(try await client.send(to: vAnn.id).status == 0)
        }
    }

    @Test func injectedFaultsHitTheNextCallsOnly() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            try await viber.failNext(bot: viberToken, method: "send_message", with: .status(12))
            try await viber.failNext(bot: viberToken, method: "get_account_info", with: .httpError(503))
            let limited = try await client.send(to: vAnn.id)
            #expect(limited.httpStatus == 200 && limited.status == 12 && limited.statusMessage == "Too many requests")
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(try await client.call("get_account_info").httpStatus == 503)
            #expect(try await client.call("get_account_info").status == 0)
            try await viber.failNext(bot: viberToken, method: "send_message", with: .slow(seconds: 0.3))
            let started = ContinuousClock.now
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            let statuses = await viber.calls(bot: viberToken, method: "send_message").map(\.status)
            #expect(statuses == [12, 0, 0])
        }
    }

    @Test func aFaultAfterSomeCallsLetsThoseThrough() async throws {
        try await withFakeViber { viber, client, _ in
            try await viber.addUser(bot: viberToken, user: vAnn)
            try await viber.failNext(bot: viberToken, method: "send_message", with: .status(12), after: 1)
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(try await client.send(to: vAnn.id).status == 12)
            #expect(try await client.send(to: vAnn.id).status == 0)
            #expect(await viber.sentMessages(bot: viberToken).count == 2)
        }
    }

    @Test func droppedConnectionGivesNoAnswer() async throws {
        // First call on a fresh connection: a dropped keep-alive connection makes URLSession retry or wait instead.
        try await withFakeViber(setWebhook: false) { viber, client, _ in
            try await viber.failNext(bot: viberToken, method: "get_account_info", with: .dropConnection)
            await #expect(throws: (any Error).self) { _ = try await client.call("get_account_info") }
            #expect(try await client.call("get_account_info").status == 0)
        }
    }
}
