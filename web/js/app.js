// The search page's controller: the URL is the state; every change goes through navigate(), which updates the URL
// (so back/forward and shared links work) and runs the search when the question changed.
import { ApiError, currentKey, getDocument, listCollections, mediaUrl, search, thumbnailUrl } from './api.js';
import { $, h } from './dom.js';
import { wireExampleInput } from './example/upload.js';
import { wireRecorder } from './example/recorder.js';
import { formatRelevance, plural, titleOf } from './format.js';
import { wireKeyboard } from './keyboard.js';
import { stop as stopPlayback, wirePlayer } from './player.js';
import { storedKey } from './state/key.js';
import { rememberCollection, rememberedCollection } from './state/preferences.js';
import { MAX_DOCUMENTS, hasQuery, readUrl, sameSearch, writeUrl } from './state/url.js';
import { isAddingFiles, setAddFilesAllowed, wireAddFiles } from './views/add-files.js';
import { onCollectionChange, showCollections, showCollectionsFailed, showCollectionsLoading } from './views/collections.js';
import { closeDetail, isDetailOpen, openDetail } from './views/detail.js';
import { showDocumentsChip } from './views/documents-chip.js';
import { setPlaceholder, showExample } from './views/example-chip.js';
import { filterCount, renderFilters } from './views/filters.js';
import { showKeyState, wireKeyControl } from './views/key.js';
import { openCropDialog } from './views/crop-dialog.js';
import { hideMap, refreshMap, setMapResults, setMapSelection, showMap, wireMap } from './views/map.js';
import { appendResults, renderResults } from './views/results.js';
import { empty, errorBanner, exampleMissing, loading, noCloseMatch, weakResultsNote, welcome } from './views/states.js';
import { renderTabs, wireTabKeys } from './views/tabs.js';

const els = {
  form: /** @type {HTMLFormElement} */ ($('#search-form')),
  input: /** @type {HTMLInputElement} */ ($('#q')),
  results: $('#results'),
  status: $('#status'),
  banner: $('#banner'),
  rerank: /** @type {HTMLInputElement} */ ($('#rerank')),
  diverse: /** @type {HTMLInputElement} */ ($('#diverse')),
  filtersToggle: $('#filters-toggle'),
  filters: $('#filters'),
  filterCount: $('#filter-count'),
  mapToggle: $('#map-toggle'),
};

let state = readUrl(location.search);
let collections = [];
let collectionsError = null;
let exampleFile = null;      // a File cannot live in the URL; it lives here while its search is on screen
let lastResults = [];
let likeTitle = '';          // what "more like this" was asked about, for the status line
let lastDiversity = 0.5;     // what the Diverse switch turns back on
let inFlight = null;         // AbortController of the running search
let showWeak = false;        // "show anyway" was pressed for the results on screen
let lastQuery = null;        // the query whose results are on screen: a later page must be asked with it unchanged
let nextCursor = null;       // the API's cursor for the page after the results on screen; null on the last page
let moreInFlight = null;     // AbortController of the running "next page" request
let moreObserver = null;     // watches the sentinel under the results, to load the next page on scrolling near it
let focusNextPage = false;   // Load more was pressed: the focus goes on to the first card of the page it brings

// ---- state and URL ------------------------------------------------------------------------------------------------

function navigate(changes, { push = true } = {}) {
  const next = { ...state, ...changes };
  // A region is of the picture searched with; a search without one (words only) has no region.
  if (!next.like && !next.example) next.crop = null;
  const searchChanged = !sameSearch(state, next);
  state = next;
  const url = writeUrl(state);
  if (push) history.pushState({ doc: Boolean(state.doc) }, '', url);
  else history.replaceState({ doc: Boolean(state.doc) }, '', url);
  syncControls();
  if (searchChanged) runSearch();
}

