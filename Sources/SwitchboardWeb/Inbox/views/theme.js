// Light or dark: the operator's choice (kept in this browser), else the system's preference.
// The theme is one attribute on <html>; inbox.css and theme.css colour everything from it.

import { h } from '../dom.js';

const KEY = 'switchboard-theme';
const dark = matchMedia('(prefers-color-scheme: dark)');

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The theme in effect: "light" or "dark". */
export function currentTheme() {
  return document.documentElement.dataset.theme ?? 'light';
}

/** Applies the stored choice (or the system's) and follows system changes while none is stored. */
export function applyTheme() {
  const choose = () => {
    const choice = stored();
    document.documentElement.dataset.theme = choice === 'dark' || choice === 'light' ? choice : dark.matches ? 'dark' : 'light';
  };
  choose();
  dark.addEventListener('change', choose);
}

/** Switches theme and remembers the choice. */
export function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Private windows may refuse storage: the switch still holds for this page.
  }
  document.dispatchEvent(new CustomEvent('switchboard:theme'));
}

/** A button that flips between light and dark. */
export function themeToggle(id = 'theme-toggle') {
  const button = h('button.button.small.theme-toggle', { type: 'button', id });
  const label = () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    button.textContent = next === 'dark' ? 'Dark theme' : 'Light theme';
    button.title = `Switch to the ${next} theme`;
    button.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  };
  button.addEventListener('click', () => setTheme(currentTheme() === 'dark' ? 'light' : 'dark'));
  document.addEventListener('switchboard:theme', label);
  label();
  return button;
}
