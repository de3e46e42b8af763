// The right pane: who the client is and how to address them, their messenger identities,
// the deep-link context, the client's feedback, the operators' notes and earlier conversations.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { addressQuestion, channelLabel, relativeTime, fullTime, guessLanguage } from '../format.js';
import { updateContact, openConversation } from '../inbox.js';
import { channelBadge } from './list.js';
import { renderContinuity } from './continuity.js';
import { renderBan } from './ban.js';
import { api } from '../api.js';
import { showError } from './toast.js';
import { renderReviewPanel } from './reviews.js';

function section(title, ...children) {
  return h('section.panel-section', null, h('h2.panel-title', null, title), ...children);
}

/** Saves an input's value when it changed; Enter saves single-line inputs, Esc reverts. */
function editable(element, { read, save, status }) {
  const commit = async () => {
    const value = element.value.trim();
    if (value === (read() ?? '')) return;
    status.textContent = 'Saving…';
    status.textContent = (await save(value)) ? 'Saved' : 'Not saved';
    setTimeout(() => { status.textContent = ''; }, 2000);
  };
  element.addEventListener('blur', commit);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && element.tagName === 'INPUT') { event.preventDefault(); element.blur(); }
    if (event.key === 'Escape') { element.value = read() ?? ''; element.blur(); }
  });
}

/** The deep-link context: its data when pinned, a visible warning when the key was unknown, used or expired. */
function contextView(detail) {
  const pinned = detail.context;
  if (!pinned && !detail.contextKey) return h('span.muted', null, 'No deep-link context');
  if (!pinned || pinned.status !== 'pinned') {
    const why = pinned?.status === 'expired' ? 'expired' : 'missing';
    return h('p.context-missing', { id: 'context-missing', role: 'note' },
      `The client came through a deep link, but its context is ${why === 'expired' ? 'expired' : 'missing or expired'}.`);
  }
  const data = pinned.data && typeof pinned.data === 'object' ? pinned.data : {};
  return h('dl.context-data', { id: 'context-data' }, ...Object.entries(data).flatMap(([name, value]) => [
    h('dt', null, name),
    h('dd', null, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)),
  ]));
}

/** The client's answers to the feedback questions asked in the messenger after resolving. */
function describeFeedback(feedback) {
  if (!feedback) return h('span.muted', null, 'Not asked');
  const waiting = { asked_resolved: 'Asked, no answer yet', asked_score: 'Waiting for a score', asked_comment: 'Waiting for a comment' };
  const parts = [];
  if (feedback.resolved !== undefined && feedback.resolved !== null) parts.push(feedback.resolved ? 'Resolved: yes' : 'Resolved: no');
  if (feedback.score) parts.push(`Score: ${feedback.score} / 5`);
  const lines = [h('p', { id: 'feedback-summary' }, parts.join(' · ') || (feedback.stage === 'skipped' ? 'Skipped by the client' : waiting[feedback.stage] ?? ''))];
  if (feedback.comment) lines.push(h('blockquote.feedback-comment', { id: 'feedback-comment' }, feedback.comment));
  if (feedback.stage === 'skipped' && parts.length > 0) lines.push(h('p.muted', null, 'The client stopped answering'));
  else if (waiting[feedback.stage] && parts.length > 0) lines.push(h('p.muted', null, waiting[feedback.stage]));
  return h('div', null, ...lines);
}

