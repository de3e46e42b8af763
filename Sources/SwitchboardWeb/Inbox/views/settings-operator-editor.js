// The editor under an operator's row: name, role, departments and capacity; a new password;
// the avatar. Each part has its own error line so a refusal shows next to what caused it.

import { api } from '../api.js';
import { h, safeMediaURL } from '../dom.js';
import { attempt, errorLine, field, onSubmit, select, showFailure } from './settings-form.js';

/** The roles an account can have, as the role select lists them. */
export const roles = [['operator', 'Operator'], ['supervisor', 'Supervisor'], ['admin', 'Admin']];

/** The operator's picture, or their initials on a coloured disc. */
export function avatar(account, size = 'small') {
  const url = safeMediaURL(ownAvatarPath(account.avatarURL) ?? account.avatarURL);
  if (url) return h(`img.avatar.${size}`, { src: url, alt: '' });
  const initials = account.displayName.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0]).join('').toUpperCase();
  return h(`span.avatar.${size}.initials`, { 'aria-hidden': 'true' }, initials || '?');
}

/**
 * The path of an avatar this server stores: its URL carries the public address (for Viber),
 * which the admin's browser may not reach under that name.
 */
function ownAvatarPath(url) {
  try {
    const { pathname } = new URL(url);
    return /^\/avatars\/[^/]+$/.test(pathname) ? pathname : null;
  } catch {
    return null;
  }
}

/**
 * Builds the editor for one account.
 * @param {object} account an AdminOperator
 * @param {{departments: Array, refresh: () => Promise<void>, status: {say(text: string): void}, prefix: string}} context
 */
export function renderOperatorEditor(account, context) {
  return h('div.operator-editor', null,
    renderDetailsForm(account, context),
    h('div.editor-side', null, renderPasswordForm(account, context), renderAvatarForm(account, context)));
}

function renderDetailsForm(account, { departments, refresh, status, prefix }) {
  const name = h('input', { id: `${prefix}-name`, required: true, value: account.displayName });
  const role = select({ id: `${prefix}-role` }, roles, account.role);
  const capacity = h('input', {
    id: `${prefix}-capacity`, type: 'number', min: 1, max: 100, required: true, value: account.maxConcurrentConversations,
  });
  const member = new Set(account.departmentIDs ?? []);
  const boxes = departments.map(({ department }) => h('label.check', null,
    h('input', { type: 'checkbox', value: department.id, checked: member.has(department.id), dataset: { department: department.name } }),
    h('span', null, department.name)));
  const error = errorLine(`${prefix}-details-error`);
  const form = h('form.settings-form.grid.operator-details', { id: `${prefix}-details` },
    field('Name', name), field('Role', role),
    field('Conversations at once', capacity),
    h('fieldset.departments', null, h('legend', null, 'Departments'),
      boxes.length ? boxes : h('span.muted', null, 'No departments yet.')),
    error,
    h('button.button.primary', { type: 'submit', id: `${prefix}-save` }, 'Save'));
  return onSubmit(form, error, async () => {
    // Only what changed is sent: unchanged fields must not trip a rule (the last admin) or fill the audit log.
    const changes = {};
    if (name.value.trim() !== account.displayName) changes.displayName = name.value.trim();
    if (role.value !== account.role) changes.role = role.value;
    if (Number(capacity.value) !== account.maxConcurrentConversations) changes.maxConcurrent = Number(capacity.value);
    const chosen = boxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => Number(box.value));
    const before = [...member].sort((a, b) => a - b);
    if (chosen.join(',') !== before.join(',')) changes.departmentIDs = chosen;
    if (Object.keys(changes).length === 0) return status.say('Nothing to save: no field changed.');
    await api.updateOperator(account.id, changes);
    status.say(`Saved ${changes.displayName ?? account.displayName}.`);
    await refresh();
  });
}

function renderPasswordForm(account, { status, prefix }) {
  const password = h('input', {
    id: `${prefix}-password`, type: 'password', required: true, minlength: 8, maxlength: 72, autocomplete: 'new-password',
    'aria-describedby': `${prefix}-password-hint`,
  });
  const error = errorLine(`${prefix}-password-error`);
  const form = h('form.settings-form.operator-password', { id: `${prefix}-password-form` },
    field('New password', password),
    h('small.muted', { id: `${prefix}-password-hint` }, 'Signs them out everywhere; they sign in again with this one.'),
    error,
    h('button.button', { type: 'submit', id: `${prefix}-password-reset` }, 'Reset password'));
  return onSubmit(form, error, async () => {
    await api.resetPassword(account.id, password.value);
    form.reset();
    status.say(`New password set for ${account.displayName}; their sessions were signed out.`);
  });
}

function renderAvatarForm(account, { refresh, status, prefix }) {
  const error = errorLine(`${prefix}-avatar-error`);
  const file = h('input', { id: `${prefix}-avatar`, type: 'file', accept: 'image/png,image/jpeg', class: 'file-input' });
  const remove = account.avatarURL
    ? h('button.button.small', {
      type: 'button', id: `${prefix}-avatar-remove`,
      onclick: (event) => attempt(async () => {
        await api.removeAvatar(account.id);
        status.say(`Removed ${account.displayName}'s avatar.`);
        await refresh();
      }, { error, trigger: event.currentTarget }),
    }, 'Remove')
    : null;
  file.addEventListener('change', async () => {
    const [picked] = file.files;
    if (!picked) return;
    error.hidden = true;
    try {
      await api.uploadAvatar(account.id, picked);
      status.say(`New avatar for ${account.displayName}.`);
      await refresh();
    } catch (failure) {
      showFailure(error, failure);
    } finally {
      file.value = '';
    }
  });
  return h('div.operator-avatar', null,
    h('span.field-label', null, 'Avatar'),
    h('div.avatar-line', null,
      avatar(account, 'large'),
      h('label.button.small', { for: file.id }, 'Upload…'),
      file,
      remove),
    h('small.muted', null, 'A square JPEG or PNG, 32 to 1024 px, at most 100 KB.'),
    error);
}
