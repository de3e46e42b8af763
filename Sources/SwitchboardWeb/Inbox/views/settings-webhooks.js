// Settings → Webhooks: endpoints that get signed deliveries of desk events, each with its
// delivery log and a resend button. The signing secret is shown once, right after creation.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { attempt, checkbox, errorLine, field, keepingFocus, localTime, onSubmit, sectionHead, showFailure, statusLine } from './settings-form.js';

const eventTypes = [
  ['conversation.opened', 'Conversation opened'],
  ['conversation.assigned', 'Conversation assigned'],
  ['conversation.resolved', 'Conversation resolved'],
  ['conversation.reopened', 'Conversation reopened'],
  ['message.in', 'Message from a client'],
  ['message.out', 'Message to a client'],
  ['delivery.failed', 'Delivery failed'],
  ['feedback.given', 'Feedback given'],
  ['contact.merged', 'Contacts merged'],
];

const openLogs = new Set();
const editing = new Set();

export const webhooksSection = {
  key: 'webhooks',
  title: 'Webhooks',
  render() {
    const status = statusLine();
    const secretBox = h('div.webhook-secret', { id: 'webhook-secret', hidden: true });
    const list = h('div.settings-list', { id: 'webhook-list' }, h('p.muted', null, 'Loading…'));
    const refresh = () => keepingFocus(async () => {
      try {
        const { items } = await api.webhooks();
        replace(list, items.length ? items.map((webhook) => renderRow(webhook, { refresh, status })) : h('p.muted', null, 'No webhooks yet.'));
      } catch (failure) {
        const line = errorLine();
        showFailure(line, failure);
        replace(list, line);
      }
    });
    refresh();
    return h('div.settings-section', null,
      sectionHead('Webhooks', 'Other systems get a signed POST for each event they choose, in order, retried for a day.'),
      status, secretBox, list, renderEditor(null, { refresh, status, secretBox }));
  },
};

function renderRow(webhook, { refresh, status }) {
  const prefix = `webhook-${webhook.id}`;
  const error = errorLine();
  const log = h('div.webhook-log', { id: `${prefix}-log` });
  const showLog = () => {
    if (openLogs.has(webhook.id)) openLogs.delete(webhook.id);
    else openLogs.add(webhook.id);
    refresh();
  };
  const toggleEditor = () => {
    if (editing.has(webhook.id)) editing.delete(webhook.id);
    else editing.add(webhook.id);
    refresh();
  };
  const toggleEnabled = (event) => attempt(async () => {
    await api.updateWebhook(webhook.id, { enabled: !webhook.enabled });
    status.say(webhook.enabled ? 'Webhook turned off.' : 'Webhook turned on; waiting deliveries go out now.');
    await refresh();
  }, { error, trigger: event.currentTarget });
  const remove = (event) => attempt(async () => {
    if (!confirm(`Delete the webhook to ${webhook.url} and its delivery log?`)) return;
    await api.deleteWebhook(webhook.id);
    openLogs.delete(webhook.id);
    status.say('Webhook deleted.');
    await refresh();
  }, { error, trigger: event.currentTarget });
  if (openLogs.has(webhook.id)) loadLog(webhook, log, { refresh, status });
  return h('article.settings-row.webhook-row', { id: prefix },
    h('div.row-main', null,
      h('strong.row-title', null, webhook.url),
      h('span.muted', null, webhook.description),
      h('span.row-actions', null,
        h('button.button.small', { type: 'button', id: `${prefix}-log-toggle`, 'aria-expanded': String(openLogs.has(webhook.id)), onclick: showLog },
          openLogs.has(webhook.id) ? 'Hide log' : 'Delivery log'),
        h('button.button.small', { type: 'button', id: `${prefix}-edit`, 'aria-expanded': String(editing.has(webhook.id)), onclick: toggleEditor },
          editing.has(webhook.id) ? 'Cancel' : 'Edit'),
        h('button.button.small', { type: 'button', id: `${prefix}-enabled`, onclick: toggleEnabled }, webhook.enabled ? 'Turn off' : 'Turn on'),
        h('button.button.small.danger', { type: 'button', id: `${prefix}-delete`, onclick: remove }, 'Delete'))),
    editing.has(webhook.id) ? renderEditor(webhook, { refresh, status }) : h('p.muted', null, webhook.eventTypes.join(', ')),
    webhook.enabled ? null : h('p.form-error', { role: 'note' }, `Off: ${webhook.disabledReason ?? 'turned off by an admin'}`),
    error, log);
}

