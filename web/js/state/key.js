// The API key the person entered, kept in this browser only (localStorage), sent with every API call. Storage can be
// unavailable (private mode, policies): then the key lasts until the page is closed.

const KEY = 'searchengine.apiKey';
let memory = '';

export function storedKey() {
  try { return localStorage.getItem(KEY) ?? memory; } catch { return memory; }
}

export function storeKey(key) {
  memory = key;
  try { localStorage.setItem(KEY, key); } catch { /* kept in memory only */ }
}

export function forgetKey() {
  memory = '';
  try { localStorage.removeItem(KEY); } catch { /* nothing stored */ }
}

/** The key as it may be shown: its public prefix (se_ and 12 characters, as `keys list` shows it), never the secret. */
export const maskedKey = (key) => `${key.slice(0, key.startsWith('se_') ? 15 : 4)}…`;
