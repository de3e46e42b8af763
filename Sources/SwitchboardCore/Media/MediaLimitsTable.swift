/// The README's table of what each messenger accepts, rendered from ``MessengerMediaLimits`` so the
/// documentation cannot drift from the rule (a test compares the README with it).
public enum MediaLimitsTable {
    /// The Markdown table, one row per messenger, direction and sort of file.
    public static func markdown() -> String {
        var lines = [
            "| Messenger | Direction | What | Sent as | Formats | Max size | Notes |",
            "|---|---|---|---|---|---|---|",
        ]
        for kind in ChannelKind.allCases {
            for direction in [MediaDirection.outbound, .inbound] {
                let label = direction == .outbound ? "operator → client" : "client → operator"
                for allowance in MessengerMediaLimits.allowances(for: kind, direction) {
                    let name = kind == .telegram ? "Telegram" : "Viber"
                    let cells = [name, label, allowance.sort, allowance.sentAs, allowance.formats, allowance.maxSizeText, allowance.note]
                    lines.append("| " + cells.map { $0.isEmpty ? "-" : $0 }.joined(separator: " | ") + " |")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
