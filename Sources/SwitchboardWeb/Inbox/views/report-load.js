// The report sections about volume and people: load per day, per hour of the week and the queue
// length over time; each operator's online/away timeline, weekly totals and figures.

import { h, replace } from '../dom.js';
import { duration, hours } from '../format.js';
import { barChart, heatmap, lineChart, dayTimeline } from './charts.js';
import { section, csvLink, durationCell, numberCell, table } from './report-parts.js';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "2026-11-03" as a short local label: "3 Nov". */
export function dayName(date, options = { day: 'numeric', month: 'short' }) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(undefined, options);
}

const metrics = [
  { key: 'messagesIn', name: 'Client messages' },
  { key: 'opened', name: 'Conversations opened' },
  { key: 'messagesOut', name: 'Sent to clients' },
];

function weekHeatmap(cells, metric) {
  const byCell = new Map(cells.map((cell) => [`${cell.weekday}/${cell.hour}`, cell]));
  const cell = (row, column) => byCell.get(`${row + 1}/${column}`) ?? { opened: 0, messagesIn: 0, messagesOut: 0 };
  const hour = (value) => `${String(value).padStart(2, '0')}:00`;
  return heatmap({
    title: `${metric.name} by hour of the week`,
    rows: weekdays,
    columns: Array.from({ length: 24 }, (_, index) => String(index).padStart(2, '0')),
    value: (row, column) => cell(row, column)[metric.key],
    describe: (row, column) => {
      const { opened, messagesIn, messagesOut } = cell(row, column);
      return `${weekdays[row]} ${hour(column)}–${hour(column + 1)}: ${opened} opened, ${messagesIn} client messages, ${messagesOut} sent to clients`;
    },
    xLabel: 'Hour of the day',
    yLabel: '',
  });
}

/** Load: opened conversations and messages per day, the hour-of-week heatmap, the queue length. */
export function loadSection(report, params) {
  const days = report.days;
  const heat = h('div.report-chart', { id: 'load-heatmap' });
  const picker = h('div.segmented', { role: 'group', 'aria-label': 'Heatmap shows' });
  const showHeat = (metric) => {
    replace(heat, weekHeatmap(report.heatmap, metric));
    for (const button of picker.children) button.setAttribute('aria-pressed', String(button.dataset.metric === metric.key));
  };
  replace(picker, metrics.map((metric) => h('button.button.small', { type: 'button', dataset: { metric: metric.key }, onclick: () => showHeat(metric) }, metric.name)));
  showHeat(metrics[0]);
  const totals = days.reduce((sum, day) => ({
    opened: sum.opened + day.opened, messagesIn: sum.messagesIn + day.messagesIn, messagesOut: sum.messagesOut + day.messagesOut,
  }), { opened: 0, messagesIn: 0, messagesOut: 0 });
  return section('report-load', 'Load', {
    csv: [csvLink('load', params, 'days', 'CSV (days)'), csvLink('load', params, 'heatmap', 'CSV (hours)'), csvLink('load', params, 'queue', 'CSV (queue)')],
  },
  h('p.muted', { id: 'load-totals' },
    `${totals.opened} conversations opened · ${totals.messagesIn} client messages · ${totals.messagesOut} messages sent to clients`),
  h('p.muted', null, 'Opened counts new conversations (not reopenings) by their first message; sent to clients counts every message to a client, operators\' and automatic; private notes are not counted.'),
  h('div.report-chart', { id: 'load-days' }, barChart({
    title: 'Per day',
    categories: days.map((day) => day.date),
    labels: days.map((day) => dayName(day.date)),
    series: [
      { name: 'Opened', values: days.map((day) => day.opened) },
      { name: 'Client messages', values: days.map((day) => day.messagesIn) },
      { name: 'Sent to clients', values: days.map((day) => day.messagesOut) },
    ],
    yLabel: 'Count',
    xLabel: 'Day',
  })),
  picker,
  heat,
  h('div.report-chart', { id: 'load-queue' }, lineChart({
    title: 'Conversations waiting in the queue (at the start of every hour)',
    points: report.queue.map((point) => ({ at: Date.parse(point.at), value: point.length })),
    dayLabel: (ms) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }),
    yLabel: 'Waiting',
    xLabel: 'Day',
  })));
}

