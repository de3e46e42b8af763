/// The durations of each figure collected for one group of samples, turned into statistics at the end.
struct ReportFigureValues {
    var firstResponse: [Double] = []
    var replyTime: [Double] = []
    var lifetime: [Double] = []
    var queueWait: [Double] = []
    var unanswered = 0

    mutating func append(_ sample: ReportSample) {
        switch sample.figure {
        case .firstResponse: firstResponse.append(sample.value)
        case .replyTime: replyTime.append(sample.value)
        case .lifetime: lifetime.append(sample.value)
        case .queueWait: queueWait.append(sample.value)
        }
    }

    var figures: ReportFigures {
        ReportFigures(
            firstResponse: ReportStat(firstResponse),
            replyTime: ReportStat(replyTime),
            lifetime: ReportStat(lifetime),
            queueWait: ReportStat(queueWait),
            unanswered: unanswered
        )
    }
}
