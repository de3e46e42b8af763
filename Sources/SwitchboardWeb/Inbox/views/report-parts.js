// Building blocks shared by the report sections: a titled section, a table, the CSV link and a
// duration cell that shows "2m 05s" but keeps the exact seconds for tooltips and tests.

import { h } from '../dom.js';
import { reportURL } from '../api.js';
import { duration } from '../format.js';

/** A report section with its heading, optional CSV links and content. */
export function section(id, title, { csv = [], help = null } = {}, ...content) {
  return h('section.report-section', { id, 'aria-labelledby': `${id}-title` },
    h('header.report-section-head', null,
      h('h2', { id: `${id}-title` }, title),
      h('span.report-links', null, csv)),
    help,
    ...content);
}

/**
 * A "CSV" download of a table: the same route and filters with `format=csv&table=…`.
 * @param {string} report the route under /api/v1/reports
 * @param {object} params the page's query
 * @param {string} table the table name the route knows
 * @param {string} label what the link says
 */
export function csvLink(report, params, table, label = 'CSV') {
  return h('a.csv-link', {
    href: reportURL(report, { ...params, format: 'csv', table }),
    download: '',
    dataset: { report, table },
    title: `Download this table (${table}) as CSV`,
  }, label);
}

/** A table cell with a human duration; the exact seconds stay in `data-seconds` and the tooltip. */
export function durationCell(seconds) {
  const exact = seconds === null || seconds === undefined ? null : seconds;
  return h('td.num', { dataset: exact === null ? {} : { seconds: String(exact) }, title: exact === null ? 'No data' : `${exact} s` }, duration(exact));
}

/** A numeric cell. */
export function numberCell(value, title = null) {
  return h('td.num', { title }, value === null || value === undefined ? '—' : String(value));
}

/**
 * A table with a caption (for screen readers), a header row and body rows of cells.
 * @param {{id: string, caption: string, head: (string|Node)[], rows: Node[][], rowData?: object[], text?: number[]}} options
 *   `text`: indexes of columns that hold words (left-aligned); the others hold numbers.
 */
export function table({ id, caption, head, rows, rowData = [], text = [0] }) {
  return h('div.report-table-wrap', null,
    h('table.report-table', { id },
      h('caption.visually-hidden', null, caption),
      h('thead', null, h('tr', null, head.map((cell, index) => h(text.includes(index) ? 'th' : 'th.num', { scope: 'col' }, cell)))),
      h('tbody', null, rows.length
        ? rows.map((cells, index) => h('tr', { dataset: rowData[index] ?? {} }, cells))
        : h('tr', null, h('td.muted', { colspan: String(head.length) }, 'Nothing in this range')))));
}

/** A share 0…1 as "75 %", or "—". */
export function percent(share) {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`;
}

/** An average score as "4.25", or "—". */
export function average(value) {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}
