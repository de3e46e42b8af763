// The conversation header: who, through which messenger, status, assignee, and the actions.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { contactName } from '../format.js';
import { take, resolve, reopen } from '../inbox.js';
import { channelBadge } from './list.js';
import { openTransferPicker } from './transfer.js';

const statusLabels = { open: 'Open', pending: 'Pending', resolved: 'Resolved' };

/** "☺ 2 ☹ 1": how the client's messages sounded, when any were tagged. */
function sentimentCounts(counts) {
  if (!counts || (!counts.positive && !counts.negative)) return null;
  const title = `${counts.positive} positive, ${counts.negative} negative client messages`;
  return h('span.sentiment-counts', { id: 'sentiment-counts', title, 'aria-label': title },
    counts.positive ? h('span.sentiment.sentiment-positive', null, `☺ ${counts.positive}`) : null,
    counts.negative ? h('span.sentiment.sentiment-negative', null, `☹ ${counts.negative}`) : null);
}

/** Builds the header and keeps it in sync with the open conversation. */
export function renderHeader() {
  const header = h('header.conversation-head');
  const render = () => {
    const detail = state.detail;
    if (!detail) return replace(header);
    const mine = detail.assignee?.id === state.me.id;
    const resolved = detail.status === 'resolved';
    const typing = (state.typing.get(detail.id) ?? 0) > Date.now();
    const transfer = h('button.button', { type: 'button', id: 'action-transfer', title: 'Transfer to another operator' }, 'Transfer');
    transfer.addEventListener('click', () => openTransferPicker(transfer));
    replace(header,
      h('div.head-who', null,
        h('h1.head-name', { id: 'conversation-title' }, contactName(detail.contact)),
        detail.contact?.preferredName && detail.contact.preferredName !== detail.contact.displayName
          ? h('span.head-display-name.muted', null, detail.contact.displayName) : null,
        channelBadge(detail.channel),
        h(`span.status.status-${detail.status}`, null, statusLabels[detail.status] ?? detail.status),
        h('span.head-assignee.muted', null, detail.assignee ? `· ${mine ? 'You' : detail.assignee.displayName}` : '· Unassigned'),
        detail.escalated ? h('span.badge.escalated', { id: 'escalated', title: 'The client asked for a human' }, 'Asked for a human') : null,
        sentimentCounts(detail.sentiment),
        typing ? h('span.typing', { 'aria-live': 'polite' }, 'typing…') : null),
      h('div.head-actions', null,
        !mine && !resolved ? h('button.button.primary', { type: 'button', id: 'action-take', onclick: take, title: 'Take (a)' }, 'Take', h('kbd', null, 'a')) : null,
        !resolved ? transfer : null,
        !resolved ? h('button.button', { type: 'button', id: 'action-resolve', onclick: resolve, title: 'Resolve (e)' }, 'Resolve', h('kbd', null, 'e')) : null,
        resolved ? h('button.button', { type: 'button', id: 'action-reopen', onclick: reopen }, 'Reopen') : null));
  };
  on('detail', render);
  on('typing', (id) => id === state.detail?.id && render());
  return header;
}