window.addEventListener('popstate', () => {
  const next = readUrl(location.search);
  const searchChanged = !sameSearch(state, next);
  state = next;
  if (!state.example && exampleFile) setExample(null);
  else if (exampleFile) showExampleChip(); // the region, if any, of the search walked back or forward to
  syncControls();
  if (!state.doc && isDetailOpen()) closeDetail();
  if (searchChanged) runSearch(); // it opens state.doc, if any, once the results are there
  else if (state.doc) showDocument(state.doc);
});

/** Puts the state into the controls (after back/forward or a shared link). */
function syncControls() {
  if (document.activeElement !== els.input || els.input.value === '') els.input.value = state.text;
  els.rerank.checked = state.rerank;
  els.diverse.checked = state.diversity > 0;
  if (state.diversity > 0) lastDiversity = state.diversity;
  const current = collections.find((c) => c.name === state.collection);
  renderTabs({ selected: state.modality, counts: current?.modalities ?? null, onSelect: (modality) => navigate({ modality, doc: '' }) });
  const count = filterCount(state.filter);
  els.filterCount.hidden = count === 0;
  els.filterCount.textContent = String(count);
  renderFilters({ state, onApply: ({ filter, k, diversity, minRelevance }) => navigate({ filter, k, diversity, minRelevance, doc: '' }) });
  showDocumentsChip(state.documents, () => navigate({ documents: [], doc: '' }));
  syncView();
  const select = /** @type {HTMLSelectElement} */ ($('#collection'));
  if (!select.disabled && state.collection) select.value = state.collection;
  document.title = state.text ? `${state.text} — Search` : state.like && likeTitle ? `Like ${likeTitle} — Search` : 'Search';
}

/** The result list or the map: the map replaces the list, and keeps the search's results ringed on it. */
function syncView() {
  const onMap = state.view === 'map';
  els.mapToggle.setAttribute('aria-pressed', String(onMap));
  els.results.hidden = onMap;
  setMapSelection(state.documents);
  if (onMap) showMap(state.collection);
  else hideMap();
}

// ---- collections --------------------------------------------------------------------------------------------------

async function loadCollections() {
  showCollectionsLoading();
  collectionsError = null;
  try {
    collections = await listCollections();
  } catch (error) {
    collections = [];
    collectionsError = error;
    showCollectionsFailed();
    renderIdle();
    return;
  }
  const names = collections.map((c) => c.name);
  const chosen = [state.collection, rememberedCollection()].find((n) => n && names.includes(n)) ?? names[0] ?? '';
  showCollections(collections, chosen);
  if (chosen && chosen !== state.collection) {
    state = { ...state, collection: chosen };
    history.replaceState(history.state, '', writeUrl(state));
  }
  if (chosen) rememberCollection(chosen);
  syncControls();
  showWriteAccess();
  runSearch();
  if (state.doc && !hasQuery(state)) showDocument(state.doc);
}

onCollectionChange((name) => {
  rememberCollection(name);
  // A lasso's documents belong to the collection they were picked in.
  navigate({ collection: name, doc: '', like: '', documents: [] });
  showWriteAccess();
});

// ---- the key and what it may write --------------------------------------------------------------------------------

let keyInfo = null;          // GET /api/keys/current for the stored key (or anonymous); null while unknown or refused

/** Asks the API what the stored key may do, then shows it and whether files may be added to this collection. */
async function refreshKey() {
  keyInfo = null;
  let problem = '';
  try {
    keyInfo = await currentKey();
  } catch (error) {
    // No key and no anonymous reading (401) is not a problem of a key; a stored key refused is.
    if (storedKey()) problem = error instanceof Error ? error.message : String(error);
  }
  showKeyState(keyInfo, problem);
  showWriteAccess();
}

function showWriteAccess() {
  const scopes = keyInfo?.scopes ?? [];
  const limited = Array.isArray(keyInfo?.collections) ? keyInfo.collections : null;
  const allowed = Boolean(keyInfo?.authenticated) && (scopes.includes('write') || scopes.includes('admin'))
    && Boolean(state.collection) && (limited === null || limited.includes(state.collection));
  setAddFilesAllowed(allowed, state.collection);
}

