// The "Map" view: the collection's embedding map on a canvas, one point per document coloured by its kind. Drag pans,
// the wheel, a pinch or +/- zoom, a point opens its document; Shift-drag (or the Lasso button, then a drag, or Enter for
// the points in view) picks documents for the next search; the search's results are ringed. Thumbnails replace points
// once few enough are in view. The drawing is in ../map/; this module holds the view's state and its events.
import { ApiError, getDocument, getMap, thumbnailUrl } from '../api.js';
import { $, h } from '../dom.js';
import { plural, titleOf } from '../format.js';
import { Camera } from '../map/camera.js';
import { pointsInside, viewPolygon } from '../map/lasso.js';
import { nearestPoint } from '../map/nearest.js';
import { MODALITY_CODES, indicesOf, readPoints } from '../map/points.js';
import { drawPoints, mixPixel, pixelOf } from '../map/raster.js';
import { dropWaiting, thumbnailFor, whenThumbnailLoads } from '../map/thumbnails.js';
import { errorBanner } from './states.js';

const THUMBNAIL_VIEW_LIMIT = 150;  // at most this many points in view before thumbnails take their place
const THUMBNAIL_SIZE = 40;         // CSS pixels
const HIT_RADIUS = 10;             // CSS pixels around a point that still hover or click it
const KIND_LABELS = { image: 'Images', audio: 'Audio', video: 'Video', text: 'Text' };
const KIND_TOKENS = { image: '--accent', audio: '--audio', video: '--video', text: '--text-kind' };

const els = {
  view: $('#map-view'),
  stage: $('#map-stage'),
  canvas: /** @type {HTMLCanvasElement} */ ($('#map-canvas')),
  legend: $('#map-legend'),
  lasso: $('#map-lasso'),
  zoomIn: $('#map-zoom-in'),
  zoomOut: $('#map-zoom-out'),
  fit: $('#map-fit'),
  tooltip: $('#map-tooltip'),
  message: $('#map-message'),
  live: $('#map-live'),
};
const context = els.canvas.getContext('2d', { alpha: false });
const camera = new Camera();

let handlers = { onOpen: () => {}, onLasso: () => {}, onClose: () => {} };
let collection = '';         // the collection the map on screen (or loading) belongs to
let points = null;           // readPoints() of the loaded map
let loading = null;          // AbortController of the load in progress
let startedAt = 0;           // when the map was asked for, for the first-draw time
let needsFit = true;
let image = null;            // ImageData the points are rasterised into, and its pixels as one Uint32Array
let pixels = null;
let ratio = 1;
let visible = new Int32Array(THUMBNAIL_VIEW_LIMIT + 1);
let palette = null;
let results = new Map();     // id → result of the search on screen, for tooltips
let resultIds = [];
let highlighted = [];        // indices of the search's results on the map
let selectedIds = [];
let selected = null;         // Uint8Array mask of the lasso's documents, or null when nothing is picked
let hover = -1;
const pictured = new Set();  // indices drawn as thumbnails in the last frame
let keyboardFocus = false;   // the crosshair shows while the map is driven by keys
let lassoMode = false;
let refreshTimer = 0;
const REPLACE_AFTER_MS = 11_000; // a little past the API's default Maps:RefreshInterval
let lasso = null;            // the polygon being drawn (CSS pixels), or null
let frameRequested = false;
let frames = 0;
let drawingTime = 0;         // milliseconds spent in draw() over all frames, for the mean time of a frame

/** @param {{onOpen: (id: string) => void, onLasso: (ids: string[]) => void, onClose: () => void}} given */
export function wireMap(given) {
  handlers = given;
  new ResizeObserver(() => resize()).observe(els.stage);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { palette = null; requestDraw(); });
  whenThumbnailLoads(requestDraw);
  els.lasso.addEventListener('click', () => setLassoMode(!lassoMode));
  els.zoomIn.addEventListener('click', () => zoomBy(1.5));
  els.zoomOut.addEventListener('click', () => zoomBy(1 / 1.5));
  els.fit.addEventListener('click', () => { fitAll(); requestDraw(); });
  wirePointer();
  wireKeys();
}

