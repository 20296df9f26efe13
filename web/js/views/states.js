// Welcome, loading, empty, no close match and error: the page always says what is going on.
import { h, icon } from '../dom.js';
import { formatRelevance } from '../format.js';

const SUGGESTIONS = ['a dog running on the beach', 'children playing in a fountain', 'a man riding a bike', 'street music', 'a siren'];

/** First visit, or a cleared query: say what the page can do and offer a few things to try. */
export function welcome({ collection, documents, onSuggest }) {
  const count = Number.isFinite(documents) && documents > 0 ? `${documents.toLocaleString()} documents` : 'documents';
  return h('section.message', { 'aria-labelledby': 'welcome-title' },
    h('div.message-art', null, icon('sparkles')),
    h('h2#welcome-title', null, 'Find pictures, sounds and text by meaning'),
    h('p', null, collection
      ? ['Search ', h('strong', null, count), ' in ', h('strong', null, collection), ' with words, or with an example image or sound.']
      : 'Pick a collection, then search with words or with an example image or sound.'),
    suggestionChips(onSuggest),
    h('div.ways', null,
      h('span', null, icon('image'), 'Drop or paste an image'),
      h('span', null, icon('mic'), 'Record a sound'),
      h('span', null, h('kbd', null, '/'), 'to search')));
}

function suggestionChips(onSuggest) {
  return h('div.suggestions', null, SUGGESTIONS.map((text) =>
    h('button.suggestion', { type: 'button', onclick: () => onSuggest(text) }, text)));
}

/** Placeholder tiles in the shape results will take, so the page does not jump when they arrive. */
export function loading(count = 12) {
  return h('div.skeleton-grid', { 'aria-hidden': 'true' }, Array.from({ length: count }, () => h('div.skeleton')));
}

/** No results: say why that may be and what to change. */
export function empty({ state, filterCount, onSuggest, onShowAll, onClearFilters }) {
  const what = state.text ? `“${state.text}”` : 'this example';
  const widen = [
    state.modality !== 'all' ? h('button.button', { type: 'button', onclick: onShowAll }, 'Search all kinds') : null,
    filterCount > 0 ? h('button.button', { type: 'button', onclick: onClearFilters }, icon('x'), filterCount === 1 ? 'Clear the filter' : `Clear ${filterCount} filters`) : null,
  ].filter(Boolean);
  return h('section.message', { 'aria-labelledby': 'empty-title' },
    h('div.message-art', null, icon('search')),
    h('h2#empty-title', null, `Nothing found for ${what}`),
    h('p', null, widen.length > 0 ? 'Widen the search, or use fewer or more general words.' : 'Try fewer or more general words, or one of these:'),
    widen.length > 0 ? h('div.suggestions', null, widen) : suggestionChips(onSuggest));
}

/** The error banner: the API's own words, and a way to try again. */
export function errorBanner({ title, error, onRetry }) {
  return h('div.banner', { role: 'alert' },
    icon('alert'),
    h('div.banner-body', null,
      h('p.banner-title', null, title),
      h('p.banner-message', null, error?.message || String(error))),
    onRetry ? h('button.button', { type: 'button', onclick: onRetry }, icon('refresh'), 'Retry') : null);
}

/** When the page was opened from a link to a search by example: the file did not travel with the link. */
export function exampleMissing({ onPick }) {
  return h('section.message', null,
    h('div.message-art', null, icon('image')),
    h('h2', null, 'This search used an example file'),
    h('p', null, 'Files are not part of a link. Pick, drop or paste the image or sound again to repeat it.'),
    h('div.suggestions', null, h('button.button.primary', { type: 'button', onclick: onPick }, icon('upload'), 'Choose a file')));
}

/**
 * The best hit is not likely enough to be relevant (below the collection's close-match threshold): say so instead of
 * presenting unrelated results as matches, and keep the weaker results one click away.
 */
export function noCloseMatch({ state, best, count, hidden, onShowAnyway, onSuggest }) {
  const what = state.text && !state.example && !state.like ? `“${state.text}”` : 'this example';
  const reason = hidden > 0 && count === 0
    ? `The minimum relevance hid all ${hidden} results for ${what}.`
    : `Nothing here matches ${what} closely: the best result is only ${formatRelevance(best)} likely to be relevant.`;
  return h('section.message.no-match', { 'aria-labelledby': 'no-match-title' },
    h('div.message-art', null, icon('search')),
    h('h2#no-match-title', null, 'No close match'),
    h('p', null, reason),
    h('div.suggestions', null,
      h('button.button', { type: 'button', onclick: onShowAnyway }, count > 0 ? `Show the ${count === 1 ? 'closest result' : `${count} closest results`} anyway` : 'Show them anyway')),
    h('p.hint', null, 'Or try other words, or one of these:'),
    suggestionChips(onSuggest));
}

/** Above results shown in spite of "no close match", so they are not read as matches. */
export function weakResultsNote() {
  return h('p.weak-note', { role: 'note' }, icon('alert'), 'None of these is a close match; they are the closest this collection has.');
}