// ---- searching ----------------------------------------------------------------------------------------------------

function setBusy(busy) {
  els.results.setAttribute('aria-busy', String(busy));
}

/** What to show when there is no question yet, or the collections could not be loaded. */
function renderIdle() {
  els.banner.replaceChildren();
  if (collectionsError) {
    els.status.textContent = 'The search service is not available.';
    els.banner.replaceChildren(errorBanner({
      title: 'Could not load the collections',
      error: collectionsError,
      onRetry: () => loadCollections(),
    }));
    els.results.replaceChildren();
    return;
  }
  const current = collections.find((c) => c.name === state.collection);
  els.status.textContent = '';
  els.results.replaceChildren(welcome({
    collection: state.collection,
    documents: current?.documents,
    onSuggest: (text) => { els.input.value = text; navigate({ text, like: '', example: false, doc: '' }); },
  }));
}

async function runSearch() {
  inFlight?.abort();
  inFlight = null;
  stopPaging();
  showWeak = false;
  stopPlayback();
  if (!hasQuery(state)) {
    lastResults = [];
    setMapResults([]);
    renderIdle();
    return;
  }
  if (state.example && !exampleFile) {
    els.banner.replaceChildren();
    els.status.textContent = '';
    els.results.replaceChildren(exampleMissing({ onPick: () => example.pick() }));
    return;
  }

  const controller = new AbortController();
  inFlight = controller;
  els.banner.replaceChildren();
  els.status.textContent = 'Searching…';
  els.results.replaceChildren(loading());
  setBusy(true);
  const query = {
    collection: state.collection,
    text: state.text,
    modality: state.modality,
    k: state.k,
    rerank: state.rerank,
    diversity: state.diversity,
    filter: state.filter,
    minRelevance: state.minRelevance,
    documents: state.documents,
    like: state.like,
    file: state.example ? exampleFile : null,
    crop: state.crop,
  };
  try {
    const response = await search(query, controller.signal);
    if (controller.signal.aborted) return;
    lastResults = response.results;
    setMapResults(response.results);
    lastQuery = query;
    nextCursor = response.nextCursor;
    showResults(response);
    if (state.doc) showDocument(state.doc);
  } catch (error) {
    if (controller.signal.aborted || error?.name === 'AbortError') return;
    lastResults = [];
    setMapResults([]);
    els.status.textContent = ''; // the banner says it, as an alert
    els.results.replaceChildren();
    els.banner.replaceChildren(errorBanner({ title: 'Search failed', error, onRetry: () => runSearch() }));
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      setBusy(false);
    }
  }
}

