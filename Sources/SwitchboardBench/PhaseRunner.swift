/// Runs the closed-loop flood and then each open-loop rate against one server, waiting after each
/// until the server is idle again, and turns the ledger into each phase's figures.
struct PhaseRunner: Sendable {
    let server: ServerProcess
    let flooder: Flooder
    let ledger: DeliveryLedger
    let options: E2EBenchmark.Options
    /// Whether an operator's WebSocket listens (frames are awaited and timed).
    let streamed: Bool
    let progress: @Sendable (String) -> Void

    /// Every phase, in order.
    /// - Throws: when the server dies.
    func runAll() async throws -> [E2EServerReport.Phase] {
        var phases: [E2EServerReport.Phase] = []
        let flood = try await run(phase: 0, name: "\(options.connections) connections", rate: nil) {
            await flooder.closedLoop(phase: 0, seconds: options.floodSeconds, limit: options.floodLimit)
        }
        phases.append(flood)
        for (offset, rate) in options.rates.enumerated() {
            let index = offset + 1
            let phase = try await run(phase: index, name: "\(Int(rate)) msg/s", rate: rate) {
                await flooder.openLoop(phase: index, rate: rate, seconds: options.rateSeconds)
            }
            phases.append(phase)
        }
        return phases
    }

    private func run(phase: Int, name: String, rate: Double?, flood: () async -> Flooder.Traffic) async throws -> E2EServerReport.Phase {
        let before = try server.sample()
        let traffic = await flood()
        // The CPU the server spends on the messages includes what it does after answering.
        let idle = try await server.waitUntilIdle(timeout: .seconds(options.drainTimeout))
        let idleAt = ledger.now()
        let after = try idle ?? server.sample()
        if streamed {
            let deadline = ledger.now() + 10
            while ledger.awaitingFrames(phase: phase) > 0, ledger.now() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        }
        let records = ledger.snapshot().values.filter { $0.phase == phase }
        let result = Self.summarize(
            records: Array(records),
            name: name,
            rate: rate,
            streamed: streamed,
            cpuSeconds: after.cpuSeconds - before.cpuSeconds,
            idleAt: idle == nil ? nil : idleAt,
            started: traffic.started
        )
        progress(Self.describe(result, server: server.name))
        return result
    }

    /// One phase's figures from its records.
    /// - Parameters:
    ///   - cpuSeconds: the server's CPU time from the phase's start until it was idle.
    ///   - idleAt: when the server was seen idle (two quiet half-second windows after the work ended).
    static func summarize(
        records: [DeliveryLedger.Record],
        name: String,
        rate: Double?,
        streamed: Bool,
        cpuSeconds: Double,
        idleAt: Double?,
        started: Double
    ) -> E2EServerReport.Phase {
        let acknowledged = records.filter(\.isAcknowledged)
        let firstDue = records.map(\.due).min() ?? started
        let lastAnswer = acknowledged.compactMap(\.answered).max() ?? firstDue
        let span = lastAnswer - firstDue
        return E2EServerReport.Phase(
            name: name,
            rate: rate,
            sent: records.count,
            acknowledged: acknowledged.count,
            throughput: span > 0 ? Double(acknowledged.count) / span : 0,
            acknowledgement: LatencySummary(seconds: acknowledged.compactMap { record in record.answered.map { $0 - record.due } }),
            frame: streamed ? LatencySummary(seconds: acknowledged.compactMap { record in record.firstFrame.map { $0 - record.due } }) : nil,
            cpuPerMessage: acknowledged.isEmpty ? 0 : cpuSeconds / Double(acknowledged.count) * 1e6,
            // The quiet windows that proved idleness took a second after the work ended.
            drainSeconds: idleAt.map { max(0, $0 - 1.0 - lastAnswer) }
        )
    }

    static func describe(_ phase: E2EServerReport.Phase, server: String) -> String {
        var line = "  \(server), \(phase.name): \(phase.acknowledged)/\(phase.sent) acknowledged, \(Int(phase.throughput.rounded())) msg/s"
        line += ", ack p99 \(format(phase.acknowledgement.p99)) ms"
        if let frame = phase.frame { line += ", frame p99 \(format(frame.p99)) ms" }
        line += ", \(Int(phase.cpuPerMessage.rounded())) µs CPU/msg"
        line += phase.drainSeconds.map { ", idle \(format($0)) s after the last answer" } ?? ", still busy at the drain timeout"
        return line
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return "\(rounded)"
    }
}
