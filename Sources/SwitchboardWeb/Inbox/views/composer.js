// The composer: Enter sends, Shift+Enter breaks the line, "/" at the start opens canned
// replies, files come by button, drop or paste, and the Note switch makes a private note.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { send } from '../inbox.js';
import { byteSize } from '../format.js';
import { api } from '../api.js';
import { showError } from './toast.js';
import { icon } from '../icons.js';
import { cannedQuery, cannedKey, showCannedPicker } from './canned.js';
import { closePicker, pickerOpen } from './popover.js';
import { renderShareControl } from './share.js';

let input = null;

/** Focuses the composer; with `canned`, starts a "/" search when it is empty. */
export function focusComposer({ canned = false } = {}) {
  if (!input || input.disabled) return;
  input.focus();
  if (canned && input.value === '') {
    input.value = '/';
    input.dispatchEvent(new Event('input'));
  }
}

/** Puts text into the composer (e.g. "ask how to address"), after what is already there. */
export function insertIntoComposer(text) {
  if (!input || input.disabled) return;
  input.value = input.value.trim() ? `${input.value.trimEnd()}\n${text}` : text;
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  input.dispatchEvent(new Event('input'));
}

/**
 * Builds the composer.
 * @param {{onTyping: (conversationID: number) => void, dropZone: HTMLElement}} options
 */
