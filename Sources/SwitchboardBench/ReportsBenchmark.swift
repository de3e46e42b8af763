public import Foundation
import SwitchboardApp
import SwitchboardCore

/// Seeds a large history into a SQLite file (or reuses the one a previous run left in the directory)
/// and times each report the API serves: the store's queries plus the pure computations the
/// controller runs on their rows. Each report's result is printed as a digest, so two builds can be
/// checked to give the same answers on the same file.
public struct ReportsBenchmark: Sendable {
    /// What to run.
    public struct Options: Sendable {
        public var conversations: Int
        public var messagesPerConversation: Int
        public var runs: Int
        public var directory: URL

        /// Creates options.
        public init(conversations: Int, messagesPerConversation: Int, runs: Int, directory: URL) {
            self.conversations = conversations
            self.messagesPerConversation = messagesPerConversation
            self.runs = runs
            self.directory = directory
        }
    }

    /// One timed report.
    public struct Timing: Sendable {
        public var report: String
        public var range: String
        /// Median of the runs, milliseconds.
        public var p50: Double
        public var max: Double
        /// FNV-1a hash of the result's description: equal digests, equal results.
        public var digest: String
    }

    /// What was measured.
    public struct Report: Sendable {
        public var rows: [String: Int]
        /// Nil when the directory already held a seeded file.
        public var seedSeconds: Double?
        public var timings: [Timing]
        public var peakResidentBytes: Int?
    }

    let options: Options

    /// Creates the benchmark.
    public init(options: Options) {
        self.options = options
    }

    /// Seeds, then times every report over a week, a month and the whole year.
    public func run() async throws -> Report {
        let path = options.directory.appendingPathComponent("reports.sqlite").path
        let reuse = FileManager.default.fileExists(atPath: path)
        let store = try openStore(AppConfig(databasePath: path))
        let year = ReportDay.number("2026-01-01")!
        let seed = ReportsSeed(
            conversations: options.conversations,
            messagesPerConversation: options.messagesPerConversation,
            operators: 20,
            departments: 4,
            start: Double(year) * 86_400,
            days: 365
        )
        var rows: [String: Int]
        var seedSeconds: Double?
        if reuse {
            rows = try seed.counts(path: path)
        } else {
            _ = try await store.createChannel(ChannelDraft(kind: .telegram, name: "bench", mode: .poll, persona: Persona(name: "Bench")), at: Date())
            let seedStart = ContinuousClock.now
            rows = try seed.write(path: path)
            seedSeconds = seedStart.duration(to: .now).seconds
        }
        let now = Date(timeIntervalSince1970: Double(year + 365) * 86_400)
        var timings: [Timing] = []
        for (label, from, to) in [
            ("7 days", "2026-06-01", "2026-06-07"), ("30 days", "2026-06-01", "2026-06-30"), ("366 days", "2026-01-01", "2027-01-01"),
        ] {
            let range = try ReportRange(from: from, to: to, timeZone: "Europe/Berlin", now: now)
            let scope = ReportScope(range: range, now: now)
            for (name, work) in Self.reports(store, scope) {
                var samples: [Double] = []
                var result: any Sendable = ()
                for _ in 0..<options.runs {
                    let start = ContinuousClock.now
                    result = try await work()
                    samples.append(start.duration(to: .now).seconds * 1000)
                }
                samples.sort()
                let digest = Self.digest(String(describing: result))
                timings.append(Timing(report: name, range: label, p50: samples[samples.count / 2], max: samples.last ?? 0, digest: digest))
            }
        }
        return Report(rows: rows, seedSeconds: seedSeconds, timings: timings, peakResidentBytes: ProcessMemory.peakResidentBytes())
    }

    /// Each route's store reads and computations, as the controller chains them; each returns what it computed.
    static func reports(_ store: any AppStore, _ scope: ReportScope) -> [(String, @Sendable () async throws -> any Sendable)] {
        [
            ("figures", { try await store.reportMeasurements(scope).figures() }),
            (
                "figures (business hours)",
                {
                    var business = scope
                    business.businessHours = true
                    return try await store.reportMeasurements(business).figures()
                }
            ),
            (
                "load",
                {
                    let activity = try await store.reportActivity(scope)
                    return ReportLoad(activity: activity, queueStays: try await store.reportMeasurements(scope), calendar: scope.range.calendar)
                }
            ),
            (
                "staff",
                {
                    let people = try await store.reportOperators(scope)
                    let measurements = try await store.reportMeasurements(scope)
                    let figures = measurements.figuresByOperator()
                    let empty = measurements.figures { _, _ in false }
                    return people.map { person in
                        let schedule = PresenceSchedule(
                            before: person.statusBefore,
                            changes: person.changes.map { ($0.at, $0.status) },
                            calendar: scope.range.calendar,
                            now: scope.now.timeIntervalSince1970
                        )
                        return (person.id.rawValue, schedule.days.count, measurements.repliedIn[person.id]?.count ?? 0, figures[person.id] ?? empty)
                    }
                }
            ),
            (
                "departments",
                {
                    let measurements = try await store.reportMeasurements(scope)
                    let feedback = try await store.reportFeedback(scope)
                    return try await store.reportDepartments().map { department in
                        (
                            Set(measurements.openings.filter { $0.departmentID == department.id }.map(\.conversationID)).count,
                            measurements.figures { _, owner in owner == department.id },
                            ReportFeedback(feedback.filter { $0.departmentID == department.id })
                        )
                    }
                }
            ),
            ("feedback", { ReportFeedback(try await store.reportFeedback(scope)) }),
        ]
    }

    /// A short hex FNV-1a hash of `text`.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