/** Shows the map of <name>, loading it when it is not the one already here. */
export function showMap(name) {
  els.view.hidden = false;
  if (!name) return;
  if (name !== collection || (!points && !loading)) load(name);
  else requestDraw();
}

export function hideMap() {
  els.view.hidden = true;
  hideTooltip();
}

export const isMapShown = () => !els.view.hidden;

/** Rings the search's results on the map (an empty list removes the rings). */
export function setMapResults(list) {
  results = new Map(list.map((r) => [r.id, r]));
  resultIds = list.map((r) => r.id);
  highlight();
}

/** Marks the documents a lasso picked; the others fade. */
export function setMapSelection(ids) {
  if (ids.join(',') === selectedIds.join(',')) return;
  selectedIds = [...ids];
  select();
}

// ---- loading ------------------------------------------------------------------------------------------------------

/**
 * The collection changed (documents added or deleted here): the map on screen is read again and keeps its view (the
 * API places new documents among their nearest mapped neighbours until the next layout); a hidden one is read again
 * when it is next shown.
 */
export function refreshMap() {
  if (!collection) return;
  if (!isMapShown()) {
    if (!loading) points = null;
    return;
  }
  load(collection, true);
  // The API places new documents on its next pass over the asked-for maps (Maps:RefreshInterval, 10 s by default).
  clearTimeout(refreshTimer);
  const name = collection;
  refreshTimer = setTimeout(() => { if (isMapShown() && collection === name) load(name, true); }, REPLACE_AFTER_MS);
}

async function load(name, keepView = false) {
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  collection = name;
  startedAt = performance.now();
  if (!keepView || !points) {
    points = null;
    needsFit = true;
    setState('loading', 'Loading the map…');
    els.legend.replaceChildren();
  }
  try {
    for (;;) {
      const answer = await getMap(name, controller.signal);
      if (!answer.pending) {
        points = readPoints(answer.buffer);
        break;
      }
      // 202: the first layout of this collection is being computed; the API says when to ask again.
      setState('pending', `Laying out the map of “${name}”… this takes a moment the first time.`);
      await new Promise((resolve) => { setTimeout(resolve, answer.retryAfter * 1000); });
      if (controller.signal.aborted) return;
    }
  } catch (error) {
    if (controller.signal.aborted || error?.name === 'AbortError') return;
    const problem = error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error));
    setState('error');
    els.message.replaceChildren(errorBanner({ title: 'Could not load the map', error: problem, onRetry: () => load(name) }));
    return;
  } finally {
    if (loading === controller) loading = null;
  }
  if (points.count === 0) {
    setState('empty', `“${name}” has no documents to map yet.`);
    return;
  }
  renderLegend();
  highlight();
  select();
  setState('ready');
  resize();
  draw(); // the first frame at once, not on the next animation frame, so its time is the time to a visible map
  // Times for the page benchmark: from asking for the map, and from the start of the page's navigation.
  els.canvas.dataset.firstDrawAtMs = String(Math.round(performance.now()));
  els.canvas.dataset.firstDrawMs = String(Math.round(performance.now() - startedAt));
}

function setState(state, text = '') {
  els.canvas.dataset.state = state;
  els.message.hidden = state === 'ready';
  els.message.replaceChildren(...(text ? [h('p.map-note', null, text)] : []));
  if (state !== 'ready') context.clearRect(0, 0, els.canvas.width, els.canvas.height);
  els.canvas.setAttribute('aria-busy', String(state === 'loading' || state === 'pending'));
}

function renderLegend() {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < points.count; i += 1) counts[points.modality[i] & 3] += 1;
  // Only the kinds the collection holds (replaceChildren would write a left-out kind's null as text).
  els.legend.replaceChildren(...MODALITY_CODES.flatMap((kind, code) => (counts[code] === 0 ? []
    : [h('li', { dataset: { modality: kind } }, h('span.swatch', { 'aria-hidden': 'true' }), KIND_LABELS[kind], h('span.count', null, counts[code].toLocaleString()))])));
  describe();
}

