// Settings → Departments: each department's name and how its queue is served (strategy, sticky),
// who belongs to it, and adding one. Membership itself is edited on the operator.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { checkbox, errorLine, field, keepingFocus, onSubmit, sectionHead, select, showFailure, statusLine } from './settings-form.js';

/** The assignment strategies the API knows, with what they mean. */
export const strategies = [
  ['least_loaded', 'Least loaded: whoever holds the fewest'],
  ['round_robin', 'Round robin: whoever got one longest ago'],
];

export const departmentsSection = {
  key: 'departments',
  title: 'Departments',
  render() {
    const status = statusLine();
    const list = h('div.settings-list', { id: 'department-list' }, h('p.muted', null, 'Loading…'));
    const refresh = () => keepingFocus(async () => {
      try {
        const [departments, operators] = await Promise.all([api.departments(), api.operators()]);
        const names = new Map(operators.items.map((account) => [account.id, account.displayName]));
        replace(list, departments.items.length
          ? departments.items.map((item) => renderRow(item, { names, refresh, status }))
          : h('p.muted', null, 'No departments: every conversation waits in one queue.'));
      } catch (failure) {
        const line = errorLine();
        showFailure(line, failure);
        replace(list, line);
      }
    });
    refresh();
    return h('div.settings-section', null,
      sectionHead('Departments', 'Teams with their own queue. Add operators to a department from their row under Operators.'),
      status, list, renderCreateForm({ refresh, status }));
  },
};

function renderRow({ department, routing, operatorIDs }, { names, refresh, status }) {
  const prefix = `department-${department.id}`;
  const name = h('input', { id: `${prefix}-name`, required: true, maxlength: 100, value: department.name, 'aria-label': 'Name' });
  const strategy = select({ id: `${prefix}-strategy`, 'aria-label': 'Assignment' }, strategies, routing.strategy);
  const sticky = checkbox('Sticky: a returning client goes to their last operator', { id: `${prefix}-sticky`, checked: routing.sticky });
  const members = operatorIDs.map((id) => names.get(id)).filter(Boolean);
  const error = errorLine();
  const form = h('form.settings-row.department-row', { id: prefix, dataset: { department: department.name } },
    h('div.row-main', null,
      name, strategy,
      h('button.button.small', { type: 'submit', id: `${prefix}-save` }, 'Save')),
    sticky,
    h('p.row-facts.muted', null, members.length ? `Members: ${members.join(', ')}` : 'No members yet.'),
    error);
  return onSubmit(form, error, async () => {
    await api.updateDepartment(department.id, {
      name: name.value.trim(), strategy: strategy.value, sticky: sticky.querySelector('input').checked,
    });
    status.say(`Saved ${name.value.trim()}.`);
    await refresh();
  });
}

function renderCreateForm({ refresh, status }) {
  const name = h('input', { id: 'new-department-name', required: true, maxlength: 100, placeholder: 'Billing' });
  const strategy = select({ id: 'new-department-strategy' }, strategies, 'least_loaded');
  const sticky = checkbox('Sticky', { id: 'new-department-sticky', checked: true });
  const error = errorLine();
  const form = h('form.settings-form.grid', { id: 'new-department-form' },
    h('h4', null, 'New department'),
    field('Name', name), field('Assignment', strategy), sticky,
    error,
    h('button.button.primary', { type: 'submit', id: 'new-department-create' }, 'Add department'));
  return onSubmit(form, error, async () => {
    const created = await api.createDepartment({ name: name.value.trim(), strategy: strategy.value, sticky: sticky.querySelector('input').checked });
    form.reset();
    status.say(`Added ${created.department?.name ?? name.value.trim()}.`);
    await refresh();
  });
}
