// The report sections about time figures and feedback: the desk's figures with their exact
// definitions, departments side by side, and the clients' feedback with the low scores.

import { h } from '../dom.js';
import { fullTime } from '../format.js';
import { starBars } from './charts.js';
import { section, csvLink, durationCell, numberCell, table, percent, average } from './report-parts.js';

/** The four figures, in the order the API and the CSV list them, with what each one measures. */
export const figureDefinitions = [
  {
    key: 'firstResponse', name: 'First response',
    text: 'From the start of an opening period the client started (their first message, or the message that reopened a resolved conversation) to the first operator reply in it. A reopened conversation counts once per opening period. A period without any operator reply is not in these numbers: it is counted as unanswered.',
  },
  {
    key: 'replyTime', name: 'Reply time',
    text: 'From the client\'s first message after the last operator reply (messages in a row are one wait) to the next operator reply. A wait that a resolution ends without a reply is dropped. With "Business hours only", only the seconds inside the desk\'s business hours count: 17:50 → 09:10 the next morning on a 09:00–18:00 desk is 20 minutes; holidays count as closed.',
  },
  {
    key: 'lifetime', name: 'Lifetime',
    text: 'From the start of an opening period to its resolution. A period still open is counted once it ends.',
  },
  {
    key: 'queueWait', name: 'Queue wait',
    text: 'From the conversation entering the queue (opened or reopened with nobody holding it, released by an absent operator, transferred to a department) to its assignment to an operator. A stay in the queue that ends with a resolution is not a wait.',
  },
];

const statColumns = ['count', 'min', 'avg', 'median', 'p90', 'max'];

function figureHelp() {
  return h('details.report-help', { id: 'figures-help' },
    h('summary', null, 'How these figures are measured'),
    h('dl', null, figureDefinitions.flatMap(({ key, name, text }) => [h('dt', { dataset: { figure: key } }, name), h('dd', null, text)])),
    h('p', null, 'A reply is only a message to the client written by an operator: private notes, automatic messages (welcome, greetings, farewells, feedback questions) and bot or system messages are never replies and never end a wait.'),
    h('p', null, 'Each number belongs to the range in which its clock started: a first response and a lifetime to the start of their opening period, a reply time to the client message that began the wait, a queue wait to the moment the conversation entered the queue. Days and hours are those of the time zone shown above.'),
    h('p', null, 'Channel and department select conversations by their current channel and department. Operator selects the numbers that are theirs: first response and reply time to the reply\'s author, lifetime to whoever held the conversation when it was resolved, queue wait to the operator it was assigned to, unanswered to whoever held it.'),
    h('p.muted', null, 'Median is the middle value (or the mean of the two middle ones); p90 is the ⌈0.9·n⌉-th smallest value (nearest rank); all are empty when the count is 0.'));
}

/** Rows of the four figures: count, then min / avg / median / p90 / max as durations. */
function figureRows(figures) {
  return figureDefinitions.map(({ key, name, text }) => {
    const stat = figures[key] ?? { count: 0 };
    return [h('th', { scope: 'row', title: text }, name), numberCell(stat.count), ...statColumns.slice(1).map((column) => durationCell(stat[column]))];
  });
}

/** Figures: one row per figure with the count it is based on. */
export function figuresSection(report, params) {
  return section('report-figures', 'Figures', { csv: [csvLink('figures', params, 'figures')], help: figureHelp() },
    table({
      id: 'figures-table', caption: 'Response figures',
      head: ['Figure', 'Count', 'Min', 'Average', 'Median', 'p90', 'Max'],
      rows: figureRows(report.figures),
      rowData: figureDefinitions.map(({ key }) => ({ figure: key })),
    }),
    h('p.muted', { id: 'figures-unanswered' }, `${report.figures.unanswered ?? 0} opening periods without any operator reply (unanswered).`));
}

function feedbackSummary(feedback) {
  return h('dl.report-facts', null,
    h('dt', null, 'Asked'), h('dd', { id: 'feedback-asked' }, String(feedback.asked)),
    h('dt', { title: 'At least one question answered' }, 'Answered'), h('dd', { id: 'feedback-answered' }, String(feedback.answered)),
    h('dt', { title: 'Of the answers to "Was your question resolved?", the share of yes' }, 'Resolved'),
    h('dd', { id: 'feedback-resolved' }, percent(feedback.resolvedShare)),
    h('dt', { title: 'Mean of the 1–5 scores given' }, 'Average score'),
    h('dd', { id: 'feedback-average' }, average(feedback.average)));
}

/** Departments side by side: a column per department, a row per figure and feedback number. */
export function departmentsSection(report, params) {
  const departments = report.departments;
  const median = (key) => (department) => durationCell(department.figures[key]?.median);
  const rows = [
    ['Conversations', (department) => numberCell(department.conversations)],
    ['Unanswered', (department) => numberCell(department.figures.unanswered)],
    ...figureDefinitions.map(({ key, name }) => [`${name} (median)`, median(key)]),
    ...figureDefinitions.map(({ key, name }) => [`${name} (average)`, (department) => durationCell(department.figures[key]?.avg)]),
    ['Feedback answered', (department) => numberCell(department.feedback.answered)],
    ['Resolved (feedback)', (department) => h('td.num', null, percent(department.feedback.resolvedShare))],
    ['Average score', (department) => h('td.num', null, average(department.feedback.average))],
    ['Stars 1 · 2 · 3 · 4 · 5', (department) => h('td.num', null, department.feedback.stars.join(' · '))],
  ];
  const help = h('p.muted', null, 'Every department side by side, and "No department". Conversations: those with an opening period started in the range. Feedback: the questions asked after a resolution, counted by when they were asked.');
  return section('report-departments', 'Departments', { csv: [csvLink('departments', params, 'departments')], help },
    departments.length === 0
      ? h('p.muted', null, 'No conversations in this range.')
      : table({
        id: 'departments-table', caption: 'Departments compared',
        head: ['', ...departments.map((department) => department.name)],
        rows: rows.map(([label, cell]) => [h('th', { scope: 'row' }, label), ...departments.map(cell)]),
      }));
}

/** Feedback: resolved share, the star distribution, the average and the low scores. */
export function feedbackSection(report, params) {
  const feedback = report.feedback;
  const low = report.lowScores;
  return section('report-feedback', 'Feedback', { csv: [csvLink('feedback', params, 'lowScores', 'CSV (low scores)')] },
    h('div.report-row', null,
      feedbackSummary(feedback),
      starBars({ title: 'Scores given', counts: feedback.stars })),
    h('h3', null, 'Low scores'),
    table({
      id: 'low-scores-table', caption: 'Low scores and their comments',
      head: ['When', 'Score', 'Client', 'Operator', 'Comment', 'Conversation'],
      rows: low.map((item) => [
        h('td', { title: fullTime(Date.parse(item.at)) }, new Date(item.at).toLocaleDateString()),
        numberCell(`${item.score} ★`),
        h('td', null, item.contactName),
        h('td', null, item.operatorName ?? '—'),
        h('td.comment', null, item.comment ?? h('span.muted', null, 'No comment')),
        h('td', null, h('a', { href: `#c${item.conversationId}`, dataset: { conversation: item.conversationId } }, `#${item.conversationId}`)),
      ]),
      rowData: low.map((item) => ({ conversation: item.conversationId })),
      text: [0, 2, 3, 4, 5],
    }));
}