function describe() {
  if (!points) return;
  const rings = highlighted.length > 0 ? `; ${plural(highlighted.length, 'result')} of the search ringed` : '';
  const picked = selected ? `; ${plural(selectedIds.length, 'document')} picked with the lasso` : '';
  els.canvas.setAttribute('aria-label', `Map of ${plural(points.count, 'document')} in ${collection}${rings}${picked}`);
}

function highlight() {
  highlighted = points ? indicesOf(points, resultIds) : [];
  els.canvas.dataset.highlighted = String(highlighted.length);
  describe();
  requestDraw();
}

function select() {
  if (!points || selectedIds.length === 0) {
    selected = null;
  } else {
    selected = new Uint8Array(points.count);
    for (const i of indicesOf(points, selectedIds)) selected[i] = 1;
  }
  els.canvas.dataset.selected = String(selectedIds.length);
  describe();
  requestDraw();
}

// ---- drawing ------------------------------------------------------------------------------------------------------

function resize() {
  const width = Math.max(1, els.stage.clientWidth);
  const height = Math.max(1, els.stage.clientHeight);
  ratio = window.devicePixelRatio || 1;
  const deviceWidth = Math.round(width * ratio);
  const deviceHeight = Math.round(height * ratio);
  if (els.canvas.width !== deviceWidth || els.canvas.height !== deviceHeight || !image) {
    els.canvas.width = deviceWidth;
    els.canvas.height = deviceHeight;
    image = context.createImageData(deviceWidth, deviceHeight);
    pixels = new Uint32Array(image.data.buffer);
  }
  camera.resize(width, height);
  if (points && needsFit && !els.view.hidden) fitAll();
  requestDraw();
}

function fitAll() {
  if (!points) return;
  camera.fit(points.bounds, camera.width, camera.height);
  needsFit = false;
}

/** The kinds' colours from the page's design tokens, so the map follows light and dark like the rest of the page. */
function colours() {
  if (palette) return palette;
  const style = getComputedStyle(document.documentElement);
  const background = pixelOf(style.getPropertyValue('--surface') || '#ffffff');
  const kinds = Uint32Array.from(MODALITY_CODES, (kind) => pixelOf(style.getPropertyValue(KIND_TOKENS[kind]) || '#888888'));
  palette = {
    background,
    kinds,
    faded: kinds.map((pixel) => mixPixel(pixel, background, 0.7)),
    ring: style.getPropertyValue('--text').trim() || '#17171c',
    accent: style.getPropertyValue('--accent').trim() || '#4f46e5',
    surface: style.getPropertyValue('--surface').trim() || '#ffffff',
  };
  return palette;
}

function requestDraw() {
  if (frameRequested || !points || els.view.hidden) return;
  frameRequested = true;
  requestAnimationFrame(() => { frameRequested = false; draw(); });
}

function draw() {
  if (!points || !image || els.view.hidden) return;
  const began = performance.now();
  const paint = colours();
  const inView = drawPoints({
    pixels, width: image.width, height: image.height, ratio, camera, xy: points.xy, modality: points.modality,
    colours: paint.kinds, faded: paint.faded, background: paint.background, selected, visible,
  });
  context.putImageData(image, 0, 0);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (inView > THUMBNAIL_VIEW_LIMIT) pictured.clear();
  const thumbnails = inView <= THUMBNAIL_VIEW_LIMIT ? drawThumbnails(inView) : 0;
  drawRings(paint);
  if (keyboardFocus) drawCrosshair(paint);
  if (lasso) drawLasso(paint);
  context.setTransform(1, 0, 0, 1, 0, 0);
  frames += 1;
  drawingTime += performance.now() - began;
  // What was drawn, on the element: for tests and the page benchmark, which cannot read it from the pixels alone.
  const data = els.canvas.dataset;
  data.points = String(inView);
  data.zoom = camera.zoom.toFixed(3);
  data.frames = String(frames);
  data.thumbnails = String(thumbnails);
  data.drawMs = (drawingTime / frames).toFixed(2);
}

