// The open result: a large preview, caption and metadata, "more like this", and for audio and video a player that
// starts at the match: the second an exact match starts at, or the matched segment (a subtitle line, a sound window).
// Text read in the picture is outlined over it and written out beside it; a video stands at the frame it was read in.
import { getDocument } from '../api.js';
import { h, icon } from '../dom.js';
import { durationOf, fileName, formatClock, formatRange, formatRelevance, formatScore, titleOf } from '../format.js';
import { formatConfidence, matchOf } from '../match.js';
import { cropFrame } from './crop.js';
import { keepOver, pictureTextBox, showAtFrame, textOutlines } from './picture-text.js';
import { snippetOf } from './results.js';
import { momentsTimeline } from './timeline.js';

const dialog = () => /** @type {HTMLDialogElement} */ (document.getElementById('detail'));
const KIND = { image: ['image', 'Image'], video: ['video', 'Video'], audio: ['music', 'Audio'], text: ['text', 'Text'] };
let loadToken = 0;

/**
 * @param {any} result  a normalized search result (or a document shaped like one)
 * @param {{onMoreLikeThis: (r: any) => void, onCropSearch?: (r: any, box: {x: number, y: number, w: number, h: number}) => void, onClose: () => void}} actions
 */
export function openDetail(result, actions) {
  const el = dialog();
  el.onclose = () => { stopMedia(); actions.onClose(); };
  el.oncancel = null;
  el.onclick = (event) => { if (event.target === el) el.close(); };
  render(result, actions);
  if (!el.open) el.showModal();
  el.querySelector('.detail-close')?.focus();

  // The search result carries what ranking needed; the document may know more (size, dates, full text).
  const token = ++loadToken;
  getDocument(result.id).then((doc) => {
    if (token !== loadToken || !el.open || !doc || typeof doc !== 'object') return;
    const merged = { ...result, caption: result.caption || doc.caption || '', document: doc };
    el.querySelector('.meta')?.replaceWith(metadataList(merged));
  }).catch(() => { /* the result's own fields are shown already */ });
}

export function closeDetail() {
  const el = dialog();
  if (el.open) el.close();
}

export const isDetailOpen = () => dialog().open;

function stopMedia() {
  for (const media of dialog().querySelectorAll('audio, video')) media.pause();
}

function render(result, actions) {
  const matched = result.matched ?? matchOf(result, 'text');
  const [kindIcon, kindLabel] = KIND[result.modality] ?? KIND.text;
  const title = titleOf(result);
  const showCaption = result.caption && result.caption !== title;
  // A picture can be searched by a region of it: drawn on the preview, or placed with "Crop" and the arrow keys.
  const crop = result.modality === 'image' && actions.onCropSearch
    ? cropFrame(h('img', { src: result.mediaUrl, alt: result.caption || title }), {
      name: title,
      onSearch: (box) => { dialog().close(); actions.onCropSearch(result, box); },
    })
    : null;
  const media = crop ? h('figure.detail-media.croppable', null, crop.frame) : preview(result, matched.at ?? 0, matched.kind !== 'read');
  const read = result.textInPicture;
  outline(media, read);
  const hasPlayer = result.modality === 'audio' || result.modality === 'video';
  dialog().replaceChildren(
    media,
    h('div.detail-side', null,
      h('div.detail-top', null,
        h(`span.detail-kind.kind-${KIND[result.modality] ? result.modality : 'text'}`, null, icon(kindIcon), kindLabel,
          result.relevance !== null && result.relevance !== undefined
            ? h('span', { title: `Estimated relevance (similarity ${formatScore(result.score)})` }, ` · ${formatRelevance(result.relevance)} relevant`)
            : matched.kind === 'exact' ? h('span', null, ' · exact match')
              : result.score === null ? null : h('span', { title: 'Similarity score' }, ` · ${formatScore(result.score)}`)),
        h('button.icon-button.detail-close', { type: 'button', 'aria-label': 'Close', title: 'Close (Esc)', onclick: () => dialog().close() }, icon('x'))),
      h('h2#detail-title', null, title),
      showCaption ? h('p.caption', null, result.caption) : null,
      // Text read in a video frame says its time and shows that frame itself: no second box for the same moment.
      (result.segment || matched.kind === 'exact') && !(matched.kind === 'read' && read) ? matchBox(result, matched) : null,
      pictureTextBox(result, hasPlayer ? showFrame : null),
      momentsTimeline(result, playFrom),
      crop ? crop.toolbar : null,
      h('div.detail-actions', null,
        h('button.button.primary', { type: 'button', onclick: () => { dialog().close(); actions.onMoreLikeThis(result); } }, icon('sparkles'), 'More like this'),
        h('a.button', { href: result.mediaUrl, target: '_blank', rel: 'noopener' }, icon('external'), 'Open original')),
      h('p.detail-section-title', null, 'Details'),
      metadataList(result)));
}

/**
 * Outlines the words read over the picture in `figure`: inside the crop frame, which is exactly the picture's size,
 * or kept over the picture an img or video draws inside its box; a video's only while it stands at their frame.
 */
