// The collection picker in the masthead.
import { h } from '../dom.js';
import { plural } from '../format.js';

const select = () => document.getElementById('collection');

export function showCollectionsLoading() {
  const el = select();
  el.disabled = true;
  el.replaceChildren(h('option', { value: '' }, 'Loading…'));
  el.closest('.collection-picker').classList.remove('failed');
}

export function showCollectionsFailed() {
  const el = select();
  el.disabled = true;
  el.replaceChildren(h('option', { value: '' }, 'Unavailable'));
  el.closest('.collection-picker').classList.add('failed');
}

/** @param {Array<{name: string, documents?: number}>} collections */
export function showCollections(collections, selected) {
  const el = select();
  el.closest('.collection-picker').classList.remove('failed');
  if (collections.length === 0) {
    el.disabled = true;
    el.replaceChildren(h('option', { value: '' }, 'No collections yet'));
    return;
  }
  el.disabled = false;
  el.replaceChildren(...collections.map((c) => h('option', {
    value: c.name, selected: c.name === selected,
    title: Number.isFinite(c.documents) ? plural(c.documents, 'document') : null,
  }, c.name)));
  el.value = selected;
}

export function onCollectionChange(handler) {
  select().addEventListener('change', () => handler(select().value));
}
