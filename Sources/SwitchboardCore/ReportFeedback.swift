/// The in-messenger feedback of a set of conversations, summed up.
public struct ReportFeedback: Sendable, Equatable, Encodable {
    /// Conversations whose client was asked.
    public var asked: Int
    /// Of those, how many answered at least one question.
    public var answered: Int
    /// Share of "yes" among the answers to "was your question resolved?" (0…1), nil without answers.
    public var resolvedShare: Double?
    /// Counts of the scores 1…5.
    public var stars: [Int]
    /// Mean score, nil without scores.
    public var average: Double?

    /// Sums up `rows`.
    public init(_ rows: [ReportFeedbackRow]) {
        asked = rows.count
        answered = rows.count { $0.resolved != nil || $0.score != nil }
        let resolvedAnswers = rows.compactMap(\.resolved)
        resolvedShare = resolvedAnswers.isEmpty ? nil : Double(resolvedAnswers.count { $0 }) / Double(resolvedAnswers.count)
        let scores = rows.compactMap(\.score).filter { (1...5).contains($0) }
        stars = (1...5).map { star in scores.count { $0 == star } }
        average = scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }

    private enum CodingKeys: String, CodingKey {
        case asked, answered, resolvedShare, stars, average
    }

    /// Writes every key, with `null` for a missing share or average.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asked, forKey: .asked)
        try container.encode(answered, forKey: .answered)
        try container.encode(resolvedShare, forKey: .resolvedShare)
        try container.encode(stars, forKey: .stars)
        try container.encode(average, forKey: .average)
    }
}
