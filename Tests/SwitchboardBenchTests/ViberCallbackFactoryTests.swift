import Foundation
import SwitchboardBench
import SwitchboardCore
import Testing
import ViberChannel

@Suite struct ViberCallbackFactoryTests {
    let factory = ViberCallbackFactory(token: "bench-token-1", clients: 200)

    @Test func callbacksAreSignedAsTheServerChecksThem() {
        let callback = factory.callback(42)
        #expect(ViberSignature.isValid(callback.signature, body: callback.body, token: "bench-token-1"))
        #expect(!ViberSignature.isValid(callback.signature, body: callback.body, token: "another-token"))
        var tampered = callback.body
        tampered[tampered.count - 2] ^= 1
        #expect(!ViberSignature.isValid(callback.signature, body: tampered, token: "bench-token-1"))
    }

    @Test func theServerMapsACallbackToAClientMessageThatCarriesItsMarker() throws {
        // Given message 1234's callback
        let callback = factory.callback(1234)

        // When Switchboard's own mapper reads it
        let action = ViberCallbackMapper(channelID: ChannelID(7), token: "bench-token-1").map(callback.body, receivedAt: Date())

        // Then it is a text message from client 1234 % 200 whose text starts with the marker
        guard case .ingest(let event, _) = action, case .message(_, let text, let attachments, _) = event.payload else {
            Issue.record("not a message: \(String(describing: action))")
            return
        }
        #expect(attachments.isEmpty)
        #expect(text.hasPrefix("sbbench#1234;"))
        #expect(BenchMarker.number(in: text) == 1234)
        #expect(event.sender.externalID == factory.userIDs[34])
    }

    @Test func bodiesAreAboutOnePointThreeKilobytes() {
        for number in [0, 1, 7, 199, 100_000] {
            #expect((1_200...1_450).contains(factory.callback(number).body.count))
        }
    }

    @Test func messagesComeFromTheGivenNumberOfDistinctClients() {
        #expect(Set(factory.userIDs).count == 200)
        #expect(factory.callback(5).body != factory.callback(205).body)
    }
}
