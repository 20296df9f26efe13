// Thumbnails drawn in place of points once the view is close enough: loaded only for points in view, a few at a time,
// and kept in a bounded cache, so zooming around a 100,000-point map never asks the server for thousands of images.
import { thumbnailUrl } from '../api.js';

const MAX_CACHED = 400;
const MAX_LOADING = 6;

const cache = new Map();     // id → {image, ready, failed}; Map keeps insertion order, the oldest go first
let loading = 0;
const waiting = [];
let onLoaded = () => {};

/** Called when a thumbnail arrives, so the map can draw it. */
export function whenThumbnailLoads(callback) { onLoaded = callback; }

/** The loaded image for <id>, or null; asks for it (once) when it is not there yet. */
export function thumbnailFor(id) {
  const entry = cache.get(id);
  if (entry) {
    // Touching an entry moves it to the young end.
    cache.delete(id);
    cache.set(id, entry);
    return entry.ready ? entry.image : null;
  }
  const image = new Image();
  image.decoding = 'async';
  const fresh = { image, ready: false, failed: false };
  cache.set(id, fresh);
  waiting.push({ id, entry: fresh });
  evict();
  pump();
  return null;
}

/** Forgets the requests for points that left the view before their turn came. */
export function dropWaiting(keep) {
  for (let i = waiting.length - 1; i >= 0; i -= 1) {
    if (!keep.has(waiting[i].id)) {
      cache.delete(waiting[i].id);
      waiting.splice(i, 1);
    }
  }
}

function pump() {
  while (loading < MAX_LOADING && waiting.length > 0) {
    const { id, entry } = waiting.shift();
    loading += 1;
    const done = (ok) => {
      loading -= 1;
      entry.ready = ok;
      entry.failed = !ok; // sounds and texts have no thumbnail: they stay points
      if (ok) onLoaded();
      pump();
    };
    entry.image.onload = () => done(true);
    entry.image.onerror = () => done(false);
    entry.image.src = thumbnailUrl(id);
  }
}

function evict() {
  for (const id of cache.keys()) {
    if (cache.size <= MAX_CACHED) break;
    if (waiting.some((w) => w.id === id)) continue;
    cache.delete(id);
  }
}
