// A small keyboard-driven picker list (canned replies, transfer targets): arrows move,
// Enter picks, Esc closes. The caller owns the input that filters it.

import { h, replace } from '../dom.js';

let open = null;

/** Closes whichever picker is open; returns whether one was. */
export function closePicker() {
  if (!open) return false;
  const current = open;
  open = null;
  current.element.remove();
  current.onClose?.();
  return true;
}

/** Whether a picker is showing. */
export function pickerOpen() {
  return open !== null;
}

/**
 * Shows a picker (replacing any other).
 * @param {object} options
 * @param {HTMLElement} options.anchor the picker is placed in this element's parent, next to it
 * @param {string} options.id element id, for tests and aria-controls
 * @param {string} options.label accessible name
 * @param {() => void} [options.onClose]
 * @returns {{ show(items: Array, render: (item) => Node|Node[], pick: (item) => void): void, key(event: KeyboardEvent): boolean, element: HTMLElement }}
 */
export function openPicker({ anchor, id, label, className = '', onClose }) {
  closePicker();
  const element = h(`ul.picker${className ? `.${className}` : ''}`, { id, role: 'listbox', 'aria-label': label });
  let items = [];
  let active = 0;
  let pick = () => {};
  const highlight = () => {
    [...element.children].forEach((child, index) => {
      child.setAttribute('aria-selected', String(index === active));
      if (index === active) child.scrollIntoView({ block: 'nearest' });
    });
  };
  const picker = {
    element,
    onClose,
    show(nextItems, render, onPick) {
      items = nextItems;
      pick = onPick;
      active = Math.min(active, Math.max(0, items.length - 1));
      replace(element, items.length
        ? items.map((item, index) => h('li.picker-item', { role: 'option', dataset: { index } }, render(item)))
        : h('li.picker-empty.muted', null, 'Nothing matches'));
      highlight();
    },
    /** Handles a key from the filtering input; returns true when the picker used it. */
    key(event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (items.length) active = (active + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        highlight();
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        if (!items.length) return event.key === 'Enter';
        const item = items[active];
        closePicker();
        pick(item);
      } else if (event.key === 'Escape') {
        closePicker();
      } else {
        return false;
      }
      event.preventDefault();
      return true;
    },
  };
  // mousedown, not click: the filtering input must not lose focus first.
  element.addEventListener('mousedown', (event) => {
    const option = event.target.closest('li[data-index]');
    if (!option) return;
    event.preventDefault();
    const item = items[Number(option.dataset.index)];
    closePicker();
    pick(item);
  });
  anchor.after(element);
  open = picker;
  return picker;
}