export function renderComposer({ onTyping, dropZone }) {
  input = h('textarea.composer-input', {
    id: 'composer-input', rows: '2', 'aria-label': 'Reply', disabled: true,
    placeholder: 'Reply…  Enter sends · Shift+Enter new line · / canned replies',
  });
  const files = h('input', { type: 'file', multiple: true, class: 'hidden', id: 'composer-file', tabindex: '-1' });
  const chips = h('div.composer-attachments', { 'aria-live': 'polite' });
  const note = h('input', { type: 'checkbox', id: 'note-toggle' });
  const sendButton = h('button.button.primary', { type: 'submit', id: 'send-button', disabled: true }, 'Send');
  const attach = h('button.icon-button', { type: 'button', id: 'attach-button', title: 'Attach files (or drop them here)', 'aria-label': 'Attach files' }, icon('paperclip'));
  const share = renderShareControl();
  const limitsHint = h('span.composer-hint.muted', { id: 'composer-hint' });
  const form = h('form.composer', { id: 'composer' },
    chips, input, share.panel,
    h('div.composer-bar', null, attach, share.button, files,
      h('label.note-toggle', { for: 'note-toggle', title: 'Private note: only operators see it' }, note, 'Note'),
      limitsHint,
      sendButton));

  const drafts = new Map();
  let attachments = [];
  let sending = false;

  const uploading = () => attachments.some((item) => !item.id);
  const refreshState = () => {
    const hasContent = input.value.trim() !== '' || (!note.checked && attachments.length > 0);
    sendButton.disabled = state.selectedId === null || sending || uploading() || !hasContent;
    form.classList.toggle('note-mode', note.checked);
    attach.disabled = note.checked || state.selectedId === null;
    sendButton.textContent = note.checked ? 'Add note' : 'Send';
    input.placeholder = note.checked ? 'Private note for operators…' : 'Reply…  Enter sends · Shift+Enter new line · / canned replies';
  };
  const renderChips = () => {
    replace(chips, attachments.map((item, index) => h(`span.chip${item.id ? '' : '.uploading'}`, null,
      `${item.name} · ${item.id ? byteSize(item.byteCount) : 'uploading…'}`,
      h('button.chip-remove', { type: 'button', dataset: { index }, 'aria-label': `Remove ${item.name}` }, '×'))));
    refreshState();
  };
  chips.addEventListener('click', (event) => {
    const remove = event.target.closest('button.chip-remove');
    if (!remove) return;
    attachments.splice(Number(remove.dataset.index), 1);
    renderChips();
  });

  const addFiles = async (fileList) => {
    if (note.checked || state.selectedId === null) return;
    const added = [...fileList].map((file) => ({ name: file.name, file, id: null }));
    attachments.push(...added);
    renderChips();
    const conversationID = state.selectedId;
    await Promise.all(added.map(async (item) => {
      try {
        const upload = await api.upload(item.file, conversationID);
        Object.assign(item, { id: upload.id, byteCount: upload.byteCount });
      } catch (error) {
        attachments = attachments.filter((other) => other !== item);
        showError(`${item.name} was not uploaded`, error);
      }
    }));
    renderChips();
  };
  attach.addEventListener('click', () => files.click());
  files.addEventListener('change', () => { addFiles(files.files); files.value = ''; });
  dropZone.addEventListener('dragover', (event) => {
    if (![...event.dataTransfer.types].includes('Files') || input.disabled) return;
    event.preventDefault();
    dropZone.classList.add('dropping');
  });
  dropZone.addEventListener('dragleave', (event) => {
    if (!dropZone.contains(event.relatedTarget)) dropZone.classList.remove('dropping');
  });
  dropZone.addEventListener('drop', (event) => {
    dropZone.classList.remove('dropping');
    if (!event.dataTransfer.files.length || input.disabled) return;
    event.preventDefault();
    addFiles(event.dataTransfer.files);
  });
  input.addEventListener('paste', (event) => {
    if (event.clipboardData.files.length) {
      event.preventDefault();
      addFiles(event.clipboardData.files);
    }
  });

  const submit = async () => {
    if (sendButton.disabled) return;
    const conversationID = state.selectedId;
    const text = input.value.trim();
    sending = true;
    refreshState();
    const ok = await send({ text, attachments: note.checked ? [] : attachments, note: note.checked });
    sending = false;
    if (ok && state.selectedId === conversationID) {
      input.value = '';
      attachments = [];
      note.checked = false;
      drafts.delete(conversationID);
      renderChips();
    }
    refreshState();
    input.focus();
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(); });

  input.addEventListener('keydown', (event) => {
    if (pickerOpen() && cannedQuery(input.value) !== null) {
      if (event.key === 'Escape') { closePicker(); event.preventDefault(); event.stopPropagation(); return; }
      if (cannedKey(event)) return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      input.blur();
    }
  });
  input.addEventListener('input', () => {
    const query = cannedQuery(input.value);
    if (query !== null) showCannedPicker(input, query);
    else closePicker();
    if (!note.checked && input.value.trim() && state.selectedId !== null) onTyping(state.selectedId);
    refreshState();
  });
  note.addEventListener('change', () => { renderChips(); input.focus(); });

  // What the open conversation's messenger takes, shown before anything is attached.
  const limits = api.mediaLimits().catch(() => null);
  const showLimits = async () => {
    const messenger = replyMessenger(state.detail);
    const summary = (await limits)?.messengers?.find((item) => item.kind === messenger)?.summary ?? '';
    if (replyMessenger(state.detail) !== messenger) return;
    limitsHint.textContent = summary;
    attach.title = summary ? `Attach files (or drop them here). ${summary}` : 'Attach files (or drop them here)';
  };
  on('detail', showLimits);

  on('select', (id) => {
    for (const [key, value] of drafts) if (!value) drafts.delete(key);
    closePicker();
    input.disabled = false;
    input.value = drafts.get(id) ?? '';
    attachments = [];
    note.checked = false;
    renderChips();
  });
  input.addEventListener('input', () => { if (state.selectedId !== null) drafts.set(state.selectedId, input.value); });
  return form;
}

/** The messenger a reply goes to: the identity picked to answer through, else the conversation's own. */
function replyMessenger(detail) {
  if (!detail) return null;
  const chosen = state.replyIdentityID ?? detail.replyIdentityID;
  const identity = (detail.identities ?? []).find((item) => item.id === chosen);
  return identity?.channel?.kind ?? detail.channel?.kind ?? null;
}
