// The admin's channels dialog: every bot with its live state, and connecting a new one by pasting
// its token. Everything goes through /api/v1/channels, the same code path as `switchboard channel`.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { fullTime } from '../format.js';

let dialog = null;

/** Opens the dialog (admins only: the API refuses everyone else). */
export async function openChannels() {
  dialog ??= build();
  if (!dialog.open) dialog.showModal();
  await refresh();
}

function build() {
  const list = h('div.channel-list', { id: 'channel-list', 'aria-live': 'polite' });
  const element = h('dialog.channels-dialog', { id: 'channels-dialog', 'aria-labelledby': 'channels-title' },
    h('header.dialog-head', null,
      h('h2', { id: 'channels-title' }, 'Channels'),
      h('button.button', { type: 'button', id: 'channels-close', onclick: () => element.close() }, 'Close')),
    list,
    renderAddForm());
  // The inbox's single-key shortcuts (e, a, j…) must not act on the conversation behind the dialog.
  element.addEventListener('keydown', (event) => { if (event.key !== 'Escape') event.stopPropagation(); });
  document.body.append(element);
  return element;
}

async function refresh() {
  const list = dialog.querySelector('#channel-list');
  try {
    const { items } = await api.channels();
    replace(list, items.length ? items.map(renderChannel) : h('p.muted', null, 'No channels yet: connect a bot below.'));
  } catch (error) {
    replace(list, h('p.form-error', { role: 'alert' }, error.message));
  }
}

/** What the channel is doing, in words. */
function stateOf(channel) {
  if (channel.paused) return { tone: 'paused', text: 'Paused' };
  if (channel.problem) return { tone: 'problem', text: `Problem: ${channel.problem}` };
  if (!channel.running) return { tone: 'problem', text: 'Not running' };
  return { tone: 'ok', text: channel.mode === 'webhook' ? 'Running (webhook)' : 'Running (polling)' };
}

function renderChannel(channel) {
  const state = stateOf(channel);
  const error = h('p.form-error', { role: 'alert', hidden: true });
  const act = (work) => async () => {
    error.hidden = true;
    try {
      await work();
      await refresh();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    }
  };
  const tokenInput = h('input', { type: 'password', autocomplete: 'off', placeholder: 'New token', 'aria-label': `New token for ${channel.name}` });
  const rotate = h('form.channel-rotate', { hidden: true },
    tokenInput,
    h('button.button', { type: 'submit' }, 'Save token'));
  rotate.addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => api.rotateChannelToken(channel.id, tokenInput.value))();
  });
  const details = [
    `${channel.kind === 'telegram' ? 'Telegram' : 'Viber'} · token ${channel.maskedToken}`,
    channel.lastInboundAt ? `last client message ${fullTime(channel.lastInboundAt)}` : 'no client message since start',
    channel.lastFailure ? `last failure ${fullTime(channel.lastFailure.at)}: ${channel.lastFailure.reason}` : null,
  ].filter(Boolean).join(' · ');
  return h('article.channel-row', { dataset: { channel: channel.name } },
    h('div.channel-main', null,
      h('strong.channel-name', null, channel.name),
      h('span.channel-persona', null, channel.persona.name),
      h('span', { class: `channel-state ${state.tone}` }, state.text)),
    h('p.channel-details.muted', null, details),
    h('div.channel-actions', null,
      channel.paused
        ? h('button.button', { type: 'button', onclick: act(() => api.resumeChannel(channel.id)) }, 'Resume')
        : h('button.button', { type: 'button', onclick: act(() => api.pauseChannel(channel.id)) }, 'Pause'),
      channel.kind === 'telegram'
        ? h('button.button', {
          type: 'button',
          onclick: act(() => api.updateChannel(channel.id, { mode: channel.mode === 'poll' ? 'webhook' : 'poll' })),
        }, channel.mode === 'poll' ? 'Use webhook' : 'Use polling')
        : null,
      h('button.button', { type: 'button', onclick: () => { rotate.hidden = !rotate.hidden; tokenInput.focus(); } }, 'Rotate token'),
      h('button.button.danger', {
        type: 'button',
        onclick: act(async () => {
          const question = `Remove ${channel.name}? Its conversations stay in the inbox with their history; replies still queued for it fail; its token is wiped.`;
          if (confirm(question)) await api.removeChannel(channel.id);
        }),
      }, 'Remove')),
    channel.kind === 'telegram' ? groupSetting(channel, error) : null,
    rotate,
    channel.kind === 'telegram' ? renderStaffGroup(channel, act) : null,
    error);
}