/** Builds the client panel and keeps it in sync with the open conversation. */
export function renderClientPanel() {
  const panel = h('aside.client-panel', { 'aria-label': 'Client', id: 'client-panel' });
  const title = h('h2.client-name', { id: 'client-name' });
  const subtitle = h('p.muted.client-sub');
  const status = h('span.save-status.muted', { 'aria-live': 'polite' });
  const preferred = h('input.inline-edit', { id: 'preferred-name', placeholder: 'Not asked yet', 'aria-label': 'Preferred name', autocomplete: 'off' });
  const notes = h('textarea.inline-edit', { id: 'contact-notes', rows: '4', placeholder: 'Notes about this client, for operators', 'aria-label': 'Notes' });
  const ask = h('button.button.small', { type: 'button', id: 'ask-address', title: 'Ask the client; their next message becomes the answer' }, 'Ask how to address');
  const continuity = renderContinuity();
  const identities = h('ul.identities', { id: 'identities' });
  const context = h('div.context-box', { id: 'context-key' });
  const previous = h('ul.previous', { id: 'previous-conversations' });
  const feedback = h('div.feedback-box', { id: 'feedback' });
  const body = h('div.panel-body', null,
    h('header.panel-head', null, title, subtitle),
    section('How to address', h('div.address-row', null, preferred, status), ask),
    section('Messengers', identities, continuity.linking),
    section('Labels', continuity.labels),
    section('Context', context),
    section('Feedback', feedback),
    renderReviewPanel(),
    section('Notes', notes),
    section('Ban', renderBan()),
    section('Previous conversations', previous));

  editable(preferred, { read: () => state.detail?.contact?.preferredName, save: (value) => updateContact({ preferredName: value || null }), status });
  editable(notes, { read: () => state.detail?.contact?.notes, save: (value) => updateContact({ notes: value }), status });
  ask.addEventListener('click', async () => {
    const fromClient = state.timeline.messages.filter((message) => message.direction === 'in').slice(-5).map((message) => message.text ?? '');
    const language = state.detail?.contact?.language ?? state.detail?.identities?.find((identity) => identity.language)?.language
      ?? guessLanguage(fromClient);
    try {
      await api.askAddress(state.selectedId, addressQuestion(language));
      status.textContent = 'Asked: the answer will fill this field';
    } catch (error) {
      showError('The question was not sent', error);
    }
  });
  previous.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-id]');
    if (!link) return;
    event.preventDefault();
    openConversation(Number(link.dataset.id));
  });

  const setValue = (element, value) => { if (document.activeElement !== element) element.value = value ?? ''; };
  const render = () => {
    const detail = state.detail;
    if (!detail) return replace(panel, h('p.panel-empty.muted', null, 'Pick a conversation to see the client.'));
    if (!body.isConnected) replace(panel, body);
    const contact = detail.contact ?? {};
    title.textContent = contact.preferredName || contact.displayName || 'Unknown client';
    subtitle.textContent = [contact.preferredName ? contact.displayName : null, contact.phone, contact.language].filter(Boolean).join(' · ');
    setValue(preferred, contact.preferredName);
    preferred.placeholder = contact.displayName ? `${contact.displayName} (profile name)` : 'Not asked yet';
    setValue(notes, contact.notes);
    replace(identities, detail.identities === undefined || detail.identities === null
      ? h('li.muted', null, 'Loading…')
      : detail.identities.map((identity) => h('li.identity', null,
        channelBadge(identity.channel),
        h('span.identity-name', null, identity.username ? `@${identity.username}` : identity.profileName ?? identity.externalID),
        h('span.muted', null, identity.channel?.name ?? channelLabel(identity.channel?.kind)),
        h(`span.reachable.${identity.isReachable ? 'yes' : 'no'}`, { title: identity.isReachable ? 'Messages reach this client' : 'The client blocked the bot or left' },
          identity.isReachable ? 'reachable' : 'unreachable'))));
    replace(context, contextView(detail));
    replace(feedback, describeFeedback(detail.feedback));
    const earlier = detail.previousConversations ?? [];
    replace(previous, earlier.length === 0 ? h('li.muted', null, 'None') : earlier.map((conversation) => h('li', null,
      h('a.previous-link', { href: `#c${conversation.id}`, dataset: { id: conversation.id }, title: fullTime(conversation.openedAt) },
        channelBadge(conversation.channel),
        h('span.previous-text', null, conversation.lastMessage?.text || 'No messages'),
        h('span.muted', null, `${conversation.status} · ${relativeTime(conversation.lastMessageAt ?? conversation.openedAt)}`)))));
  };
  on('detail', render);
  render();
  return panel;
}
