// What the operator does: pick a queue, open a conversation, page lists, act on a
// conversation. Talks to the API and updates the state; views only call these.

import { api } from './api.js';
import {
  state, emit, resetList, appendPage, upsertSummary, resetTimeline, prependOlder, upsertMessage,
} from './state.js';
import { showError } from './views/toast.js';

let queuesTimer = null;
let queuesInFlight = false;

/** Refreshes the queue counters soon; bursts of events cost one request. */
export function refreshQueues(delay = 300) {
  if (queuesTimer) return;
  queuesTimer = setTimeout(async () => {
    queuesTimer = null;
    if (queuesInFlight) return refreshQueues(delay);
    queuesInFlight = true;
    try {
      state.queues = await api.queues();
      emit('queues');
    } catch (error) {
      if (error.status !== 401) console.warn('switchboard: queues', error);
    } finally {
      queuesInFlight = false;
    }
  }, delay);
}

/** Shows another queue, starting from its first page. */
export async function selectFilter(filter) {
  resetList(filter);
  await loadMoreConversations();
}

/** Loads the next page of the list, if there is one and none is loading. */
export async function loadMoreConversations() {
  const list = state.list;
  if (list.loading || list.complete) return;
  list.loading = true;
  list.failed = false;
  const generation = list.generation;
  emit('list:loading', true);
  try {
    const page = await api.conversations({ filter: state.filter, cursor: list.nextCursor, label: state.label });
    // The operator may have switched queues while this page was on its way.
    if (generation !== state.list.generation) return;
    appendPage(page.items, page.nextCursor);
  } catch (error) {
    list.failed = true;
    showError('Could not load conversations', error);
  } finally {
    if (generation === state.list.generation) {
      state.list.loading = false;
      emit('list:loading', false);
    }
  }
}

/** Opens a conversation: its details, the client's panel and the newest page of history. */
export async function openConversation(id) {
  if (id === null || id === undefined) return;
  state.selectedId = id;
  state.detail = state.list.byId.get(id) ? { ...state.list.byId.get(id), identities: null } : null;
  if (location.hash !== `#c${id}`) history.replaceState(null, '', `#c${id}`);
  emit('select', id);
  emit('detail');
  resetTimeline();
  try {
    const detail = await api.conversation(id);
    if (state.selectedId !== id) return;
    state.detail = detail;
    state.replyIdentityID = null;
    emit('detail');
    await loadOlderMessages();
  } catch (error) {
    if (state.selectedId === id) showError('Could not open the conversation', error);
  }
}

/** Loads the next older page of the client's history. */
export async function loadOlderMessages() {
  const id = state.selectedId;
  const timeline = state.timeline;
  if (id === null || timeline.loading || timeline.complete) return;
  timeline.loading = true;
  try {
    const page = await api.messages(id, timeline.nextCursor);
    if (state.selectedId !== id || state.timeline !== timeline) return;
    prependOlder(page.items, page.nextCursor);
  } catch (error) {
    showError('Could not load messages', error);
  } finally {
    timeline.loading = false;
  }
}

/** Moves the selection up or down the list (j/k, arrows). */
export function moveSelection(step) {
  const ids = state.list.ids;
  if (ids.length === 0) return;
  const index = ids.indexOf(state.selectedId);
  const next = index < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, index + step));
  if (ids[next] !== state.selectedId) openConversation(ids[next]);
}

async function act(label, call) {
  const id = state.selectedId;
  if (id === null) return;
  try {
    upsertSummary(await call(id));
    refreshQueues();
  } catch (error) {
    showError(error.code === 'refused' ? `${label}: not possible in this state` : label, error);
  }
}

/** Assigns the open conversation to me. */
export const take = () => act('Take', api.take);
/** Resolves the open conversation. */
export const resolve = () => act('Resolve', api.resolve);
/** Reopens the open conversation. */
export const reopen = () => act('Reopen', api.reopen);
/** Transfers the open conversation to another operator. */
export const transfer = (operatorID) => act('Transfer', (id) => api.assign(id, operatorID));
/** Sends the open conversation to a department's queue (204 when the sender may no longer see it). */
export const transferToDepartment = (departmentID, note) => act('Transfer', async (id) =>
  (await api.transferToDepartment(id, departmentID, note)) ?? { ...state.detail, assignee: null, departmentID });

/**
 * Sends the composer's content: a reply (with uploaded attachments) or a private note.
 * @returns {Promise<boolean>} whether it was accepted, so the composer knows to clear
 */
export async function send({ text, attachments = [], note = false }) {
  const id = state.selectedId;
  if (id === null) return false;
  try {
    const message = note
      ? await api.addNote(id, text)
      : await api.sendMessage(id, text, attachments.map((a) => a.id), state.replyIdentityID);
    if (state.selectedId === id) upsertMessage(message);
    return true;
  } catch (error) {
    showError(note ? 'The note was not saved' : 'The reply was not sent', error);
    return false;
  }
}

/**
 * Sends a location or a contact card (`{ location }` or `{ contact }`) as a reply of its own.
 * @returns {Promise<boolean>} whether it was accepted
 */
export async function shareItem(item) {
  const id = state.selectedId;
  if (id === null) return false;
  try {
    const message = await api.sendMessage(id, '', [], state.replyIdentityID, item);
    if (state.selectedId === id) upsertMessage(message);
    return true;
  } catch (error) {
    showError(item.location ? 'The location was not sent' : 'The contact was not sent', error);
    return false;
  }
}

/** Saves contact fields (preferred name, notes) and spreads the new name to the list. */
export async function updateContact(fields) {
  const contactID = state.detail?.contact?.id;
  if (!contactID) return false;
  try {
    const contact = await api.updateContact(contactID, fields);
    // Apply only the fields this call changed: two saves in flight may answer out of order,
    // and the stream's contact.updated events carry the rest.
    const changed = { id: contact.id };
    for (const key of Object.keys(fields)) changed[key] = contact[key] ?? null;
    applyContact(changed);
    return true;
  } catch (error) {
    showError('The client was not updated', error);
    return false;
  }
}

/** Applies a changed contact everywhere it is shown. */
export function applyContact(contact) {
  const names = {};
  if ('displayName' in contact) names.displayName = contact.displayName;
  if ('preferredName' in contact) names.preferredName = contact.preferredName;
  for (const summary of state.list.byId.values()) {
    if (summary.contact?.id === contact.id) {
      summary.contact = { ...summary.contact, ...names };
      emit('list:row', summary.id);
    }
  }
  if (state.detail?.contact?.id === contact.id) {
    state.detail = { ...state.detail, contact: { ...state.detail.contact, ...contact } };
    emit('detail');
  }
}

/** Reloads the open conversation's details (after a merge, an undo or new labels). */
export async function refreshDetail() {
  const id = state.selectedId;
  if (id === null) return;
  try {
    const detail = await api.conversation(id);
    if (state.selectedId !== id) return;
    state.detail = detail;
    emit('detail');
    resetTimeline();
    await loadOlderMessages();
  } catch (error) {
    showError('Could not refresh the conversation', error);
  }
}
