import { storedKey } from './state/key.js';

// The query API's HTTP contract, in one place. Every failure becomes an ApiError whose message a person can act on:
// the API's RFC 7807 `detail` (or `title`) when it sent one, otherwise what went wrong on the wire.

export class ApiError extends Error {
  /** @param {string} message @param {{status?: number, title?: string, type?: string, cause?: unknown}} [info] */
  constructor(message, info = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = info.status ?? 0;
    this.title = info.title ?? '';
    this.type = info.type ?? '';
    if (info.cause) this.cause = info.cause;
  }
}

async function problemFrom(response) {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      const message = body.detail || body.title || body.message;
      if (message) return new ApiError(String(message), { status: response.status, title: body.title, type: body.type });
    } catch { /* fall through to the status line */ }
  }
  const reason = response.statusText ? ` (${response.statusText})` : '';
  return new ApiError(`The search service answered ${response.status}${reason}.`, { status: response.status });
}

/** The headers every call sends: JSON accepted, and the person's API key when one is stored. */
function headers(extra = {}) {
  const key = storedKey();
  return { Accept: 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra };
}

async function request(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: headers(init.headers) });
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause;
    throw new ApiError('Could not reach the search service. Check that query-api is running, then retry.', { cause });
  }
  if (!response.ok) throw await problemFrom(response);
  try {
    return await response.json();
  } catch (cause) {
    throw new ApiError('The search service sent a response this page cannot read.', { status: response.status, cause });
  }
}

/** @returns {Promise<Array<{name: string, documents?: number, modalities?: Record<string, number>}>>} */
export async function listCollections(signal) {
  const body = await request('/api/collections', { signal });
  const list = Array.isArray(body) ? body : body?.collections ?? body?.items ?? [];
  return list
    .map((c) => (typeof c === 'string' ? { name: c } : c))
    .filter((c) => c && typeof c.name === 'string' && c.name.length > 0);
}

/**
 * The filter as sent: the person's filter, and, when documents were picked on the map (a lasso), the document-id
 * condition that restricts the search to them.
 */
function filterOf(query) {
  const picked = Array.isArray(query.documents) && query.documents.length > 0 ? { id: { in: query.documents.map(Number) } } : {};
  const filter = { ...(query.filter ?? {}), ...picked };
  return Object.keys(filter).length > 0 ? filter : null;
}

function appendCommon(target, query) {
  const set = (key, value) => {
    if (value === undefined || value === null || value === '') return;
    target.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  };
  set('collection', query.collection);
  if (query.modality && query.modality !== 'all') set('modality', query.modality);
  set('k', query.k);
  set('rerank', query.rerank);
  if (query.diversity > 0) set('diversity', query.diversity);
  set('filter', filterOf(query));
  if (query.minRelevance !== null && query.minRelevance !== undefined) set('min_relevance', query.minRelevance);
}

/** A crop box {x, y, w, h} (fractions of the image) as the form field spells it: "x,y,w,h". */
export const cropField = (crop) => [crop.x, crop.y, crop.w, crop.h].map((n) => Number(n.toFixed(4))).join(',');

/**
 * Runs one search. The shape of the query decides the request: a file goes up as multipart, "more like this" as a JSON
 * body with documentId, plain text as GET so it is cacheable and easy to reproduce with curl. `query.crop` (with a file
 * or `like`) searches with that region of the image; `cursor` (a previous response's nextCursor) asks for the next
 * page of the same query, which must be sent unchanged (the same file too).
 */
