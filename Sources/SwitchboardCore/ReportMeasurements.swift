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
        var values = ReportFigureValues()
        for sample in samples where include(sample.operatorID, sample.departmentID) { values.append(sample) }
        values.unanswered = unanswered.count { include($0.operatorID, $0.departmentID) }
        return values.figures
    }

    /// Figures of every operator that owns at least one sample or unanswered period, grouped in one
    /// pass (the staff report of a year holds about a million samples).
    public func figuresByOperator() -> [OperatorID: ReportFigures] {
        var groups: [OperatorID: ReportFigureValues] = [:]
        for sample in samples {
            if let owner = sample.operatorID { groups[owner, default: ReportFigureValues()].append(sample) }
        }
        for period in unanswered {
            if let owner = period.operatorID { groups[owner, default: ReportFigureValues()].unanswered += 1 }
        }
        return groups.mapValues(\.figures)
    }

    /// Figures per department (nil: no department) of the samples and unanswered periods that pass
    /// `include(operator, department)`, grouped in one pass; departments without any are left out.
    public func figuresByDepartment(where include: (OperatorID?, DepartmentID?) -> Bool = { _, _ in true }) -> [DepartmentID?: ReportFigures] {
        var groups: [DepartmentID?: ReportFigureValues] = [:]
        for sample in samples where include(sample.operatorID, sample.departmentID) {
            groups[sample.departmentID, default: ReportFigureValues()].append(sample)
        }
        for period in unanswered where include(period.operatorID, period.departmentID) {
            groups[period.departmentID, default: ReportFigureValues()].unanswered += 1
        }
        return groups.mapValues(\.figures)
    }

    /// How many distinct conversations had an opening period in the range, per department (nil: no department).
    public func openedConversationsByDepartment() -> [DepartmentID?: Int] {
        var conversations: [DepartmentID?: Set<ConversationID>] = [:]
        for opening in openings { conversations[opening.departmentID, default: []].insert(opening.conversationID) }
        return conversations.mapValues(\.count)
    }
}
