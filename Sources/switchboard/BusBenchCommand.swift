import ArgumentParser
import Foundation
import PostgresStore
import SwitchboardBench

/// `switchboard bench bus`: cross-instance event delivery latency on PostgreSQL (issue 15, point 2).
struct BusBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "Measure how fast an event committed by one instance reaches a subscriber on another (PostgreSQL).",
        discussion: "Needs an empty PostgreSQL database (it appends its own events): --database postgres://user@host/db"
    )

    @Option(help: "The PostgreSQL database, a postgres:// URL.") var database: String
    @Option(help: "Events per second to commit, one per transaction; comma-separated.") var rates = "200,1000"
    @Option(help: "Seconds at each rate.") var seconds = 5.0

    func run() async throws {
        let location: PostgresLocation
        do {
            location = try PostgresLocation(url: database)
        } catch {
            throw ValidationError(error.description)
        }
        let parsedRates = rates.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsedRates.isEmpty, parsedRates.allSatisfy({ $0 > 0 }), seconds > 0 else {
            throw ValidationError("--rates takes positive numbers like 200,1000 and --seconds a positive number")
        }
        print("switchboard bench bus: \(location), \(seconds) s per rate, instance A commits, instance B's bus delivers")
        let results = try await BusBenchmark(options: .init(location: location, rates: parsedRates, seconds: seconds)).run()
        for result in results {
            print(
                String(
                    format: "%5d/s asked  %7.0f/s committed  delivered %d of %d  commit -> B's subscriber p50 %.2f ms  p99 %.2f ms  max %.2f ms",
                    result.rate,
                    result.achievedRate,
                    result.delivered,
                    result.committed,
                    result.latency.p50,
                    result.latency.p99,
                    result.latency.max
                )
            )
        }
    }
}
