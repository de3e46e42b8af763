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
    text: 'From the moment a conversation opened to the first reply an operator sent in it, for conversations opened in the range. A conversation no operator has answered yet is not counted.',
  },
  {
    key: 'replyTime', name: 'Reply time',
    text: 'For every client message that waits for an answer (the first client message after an operator reply, or after the conversation opened), the time to the next operator reply. Messages the client sends in a row wait together, from the first one. A message not answered yet is not counted. With "Business hours only", only time inside the desk\'s business hours counts.',
  },
  {
    key: 'lifetime', name: 'Lifetime',
    text: 'From the moment a conversation opened to its resolution, for conversations resolved in the range. A reopened conversation counts until its last resolution.',
  },
  {
    key: 'queueWait', name: 'Queue wait',
    text: 'From the moment a conversation opened to its first assignment to an operator (taken, assigned or routed), for conversations assigned in the range.',
  },
];

const statColumns = ['count', 'min', 'avg', 'median', 'p90', 'max'];

function figureHelp() {
  return h('details.report-help', { id: 'figures-help' },
    h('summary', null, 'How these figures are measured'),
    h('dl', null, figureDefinitions.flatMap(({ key, name, text }) => [h('dt', { dataset: { figure: key } }, name), h('dd', null, text)])),
    h('p.muted', null, 'Only replies an operator wrote to the client count as replies: private notes, automatic messages (welcome, away, queue position, feedback questions) and bot messages never do. Median is the middle value (or the mean of the two middle ones); p90 is the value 90 % of the cases do not exceed (nearest rank). Dates and hours are in the time zone shown above.'));
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
    }));
}

function feedbackSummary(feedback) {
  return h('dl.report-facts', null,
    h('dt', null, 'Asked'), h('dd', { id: 'feedback-asked' }, String(feedback.asked)),
    h('dt', null, 'Answered'), h('dd', { id: 'feedback-answered' }, String(feedback.answered)),
    h('dt', { title: 'Of the clients who answered "Was your question resolved?", the share who said yes' }, 'Resolved'),
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
    ...figureDefinitions.map(({ key, name }) => [`${name} (median)`, median(key)]),
    ...figureDefinitions.map(({ key, name }) => [`${name} (average)`, (department) => durationCell(department.figures[key]?.avg)]),
    ['Feedback answered', (department) => numberCell(department.feedback.answered)],
    ['Resolved (feedback)', (department) => h('td.num', null, percent(department.feedback.resolvedShare))],
    ['Average score', (department) => h('td.num', null, average(department.feedback.average))],
    ['Stars 1 · 2 · 3 · 4 · 5', (department) => h('td.num', null, department.feedback.stars.join(' · '))],
  ];
  return section('report-departments', 'Departments', { csv: [csvLink('departments', params, 'departments')] },
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
