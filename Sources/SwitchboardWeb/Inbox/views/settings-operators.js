// Settings → Operators: every account (deactivated ones too), creating one, and a row editor for
// the rest (settings-operator-editor.js).

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { state } from '../state.js';
import { avatar, renderOperatorEditor, roles } from './settings-operator-editor.js';
import { errorLine, field, keepingFocus, onSubmit, sectionHead, select, showFailure, statusLine } from './settings-form.js';

/** Rows whose editor is open; kept across redraws so saving does not fold the editor away. */
const expanded = new Set();

export const operatorsSection = {
  key: 'operators',
  title: 'Operators',
  render() {
    const status = statusLine();
    const list = h('div.settings-list', { id: 'operator-list' }, h('p.muted', null, 'Loading…'));
    const refresh = () => keepingFocus(async () => {
      try {
        const [{ items }, departments] = await Promise.all([api.adminOperators(), api.departments()]);
        const names = new Map(departments.items.map(({ department }) => [department.id, department.name]));
        replace(list, items.map((account) => renderRow(account, { departments: departments.items, names, refresh, status })));
      } catch (failure) {
        const line = errorLine();
        showFailure(line, failure);
        replace(list, line);
      }
    });
    refresh();
    return h('div.settings-section', null,
      sectionHead('Operators', 'Who works at the desk: roles, departments, how many conversations each holds at once.'),
      status, list, renderCreateForm({ refresh, status }));
  },
};

function renderRow(account, { departments, names, refresh, status }) {
  const isOpen = expanded.has(account.id);
  const prefix = `operator-${account.id}`;
  const error = errorLine();
  const editor = h('div.row-editor', { id: `${prefix}-editor`, hidden: !isOpen });
  if (isOpen) editor.append(renderOperatorEditor(account, { departments, refresh, status, prefix }));
  const toggle = h('button.button.small', {
    type: 'button', id: `${prefix}-edit`, 'aria-expanded': String(isOpen), 'aria-controls': editor.id,
    onclick: () => {
      if (expanded.has(account.id)) expanded.delete(account.id);
      else expanded.add(account.id);
      refresh();
    },
  }, isOpen ? 'Done' : 'Edit');
  const activation = h('button.button.small', {
    type: 'button', id: `${prefix}-active`, class: account.active ? 'danger' : null,
    onclick: async () => {
      error.hidden = true;
      const question = `Deactivate ${account.displayName}? They are signed out at once, cannot sign in, and their open conversations go back to the queue.`;
      if (account.active && !confirm(question)) return;
      try {
        await api.updateOperator(account.id, { active: !account.active });
        status.say(`${account.displayName} is ${account.active ? 'deactivated' : 'active again'}.`);
        await refresh();
      } catch (failure) {
        showFailure(error, failure);
      }
    },
  }, account.active ? 'Deactivate' : 'Reactivate');
  const departmentNames = (account.departmentIDs ?? []).map((id) => names.get(id)).filter(Boolean);
  const facts = [
    `@${account.login}`,
    departmentNames.length ? departmentNames.join(', ') : 'no department',
    `up to ${account.maxConcurrentConversations} at once`,
    account.id === state.me?.id ? 'you' : null,
  ].filter(Boolean).join(' · ');
  return h('article.settings-row.operator-row', { dataset: { login: account.login, role: account.role, active: String(account.active) } },
    h('div.row-main', null,
      avatar(account),
      h('strong.row-title', null, account.displayName),
      h('span', { class: `role-badge role-${account.role}` }, roles.find(([role]) => role === account.role)?.[1] ?? account.role),
      account.active ? null : h('span.state-badge', null, 'Deactivated'),
      h('span.row-facts.muted', null, facts),
      h('span.row-actions', null, toggle, activation)),
    error,
    editor);
}

function renderCreateForm({ refresh, status }) {
  const login = h('input', { id: 'new-operator-login', required: true, maxlength: 64, autocomplete: 'off', placeholder: 'maria' });
  const name = h('input', { id: 'new-operator-name', required: true, placeholder: 'Maria Kovalenko' });
  const password = h('input', { id: 'new-operator-password', type: 'password', required: true, minlength: 8, maxlength: 72, autocomplete: 'new-password' });
  const role = select({ id: 'new-operator-role' }, roles, 'operator');
  const error = errorLine();
  const form = h('form.settings-form.grid', { id: 'new-operator-form' },
    h('h4', null, 'New operator'),
    field('Login', login), field('Name shown to clients', name),
    field('Password', password, '8 to 72 characters (at most 72 bytes: letters outside Latin count double); share it with them privately.'), field('Role', role),
    error,
    h('button.button.primary', { type: 'submit', id: 'new-operator-create' }, 'Create operator'));
  return onSubmit(form, error, async () => {
    const created = await api.createOperator({
      login: login.value.trim(), displayName: name.value.trim(), password: password.value, role: role.value,
    });
    form.reset();
    status.say(`${created.displayName} can sign in as ${created.login}.`);
    await refresh();
  });
}