function outline(figure, read) {
  const layer = textOutlines(read);
  if (!layer) return;
  const frame = figure.querySelector('.crop-frame');
  if (frame) { frame.insertBefore(layer, frame.querySelector('.crop-box')); return; }
  const media = figure.querySelector('img, video');
  if (!media) return;
  figure.append(layer);
  keepOver(media, layer);
  if (media instanceof HTMLVideoElement && read.time !== null) showAtFrame(media, layer, read.time);
}

function preview(result, start, play = true) {
  switch (result.modality) {
    case 'image':
      return h('figure.detail-media', null, h('img', { src: result.mediaUrl, alt: result.caption || title(result) }));
    case 'video': {
      const video = h('video', { controls: true, playsinline: true, preload: 'metadata', poster: result.thumbnailUrl, src: result.mediaUrl });
      startAt(video, start, play);
      return h('figure.detail-media', null, video);
    }
    case 'audio': {
      const audio = h('audio', { controls: true, preload: 'metadata', src: result.mediaUrl });
      startAt(audio, start, true);
      return h('figure.detail-media.audio', null, h('div.audio-art', null, icon('music')), audio);
    }
    default:
      return h('figure.detail-media.text', null, h('div.full-text', null, snippetOf(result) || 'No text to show.'));
  }
}

const title = (r) => titleOf(r);

/** Seeks to the match once the media knows its length, then plays (browsers may refuse autoplay with sound: fine). */
function startAt(media, start, play) {
  media.addEventListener('loadedmetadata', () => {
    if (start > 0 && start < media.duration) media.currentTime = start;
    if (play) media.play().catch(() => { /* autoplay refused; the controls are there */ });
  }, { once: true });
}

/** Stands the open result's video at `second`, paused: the frame its text was read in, with the words outlined. */
function showFrame(second) {
  const media = /** @type {HTMLMediaElement | null} */ (dialog().querySelector('.detail-media audio, .detail-media video'));
  if (!media) return;
  media.pause();
  media.currentTime = second;
}

/** Plays the open result's audio or video from `second` (a mark on its timeline, or the match). */
function playFrom(second) {
  const media = /** @type {HTMLMediaElement | null} */ (dialog().querySelector('.detail-media audio, .detail-media video'));
  if (!media) return;
  media.currentTime = second;
  media.play().catch(() => { /* autoplay refused; it stands at the second, ready to play */ });
}

function matchBox(result, matched) {
  const from = matched.at ?? 0;
  const replay = () => playFrom(from);
  const hasPlayer = result.modality === 'audio' || result.modality === 'video';
  const confidence = matched.kind === 'exact' ? formatConfidence(result.confidence) : '';
  const text = matched.kind === 'exact' ? `${matched.label}${confidence ? ` · ${confidence} confidence` : ''}`
    : matched.kind === 'said' ? `${matched.label} (${formatRange(result.segment)})`
      : `Match at ${formatRange(result.segment)}`;
  return h(`div.match.match-${matched.kind}`, null, icon(matched.kind === 'exact' ? 'target' : 'play'), h('span', null, text),
    hasPlayer ? h('button.button', { type: 'button', onclick: replay }, `Play from ${formatClock(from)}`) : null);
}

function metadataList(result) {
  const doc = result.document ?? {};
  const rows = [];
  const add = (label, value) => {
    if (value === undefined || value === null || value === '') return;
    rows.push(h('dt', null, label), h('dd', null, typeof value === 'object' ? h('code', null, JSON.stringify(value)) : String(value)));
  };
  add('File', fileName(result.uri || doc.uri));
  add('Location', result.uri || doc.uri);
  add('Kind', result.modality);
  if (doc.width && doc.height) add('Size', `${doc.width} × ${doc.height}`);
  const duration = durationOf(result) ?? durationOf({ metadata: doc });
  if (duration) add('Length', `${duration.toFixed(1)} s`);
  if (result.matched) add('Match', result.matched.label);
  if (result.segment) add('Matched', `${formatRange(result.segment)}${result.segment.kind ? ` (${result.segment.kind})` : ''}`);
  if (result.relevance !== null && result.relevance !== undefined) add('Relevance', `${formatRelevance(result.relevance)} (estimated)`);
  if (result.confidence !== null && result.confidence !== undefined) add('Confidence', formatConfidence(result.confidence));
  if (result.score !== null && !(result.matched?.kind === 'exact' && result.relevance === null)) add('Score', formatScore(result.score));
  if (result.rank) add('Rank', result.rank);
  add('Added', doc.created ?? doc.created_at);
  const shown = new Set(['title', 'duration', 'duration_s', 'text', 'snippet', 'content']);
  const metadata = { ...(doc.metadata ?? {}), ...(result.metadata ?? {}) };
  for (const [key, value] of Object.entries(metadata)) if (!shown.has(key)) add(humanize(key), value);
  add('Document id', result.id);
  return h('dl.meta', null, rows);
}

const humanize = (key) => key.replace(/[_.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