function drawThumbnails(inView) {
  const wanted = new Set();
  pictured.clear();
  let drawn = 0;
  for (let k = 0; k < inView; k += 1) {
    const i = visible[k];
    const kind = MODALITY_CODES[points.modality[i] & 3];
    if (kind !== 'image' && kind !== 'video') continue; // sounds and texts have no picture: they stay points
    const id = String(points.ids[i]);
    wanted.add(id);
    const picture = thumbnailFor(id);
    if (!picture) continue;
    const x = camera.screenX(points.xy[2 * i]) - THUMBNAIL_SIZE / 2;
    const y = camera.screenY(points.xy[2 * i + 1]) - THUMBNAIL_SIZE / 2;
    context.globalAlpha = selected === null || selected[i] ? 1 : 0.25;
    context.drawImage(picture, x, y, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
    context.globalAlpha = 1;
    context.strokeStyle = colours().surface;
    context.lineWidth = 2;
    context.strokeRect(x, y, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
    pictured.add(i);
    drawn += 1;
  }
  dropWaiting(wanted);
  return drawn;
}

function drawRings(paint) {
  const ring = (i, radius, colour, width) => {
    context.beginPath();
    context.arc(camera.screenX(points.xy[2 * i]), camera.screenY(points.xy[2 * i + 1]), radius, 0, Math.PI * 2);
    context.strokeStyle = colour;
    context.lineWidth = width;
    context.stroke();
  };
  // A light halo under a dark ring: the results stand out on points of any colour, in light and dark. A result drawn
  // as a thumbnail gets a frame around the picture instead.
  const frame = (i, colour, width) => {
    const side = THUMBNAIL_SIZE + 8;
    context.strokeStyle = colour;
    context.lineWidth = width;
    context.strokeRect(camera.screenX(points.xy[2 * i]) - side / 2, camera.screenY(points.xy[2 * i + 1]) - side / 2, side, side);
  };
  for (const i of highlighted) (pictured.has(i) ? frame(i, paint.surface, 5) : ring(i, 9, paint.surface, 5));
  for (const i of highlighted) (pictured.has(i) ? frame(i, paint.ring, 2.5) : ring(i, 9, paint.ring, 2.5));
  if (hover >= 0) ring(hover, pictured.has(hover) ? THUMBNAIL_SIZE * 0.75 : 12, paint.accent, 2.5);
}

function drawCrosshair(paint) {
  const x = camera.width / 2;
  const y = camera.height / 2;
  context.strokeStyle = paint.accent;
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(x - 12, y); context.lineTo(x - 4, y);
  context.moveTo(x + 4, y); context.lineTo(x + 12, y);
  context.moveTo(x, y - 12); context.lineTo(x, y - 4);
  context.moveTo(x, y + 4); context.lineTo(x, y + 12);
  context.stroke();
}

function drawLasso(paint) {
  context.beginPath();
  lasso.forEach((p, k) => (k === 0 ? context.moveTo(p.x, p.y) : context.lineTo(p.x, p.y)));
  context.closePath();
  context.fillStyle = paint.accent;
  context.globalAlpha = 0.12;
  context.fill();
  context.globalAlpha = 1;
  context.setLineDash([6, 4]);
  context.strokeStyle = paint.accent;
  context.lineWidth = 1.5;
  context.stroke();
  context.setLineDash([]);
}

// ---- moving around ------------------------------------------------------------------------------------------------

function zoomBy(factor, x, y) {
  if (!points) return;
  camera.zoomAt(factor, x, y);
  requestDraw();
  if (keyboardFocus) hoverCentre();
}

function setLassoMode(on) {
  lassoMode = on;
  els.lasso.setAttribute('aria-pressed', String(on));
  els.canvas.classList.toggle('lassoing', on);
  announce(on ? 'Lasso on: draw around documents, or press Enter to pick the ones in view.' : 'Lasso off.');
}

function finishLasso(polygon) {
  const inside = pointsInside(polygon, camera, points.xy);
  lasso = null;
  requestDraw();
  if (inside.length === 0) {
    announce('The lasso caught no documents.');
    return;
  }
  announce(`${plural(inside.length, 'document')} picked; the next search looks only among them.`);
  handlers.onLasso(inside.map((i) => String(points.ids[i])));
}

function wirePointer() {
  const canvas = els.canvas;
  const touches = new Map(); // pointerId → last position
  let gesture = null;        // {kind: 'pan' | 'lasso' | 'pinch', moved, spread, middle}
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const spreadOf = () => {
    const [a, b] = [...touches.values()];
    return { spread: Math.hypot(a.x - b.x, a.y - b.y), middle: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  };

  canvas.addEventListener('pointerdown', (event) => {
    if (!points || event.button > 0) return;
    canvas.focus({ preventScroll: true });
    keyboardFocus = false;
    canvas.setPointerCapture(event.pointerId);
    touches.set(event.pointerId, at(event));
    hideTooltip();
    if (touches.size === 2) {
      lasso = null; // a second finger turns any gesture into a pinch
      gesture = { kind: 'pinch', moved: Infinity, ...spreadOf() };
      return;
    }
    if (touches.size > 2) return;
    const lassoing = event.shiftKey || lassoMode;
    gesture = { kind: lassoing ? 'lasso' : 'pan', moved: 0 };
    if (lassoing) lasso = [at(event)];
  });

  canvas.addEventListener('pointermove', (event) => {
    if (!points) return;
    const position = at(event);
    if (!touches.has(event.pointerId)) {
      if (event.pointerType === 'mouse') hoverAt(position);
      return;
    }
    const last = touches.get(event.pointerId);
    touches.set(event.pointerId, position);
    if (!gesture) return;
    if (gesture.kind === 'pinch' && touches.size === 2) {
      const next = spreadOf();
      camera.panBy(next.middle.x - gesture.middle.x, next.middle.y - gesture.middle.y);
      if (gesture.spread > 0) camera.zoomAt(next.spread / gesture.spread, next.middle.x, next.middle.y);
      Object.assign(gesture, next);
    } else if (gesture.kind === 'pan') {
      camera.panBy(position.x - last.x, position.y - last.y);
      gesture.moved += Math.abs(position.x - last.x) + Math.abs(position.y - last.y);
    } else if (gesture.kind === 'lasso') {
      const end = lasso[lasso.length - 1];
      if (Math.hypot(position.x - end.x, position.y - end.y) >= 3) lasso.push(position);
    }
    requestDraw();
  });

  const end = (event) => {
    if (!touches.has(event.pointerId)) return;
    const position = at(event);
    touches.delete(event.pointerId);
    if (!gesture) return;
    if (gesture.kind === 'pan' && gesture.moved < 5 && event.type === 'pointerup') {
      // A press without a drag is a click: it opens the point under it.
      const i = nearestPoint(camera, points.xy, position.x, position.y, event.pointerType === 'touch' ? HIT_RADIUS * 2 : HIT_RADIUS);
      if (i >= 0) handlers.onOpen(String(points.ids[i]));
    }
    if (gesture.kind === 'lasso') {
      if (event.type === 'pointerup' && lasso.length >= 3) finishLasso(lasso);
      else { lasso = null; requestDraw(); }
    }
    // A pinch that loses a finger goes on as a pan with the other.
    gesture = gesture.kind === 'pinch' && touches.size === 1 ? { kind: 'pan', moved: Infinity } : null;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', (event) => { if (event.pointerType === 'mouse' && !touches.size) { hover = -1; hideTooltip(); requestDraw(); } });

  canvas.addEventListener('wheel', (event) => {
    if (!points) return;
    event.preventDefault(); // the wheel zooms the map, not the page
    const position = at(event);
    const lines = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 40 : 1;
    zoomBy(Math.exp(-event.deltaY * lines * 0.002), position.x, position.y);
  }, { passive: false });
}

function wireKeys() {
  els.canvas.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      if (lasso) { lasso = null; requestDraw(); } else if (lassoMode) setLassoMode(false); else handlers.onClose();
      return;
    }
    if (!points) return;
    const step = Math.min(camera.width, camera.height) * 0.1;
    const pan = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[event.key];
    keyboardFocus = true;
    if (pan) {
      camera.panBy(pan[0], pan[1]);
      requestDraw();
      hoverCentre();
    } else if (event.key === '+' || event.key === '=') {
      zoomBy(1.5);
    } else if (event.key === '-' || event.key === '_') {
      zoomBy(1 / 1.5);
    } else if (event.key === '0') {
      fitAll();
      requestDraw();
      hoverCentre();
    } else if (event.key === 'Enter' || event.key === ' ') {
      if (lassoMode) finishLasso(viewPolygon(camera));
      else if (hover >= 0) handlers.onOpen(String(points.ids[hover]));
      else announce('No document under the crosshair; move closer with the arrow keys and +.');
    } else {
      return;
    }
    event.preventDefault();
  });
  els.canvas.addEventListener('blur', () => { keyboardFocus = false; requestDraw(); });
}

// ---- what is under the pointer ------------------------------------------------------------------------------------

const documents = new Map(); // id → Promise of GET /api/documents/{id}, for titles of points that are not results
let tooltipFor = '';
let tooltipTimer = 0;

function hoverAt(position) {
  const i = nearestPoint(camera, points.xy, position.x, position.y, HIT_RADIUS);
  if (i !== hover) {
    hover = i;
    requestDraw();
  }
  if (i < 0) hideTooltip();
  else showTooltip(i, position);
}

function hoverCentre() {
  const x = camera.width / 2;
  const y = camera.height / 2;
  hover = nearestPoint(camera, points.xy, x, y, HIT_RADIUS * 2.5);
  requestDraw();
  if (hover < 0) hideTooltip();
  else showTooltip(hover, { x, y }, true);
}

function showTooltip(i, position, speak = false) {
  const id = String(points.ids[i]);
  const kind = MODALITY_CODES[points.modality[i] & 3];
  const tip = els.tooltip;
  // Kept inside the stage: to the right of and below the pointer, flipped when that would leave it.
  const left = position.x + 260 > camera.width ? Math.max(4, position.x - 252) : position.x + 14;
  const top = position.y + 120 > camera.height ? Math.max(4, position.y - 110) : position.y + 14;
  Object.assign(tip.style, { left: `${left}px`, top: `${top}px` });
  tip.hidden = false;
  if (tooltipFor === id) return;
  tooltipFor = id;
  const title = h('span.map-tip-title', null, titleFrom(id, results.get(id)));
  const picture = kind === 'image' || kind === 'video'
    ? h('img', { src: thumbnailUrl(id), alt: '', width: 64, height: 48, loading: 'lazy' }) : null;
  const rank = results.get(id)?.rank;
  tip.replaceChildren(picture, h('span.map-tip-text', null, title,
    h('span.map-tip-kind', null, KIND_LABELS[kind].replace(/s$/, ''), rank ? ` · result ${rank}` : '')));
  if (speak) announce(`${title.textContent}, ${kind}${rank ? `, result ${rank}` : ''}. Enter opens it.`);
  if (results.has(id)) return;
  // Not a result on screen: its title comes from the API, a moment later, once the pointer rests on it.
  clearTimeout(tooltipTimer);
  tooltipTimer = setTimeout(async () => {
    if (!documents.has(id)) {
      if (documents.size > 500) documents.clear();
      documents.set(id, getDocument(id).catch(() => null));
    }
    const doc = await documents.get(id);
    if (tooltipFor !== id || !doc) return;
    title.textContent = titleFrom(id, doc);
    if (speak) announce(`${title.textContent}, ${kind}. Enter opens it.`);
  }, 120);
}

function titleFrom(id, known) {
  return known ? titleOf({ id, title: known.title ?? '', caption: known.caption ?? '', uri: known.uri ?? '', metadata: known.metadata ?? {} }) : `Document ${id}`;
}

function hideTooltip() {
  els.tooltip.hidden = true;
  tooltipFor = '';
  clearTimeout(tooltipTimer);
}

function announce(text) {
  els.live.textContent = text;
}
