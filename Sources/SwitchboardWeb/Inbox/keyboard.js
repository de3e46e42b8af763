// Single-key shortcuts for the whole inbox. They stay off while the operator types in a
// field, except Esc, which always closes a picker, and Ctrl+K (⌘K), which opens the search
// from anywhere (`/` is taken: it opens canned replies in the composer).

import { isTyping } from './dom.js';
import { moveSelection, take, resolve } from './inbox.js';
import { focusComposer } from './views/composer.js';
import { closePicker } from './views/popover.js';
import { openSearch } from './views/search.js';

const bindings = {
  j: () => moveSelection(1),
  ArrowDown: () => moveSelection(1),
  k: () => moveSelection(-1),
  ArrowUp: () => moveSelection(-1),
  e: resolve,
  a: take,
  '/': () => focusComposer({ canned: true }),
};

/** Installs the shortcuts on the document. */
export function installShortcuts() {
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      if (closePicker()) event.preventDefault();
      return;
    }
    // The reports page hides the inbox: its shortcuts must not act on a conversation out of sight.
    if (document.getElementById('reports-page')?.hidden === false) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      openSearch();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || isTyping(event.target)) return;
    const action = bindings[event.key];
    if (!action) return;
    // Arrows inside the timeline scroll it, as the reader expects.
    if (event.key.startsWith('Arrow') && event.target instanceof Element && event.target.closest('.timeline')) return;
    event.preventDefault();
    action();
  });
}
