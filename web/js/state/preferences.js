// What the page remembers between visits. Storage can be unavailable (private mode, policies): then it just forgets.

const COLLECTION_KEY = 'searchengine.collection';

export function rememberedCollection() {
  try { return localStorage.getItem(COLLECTION_KEY) ?? ''; } catch { return ''; }
}

export function rememberCollection(name) {
  try { localStorage.setItem(COLLECTION_KEY, name); } catch { /* not remembered, not fatal */ }
}