function showResults(response) {
  const { results, tookMs, closeMatch, filteredOut } = response;
  const about = state.text && !state.example && !state.like ? `“${state.text}”`
    : state.like ? `things like ${likeTitle ? `“${likeTitle}”` : 'that document'}`
      : `things like ${exampleFile?.name ?? 'your example'}${state.text ? ` and “${state.text}”` : ''}`;
  const region = state.crop ? ' (a region of it)' : '';
  const suggest = (text) => { els.input.value = text; navigate({ text, like: '', example: false, doc: '' }); };
  // With a calibrated pack, the best hit's relevance tells whether anything here is a match at all (the API says how
  // likely it must be); a minimum relevance that hid every result says the same.
  const best = Math.max(-1, ...results.map((r) => r.relevance ?? -1));
  const allHidden = results.length === 0 && filteredOut > 0;
  // An exact match (a fingerprint found the clip's very recording) is a match whatever the semantic results are.
  const exact = results.some((r) => r.match === 'exact');
  const weak = !exact && closeMatch !== null && (allHidden || (best >= 0 && best < closeMatch));
  // A region of a picture is never the whole of an indexed one, so it is rarely a close match by the pack's calibration
  // (which counts only the same picture as relevant): its closest pictures show at once, under the weak-results note.
  if (weak && !showWeak && !state.crop) {
    els.status.textContent = `No close match for ${about}${region}.`;
    els.results.replaceChildren(noCloseMatch({
      state,
      best,
      count: results.length,
      hidden: filteredOut,
      onSuggest: suggest,
      onShowAnyway: () => {
        if (allHidden) { navigate({ minRelevance: null }); return; }
        showWeak = true;
        showResults(response);
      },
    }));
    return;
  }
  if (results.length === 0) {
    els.status.textContent = `No results for ${about}${region}.`;
    els.results.replaceChildren(empty({
      state,
      // The lasso's documents narrow the search as a filter does, and are cleared with the filters.
      filterCount: filterCount(state.filter) + (state.documents.length > 0 ? 1 : 0),
      onSuggest: suggest,
      onShowAll: () => navigate({ modality: 'all' }),
      onClearFilters: () => navigate({ filter: null, documents: [] }),
    }));
    return;
  }
  const timing = tookMs === null ? '' : ` · ${Math.round(tookMs)} ms`;
  // Say when the minimum relevance dropped results, and offer them back.
  const hiddenNote = filteredOut > 0
    ? [' · ', h('button.link-button', { type: 'button', onclick: () => navigate({ minRelevance: null }) },
      `${plural(filteredOut, 'weaker result')} hidden (relevance below ${formatRelevance(state.minRelevance)}); show all`)]
    : [];
  els.status.replaceChildren(`${plural(lastResults.length, 'result')}${nextCursor ? ' so far' : ''} for ${about}${region}${timing}`, ...hiddenNote);
  els.results.replaceChildren(
    ...(weak ? [weakResultsNote()] : []),
    ...renderResults(results, { query: state.example || state.like ? '' : state.text, queryKind: queryKind(), onOpen: openResult }));
  showMoreControl();
}

// ---- later pages --------------------------------------------------------------------------------------------------

/** Forgets the page after the results on screen (a new search starts), and stops asking for it. */
function stopPaging() {
  moreInFlight?.abort();
  moreInFlight = null;
  focusNextPage = false;
  moreObserver?.disconnect();
  moreObserver = null;
  nextCursor = null;
}

/**
 * Under the results while the API has a next page: a sentinel that loads it when scrolled near (IntersectionObserver),
 * and a "Load more" button for keyboards and for browsers that scroll no further.
 */
function showMoreControl() {
  moreObserver?.disconnect();
  moreObserver = null;
  // The control is made anew for each page; a keyboard user who was on it stays on it.
  const hadFocus = document.activeElement?.closest?.('.load-more') != null;
  els.results.querySelector('.load-more')?.remove();
  if (!nextCursor) return;
  // A press while the sentinel's load is already in flight still moves the focus on when that page arrives.
  const button = h('button.button.load-more-button', { type: 'button', onclick: () => { focusNextPage = true; loadMore(); } }, 'Load more results');
  const sentinel = h('div.load-more-sentinel', { 'aria-hidden': 'true' });
  els.results.append(h('div.load-more', null, sentinel, button));
  moreObserver = new IntersectionObserver((entries) => {
    // A keyboard user on the button pages with it; scrolling it into view by Tab does not load behind their back.
    if (document.activeElement === button) return;
    if (entries.some((e) => e.isIntersecting)) loadMore();
  }, { rootMargin: '0px 0px 100px 0px' }); // a little before the end is reached, so the next page is there on arrival
  moreObserver.observe(sentinel);
  if (hadFocus) button.focus({ preventScroll: true });
}

