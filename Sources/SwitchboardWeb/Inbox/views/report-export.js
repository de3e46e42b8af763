// The "Export conversations" links of the reports page: the page's range, time zone, channel and
// operator, as CSV or JSON lines. The browser downloads the stream; nothing is held in the page.

import { h } from '../dom.js';

/** The export route with the page's filters (departments are not an export filter). */
function exportURL(params, format) {
  const query = new URLSearchParams({ format });
  for (const key of ['from', 'to', 'tz', 'channel', 'operator']) if (params[key]) query.set(key, params[key]);
  return `/api/v1/exports/conversations?${query}`;
}

/** Download links for the conversations of the range, with their messages. */
export function exportLinks(params) {
  return h('p.report-export', { id: 'report-export' },
    h('span.muted', null, 'Export the conversations of this range with their messages: '),
    h('a.button.small', { href: exportURL(params, 'csv'), download: '', id: 'export-csv' }, 'CSV'),
    ' ',
    h('a.button.small', { href: exportURL(params, 'jsonl'), download: '', id: 'export-jsonl' }, 'JSON lines'));
}
