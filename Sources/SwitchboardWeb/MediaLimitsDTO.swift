import SwitchboardCore

/// `GET /api/v1/media-limits`: what each messenger accepts, for the composer to show before an upload.
struct MediaLimitsDTO: Encodable {
    /// One messenger's limits in both directions, with the sentence the composer shows.
    struct Messenger: Encodable {
        let kind: ChannelKind
        let summary: String
        let outbound: [Allowance]
        let inbound: [Allowance]
    }

    /// One row of ``MessengerMediaLimits``.
    struct Allowance: Encodable {
        let sort: String
        let sentAs: String
        let formats: String
        let maxBytes: Int64?
        let maxSize: String
        let note: String

        init(_ allowance: MediaAllowance) {
            sort = allowance.sort
            sentAs = allowance.sentAs
            formats = allowance.formats
            maxBytes = allowance.maxBytes
            maxSize = allowance.maxSizeText
            note = allowance.note
        }
    }

    /// The largest upload Switchboard takes.
    let uploadMaxBytes: Int64
    /// Whether files can be published for Viber (`SWITCHBOARD_PUBLIC_URL` set).
    let publicLinks: Bool
    let messengers: [Messenger]

    init(publicLinks: Bool) {
        uploadMaxBytes = OutgoingFileRule.uploadMaxBytes
        self.publicLinks = publicLinks
        messengers = ChannelKind.allCases.map { kind in
            Messenger(
                kind: kind,
                summary: MessengerMediaLimits.outboundSummary(for: kind),
                outbound: MessengerMediaLimits.allowances(for: kind, .outbound).map(Allowance.init),
                inbound: MessengerMediaLimits.allowances(for: kind, .inbound).map(Allowance.init)
            )
        }
    }
}