/** Hour of the day (0…24) of an ISO time on the given calendar day, read from its local clock part. */
function hourOn(iso, date) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?/.exec(iso);
  if (!match) return 0;
  if (match[1] > date) return 24;
  if (match[1] < date) return 0;
  return Number(match[2]) + Number(match[3]) / 60 + Number(match[4] ?? 0) / 3600;
}

const clock = (iso) => /T(\d{2}:\d{2})/.exec(iso)?.[1] ?? iso;

function operatorSchedule(operator) {
  const rows = operator.days.map((day) => ({
    label: dayName(day.date, { weekday: 'short', day: 'numeric', month: 'short' }),
    spans: day.spans.map((span) => ({
      status: span.status === 'away' ? 'away' : 'online',
      from: hourOn(span.start, day.date),
      to: hourOn(span.end, day.date),
      text: `${span.status === 'away' ? 'Away' : 'Online'} ${clock(span.start)}–${clock(span.end)}`,
    })),
  }));
  // Accounts that were never online in the range (often admins) stay folded.
  const present = operator.onlineSeconds + operator.awaySeconds > 0;
  return h('details.report-operator', { open: present, dataset: { operator: operator.id } },
    h('summary', null, `${operator.displayName}: ${hours(operator.onlineSeconds)} online, ${hours(operator.awaySeconds)} away, ${operator.conversations} conversations`),
    h('div.report-chart', null, dayTimeline({ title: `${operator.displayName}: online and away per day`, rows })),
    table({
      id: `weeks-${operator.id}`, caption: `${operator.displayName} per week`,
      head: ['Week of', 'Online', 'Away'],
      rows: operator.weeks.map((week) => [
        h('td', null, dayName(week.weekStart, { day: 'numeric', month: 'short', year: 'numeric' })),
        h('td.num', { title: duration(week.onlineSeconds) }, hours(week.onlineSeconds)),
        h('td.num', { title: duration(week.awaySeconds) }, hours(week.awaySeconds)),
      ]),
    }));
}

/** Staff: per operator the presence totals, conversations and figures, then their schedules. */
export function staffSection(report, params) {
  const operators = report.operators;
  return section('report-staff', 'Staff', { csv: [csvLink('staff', params, 'operators', 'CSV (operators)'), csvLink('staff', params, 'days', 'CSV (days)')] },
    h('p.muted', null, 'Online and away time come from the presence log, cut at local midnight; weeks start on Monday and count only days of the range. Conversations: those the operator replied in during the range; the figures are the operator\'s own (see Figures).'),
    table({
      id: 'staff-table', caption: 'Operators',
      head: ['Operator', 'Online', 'Away', 'Conversations', 'Unanswered', 'First response (median)', 'Reply time (median)', 'Reply time (average)', 'Lifetime (median)'],
      rows: operators.map((operator) => [
        h('th', { scope: 'row' }, operator.displayName),
        h('td.num', { dataset: { seconds: String(operator.onlineSeconds) }, title: duration(operator.onlineSeconds) }, hours(operator.onlineSeconds)),
        h('td.num', { dataset: { seconds: String(operator.awaySeconds) }, title: duration(operator.awaySeconds) }, hours(operator.awaySeconds)),
        numberCell(operator.conversations),
        numberCell(operator.figures.unanswered),
        durationCell(operator.figures.firstResponse.median),
        durationCell(operator.figures.replyTime.median),
        durationCell(operator.figures.replyTime.avg),
        durationCell(operator.figures.lifetime.median),
      ]),
      rowData: operators.map((operator) => ({ operator: operator.id })),
    }),
    operators.map(operatorSchedule));
}