async function loadLog(webhook, log, { refresh, status }) {
  replace(log, h('p.muted', null, 'Loading…'));
  try {
    const { items } = await api.webhookDeliveries(webhook.id);
    if (!items.length) return replace(log, h('p.muted', null, 'No deliveries yet.'));
    const error = errorLine();
    const rows = items.map((delivery) => {
      const resend = (event) => attempt(async () => {
        await api.resendWebhookDelivery(webhook.id, delivery.id);
        status.say(`Event ${delivery.seq} queued again.`);
        await refresh();
      }, { error, trigger: event.currentTarget });
      return h('tr', { id: `webhook-delivery-${delivery.id}`, dataset: { status: delivery.status } },
        h('td', null, String(delivery.seq)),
        h('td', null, delivery.type),
        h('td', null, delivery.status),
        h('td', null, String(delivery.attempts)),
        h('td', null, delivery.lastError ?? ''),
        h('td', null, answer(delivery)),
        h('td', null, delivery.lastAttemptAt ? localTime(delivery.lastAttemptAt) : ''),
        h('td', null, h('button.button.small', { type: 'button', id: `webhook-delivery-${delivery.id}-resend`, onclick: resend }, 'Resend')));
    });
    replace(log, error, h('table.webhook-deliveries', null,
      h('thead', null, h('tr', null, ['Event', 'Type', 'Status', 'Attempts', 'Last error', 'Answer', 'Last attempt', ''].map((title) => h('th', null, title)))),
      h('tbody', null, rows)));
  } catch (failure) {
    const line = errorLine();
    showFailure(line, failure);
    replace(log, line);
  }
}

/** The receiver's last answer: its status and how long it took ("204 in 12 ms"). */
function answer(delivery) {
  if (delivery.responseMillis === undefined) return '';
  return `${delivery.lastStatusCode ?? 'no answer'} in ${delivery.responseMillis} ms`;
}

/**
 * The form for a new endpoint (`webhook` null: on success its secret is shown once above the list)
 * or for changing one's URL, description and event types.
 */
function renderEditor(webhook, { refresh, status, secretBox = null }) {
  const prefix = webhook ? `webhook-${webhook.id}` : 'new-webhook';
  const url = h('input', {
    id: `${prefix}-url`, type: 'url', required: true, maxlength: 2048, value: webhook?.url ?? null, placeholder: 'https://crm.example.com/switchboard',
  });
  const description = h('input', { id: `${prefix}-description`, maxlength: 200, value: webhook?.description ?? null, placeholder: 'CRM' });
  const boxes = eventTypes.map(([value, label]) => checkbox(label, {
    value, id: `${prefix}-type-${value.replace('.', '-')}`, name: 'eventTypes', checked: webhook?.eventTypes.includes(value) ?? false,
  }));
  const error = errorLine();
  const form = h('form.settings-form.grid.webhook-editor', { id: `${prefix}-form` },
    webhook ? null : h('h4', null, 'New webhook'),
    field('URL', url), field('Description', description),
    h('fieldset.field.wide', null, h('legend', null, 'Events'), boxes),
    error,
    h('button.button.primary', { type: 'submit', id: `${prefix}-save` }, webhook ? 'Save' : 'Add webhook'));
  return onSubmit(form, error, async () => {
    const chosen = [...form.querySelectorAll('input[name="eventTypes"]:checked')].map((box) => box.value);
    const fields = { url: url.value.trim(), eventTypes: chosen, description: description.value.trim() };
    if (webhook) {
      await api.updateWebhook(webhook.id, fields);
      editing.delete(webhook.id);
      status.say('Webhook saved.');
      await refresh();
      return;
    }
    const created = await api.createWebhook(fields);
    form.reset();
    replace(secretBox,
      h('p', null, 'Signing secret for ', h('strong', null, created.webhook.url), '. Copy it now: it is not shown again.'),
      h('code', { id: 'webhook-secret-value' }, created.secret));
    secretBox.hidden = false;
    status.say('Webhook added.');
    await refresh();
  });
}