async function loadMore() {
  if (!nextCursor || moreInFlight || !lastQuery) return;
  const controller = new AbortController();
  moreInFlight = controller;
  const control = els.results.querySelector('.load-more');
  const button = control?.querySelector('button') ?? null;
  // aria-disabled, not disabled: a disabled button drops the focus and ignores a keyboard press during the load.
  if (button) { button.setAttribute('aria-disabled', 'true'); button.textContent = 'Loading more…'; }
  try {
    const response = await search(lastQuery, controller.signal, nextCursor);
    if (controller.signal.aborted) return;
    // The API leaves out what earlier pages showed; the page checks too, so a card is never shown twice.
    const shown = new Set(lastResults.map((r) => r.id));
    const fresh = response.results.filter((r) => !shown.has(r.id));
    lastResults = [...lastResults, ...fresh];
    setMapResults(lastResults);
    nextCursor = response.nextCursor;
    appendResults(els.results, renderResults(fresh, { query: state.example || state.like ? '' : state.text, queryKind: queryKind(), onOpen: openResult }), control);
    // A keyboard user who pressed "Load more" goes on from the first new result, not from the top of the page.
    // An audio row is not itself focusable: its title, which opens it, is.
    if (focusNextPage && fresh.length > 0) {
      const card = els.results.querySelector(`.result[data-id="${CSS.escape(fresh[0].id)}"]`);
      /** @type {HTMLElement | null} */ (card?.matches('button') ? card : card?.querySelector('.row-title'))?.focus();
    }
    const first = els.status.firstChild;
    if (first?.nodeType === Node.TEXT_NODE) {
      first.textContent = first.textContent.replace(/^[\d,.\s]+results?( so far)?/, `${plural(lastResults.length, 'result')}${nextCursor ? ' so far' : ''}`);
    }
    focusNextPage = false;
    moreInFlight = null;
    showMoreControl();
  } catch (error) {
    if (controller.signal.aborted || error?.name === 'AbortError') return;
    moreInFlight = null;
    // The results on screen stay; the control says what failed and offers the same page again.
    if (button) { button.removeAttribute('aria-disabled'); button.textContent = 'Load more results (retry)'; }
    els.banner.replaceChildren(errorBanner({ title: 'Could not load more results', error, onRetry: () => loadMore() }));
  }
}

/** What the search on screen was made with, so results can say "sounds like" or "looks like". */
function queryKind() {
  if (state.like) return 'document';
  if (!state.example || !exampleFile) return 'text';
  const type = exampleFile.type.split('/')[0];
  return type === 'audio' || type === 'video' || type === 'image' ? type : 'document';
}

// ---- the open document --------------------------------------------------------------------------------------------

function openResult(result) {
  navigate({ doc: result.id });
  present(result);
}

function present(result) {
  openDetail(result, {
    onCropSearch: (r, box) => {
      likeTitle = titleOf(r);
      exampleFile = null;
      showExample(null, removeExample);
      els.input.value = '';
      navigate({ like: r.id, crop: box, text: '', example: false, doc: '' }, { push: !history.state?.doc });
    },
    onMoreLikeThis: (r) => {
      likeTitle = titleOf(r);
      exampleFile = null;
      showExample(null, removeExample);
      els.input.value = '';
      // The open-document entry becomes the "more like this" search, so Back returns to the results it came from.
      // (The dialog's close event fires after this, finds no open document in the state, and leaves history alone.)
      navigate({ like: r.id, crop: null, text: '', example: false, doc: '' }, { push: !history.state?.doc });
    },
    onClose: () => {
      if (!state.doc) return;
      if (history.state?.doc) history.back();
      else navigate({ doc: '' }, { push: false });
    },
  });
}

/** Opens the document named in the URL: from the results on screen, or fetched when the link came from elsewhere. */
async function showDocument(id) {
  const known = lastResults.find((r) => r.id === id);
  if (known) { present(known); return; }
  try {
    const doc = await getDocument(id);
    if (state.doc !== id) return;
    present({
      id, uri: doc.uri ?? '', modality: String(doc.modality ?? 'image').toLowerCase(), score: null, relevance: null, rank: null,
      segment: null, duration: doc.duration ?? null, title: doc.title ?? '', caption: doc.caption ?? '', metadata: doc.metadata ?? {},
      thumbnailUrl: thumbnailUrl(id), mediaUrl: mediaUrl(id),
    });
  } catch (error) {
    els.banner.replaceChildren(errorBanner({ title: 'Could not open that document', error, onRetry: () => showDocument(id) }));
    navigate({ doc: '' }, { push: false });
  }
}

