// Settings → Canned replies: the shared replies every operator picks with "/" in the composer.
// Personal replies stay with their owners and are not listed here.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { state } from '../state.js';
import { attempt, errorLine, field, keepingFocus, onSubmit, sectionHead, showFailure, statusLine } from './settings-form.js';

const editing = new Set();

export const cannedSection = {
  key: 'canned',
  title: 'Canned replies',
  render() {
    const status = statusLine();
    const list = h('div.settings-list', { id: 'canned-list' }, h('p.muted', null, 'Loading…'));
    const refresh = () => keepingFocus(async () => {
      try {
        const { items } = await api.cannedReplies();
        const shared = items.filter((reply) => reply.shared);
        // The composer's picker reads this list: keep it current without a reload.
        state.canned = items;
        replace(list, shared.length
          ? shared.map((reply) => renderRow(reply, { refresh, status }))
          : h('p.muted', null, 'No shared replies yet.'));
      } catch (failure) {
        const line = errorLine();
        showFailure(line, failure);
        replace(list, line);
      }
    });
    refresh();
    return h('div.settings-section', null,
      sectionHead('Canned replies', 'Shared answers for everyone. {client_name} and {operator_name} are filled in when an operator picks one.'),
      status, list, renderEditor(null, { refresh, status }));
  },
};

function renderRow(reply, { refresh, status }) {
  const prefix = `canned-${reply.id}`;
  const isEditing = editing.has(reply.id);
  const error = errorLine();
  const toggle = () => {
    if (editing.has(reply.id)) editing.delete(reply.id);
    else editing.add(reply.id);
    refresh();
  };
  const remove = (event) => attempt(async () => {
    if (!confirm(`Delete the shared reply "${reply.title}"? Operators will no longer find it.`)) return;
    await api.deleteCannedReply(reply.id);
    editing.delete(reply.id);
    status.say(`Deleted /${reply.shortcut}.`);
    await refresh();
  }, { error, trigger: event.currentTarget });
  return h('article.settings-row.canned-row', { id: prefix, dataset: { shortcut: reply.shortcut } },
    h('div.row-main', null,
      h('code.canned-shortcut', null, `/${reply.shortcut}`),
      h('strong.row-title', null, reply.title),
      h('span.row-actions', null,
        h('button.button.small', { type: 'button', id: `${prefix}-edit`, 'aria-expanded': String(isEditing), onclick: toggle },
          isEditing ? 'Cancel' : 'Edit'),
        h('button.button.small.danger', { type: 'button', id: `${prefix}-delete`, onclick: remove }, 'Delete'))),
    isEditing ? renderEditor(reply, { refresh, status }) : h('p.canned-body', null, reply.body),
    error);
}

/** The form for a new reply (`reply` null) or for editing one. */
function renderEditor(reply, { refresh, status }) {
  const prefix = reply ? `canned-${reply.id}` : 'new-canned';
  const shortcut = h('input', { id: `${prefix}-shortcut`, required: true, maxlength: 32, value: reply?.shortcut ?? null, placeholder: 'hello' });
  const title = h('input', { id: `${prefix}-title`, required: true, value: reply?.title ?? null, placeholder: 'Greeting' });
  const body = h('textarea', { id: `${prefix}-body`, required: true, rows: 3, placeholder: 'Hello, {client_name}!' }, reply?.body ?? '');
  const error = errorLine();
  const form = h('form.settings-form.grid.canned-editor', { id: `${prefix}-form` },
    reply ? null : h('h4', null, 'New shared reply'),
    field('Shortcut', shortcut), field('Title', title),
    h('label.field.wide', null, h('span', null, 'Text'), body),
    error,
    h('button.button.primary', { type: 'submit', id: `${prefix}-save` }, reply ? 'Save' : 'Add reply'));
  return onSubmit(form, error, async () => {
    const fields = { shortcut: shortcut.value.trim().replace(/^\//, ''), title: title.value.trim(), body: body.value.trim() };
    if (reply) {
      await api.updateCannedReply(reply.id, fields);
      editing.delete(reply.id);
      status.say(`Saved /${fields.shortcut}.`);
    } else {
      await api.createCannedReply({ ...fields, shared: true });
      form.reset();
      status.say(`Added /${fields.shortcut}.`);
    }
    await refresh();
  });
}
