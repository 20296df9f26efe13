// The "API key" control: a dialog to enter the key once (kept in this browser), see whose key it is and what it may
// do, or forget it. The secret is never shown again: only its public prefix.
import { $ } from '../dom.js';
import { forgetKey, maskedKey, storedKey, storeKey } from '../state/key.js';

const els = {
  button: $('#key-button'),
  label: $('#key-label'),
  dialog: /** @type {HTMLDialogElement} */ ($('#key-dialog')),
  form: $('#key-form'),
  input: /** @type {HTMLInputElement} */ ($('#key-input')),
  state: $('#key-state'),
  error: $('#key-error'),
};

/** @param {{onChange: () => void}} handlers  called after a key is saved or forgotten */
export function wireKeyControl({ onChange }) {
  els.button.addEventListener('click', () => {
    els.input.value = '';
    els.error.textContent = '';
    els.dialog.showModal();
    els.input.focus();
  });
  $('#key-cancel').addEventListener('click', () => els.dialog.close());
  $('#key-forget').addEventListener('click', () => {
    forgetKey();
    els.dialog.close();
    onChange();
  });
  els.form.addEventListener('submit', (event) => {
    const key = els.input.value.trim();
    if (!key) {
      event.preventDefault();
      els.error.textContent = 'Paste a key first, or close.';
      return;
    }
    storeKey(key);
    els.input.value = '';
    onChange();
  });
}

/**
 * Shows what the stored key may do.
 * @param {{authenticated?: boolean, name?: string, scopes?: string[]} | null} info  null: no key stored
 * @param {string} [problem]  why the stored key was refused
 */
export function showKeyState(info, problem) {
  const key = storedKey();
  const signedIn = Boolean(key && info?.authenticated);
  els.button.classList.toggle('signed-in', signedIn);
  els.label.textContent = signedIn ? info.name || 'Key' : 'API key';
  els.button.setAttribute('aria-label', signedIn ? `API key: ${info.name}, ${info.scopes.join(', ')}` : 'API key: none entered');
  els.state.textContent = problem ? `The stored key ${maskedKey(key)} was refused: ${problem}`
    : signedIn ? `Using ${maskedKey(key)} (“${info.name}”): ${info.scopes.join(', ')}.`
      : 'No key: this page can search (where the server allows it) but not add files.';
}