export async function search(query, signal, cursor = null) {
  if (query.file) {
    const form = new FormData();
    form.set('file', query.file, query.file.name || 'example');
    if (query.text) form.set('q', query.text);
    appendCommon({ set: (k, v) => form.set(k, v) }, query);
    if (query.crop) form.set('crop', cropField(query.crop));
    if (cursor) form.set('cursor', cursor);
    return normalize(await request('/api/search', { method: 'POST', body: form, signal }));
  }
  // A lasso's document ids can be many more than a URL holds (Kestrel stops at 8 KB), so such a text search goes as a
  // JSON body, which holds them all.
  if (query.like || query.documents?.length > 0) {
    const body = {
      collection: query.collection,
      ...(query.like ? { documentId: query.like } : {}),
      k: query.k,
      rerank: query.rerank,
      ...(query.text ? { text: query.text } : {}),
      ...(query.modality && query.modality !== 'all' ? { modality: query.modality } : {}),
      ...(query.diversity > 0 ? { diversity: query.diversity } : {}),
      ...(filterOf(query) ? { filter: filterOf(query) } : {}),
      ...(query.minRelevance !== null && query.minRelevance !== undefined ? { min_relevance: query.minRelevance } : {}),
      ...(query.crop ? { crop: query.crop } : {}),
      ...(cursor ? { cursor } : {}),
    };
    return normalize(await request('/api/search', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
      signal,
    }));
  }
  const params = new URLSearchParams();
  params.set('q', query.text);
  appendCommon(params, query);
  if (cursor) params.set('cursor', cursor);
  return normalize(await request(`/api/search?${params}`, { signal }));
}

/**
 * What the stored key may do (GET /api/keys/current): `{authenticated, name, scopes, collections}`. Without a key on a
 * server that lets anyone read, an unauthenticated answer; a refused key is an ApiError with status 401.
 */
export async function currentKey(signal) {
  return request('/api/keys/current', { signal });
}

/**
 * Uploads one file to a collection (multipart `file`), reporting progress (0..1) as the bytes go out, with an
 * Idempotency-Key so that a retry after a lost answer cannot add it twice. Resolves to the API's entry for the file
 * (`{status, id, error}`); rejects with an ApiError carrying the problem's detail. XMLHttpRequest, because fetch reports
 * no upload progress.
 */
