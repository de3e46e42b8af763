import SwitchboardCore
import Testing

@Suite struct DeliveryStateTests {
    @Test func movesOnlyForwardAlongTheHappyPath() {
        #expect(DeliveryState.queued.accepts(.sent))
        #expect(DeliveryState.sent.accepts(.delivered))
        #expect(DeliveryState.sent.accepts(.seen))
        #expect(DeliveryState.delivered.accepts(.seen))
        #expect(!DeliveryState.seen.accepts(.delivered))
        #expect(!DeliveryState.delivered.accepts(.sent))
        #expect(!DeliveryState.sent.accepts(.sent))
    }

    @Test func failedIsReachableBeforeDeliveryAndFinal() {
        #expect(DeliveryState.queued.accepts(.failed))
        #expect(DeliveryState.sent.accepts(.failed))
        #expect(!DeliveryState.delivered.accepts(.failed))
        #expect(!DeliveryState.seen.accepts(.failed))
        for next in DeliveryState.allCases {
            #expect(!DeliveryState.failed.accepts(next))
        }
    }
}
