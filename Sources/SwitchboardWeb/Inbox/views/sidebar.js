// The left pane: who is signed in, the queues with their counters, and the conversation list.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { selectFilter } from '../inbox.js';
import { notificationsEnabled, toggleNotifications } from '../notify.js';
import { renderConversationList } from './list.js';
import { icon } from '../icons.js';
import { renderPresenceControl } from './presence.js';
import { openChannels } from './channels.js';
import { openSettings } from './settings.js';
import { canSeeReports } from './reports.js';
import { openMyReviews } from './reviews.js';
import { themeToggle } from './theme.js';
import { openSearch } from './search.js';
import { linkTelegram } from './telegram-link.js';

const queues = [
  { filter: 'mine', label: 'Mine', key: 'mine' },
  { filter: 'unassigned', label: 'Unassigned', key: 'unassigned' },
  { filter: 'all', label: 'All open', key: 'all' },
  { filter: 'resolved', label: 'Resolved', key: 'resolved' },
  { filter: 'banned', label: 'Banned', key: 'banned' },
];

/**
 * Builds the sidebar.
 * @param {{onSignOut: () => void}} actions
 */
export function renderSidebar({ onSignOut }) {
  const status = h('span.stream-status', { title: 'Connecting…', 'aria-label': 'Live updates: connecting' });
  const bell = h('button.icon-button', { type: 'button', id: 'notify-toggle' });
  const showBell = () => {
    const enabled = notificationsEnabled();
    bell.replaceChildren(icon(enabled ? 'bell' : 'bellOff'));
    bell.title = enabled ? 'Notifications on: click to mute' : 'Notify me about new conversations';
    bell.setAttribute('aria-pressed', String(enabled));
    bell.setAttribute('aria-label', bell.title);
  };
  bell.addEventListener('click', async () => {
    await toggleNotifications();
    showBell();
  });
  showBell();

  const head = h('header.sidebar-head', null,
    h('div.brand', null, h('span.brand-mark', { 'aria-hidden': 'true' }), 'Switchboard', status),
    h('div.me', null,
      h('span.me-name', { id: 'me-name' }, state.me.displayName),
      h('span.me-role', null, state.me.role),
      renderPresenceControl(),
      bell,
      h('button.icon-button', { type: 'button', id: 'sign-out', title: 'Sign out', 'aria-label': 'Sign out', onclick: onSignOut }, icon('signOut'))),
    state.me.role === 'admin'
      ? h('div.admin-links', null,
        h('button.link-button', { type: 'button', id: 'open-channels', title: 'Connect and manage bots', onclick: () => openChannels() }, 'Channels'),
        h('button.link-button', { type: 'button', id: 'open-settings', title: 'Operators, departments, automation, audit log', onclick: () => openSettings() }, 'Settings'))
      : null,
    h('div.admin-links', null,
      canSeeReports() ? h('a.link-button', { href: '#reports', id: 'open-reports', title: 'Figures, load, staff, departments, feedback and reviews' }, 'Reports') : null,
      h('button.link-button', { type: 'button', id: 'open-my-reviews', title: 'Reviews of conversations you handled', onclick: () => openMyReviews() }, 'My reviews'),
      h('button.link-button', { type: 'button', id: 'link-telegram', title: 'Answer clients from the Telegram staff group', onclick: () => linkTelegram() }, 'Link Telegram'),
      themeToggle('sidebar-theme-toggle')));

  const nav = h('nav.queues', { 'aria-label': 'Queues' });
  nav.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-filter]');
    if (button && button.dataset.filter !== state.filter) selectFilter(button.dataset.filter);
  });
  const renderQueues = () => replace(nav, queues.map(({ filter, label, key }) => {
    const counts = state.queues[key];
    const awaiting = counts?.awaitingReply ?? 0;
    return h('button.queue', {
      type: 'button', dataset: { filter }, 'aria-current': state.filter === filter ? 'true' : null,
      title: counts ? `${counts.total} conversations, ${awaiting} awaiting a reply` : label,
    },
    h('span.queue-label', null, label),
    counts ? h('span.queue-total', null, String(counts.total)) : null,
    awaiting > 0 && filter !== 'resolved' && filter !== 'banned' ? h('span.count', { dataset: { queueCount: key } }, String(awaiting)) : null);
  }));
  on('queues', renderQueues);
  on('list', renderQueues);
  renderQueues();

  on('stream', () => {
    status.className = `stream-status ${state.streamStatus}`;
    const label = { live: 'Live', connecting: 'Connecting…', offline: 'Offline: reconnecting…' }[state.streamStatus];
    status.title = label;
    status.setAttribute('aria-label', `Live updates: ${label}`);
  });

  const labelFilter = h('input.label-filter', { type: 'search', id: 'label-filter', placeholder: 'Filter by label', 'aria-label': 'Filter by label' });
  labelFilter.addEventListener('change', () => {
    state.label = labelFilter.value.trim();
    selectFilter(state.filter);
  });

  const search = h('button.search-open', { type: 'button', id: 'search-open', title: 'Search messages, notes and clients (Ctrl+K)', onclick: openSearch },
    icon('search'), h('span', null, 'Search'), h('kbd', null, 'Ctrl K'));

  return h('aside.sidebar', { 'aria-label': 'Conversations' }, head, search, nav, labelFilter, renderConversationList());
}
