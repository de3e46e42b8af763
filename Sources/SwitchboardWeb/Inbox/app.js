// Entry point: sign in (or resume the session), then build the three panes and go live.

import { api, setCsrfToken, setUnauthenticatedHandler } from './api.js';
import { h, replace } from './dom.js';
import { state, emit, on } from './state.js';
import { Stream } from './stream.js';
import { applyEvent, applyTyping } from './events.js';
import { selectFilter, refreshQueues, openConversation } from './inbox.js';
import { installShortcuts } from './keyboard.js';
import { watchTitle } from './notify.js';
import { renderLogin } from './views/login.js';
import { renderSidebar } from './views/sidebar.js';
import { renderHeader } from './views/header.js';
import { renderTimeline } from './views/timeline.js';
import { renderComposer } from './views/composer.js';
import { renderClientPanel } from './views/client.js';
import { loadOperators } from './views/transfer.js';
import { loadCannedReplies } from './views/canned.js';
import { renderReportsPage, canSeeReports } from './views/reports.js';
import { applyTheme } from './views/theme.js';

const root = document.getElementById('app');
let stream = null;

async function boot() {
  applyTheme();
  // A session that ends while the inbox is open (expired, signed out elsewhere) starts over.
  setUnauthenticatedHandler(() => location.reload());
  try {
    startInbox(await api.currentSession());
  } catch (error) {
    if (error.status === 401) return renderLogin(root, startInbox);
    replace(root, h('div.login-screen', null, h('div.login-card', null,
      h('p.form-error', null, `Switchboard is not reachable: ${error.message}`),
      h('button.button.primary', { type: 'button', onclick: () => location.reload() }, 'Try again'))));
  } finally {
    root.removeAttribute('aria-busy');
  }
}

function conversationFromHash() {
  const match = /^#c(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

async function startInbox(session) {
  setCsrfToken(session.csrfToken);
  state.me = session.operator;
  root.classList.add('signed-in');

  const conversation = h('section.conversation', { id: 'conversation', 'aria-label': 'Conversation' });
  stream = new Stream({
    onEvent: applyEvent,
    onTyping: applyTyping,
    onStatus: (status) => { state.streamStatus = status; emit('stream'); },
    onReset: reloadLists,
    onSignedOut: () => location.reload(),
  });
  replace(conversation,
    h('div.conversation-empty', null,
      h('p', null, 'Pick a conversation'),
      h('p.muted', null, 'j / k move · a take · e resolve · / canned replies · Ctrl+K search · Esc close')),
    renderHeader(), renderTimeline(), renderComposer({ onTyping: (id) => stream.sendTyping(id), dropZone: conversation }));
  on('select', () => conversation.classList.add('has-selection'));
  const inbox = h('div.inbox', null, renderSidebar({ onSignOut: signOut }), conversation, renderClientPanel());
  const reports = renderReportsPage();
  replace(root, inbox, reports.element);
  // `#reports…` shows the reports page instead of the inbox (a reload stays there); any other hash is the inbox.
  const route = () => {
    const onReports = location.hash.startsWith('#reports') && canSeeReports();
    inbox.hidden = onReports;
    if (onReports) reports.show(location.hash);
    else reports.element.hidden = true;
  };
  addEventListener('hashchange', route);
  route();
  installShortcuts();
  watchTitle();

  // Wait (briefly) for the stream's hello before loading lists: everything committed after
  // the hello arrives as events, so nothing falls between the REST answer and the stream.
  const live = new Promise((resolve) => on('stream', () => state.streamStatus === 'live' && resolve()));
  stream.start();
  await Promise.race([live, new Promise((resolve) => setTimeout(resolve, 800))]);

  loadOperators().catch((error) => console.warn('switchboard: operators', error));
  loadCannedReplies().catch((error) => console.warn('switchboard: canned replies', error));
  refreshQueues(0);
  await selectFilter('all');
  const fromHash = conversationFromHash();
  if (fromHash !== null) openConversation(fromHash);
  addEventListener('hashchange', () => {
    const id = conversationFromHash();
    if (id !== null && id !== state.selectedId) openConversation(id);
  });
}

/** Loads the queues, the list and the open conversation again (after a stream reset). */
function reloadLists() {
  refreshQueues(0);
  selectFilter(state.filter).catch((error) => console.warn('switchboard: list', error));
  openConversation(state.selectedId);
}

async function signOut() {
  stream?.stop();
  try {
    await api.signOut();
  } finally {
    history.replaceState(null, '', location.pathname);
    location.reload();
  }
}

boot();
