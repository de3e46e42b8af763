// Edits and deletions of sent replies, and the earlier texts of edited messages.
// Telegram replies of the operator (or any reply, for supervisors and admins) can be edited and
// deleted for 48 hours; a reply of several messages only deleted. Viber bots cannot do either, so a
// Viber reply offers a correction: its text goes into the composer to fix and send as a new reply.
// The server decides; these controls only hide what it would refuse anyway.

import { h, replace } from '../dom.js';
import { state, upsertMessage } from '../state.js';
import { api } from '../api.js';
import { fullTime } from '../format.js';
import { insertIntoComposer } from './composer.js';
import { showError, showToast } from './toast.js';

const WINDOW_MS = 48 * 3600 * 1000;
const SENT = new Set(['sent', 'delivered', 'seen']);

/** Whether the signed-in operator may revise this reply at all (author, or a supervisor or admin). */
function mine(message) {
  if (message.direction !== 'out' || message.author?.kind !== 'operator' || message.deletedAt) return false;
  if (!SENT.has(message.deliveryState)) return false;
  return message.author.operatorId === state.me?.id || (state.me?.role && state.me.role !== 'operator');
}

// The messenger's ids of the parts, once loaded (a live "sent" tick does not carry them): a reply of
// several messages cannot be edited, and the server says so if the inbox does not know yet.
const parts = (message) => (message.externalID ?? '').split(',').filter(Boolean).length;

/** The buttons under a reply the operator may revise; none for others. */
export function revisionActions(message, bubble) {
  if (!mine(message)) return null;
  if (message.channel?.kind === 'viber') {
    return h('div.message-actions', null,
      h('button.link-button', {
        type: 'button',
        title: 'Viber does not let bots edit or delete sent messages: send a corrected reply instead',
        onclick: () => {
          insertIntoComposer(message.text ?? '');
          showToast('Viber cannot edit sent messages: fix the text and send it as a new reply.');
        },
      }, 'Correct'));
  }
  if (Date.now() - message.createdAt >= WINDOW_MS) return null;
  const single = parts(message) <= 1;
  return h('div.message-actions', null,
    single ? h('button.link-button', { type: 'button', dataset: { action: 'edit' }, onclick: () => openEditor(message, bubble) }, 'Edit') : null,
    h('button.link-button', {
      type: 'button',
      dataset: { action: 'delete' },
      title: single ? 'Delete it from the client\'s chat' : 'This reply went out as several messages: all of them are deleted',
      onclick: () => remove(message),
    }, 'Delete'));
}

async function remove(message) {
  if (!window.confirm('Delete this reply from the client\'s chat? The desk keeps it, marked deleted.')) return;
  try {
    upsertMessage(await api.deleteMessage(message.conversationID, message.id));
  } catch (error) {
    showError('Could not delete the reply', error);
  }
}

/** Swaps the reply's text for an editor: Enter saves, Shift+Enter breaks the line, Escape cancels. */
function openEditor(message, bubble) {
  const text = bubble.querySelector('.message-text');
  const input = h('textarea.revision-input', { 'aria-label': 'Edit the reply', rows: '3' });
  input.value = message.text ?? '';
  const close = () => editor.replaceWith(text ?? h('span'));
  const save = async () => {
    if (input.value === message.text) return close();
    input.disabled = true;
    try {
      upsertMessage(await api.editMessage(message.conversationID, message.id, input.value));
    } catch (error) {
      input.disabled = false;
      showError('Could not edit the reply', error);
    }
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      save();
    }
  });
  const editor = h('div.revision-editor', null, input,
    h('div.message-actions', null,
      h('button.button.small', { type: 'button', onclick: save }, 'Save'),
      h('button.button.small', { type: 'button', onclick: close }, 'Cancel')));
  if (text) text.replaceWith(editor);
  else bubble.prepend(editor);
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

/** "edited", a button that shows the earlier texts under the message. */
export function editedMark(message) {
  if (!message.editedAt) return null;
  const history = h('ol.edit-history', { hidden: true, 'aria-label': 'Earlier texts' });
  const button = h('button.link-button.edited-mark', {
    type: 'button',
    'aria-expanded': 'false',
    title: `Edited ${fullTime(message.editedAt)}: show the earlier text`,
    onclick: async () => {
      const open = button.getAttribute('aria-expanded') === 'true';
      button.setAttribute('aria-expanded', String(!open));
      history.hidden = open;
      if (open) return;
      try {
        const { edits } = await api.messageEdits(message.conversationID, message.id);
        replace(history, edits.map((edit) => h('li', { title: fullTime(edit.editedAt) },
          h('span.muted', null, `${fullTime(edit.editedAt)} · before: `), edit.previousText)));
      } catch (error) {
        showError('Could not load the earlier text', error);
      }
    },
  }, 'edited');
  return { button, history };
}

/** A deleted reply's mark, and the state of the latest revision when it has not reached the messenger. */
export function revisionMark(message) {
  const revision = message.revision;
  const name = revision?.kind === 'delete' ? 'Deletion' : 'Edit';
  if (revision?.state === 'failed') {
    const reason = revision.reason || 'unknown reason';
    return h('span.delivery-failed.revision-failed', { title: `${name} not applied in the messenger: ${reason}` }, `⚠ ${name} failed: ${reason}`);
  }
  if (revision?.state === 'queued') return h('span.muted.revision-queued', { title: `${name} on its way to the messenger` }, '…');
  return null;
}
