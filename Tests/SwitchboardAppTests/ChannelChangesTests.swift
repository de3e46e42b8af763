import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardApp

/// Which channels another instance changed, from two readings of the stored channels.
@Suite struct ChannelChangesTests {
    static func channel(_ id: Int64, paused: Bool = false, problem: String? = nil) -> Channel {
        Channel(
            id: ChannelID(id),
            kind: .telegram,
            name: "tg-\(id)",
            mode: .poll,
            persona: Persona(name: "Desk"),
            isPaused: paused,
            problem: problem
        )
    }

    static func credentials(_ token: String) -> ChannelCredentials {
        ChannelCredentials(tokenCiphertext: Data(token.utf8))
    }

    static func readings(_ entries: [(Channel, ChannelCredentials?)]) -> [ChannelID: ChannelFingerprint] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.0.id, ChannelFingerprint($0.0, credentials: $0.1)) })
    }

    @Test func aPausedChannelANewTokenAnAddedAndARemovedChannelAreRestartedAndNothingElse() {
        let before = Self.readings([
            (Self.channel(1), Self.credentials("a")), (Self.channel(2), Self.credentials("b")),
            (Self.channel(3), Self.credentials("c")), (Self.channel(4), Self.credentials("d")),
        ])
        let after = Self.readings([
            (Self.channel(1), Self.credentials("a")), (Self.channel(2, paused: true), Self.credentials("b")),
            (Self.channel(3), Self.credentials("rotated")), (Self.channel(5), Self.credentials("e")),
        ])
        let restarted = ChannelChanges.restarts(from: before, to: after)
        #expect(restarted.map(\.id.rawValue) == [2, 3, 4, 5])
        // As it was before the change: a bridge stops what it ran, by the name it had.
        #expect(restarted.first?.isPaused == false)
    }

    @Test func aProblemTheBridgeItselfRecordedRestartsNothing() {
        let before = Self.readings([(Self.channel(1), Self.credentials("a"))])
        let after = Self.readings([(Self.channel(1, problem: "Telegram rejected the token"), Self.credentials("a"))])
        #expect(ChannelChanges.restarts(from: before, to: after).isEmpty)
    }
}
