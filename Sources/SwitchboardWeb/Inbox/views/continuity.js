// The client panel's continuity sections: labels, linking messengers (code, phone, merge and
// undo) and the messenger a reply goes through. Everything here acts through the API.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { api } from '../api.js';
import { contactName } from '../format.js';
import { refreshDetail } from '../inbox.js';
import { showError } from './toast.js';

const parseLabels = (text) => text.split(',').map((label) => label.trim()).filter(Boolean);

/** An input of comma-separated labels that saves on Enter or blur. */
function labelsInput(id, label, read, save) {
  const input = h('input.inline-edit', { id, placeholder: 'vip, refund, …', 'aria-label': label, autocomplete: 'off' });
  const commit = async () => {
    const labels = parseLabels(input.value);
    if (labels.join(',') === (read() ?? []).join(',')) return;
    try {
      await save(labels);
      await refreshDetail();
    } catch (error) {
      showError('The labels were not saved', error);
    }
  };
  input.addEventListener('blur', commit);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); input.blur(); }
  });
  return input;
}

/** Runs an action on the open conversation and reports failures. */
async function act(label, call) {
  try {
    await call();
    await refreshDetail();
  } catch (error) {
    showError(label, error);
  }
}

/** Builds the sections; returns them for the client panel to place. */
export function renderContinuity() {
  const contactLabels = labelsInput('contact-labels', 'Client labels', () => state.detail?.contactLabels,
    (labels) => api.setContactLabels(state.detail.contact.id, labels));
  const conversationLabels = labelsInput('conversation-labels', 'Conversation labels', () => state.detail?.labels,
    (labels) => api.setConversationLabels(state.selectedId, labels));
  const replyVia = h('select.inline-edit', { id: 'reply-via', 'aria-label': 'Reply through' });
  replyVia.addEventListener('change', () => { state.replyIdentityID = Number(replyVia.value) || null; });
  const linkCode = h('button.button.small', { type: 'button', id: 'send-link-code', title: 'Send the client a one-time code to type in their other messenger' }, 'Send link code');
  const askPhone = h('button.button.small', { type: 'button', id: 'request-phone', title: 'Ask the client to share their phone number with one tap' }, 'Ask for phone');
  linkCode.addEventListener('click', () => act('The code was not sent', () => api.sendLinkCode(state.selectedId)));
  askPhone.addEventListener('click', () => act('The request was not sent', () => api.requestPhone(state.selectedId)));
  const mergeInput = h('input.inline-edit', { id: 'merge-contact-id', placeholder: 'Client id', inputmode: 'numeric', 'aria-label': 'Client id to merge' });
  const mergeButton = h('button.button.small', { type: 'button', id: 'merge-button' }, 'Merge into this client');
  mergeButton.addEventListener('click', () => {
    const other = Number(mergeInput.value);
    if (!other) return;
    act('The clients were not merged', () => api.mergeContacts(state.detail.contact.id, other)).then(() => { mergeInput.value = ''; });
  });
  const mergeRow = h('div.merge-row', null, mergeInput, mergeButton);
  const matches = h('ul.phone-matches', { id: 'phone-matches' });
  const merges = h('ul.merges', { id: 'merges' });
  matches.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-contact]');
    if (button) act('The clients were not linked', () => api.mergeContacts(state.detail.contact.id, Number(button.dataset.contact)));
  });
  merges.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-merge]');
    if (button) act('The merge was not undone', () => api.undoMerge(Number(button.dataset.merge)));
  });

  const render = () => {
    const detail = state.detail;
    if (!detail) return;
    if (document.activeElement !== contactLabels) contactLabels.value = (detail.contactLabels ?? []).join(', ');
    if (document.activeElement !== conversationLabels) conversationLabels.value = (detail.labels ?? []).join(', ');
    const identities = detail.identities ?? [];
    const chosen = state.replyIdentityID ?? detail.replyIdentityID;
    replace(replyVia, identities.map((identity) => h('option', { value: String(identity.id), selected: identity.id === chosen ? true : null },
      `${identity.channel?.kind === 'viber' ? 'Viber' : 'Telegram'}: ${identity.username ? `@${identity.username}` : identity.profileName ?? identity.externalID}`)));
    replyVia.disabled = identities.length < 2;
    const supervisor = ['admin', 'supervisor'].includes(state.me?.role);
    mergeRow.classList.toggle('hidden', !supervisor);
    replace(matches, (detail.phoneMatches ?? []).map((contact) => h('li', null,
      h('span', null, `Same phone: ${contactName(contact)} (#${contact.id})`),
      supervisor ? h('button.button.small', { type: 'button', dataset: { contact: contact.id } }, 'Link') : null)));
    replace(merges, (detail.merges ?? []).map((merge) => h('li', null,
      h('span.muted', null, `Merged #${merge.sourceID} (${merge.reason})`),
      supervisor ? h('button.button.small', { type: 'button', dataset: { merge: merge.id } }, 'Undo') : null)));
  };
  on('detail', render);
  return {
    labels: h('div.labels-box', null, h('label.muted', { for: 'contact-labels' }, 'Client'), contactLabels,
      h('label.muted', { for: 'conversation-labels' }, 'This conversation'), conversationLabels),
    linking: h('div.linking-box', null,
      h('div.reply-via-row', null, h('label.muted', { for: 'reply-via' }, 'Reply through'), replyVia),
      h('div.link-actions', null, linkCode, askPhone), matches, merges, mergeRow),
  };
}
