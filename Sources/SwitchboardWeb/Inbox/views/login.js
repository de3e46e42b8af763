// The sign-in screen.

import { api, setCsrfToken } from '../api.js';
import { h, replace } from '../dom.js';

const messages = {
  invalid_credentials: 'Wrong login or password.',
  too_many_attempts: 'Too many attempts. Wait a minute and try again.',
  invalid_login: 'A login has at most 100 characters.',
  network: 'The server cannot be reached.',
};

/**
 * Shows the sign-in form in `root`.
 * @param {(session: {operator: object, csrfToken: string}) => void} onSignedIn
 */
export function renderLogin(root, onSignedIn) {
  const login = h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, maxlength: 100 });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p.form-error', { role: 'alert' });
  const submit = h('button.button.primary', { type: 'submit' }, 'Sign in');
  const form = h('form.login-card', { novalidate: true },
    h('div.brand.large', null, h('span.brand-mark', { 'aria-hidden': 'true' }), 'Switchboard'),
    h('p.muted', null, 'Sign in to answer your clients.'),
    h('label', { for: 'login' }, 'Login'), login,
    h('label', { for: 'password' }, 'Password'), password,
    error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!login.value || !password.value) {
      error.textContent = 'Enter your login and password.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      const session = await api.signIn(login.value.trim(), password.value);
      setCsrfToken(session.csrfToken);
      onSignedIn(session);
    } catch (failure) {
      error.textContent = messages[failure.code] ?? failure.message;
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  root.classList.remove('signed-in');
  replace(root, h('div.login-screen', null, form));
  login.focus();
}
