/// Everything measured from the conversations of a report's range, kept with its owner so one pass
/// over the history serves the whole desk, each operator and each department.
public struct ReportMeasurements: Sendable, Equatable {
    /// A client-started opening period without an operator reply.
    public struct Unanswered: Sendable, Equatable {
        public var operatorID: OperatorID?
        public var departmentID: DepartmentID?
        public var conversationID: ConversationID
    }

    /// An opening period (new or reopened conversation) that started in the range.
    public struct Opening: Sendable, Equatable {
        public var conversationID: ConversationID
        public var departmentID: DepartmentID?
    }

    /// A stretch during which a conversation sat in the queue (open, nobody holding it); `end` nil: still there.
    public struct QueueStay: Sendable, Equatable {
        public var start: Double
        public var end: Double?

        /// Creates a stay.
        public init(start: Double, end: Double?) {
            self.start = start
            self.end = end
        }
    }

    public var samples: [ReportSample] = []
    public var unanswered: [Unanswered] = []
    public var openings: [Opening] = []
    public var queueStays: [QueueStay] = []
    /// Conversations each operator replied in during the range.
    public var repliedIn: [OperatorID: Set<ConversationID>] = [:]

    /// Creates an empty collection.
    public init() {}

    /// The figures of the samples and unanswered periods that pass `include(operator, department)`.
    public func figures(where include: (OperatorID?, DepartmentID?) -> Bool = { _, _ in true }) -> ReportFigures {
        var values: [ReportFigure: [Double]] = [:]
        for sample in samples where include(sample.operatorID, sample.departmentID) {
            values[sample.figure, default: []].append(sample.value)
        }
        return ReportFigures(
            firstResponse: ReportStat(values[.firstResponse] ?? []),
            replyTime: ReportStat(values[.replyTime] ?? []),
            lifetime: ReportStat(values[.lifetime] ?? []),
            queueWait: ReportStat(values[.queueWait] ?? []),
            unanswered: unanswered.count { include($0.operatorID, $0.departmentID) }
        )
    }

    /// Figures of every operator that owns at least one sample or unanswered period.
    public func figuresByOperator() -> [OperatorID: ReportFigures] {
        var owners = Set(samples.compactMap(\.operatorID))
        owners.formUnion(unanswered.compactMap(\.operatorID))
        return Dictionary(uniqueKeysWithValues: owners.map { owner in (owner, figures { op, _ in op == owner }) })
    }
}
