import Foundation
import SwitchboardCore
import Testing

@Suite struct SearchFiltersTests {
    func parse(
        from: String? = nil,
        to: String? = nil,
        channel: String? = nil,
        operator operatorText: String? = nil,
        status: String? = nil,
        label: String? = nil
    ) throws(SearchInputError) -> SearchFilters {
        try SearchFilters.parse(from: from, to: to, channel: channel, operator: operatorText, status: status, label: label)
    }

    @Test func missingAndEmptyParametersMeanAny() throws {
        #expect(try parse() == SearchFilters())
        #expect(try parse(from: "", to: "", channel: "", operator: "", status: "", label: "") == SearchFilters())
    }

    @Test func aDayRangeIncludesTheWholeLastDay() throws {
        let filters = try parse(from: "2026-12-01", to: "2026-12-02")
        #expect(filters.from == Date(timeIntervalSince1970: 1_796_083_200))
        #expect(filters.until == Date(timeIntervalSince1970: 1_796_083_200 + 2 * 86_400))
    }

    @Test func momentsAreExactAndToIsTheirExclusiveEnd() throws {
        let filters = try parse(from: "2026-12-01T08:00:00Z", to: "2026-12-01T12:00:00+02:00")
        #expect(filters.from == Date(timeIntervalSince1970: 1_796_083_200 + 8 * 3600))
        #expect(filters.until == Date(timeIntervalSince1970: 1_796_083_200 + 10 * 3600))
    }

    @Test func idsStatusAndLabelAreRead() throws {
        let filters = try parse(channel: "3", operator: "7", status: "pending", label: "vip")
        #expect(filters == SearchFilters(channelID: ChannelID(3), operatorID: OperatorID(7), status: .pending, label: "vip"))
    }

    @Test(arguments: [
        ("from", "2026-13-01"), ("from", "yesterday"), ("to", "2026-02-30"), ("to", "1969-12-31"),
        ("channel", "abc"), ("channel", "0"), ("operator", "-4"), ("operator", "99999999999999999999"),
        ("status", "closed"), ("label", String(repeating: "x", count: 41)),
    ])
    func badParametersAreNamedInTheError(_ field: String, _ value: String) {
        #expect {
            try parse(
                from: field == "from" ? value : nil,
                to: field == "to" ? value : nil,
                channel: field == "channel" ? value : nil,
                operator: field == "operator" ? value : nil,
                status: field == "status" ? value : nil,
                label: field == "label" ? value : nil
            )
        } throws: { error in
            (error as? SearchInputError)?.field == field
        }
    }

    @Test func aRangeThatEndsBeforeItStartsIsRefused() {
        #expect(throws: SearchInputError.self) { try parse(from: "2026-12-05", to: "2026-12-01") }
        #expect(throws: SearchInputError.self) { try parse(from: "2026-12-01T10:00:00Z", to: "2026-12-01T10:00:00Z") }
    }
}
