// The search as a URL, so a search can be shared and back/forward walk through searches.
// `min_relevance` keeps only hits at least that likely to be relevant (collections with a calibrated pack).
// A file used as an example cannot travel in a URL; `example=1` marks such a search so the page can explain that.
// `view=map` shows the collection's embedding map instead of the result list; `documents` holds the ids a lasso on the
// map picked, which restrict the search.

export const DEFAULTS = Object.freeze({
  collection: '',
  text: '',
  modality: 'all',
  k: 24,
  rerank: true,
  diversity: 0,
  filter: null,
  minRelevance: null,
  like: '',
  example: false,
  crop: null,
  doc: '',
  view: 'results',
  documents: [],
});

export const MAX_DOCUMENTS = 1000; // the API's bound on one filter list (Retrieval:FilterLimits:MaxValuesPerCondition)

/** `crop=x,y,w,h` (fractions of the image) as {x, y, w, h}, or null when it is not four numbers of a region. */
export function parseCrop(text) {
  const numbers = String(text ?? '').split(',').map(Number);
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n) || n < 0 || n > 1)) return null;
  const [x, y, w, h] = numbers;
  return w > 0 && h > 0 && x + w <= 1.0001 && y + h <= 1.0001 ? { x, y, w, h } : null;
}

const MODALITY_KEYS = new Set(['all', 'image', 'audio', 'video', 'text']);

/** @param {string} search  location.search */
export function readUrl(search) {
  const p = new URLSearchParams(search);
  const state = { ...DEFAULTS };
  state.collection = p.get('collection') ?? '';
  state.text = p.get('q') ?? '';
  const modality = p.get('modality');
  state.modality = modality && MODALITY_KEYS.has(modality) ? modality : 'all';
  const k = Number.parseInt(p.get('k') ?? '', 10);
  state.k = Number.isFinite(k) && k > 0 && k <= 200 ? k : DEFAULTS.k;
  state.rerank = p.get('rerank') !== 'false';
  const diversity = Number.parseFloat(p.get('diversity') ?? '');
  state.diversity = Number.isFinite(diversity) ? Math.min(1, Math.max(0, diversity)) : 0;
  const filter = p.get('filter');
  if (filter) {
    try {
      const parsed = JSON.parse(filter);
      state.filter = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
    } catch { state.filter = null; }
  }
  const minRelevance = Number.parseFloat(p.get('min_relevance') ?? '');
  state.minRelevance = Number.isFinite(minRelevance) && minRelevance > 0 && minRelevance <= 1 ? minRelevance : null;
  state.like = p.get('like') ?? '';
  state.example = p.get('example') === '1';
  // A region only means something with an image to cut it from: a document (like) or an example file.
  state.crop = state.like || state.example ? parseCrop(p.get('crop')) : null;
  state.doc = p.get('doc') ?? '';
  state.view = p.get('view') === 'map' ? 'map' : 'results';
  state.documents = (p.get('documents') ?? '').split(',').filter((id) => /^\d{1,18}$/.test(id)).slice(0, MAX_DOCUMENTS);
  return state;
}

/** Only what differs from the defaults goes into the URL, in a stable order, so URLs stay short and comparable. */
export function writeUrl(state) {
  const p = new URLSearchParams();
  if (state.collection) p.set('collection', state.collection);
  if (state.text) p.set('q', state.text);
  if (state.like) p.set('like', state.like);
  if (state.example) p.set('example', '1');
  if (state.crop) p.set('crop', [state.crop.x, state.crop.y, state.crop.w, state.crop.h].map((n) => Number(n.toFixed(4))).join(','));
  if (state.modality !== 'all') p.set('modality', state.modality);
  if (state.k !== DEFAULTS.k) p.set('k', String(state.k));
  if (!state.rerank) p.set('rerank', 'false');
  if (state.diversity > 0) p.set('diversity', String(state.diversity));
  if (state.filter && Object.keys(state.filter).length > 0) p.set('filter', JSON.stringify(state.filter));
  if (state.minRelevance !== null) p.set('min_relevance', String(state.minRelevance));
  if (state.documents.length > 0) p.set('documents', state.documents.join(','));
  if (state.view === 'map') p.set('view', 'map');
  if (state.doc) p.set('doc', state.doc);
  const query = p.toString();
  return query ? `?${query}` : location.pathname;
}

/** True when the two states ask the API the same question (the open document and the view do not count). */
export function sameSearch(a, b) {
  const { doc: _a, view: _va, ...restA } = a;
  const { doc: _b, view: _vb, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

export const hasQuery = (state) => Boolean(state.text || state.like || state.example);
