// The documents picked with the map's lasso, as a removable chip beside the filters: while it shows, every search
// looks only among them (sent as the filter's document-id condition, see api.js).
import { h, icon } from '../dom.js';
import { plural } from '../format.js';

const chip = () => document.getElementById('documents-chip');

/** @param {string[]} ids @param {() => void} onRemove */
export function showDocumentsChip(ids, onRemove) {
  const el = chip();
  if (ids.length === 0) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  const what = plural(ids.length, 'document');
  el.replaceChildren(
    icon('lasso'),
    h('span', null, `${what} from the map`),
    h('button.icon-button', { type: 'button', 'aria-label': `Remove the map selection (${what})`, title: 'Search the whole collection again', onclick: onRemove }, icon('x')));
  el.setAttribute('aria-label', `Searching only among ${what} picked on the map`);
  el.hidden = false;
}
