import Foundation
import SwitchboardCore

/// JSON bodies of the reports, as the contract names them (durations in seconds, times ISO 8601 with offset).
enum ReportPayloads {
    struct Figures: Encodable {
        let from: String
        let to: String
        let tz: String
        let figures: ReportFigures
    }

    struct LoadDay: Encodable {
        let date: String
        let opened: Int
        let messagesIn: Int
        let messagesOut: Int
    }

    struct HeatCell: Encodable {
        let weekday: Int
        let hour: Int
        let opened: Int
        let messagesIn: Int
        let messagesOut: Int
    }

    struct QueuePoint: Encodable {
        let at: String
        let length: Int
    }

    struct Load: Encodable {
        let from: String
        let to: String
        let tz: String
        let days: [LoadDay]
        let heatmap: [HeatCell]
        let queue: [QueuePoint]

        init(_ load: ReportLoad, range: ReportRange) {
            from = range.from
            to = range.to
            tz = range.timeZoneName
            days = load.days.map {
                LoadDay(date: $0.date, opened: $0.counts.opened, messagesIn: $0.counts.messagesIn, messagesOut: $0.counts.messagesOut)
            }
            heatmap = load.heatmap.enumerated().map { index, cell in
                HeatCell(weekday: index / 24 + 1, hour: index % 24, opened: cell.opened, messagesIn: cell.messagesIn, messagesOut: cell.messagesOut)
            }
            queue = load.queue.map { QueuePoint(at: range.calendar.iso($0.at), length: $0.length) }
        }
    }

    struct Span: Encodable {
        let status: String
        let start: String
        let end: String
    }

    struct StaffDay: Encodable {
        let date: String
        let onlineSeconds: Double
        let awaySeconds: Double
        let spans: [Span]
    }

    struct StaffWeek: Encodable {
        let weekStart: String
        let onlineSeconds: Double
        let awaySeconds: Double
    }

    struct StaffOperator: Encodable {
        let id: Int64
        let displayName: String
        let onlineSeconds: Double
        let awaySeconds: Double
        let conversations: Int
        let figures: ReportFigures
        let days: [StaffDay]
        let weeks: [StaffWeek]

        init(_ person: ReportOperator, schedule: PresenceSchedule, conversations: Int, figures: ReportFigures, calendar: ReportCalendar) {
            id = person.id.rawValue
            displayName = person.displayName
            onlineSeconds = schedule.onlineSeconds
            awaySeconds = schedule.awaySeconds
            self.conversations = conversations
            self.figures = figures
            days = schedule.days.map { day in
                StaffDay(
                    date: day.date,
                    onlineSeconds: day.onlineSeconds,
                    awaySeconds: day.awaySeconds,
                    spans: day.spans.map { Span(status: $0.status.rawValue, start: calendar.iso($0.start), end: calendar.iso($0.end)) }
                )
            }
            weeks = schedule.weeks.map { StaffWeek(weekStart: $0.weekStart, onlineSeconds: $0.onlineSeconds, awaySeconds: $0.awaySeconds) }
        }
    }

    struct Staff: Encodable {
        let from: String
        let to: String
        let tz: String
        let operators: [StaffOperator]
    }

    struct Department: Encodable {
        let id: Int64?
        let name: String
        let conversations: Int
        let figures: ReportFigures
        let feedback: ReportFeedback

        private enum CodingKeys: String, CodingKey {
            case id, name, conversations, figures, feedback
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(conversations, forKey: .conversations)
            try container.encode(figures, forKey: .figures)
            try container.encode(feedback, forKey: .feedback)
        }
    }

    struct Departments: Encodable {
        let from: String
        let to: String
        let tz: String
        let departments: [Department]
    }

    struct LowScore: Encodable {
        let conversationId: Int64
        let score: Int
        let comment: String?
        let at: String
        let operatorId: Int64?
        let operatorName: String?
        let contactName: String

        private enum CodingKeys: String, CodingKey {
            case conversationId, score, comment, at, operatorId, operatorName, contactName
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversationId, forKey: .conversationId)
            try container.encode(score, forKey: .score)
            try container.encode(comment, forKey: .comment)
            try container.encode(at, forKey: .at)
            try container.encode(operatorId, forKey: .operatorId)
            try container.encode(operatorName, forKey: .operatorName)
            try container.encode(contactName, forKey: .contactName)
        }
    }

    struct Feedback: Encodable {
        let from: String
        let to: String
        let tz: String
        let feedback: ReportFeedback
        let lowScores: [LowScore]
    }
}