/** The Telegram channel's group setting: answer every group message, or only those addressed to the bot. */
function groupSetting(channel, error) {
  const input = h('input', { type: 'checkbox', id: `channel-${channel.id}-every-group-message`, disabled: true });
  let routing = null;
  api.channelRouting(channel.id).then((loaded) => {
    routing = loaded;
    input.checked = loaded.answersEveryGroupMessage === true;
    input.disabled = false;
  }).catch((failure) => { error.textContent = failure.message; error.hidden = false; });
  input.addEventListener('change', async () => {
    error.hidden = true;
    try {
      // The routing PUT replaces the department fields too: send them back as they are.
      routing = await api.saveChannelRouting(channel.id, {
        defaultDepartmentID: routing.defaultDepartmentID ?? null,
        askDepartment: routing.askDepartment,
        answersEveryGroupMessage: input.checked,
      });
    } catch (failure) {
      input.checked = !input.checked;
      error.textContent = failure.message;
      error.hidden = false;
    }
  });
  return h('label.check.channel-groups', { title: 'Off: in groups the bot answers mentions, replies to it and commands only' },
    input, h('span', null, 'Answer every group message (not only mentions, replies and commands)'));
}

/** Topic mode: the staff supergroup where each conversation gets a topic. The server checks the
 * group with Telegram and says what is missing. */
function renderStaffGroup(channel, act) {
  const chatInput = h('input', {
    type: 'text', inputmode: 'numeric', placeholder: '-100…', value: channel.staffGroupChatID ?? '',
    'aria-label': `Staff group chat id for ${channel.name}`,
  });
  const form = h('form.channel-staff-group', null,
    h('span.muted', null, channel.staffGroupChatID ? `Topic mode: staff group ${channel.staffGroupChatID}` : 'Topic mode: off'),
    chatInput,
    h('button.button', { type: 'submit' }, 'Connect staff group'),
    channel.staffGroupChatID
      ? h('button.button', { type: 'button', onclick: act(() => api.disconnectStaffGroup(channel.id)) }, 'Turn off')
      : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => api.connectStaffGroup(channel.id, Number(chatInput.value.trim())))();
  });
  return form;
}

function renderAddForm() {
  const field = (label, input) => h('label.field', null, h('span', null, label), input);
  const kind = h('select', { id: 'channel-kind', name: 'kind' },
    h('option', { value: 'telegram' }, 'Telegram'), h('option', { value: 'viber' }, 'Viber'));
  const name = h('input', { id: 'channel-name', required: true, pattern: '[a-z0-9][a-z0-9_\\-]{0,62}', placeholder: 'support-tg' });
  const token = h('input', { id: 'channel-token', type: 'password', required: true, autocomplete: 'off' });
  const mode = h('select', { id: 'channel-mode' },
    h('option', { value: 'poll' }, 'Polling (no public URL needed)'), h('option', { value: 'webhook' }, 'Webhook (HTTPS public URL)'));
  const persona = h('input', { id: 'channel-persona', placeholder: 'default: the bot\'s name' });
  const welcome = h('input', { id: 'channel-welcome', placeholder: 'Viber: sent when a client opens the chat' });
  const apiURL = h('input', { id: 'channel-api-url', type: 'url', placeholder: 'default: the messenger\'s API' });
  const error = h('p.form-error', { role: 'alert', hidden: true });
  const submit = h('button.button.primary', { type: 'submit', id: 'channel-add' }, 'Connect');
  const syncKind = () => {
    mode.disabled = kind.value === 'viber';
    welcome.disabled = kind.value === 'telegram';
  };
  kind.addEventListener('change', syncKind);
  syncKind();
  const form = h('form.channel-add', { id: 'channel-add-form' },
    h('h3', null, 'Connect a bot'),
    h('p.muted', null, 'Paste the token from @BotFather (Telegram) or the bot\'s Viber admin panel; it is checked with the messenger before it is saved, and only its last 4 characters are ever shown.'),
    field('Messenger', kind), field('Name', name), field('Token', token), field('Receive by', mode),
    field('Bot name shown to clients', persona), field('Welcome', welcome), field('API URL (advanced)', apiURL),
    error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    const fields = { kind: kind.value, name: name.value.trim(), token: token.value.trim() };
    if (kind.value === 'telegram') fields.mode = mode.value;
    if (persona.value.trim()) fields.personaName = persona.value.trim();
    if (kind.value === 'viber' && welcome.value.trim()) fields.welcome = welcome.value.trim();
    if (apiURL.value.trim()) fields.apiURL = apiURL.value.trim();
    try {
      await api.addChannel(fields);
      form.reset();
      syncKind();
      await refresh();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