export function uploadFile(collection, file, { onProgress, idempotencyKey } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/collections/${encodeURIComponent(collection)}/documents`);
    for (const [name, value] of Object.entries(headers(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}))) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress?.(event.loaded / event.total); };
    xhr.onerror = () => reject(new ApiError('Could not reach the search service. Check that query-api is running, then retry.'));
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: described by the status below */ }
      const entry = Array.isArray(body?.documents) ? body.documents[0] : null;
      if (xhr.status >= 200 && xhr.status < 300 && entry) { resolve(entry); return; }
      // 422: the file itself failed (the entry says at which stage); any other problem: its detail.
      const message = entry?.error ? `failed at ${entry.error.stage}: ${entry.error.detail}`
        : body?.detail || body?.title || `The search service answered ${xhr.status}.`;
      reject(new ApiError(String(message), { status: xhr.status, title: body?.title }));
    };
    const form = new FormData();
    form.set('file', file, file.name || 'upload');
    xhr.send(form);
  });
}

/**
 * The collection's embedding map (GET /api/collections/{name}/map, docs/map.md): `{pending: true, retryAfter}` (seconds)
 * while its first layout is computed (202), otherwise `{pending: false, buffer}` with the binary map. The browser's
 * cache revalidates it by its ETag, so showing the map again costs a 304 when nothing changed.
 */
export async function getMap(collection, signal) {
  let response;
  try {
    response = await fetch(`/api/collections/${encodeURIComponent(collection)}/map`, { headers: headers({ Accept: 'application/octet-stream' }), signal });
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause;
    throw new ApiError('Could not reach the search service. Check that query-api is running, then retry.', { cause });
  }
  if (response.status === 202) {
    const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    return { pending: true, retryAfter: Number.isFinite(seconds) && seconds > 0 ? seconds : 5 };
  }
  if (!response.ok) throw await problemFrom(response);
  return { pending: false, buffer: await response.arrayBuffer() };
}

export async function getDocument(id, signal) {
  return request(`/api/documents/${encodeURIComponent(id)}`, { signal });
}

export const thumbnailUrl = (id) => `/api/documents/${encodeURIComponent(id)}/thumbnail`;
export const mediaUrl = (id) => `/api/documents/${encodeURIComponent(id)}/media`;

// The page relies on a few fields only; fill what the API may leave out so views need no guards.
// `relevance` (per hit) and `close_match_relevance` come only from collections whose model pack is calibrated.
function normalize(body) {
  const results = Array.isArray(body?.results) ? body.results : [];
  return {
    tookMs: typeof body?.took_ms === 'number' ? body.took_ms : null,
    query: body?.query ?? {},
    closeMatch: typeof body?.close_match_relevance === 'number' ? body.close_match_relevance : null,
    filteredOut: Number.isInteger(body?.filtered_out) ? body.filtered_out : 0,
    // Opaque: sent back as `cursor` with the same query for the page after this one; null on the last page.
    nextCursor: typeof body?.next_cursor === 'string' && body.next_cursor ? body.next_cursor : null,
    results: results.map((r, i) => ({
      id: String(r.id),
      uri: r.uri ?? '',
      modality: String(r.modality ?? 'text').toLowerCase(),
      score: typeof r.score === 'number' ? r.score : null,
      relevance: typeof r.relevance === 'number' ? r.relevance : null,
      rank: r.rank ?? i + 1,
      segment: r.segment && Number.isFinite(r.segment.start) ? r.segment : null,
      // What matched, also for a segment without times (an image's caption): 'caption', 'frame', 'audio_window', …
      segmentKind: typeof r.segment?.kind === 'string' ? r.segment.kind : null,
      // "exact": a fingerprint found this recording, starting at offset_seconds (with a confidence, 0..1); "similar":
      // found by meaning. Null from an API that does not say.
      match: r.match === 'exact' || r.match === 'similar' ? r.match : null,
      offset: Number.isFinite(r.offset_seconds) ? r.offset_seconds
        : r.match === 'exact' && Number.isFinite(r.segment?.start) ? r.segment.start : null,
      confidence: Number.isFinite(r.confidence) ? r.confidence : null,
      duration: Number.isFinite(r.duration) && r.duration > 0 ? r.duration : null,
      title: r.title ?? '',
      caption: r.caption ?? '',
      metadata: r.metadata && typeof r.metadata === 'object' ? r.metadata : {},
      thumbnailUrl: r.thumbnail_url ?? thumbnailUrl(r.id),
      mediaUrl: r.media_url ?? mediaUrl(r.id),
      // Where in an audio or video file the query matched (at most a dozen, in time order), for the timeline.
      moments: Array.isArray(r.moments)
        ? r.moments.filter((m) => Number.isFinite(m?.start)).map((m) => ({
          kind: String(m.kind ?? ''), start: m.start, end: Number.isFinite(m.end) ? m.end : null, score: Number.isFinite(m.score) ? m.score : null,
        }))
        : [],
      // Why it matched when a score cannot say ("text in picture: 'EXIT 42'"), and that text with its words' boxes.
      explanation: typeof r.explanation === 'string' && r.explanation ? r.explanation : null,
      textInPicture: textInPictureOf(r.text_in_picture),
    })),
  };
}

/**
 * The text read in a picture (or in a video frame at `time` seconds): its words' boxes {x, y, w, h} are in pixels of a
 * `width` × `height` version of the picture, to be scaled to the size shown. Null when absent or without a size to
 * scale by (the text alone then still shows, through `text`).
 */
function textInPictureOf(t) {
  if (!t || typeof t !== 'object' || typeof t.text !== 'string') return null;
  const sized = Number.isFinite(t.width) && t.width > 0 && Number.isFinite(t.height) && t.height > 0;
  const words = sized && Array.isArray(t.words)
    ? t.words.filter((w) => typeof w?.text === 'string' && Array.isArray(w.box) && w.box.length === 4 && w.box.every(Number.isFinite))
      .map((w) => ({
        text: w.text, box: { x: w.box[0], y: w.box[1], w: w.box[2], h: w.box[3] },
        confidence: Number.isFinite(w.confidence) ? w.confidence : null, matched: w.matched === true,
      }))
    : [];
  return { text: t.text, time: Number.isFinite(t.time) ? t.time : null, width: sized ? t.width : null, height: sized ? t.height : null, words };
}
