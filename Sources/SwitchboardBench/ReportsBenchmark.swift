public import Foundation
import SQLiteStore
import SwitchboardCore

/// Seeds a large history into a temporary SQLite file and times each report the API serves: the
/// store's queries plus the pure computations the controller runs on their rows.
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
    }

    /// What was measured.
    public struct Report: Sendable {
        public var rows: [String: Int]
        public var seedSeconds: Double
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
        // A file seeded by an earlier run in the same directory is reused: seeding is the slow part.
        let reuse = FileManager.default.fileExists(atPath: path)
        let store = try SQLiteStore(path: path)
        let year = ReportDay.number("2026-01-01")!
        var rows: [String: Int] = [:]
        var seedSeconds = 0.0
        if !reuse {
            _ = try await store.createChannel(ChannelDraft(kind: .telegram, name: "bench", mode: .poll, persona: Persona(name: "Bench")))
            // Business hours Monday–Friday 09:00–18:00 Berlin, so the business-hours reply time has work to do.
            let workdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
            let hours = BusinessHours(
                timeZone: "Europe/Berlin",
                week: Dictionary(uniqueKeysWithValues: workdays.map { ($0, [BusinessHours.Interval(open: "09:00", close: "18:00")]) })
            )
            var patch = AutomationSettingsPatch()
            patch.businessHours = .init(alwaysOpen: false, schedule: hours)
            try await store.saveAutomationSettingsPatch(patch, channel: nil)
            let seed = ReportsSeed(
                conversations: options.conversations,
                messagesPerConversation: options.messagesPerConversation,
                operators: 20,
                departments: 4,
                start: Double(year) * 86_400,
                days: 365
            )
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
                for _ in 0..<options.runs {
                    let start = ContinuousClock.now
                    try await work()
                    samples.append(start.duration(to: .now).seconds * 1000)
                }
                samples.sort()
                timings.append(Timing(report: name, range: label, p50: samples[samples.count / 2], max: samples.last ?? 0))
            }
        }
        return Report(rows: rows, seedSeconds: seedSeconds, timings: timings, peakResidentBytes: ProcessMemory.peakResidentBytes())
    }

    /// Each route's store reads and computations, as the controller chains them.
    static func reports(_ store: SQLiteStore, _ scope: ReportScope) -> [(String, @Sendable () async throws -> Void)] {
        [
            ("figures", { _ = try await store.reportMeasurements(scope).figures() }),
            (
                "figures (business hours)",
                {
                    var business = scope
                    business.businessHours = true
                    _ = try await store.reportMeasurements(business).figures()
                }
            ),
            (
                "load",
                {
                    let activity = try await store.reportActivity(scope)
                    _ = ReportLoad(activity: activity, queueStays: try await store.reportQueueStays(scope), calendar: scope.range.calendar)
                }
            ),
            (
                "staff",
                {
                    let people = try await store.reportOperators(scope)
                    let figures = try await store.reportMeasurements(scope).figuresByOperator()
                    for person in people {
                        _ = PresenceSchedule(
                            before: person.statusBefore,
                            changes: person.changes.map { ($0.at, $0.status) },
                            calendar: scope.range.calendar,
                            now: scope.now.timeIntervalSince1970
                        )
                        _ = figures[person.id]
                    }
                }
            ),
            (
                "departments",
                {
                    let measurements = try await store.reportMeasurements(scope)
                    let feedback = try await store.reportFeedback(scope)
                    for department in try await store.reportDepartments() {
                        _ = measurements.figures { _, owner in owner == department.id }
                        _ = ReportFeedback(feedback.filter { $0.departmentID == department.id })
                    }
                }
            ),
            ("feedback", { _ = ReportFeedback(try await store.reportFeedback(scope)) }),
        ]
    }
}
