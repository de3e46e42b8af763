// Transfer: pick another operator for the open conversation.

import { h } from '../dom.js';
import { api } from '../api.js';
import { state } from '../state.js';
import { transfer, transferToDepartment } from '../inbox.js';
import { fuzzyScore } from '../fuzzy.js';
import { openPicker, closePicker } from './popover.js';
import { showError } from './toast.js';

/** Loads the operators once per session (also names authors and assignees). */
export async function loadOperators() {
  const { items } = await api.operators();
  state.operators = new Map(items.map((operator) => [operator.id, operator]));
  return items;
}

/** Opens the operator picker under the Transfer button. */
export async function openTransferPicker(button) {
  let operators;
  try {
    operators = [...(await loadOperators())];
  } catch (error) {
    return showError('Could not load operators', error);
  }
  // Departments come after people: picking one puts the conversation in that department's queue.
  const departments = await api.departments().then(({ items }) => items).catch(() => []);
  const candidates = [
    ...operators.filter((operator) => operator.id !== state.detail?.assignee?.id),
    ...departments.filter(({ department }) => department.id !== state.detail?.departmentID)
      .map(({ department }) => ({ department: true, id: department.id, displayName: department.name, login: '' })),
  ];
  const wrapper = h('div.transfer-box');
  const input = h('input.picker-filter', { type: 'search', placeholder: 'Transfer to…', 'aria-label': 'Find an operator', id: 'transfer-filter' });
  wrapper.append(input);
  button.after(wrapper);
  const picker = openPicker({ anchor: input, id: 'transfer-picker', label: 'Operators', onClose: () => wrapper.remove() });
  const render = (operator) => operator.department ? [
    h('span.presence', { title: 'department' }),
    h('span.picker-title', null, operator.displayName),
    h('span.picker-meta.muted', null, 'department queue'),
  ] : [
    h(`span.presence.presence-${operator.status}`, { title: operator.status }),
    h('span.picker-title', null, operator.displayName),
    h('span.picker-meta.muted', null, `${operator.login} · ${operator.role}`),
  ];
  const refresh = () => {
    const query = input.value.trim();
    const matches = candidates.filter((operator) => fuzzyScore(query, `${operator.displayName} ${operator.login}`) >= 0);
    picker.show(matches, render, (target) => (target.department ? transferToDepartment(target.id) : transfer(target.id)));
  };
  input.addEventListener('input', refresh);
  input.addEventListener('keydown', (event) => picker.key(event));
  input.addEventListener('blur', () => setTimeout(closePicker, 150));
  refresh();
  input.focus();
}
