import Foundation
import SwitchboardCore
import Testing

@Suite struct TypingThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func tenFramesInOneSecondShowTypingOnce() {
        var throttle = TypingThrottle()
        let admitted = (0..<10).filter { throttle.admit(ConversationID(1), at: start.addingTimeInterval(Double($0) / 10)) }
        #expect(admitted == [0])
    }

    @Test func typingIsShownAgainAfterFourSeconds() {
        var throttle = TypingThrottle()
        let offsets: [TimeInterval] = [0, 3.9, 4]
        let admitted = offsets.map { throttle.admit(ConversationID(1), at: start.addingTimeInterval($0)) }
        #expect(admitted == [true, false, true])
    }

    @Test func conversationsAreThrottledApart() {
        var throttle = TypingThrottle()
        let first = throttle.admit(ConversationID(1), at: start)
        let second = throttle.admit(ConversationID(2), at: start)
        #expect(first && second)
    }

    @Test func memoryStaysBoundedOverManyConversations() {
        var throttle = TypingThrottle()
        for id in 1...5000 { _ = throttle.admit(ConversationID(Int64(id)), at: start.addingTimeInterval(Double(id))) }
        #expect(throttle.remembered <= 1025)
    }
}