// ---- controls -----------------------------------------------------------------------------------------------------

els.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = els.input.value.trim();
  if (!text && !exampleFile) { els.input.focus(); return; }
  // On touch screens, put the keyboard away so the results can be seen.
  if (matchMedia('(pointer: coarse)').matches) els.input.blur();
  const changes = { text, like: '', example: Boolean(exampleFile), doc: '' };
  if (sameSearch(state, { ...state, ...changes })) runSearch(); // Enter on the same words searches again
  else navigate(changes);
});

els.rerank.addEventListener('change', () => navigate({ rerank: els.rerank.checked }));
els.diverse.addEventListener('change', () => navigate({ diversity: els.diverse.checked ? lastDiversity : 0 }));
els.filtersToggle.addEventListener('click', () => {
  const open = els.filters.hidden;
  els.filters.hidden = !open;
  els.filtersToggle.setAttribute('aria-expanded', String(open));
  if (open) els.filters.querySelector('input, textarea')?.focus();
});

function setExample(file) {
  exampleFile = file;
  showExampleChip();
}

function showExampleChip() {
  showExample(exampleFile, removeExample, {
    crop: state.example ? state.crop : null,
    onCrop: (src) => openCropDialog(src, exampleFile?.name || 'the example', (crop) => {
      navigate({ crop, example: true, doc: '' });
      showExampleChip();
    }),
  });
}

function removeExample() {
  setExample(null);
  navigate({ example: false, doc: '' });
  els.input.focus();
}

function searchWith(file) {
  exampleFile = file;
  likeTitle = '';
  const changes = { text: els.input.value.trim(), like: '', example: true, crop: null, doc: '' };
  if (state.example) { state = { ...state, ...changes }; history.pushState({ doc: false }, '', writeUrl(state)); runSearch(); }
  else navigate(changes);
  showExampleChip(); // after the state, so a region of the previous example is not shown on this one
}

function reject(message) {
  els.banner.replaceChildren(errorBanner({ title: 'That cannot be used as an example', error: new ApiError(message) }));
}

const example = wireExampleInput({ onFile: searchWith, onReject: reject, isSuspended: isAddingFiles });
wireKeyControl({ onChange: () => { refreshKey(); loadCollections(); } });
wireAddFiles({
  collection: () => state.collection,
  // New documents show without a reload: the search on screen runs again, and the collection's counts are re-read.
  onAdded: () => { if (hasQuery(state)) runSearch(); refreshMap(); },
  onOpen: (id) => { navigate({ doc: id }); showDocument(id); },
});
wireRecorder({ onRecorded: searchWith, onError: reject });
els.mapToggle.addEventListener('click', () => navigate({ view: state.view === 'map' ? 'results' : 'map', doc: '' }));
wireMap({
  onOpen: (id) => { navigate({ doc: id }); showDocument(id); },
  onLasso: (ids) => {
    if (ids.length > MAX_DOCUMENTS) {
      els.banner.replaceChildren(errorBanner({
        title: 'Too many documents in the lasso',
        error: new ApiError(`The lasso holds ${ids.length.toLocaleString()} documents; a search can be limited to at most ${MAX_DOCUMENTS.toLocaleString()}. Zoom in and draw a smaller one.`),
      }));
      return;
    }
    els.banner.replaceChildren();
    navigate({ documents: ids, doc: '' });
  },
  onClose: () => { navigate({ view: 'results', doc: '' }); els.mapToggle.focus(); },
});
wireTabKeys((modality) => navigate({ modality, doc: '' }));
wireKeyboard();
wirePlayer();

// A shared link may name an open document; its entry is the first one, so closing it replaces rather than goes back.
history.replaceState({ doc: false }, '', writeUrl(state));
setPlaceholder(false);
syncControls();
els.status.textContent = 'Connecting to the search service…';
loadCollections();
refreshKey();
