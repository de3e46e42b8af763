// The conversation list. Rows are kept by id and patched in place; a new message moves one
// row to the top instead of rebuilding the list, and pages load as the sentinel scrolls in.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { contactName, relativeTime, fullTime, channelLabel } from '../format.js';
import { openConversation, loadMoreConversations } from '../inbox.js';

const rows = new Map();

/** A channel badge: "TG" / "VB" with the messenger's colour. */
export function channelBadge(channel) {
  const kind = channel?.kind ?? 'unknown';
  const short = { telegram: 'TG', viber: 'VB' }[kind] ?? '?';
  return h(`span.badge.channel-${kind}`, { title: `${channelLabel(kind)}${channel?.name ? `: ${channel.name}` : ''}` }, short);
}

function preview(summary) {
  const last = summary.lastMessage;
  if (!last) return 'No messages yet';
  const text = last.text?.trim() || 'Attachment';
  if (last.direction === 'out') return `You: ${text}`;
  if (last.direction === 'note') return `Note: ${text}`;
  return text;
}

function renderRow(summary) {
  const time = summary.lastMessageAt ?? summary.openedAt;
  const row = h('a.row', {
    href: `#c${summary.id}`, role: 'option', id: `conversation-${summary.id}`,
    dataset: { id: summary.id }, 'aria-selected': String(state.selectedId === summary.id),
    class: [summary.awaitingReply && 'awaiting', summary.status === 'resolved' && 'resolved'].filter(Boolean).join(' '),
  },
  h('span.row-top', null,
    h('span.row-name', null, contactName(summary.contact)),
    summary.escalated && !summary.assignee ? h('span.badge.escalated', { title: 'Asked for a human: first in line' }, 'human') : null,
    channelBadge(summary.channel),
    h('time.row-time', { datetime: new Date(time).toISOString(), title: fullTime(time), dataset: { ms: time } }, relativeTime(time))),
  h('span.row-bottom', null,
    h('span.row-preview', null, preview(summary)),
    summary.assignee && summary.assignee.id !== state.me?.id ? h('span.row-assignee', { title: 'Assigned to' }, summary.assignee.displayName) : null,
    summary.awaitingReply ? h('span.unread-dot', { title: 'Awaiting reply', 'aria-label': 'awaiting reply' }) : null));
  return row;
}

/** Builds the list element and keeps it in sync with the state. */
export function renderConversationList() {
  const list = h('div.conversation-list', { role: 'listbox', 'aria-label': 'Conversations', id: 'conversation-list' });
  const sentinel = h('div.list-sentinel', { 'aria-hidden': 'true' });
  const empty = h('p.list-empty.muted', null, 'No conversations here.');
  const container = h('div.list-scroll', null, list, empty, sentinel);

  const rowFor = (id) => {
    const summary = state.list.byId.get(id);
    const row = renderRow(summary);
    rows.get(id)?.replaceWith(row);
    rows.set(id, row);
    return row;
  };
  const showEmpty = () => empty.classList.toggle('hidden', state.list.ids.length > 0 || state.list.loading);

  on('list', () => {
    rows.clear();
    replace(list);
    container.scrollTop = 0;
    showEmpty();
  });
  on('list:append', (ids) => {
    list.append(...ids.map(rowFor));
    showEmpty();
  });
  on('list:row', (id) => rows.has(id) && rowFor(id));
  on('list:move', (id) => {
    const row = rowFor(id);
    const index = state.list.ids.indexOf(id);
    const next = rows.get(state.list.ids[index + 1]);
    list.insertBefore(row, next && next !== row ? next : null);
    showEmpty();
  });
  on('list:remove', (id) => {
    rows.get(id)?.remove();
    rows.delete(id);
    showEmpty();
  });
  on('list:loading', (loading) => {
    container.classList.toggle('loading', loading);
    showEmpty();
    // The observer only reports changes: if a page did not fill the pane, ask for the next one.
    if (!loading && !state.list.failed && container.scrollHeight - container.scrollTop - container.clientHeight < 400) {
      setTimeout(loadMoreConversations, 0);
    }
  });
  on('select', (id) => {
    for (const [rowID, row] of rows) row.setAttribute('aria-selected', String(rowID === id));
    rows.get(id)?.scrollIntoView({ block: 'nearest' });
  });

  list.addEventListener('click', (event) => {
    const row = event.target.closest('a.row');
    if (!row || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    openConversation(Number(row.dataset.id));
  });

  // Load the next page a screen before the end, so scrolling rarely waits.
  new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) loadMoreConversations();
  }, { root: container, rootMargin: '400px' }).observe(sentinel);

  setInterval(() => {
    for (const time of list.querySelectorAll('time[data-ms]')) time.textContent = relativeTime(Number(time.dataset.ms));
  }, 60_000);

  return container;
}
