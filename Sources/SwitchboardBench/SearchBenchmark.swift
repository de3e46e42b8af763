public import Foundation
import SwitchboardApp
import SwitchboardCore

/// Seeds a large history into a SQLite file (or reuses the one a previous run left in the
/// directory) and times the inbox search as the API runs it: common, rare and prefix words,
/// contacts by name and phone, each filter, and an operator limited to one department.
public struct SearchBenchmark: Sendable {
    /// What to run.
    public struct Options: Sendable {
        public var messages: Int
        public var runs: Int
        public var limit: Int
        public var directory: URL

        /// Creates options.
        public init(messages: Int, runs: Int, limit: Int, directory: URL) {
            self.messages = messages
            self.runs = runs
            self.limit = limit
            self.directory = directory
        }
    }

    /// One timed query.
    public struct Timing: Sendable {
        public var query: String
        public var latency: LatencySummary
        public var messageHits: Int
        public var contactHits: Int
    }

    /// What was measured.
    public struct Report: Sendable {
        public var rows: [String: Int]
        /// Nil when the directory already held a seeded file.
        public var seedSeconds: Double?
        public var timings: [Timing]
        /// Every sample of every query together.
        public var overall: LatencySummary
        public var peakResidentBytes: Int?
    }

    let options: Options

    /// Creates the benchmark.
    public init(options: Options) {
        self.options = options
    }

    /// Seeds, then runs every query `runs` times after one warm-up run.
    public func run() async throws -> Report {
        let path = options.directory.appendingPathComponent("search.sqlite").path
        let reuse = FileManager.default.fileExists(atPath: path)
        let store = try openStore(AppConfig(databasePath: path))
        defer { try? store.close() }
        let year = Double(ReportDay.number("2026-01-01")!) * 86_400
        var seedSeconds: Double?
        if !reuse {
            for (kind, name) in [(ChannelKind.telegram, "bench telegram"), (.viber, "bench viber")] {
                _ = try await store.createChannel(ChannelDraft(kind: kind, name: name, mode: .poll, persona: Persona(name: name)), at: Date())
            }
            let seedStart = ContinuousClock.now
            _ = try SearchSeed(messages: options.messages, start: year).write(path: path)
            seedSeconds = seedStart.duration(to: .now).seconds
        }
        let rows = try SearchSeed.counts(path: path)
        var timings: [Timing] = []
        var all: [Double] = []
        for (name, viewer, query) in try Self.queries(year: year) {
            var samples: [Double] = []
            var results = SearchResults(messages: [], contacts: [])
            for run in 0...options.runs {
                let start = ContinuousClock.now
                results = try await store.search(query, viewer: viewer, limit: options.limit)
                if run > 0 { samples.append(start.duration(to: .now).seconds) }
            }
            all += samples
            timings.append(
                Timing(
                    query: name,
                    latency: LatencySummary(seconds: samples),
                    messageHits: results.messages.count,
                    contactHits: results.contacts.count
                )
            )
        }
        return Report(
            rows: rows,
            seedSeconds: seedSeconds,
            timings: timings,
            overall: LatencySummary(seconds: all),
            peakResidentBytes: ProcessMemory.peakResidentBytes()
        )
    }

    /// The timed searches: what an operator types, who asks, and the filters.
    static func queries(year: Double) throws -> [(String, Viewer, SearchQuery)] {
        let admin = Viewer(operatorID: OperatorID(1), role: .admin)
        let operatorOfOneDepartment = Viewer(operatorID: OperatorID(4), role: .operator, departmentIDs: [DepartmentID(1)])
        let rare = SearchVocabulary(size: 30_000).words[20_000]
        let lastMonth = SearchFilters(from: Date(timeIntervalSince1970: year + 335 * 86_400))
        // The oldest month is the worst case: newest first, every newer match is skipped to get there.
        let january = SearchFilters(until: Date(timeIntervalSince1970: year + 31 * 86_400))
        let march = SearchFilters(from: Date(timeIntervalSince1970: year + 59 * 86_400), until: Date(timeIntervalSince1970: year + 90 * 86_400))
        return [
            ("common word \"order\"", admin, try SearchQuery("order")),
            ("rare word \"\(rare)\"", admin, try SearchQuery(rare)),
            ("prefix \"refu\"", admin, try SearchQuery("refu")),
            ("two words \"payment card\"", admin, try SearchQuery("payment card")),
            ("contact name \"kovalenko\"", admin, try SearchQuery("kovalenko")),
            ("phone \"+380 67\"", admin, try SearchQuery("+380 67")),
            ("\"order\" status open", admin, try SearchQuery("order", filters: SearchFilters(status: .open))),
            ("\"order\" channel 2", admin, try SearchQuery("order", filters: SearchFilters(channelID: ChannelID(2)))),
            ("\"order\" operator 3", admin, try SearchQuery("order", filters: SearchFilters(operatorID: OperatorID(3)))),
            ("\"order\" label vip", admin, try SearchQuery("order", filters: SearchFilters(label: "vip"))),
            ("\"order\" last 30 days", admin, try SearchQuery("order", filters: lastMonth)),
            ("\"order\" in March", admin, try SearchQuery("order", filters: march)),
            ("\"order\" in January (oldest)", admin, try SearchQuery("order", filters: january)),
            ("rare word in March", admin, try SearchQuery(rare, filters: march)),
            ("\"order\" as an operator", operatorOfOneDepartment, try SearchQuery("order")),
        ]
    }
}
