// Renders one page of results the way each kind is best looked at: a thumbnail grid for images and video,
// rows with a play button and the matched time range for audio, snippet cards for text. Every result says which kind
// of match it is (exact match at 12:34, said at 1:05, sounds like, looks like, text match), and, when the API explains
// it (text read in the picture), says why in a line of its own.
import { h, icon } from '../dom.js';
import { durationOf, fileName, formatRange, formatRelevance, formatScore, titleOf } from '../format.js';
import { formatConfidence, matchOf } from '../match.js';
import { toggleSegment } from '../player.js';
import { explanationLine, explanationOf } from './picture-text.js';

const GROUPS = [
  { key: 'visual', title: 'Images & video', icon: 'image', kinds: ['image', 'video'] },
  { key: 'audio', title: 'Audio', icon: 'music', kinds: ['audio'] },
  { key: 'text', title: 'Text', icon: 'text', kinds: ['text'] },
];

/**
 * @param {Array<any>} results  normalized results, best first
 * @param {{query: string, queryKind?: string, onOpen: (result: any) => void}} options
 *   queryKind: what was searched with ('text', 'image', 'audio', 'video', 'document'), for naming the kind of match
 */
export function renderResults(results, { query, queryKind = 'text', onOpen }) {
  const described = results.map((r) => ({ ...r, matched: matchOf(r, queryKind) }));
  return renderGroups(described, query, onOpen);
}

/**
 * Adds a later page's sections (from renderResults) to the results on screen: each item goes to the end of its kind's
 * list, so the page grows where a person is looking rather than being drawn again; a kind new on this page gets its
 * section after the others. `before` (the "load more" control) stays last.
 * @param {HTMLElement} container @param {HTMLElement[]} sections @param {Element | null} before
 */
export function appendResults(container, sections, before) {
  for (const section of sections) {
    const existing = container.querySelector(`.result-section[data-group="${section.dataset.group}"]`);
    const list = existing?.querySelector('ul');
    if (list) list.append(...section.querySelector('ul').children);
    else container.insertBefore(section, before && before.parentNode === container ? before : null);
  }
}

function renderGroups(results, query, onOpen) {
  const groups = GROUPS
    .map((g) => ({ ...g, items: results.filter((r) => g.kinds.includes(r.modality) || (g.key === 'text' && !kindKnown(r))) }))
    .filter((g) => g.items.length > 0)
    .sort((a, b) => results.indexOf(a.items[0]) - results.indexOf(b.items[0]));
  const titled = groups.length > 1;
  return groups.map((g) => h('section.result-section', { 'aria-label': g.title, dataset: { group: g.key } },
    titled ? h('h2.section-title', null, icon(g.icon), g.title) : null,
    g.key === 'visual' ? grid(g.items, onOpen) : g.key === 'audio' ? audioRows(g.items, onOpen) : textCards(g.items, query, onOpen)));
}

// What a result is, on its element: for styling hooks, and for tests to check ranks without parsing text.
const dataOf = (r) => ({
  id: r.id, modality: r.modality, uri: r.uri, match: r.matched.kind,
  ...(r.segment ? { start: String(r.segment.start) } : {}),
  ...(r.matched.at !== null ? { at: String(r.matched.at) } : {}),
  ...(r.relevance !== null ? { relevance: String(r.relevance) } : {}),
});

const kindKnown = (r) => ['image', 'video', 'audio', 'text'].includes(r.modality);

// The badge shows the estimated relevance when the collection's pack is calibrated (a probability people can compare
// across queries and kinds), otherwise the raw similarity; the other number stays in the tooltip.
function scoreBadge(result) {
  // An exact match found only by its fingerprint has no similarity (0) and no relevance: its confidence says it all.
  if (result.matched.kind === 'exact' && result.relevance === null) {
    return result.confidence === null ? null : h('span.score.relevance', { 'aria-hidden': 'true' }, formatConfidence(result.confidence));
  }
  if (result.relevance !== null) return h('span.score.relevance', { 'aria-hidden': 'true' }, formatRelevance(result.relevance));
  return result.score === null ? null : h('span.score', { 'aria-hidden': 'true' }, formatScore(result.score));
}

function scoreTitle(result) {
  if (result.matched.kind === 'exact' && result.relevance === null) {
    return result.confidence === null ? result.matched.label : `${result.matched.label}, confidence ${formatConfidence(result.confidence)}`;
  }
  if (result.relevance !== null) {
    return `Estimated relevance ${formatRelevance(result.relevance)}: the chance that a hit this similar is a right match, as measured when the model was calibrated (similarity ${formatScore(result.score)})`;
  }
  return result.score === null ? null : `Score ${formatScore(result.score)}`;
}

/** The kind of match, on every result; an exact match stands out, with its confidence in the tooltip. */
function matchLabel(result) {
  const { kind, label } = result.matched;
  const confidence = kind === 'exact' ? formatConfidence(result.confidence) : '';
  return h(`span.match-label.match-${kind}`, { title: confidence ? `${label} (confidence ${confidence})` : null },
    kind === 'exact' ? icon('target') : null, label);
}

function accessibleName(result) {
  const range = result.matched.kind === 'exact' || result.matched.kind === 'said' ? `, ${result.matched.label.toLowerCase()}`
    : result.segment ? `, ${formatRange(result.segment)}` : `, ${result.matched.label.toLowerCase()}`;
  const score = result.relevance !== null ? `, relevance ${formatRelevance(result.relevance)}`
    : result.score === null ? '' : `, score ${formatScore(result.score)}`;
  const why = explanationOf(result);
  return `${titleOf(result)} (${result.modality}${range}${score})${why ? `. ${why}` : ''}`;
}

function grid(items, onOpen) {
  return h('ul.grid', { role: 'list' }, items.map((r) => h('li', null,
    h('button.tile.result', {
      type: 'button', dataset: dataOf(r),
      'aria-label': accessibleName(r),
      title: scoreTitle(r),
      onclick: () => onOpen(r),
    },
    thumbnail(r),
    r.modality === 'video' ? h('span.play-glyph', { 'aria-hidden': 'true' }, icon('play')) : null,
    r.modality === 'video' ? h('span.kind-badge', { 'aria-hidden': 'true' }, icon('video'), r.segment && r.matched.kind !== 'exact' ? formatRange(r.segment) : 'Video') : null,
    scoreBadge(r),
    matchLabel(r),
    r.modality === 'video' ? tileMoments(r) : null,
    r.caption ? h('span.tile-overlay', { 'aria-hidden': 'true' }, h('span.tile-caption', null, r.caption)) : null,
    explanationLine(r)))));
}

/** A video's matched moments as ticks along the bottom of its tile (the open result's timeline plays from them). */
function tileMoments(result) {
  const duration = durationOf(result);
  const moments = (result.moments ?? []).filter((m) => duration && m.start <= duration);
  if (moments.length === 0) return null;
  return h('span.tile-moments', { 'aria-hidden': 'true' },
    moments.map((m) => h('span.tile-moment', { style: { left: `${(m.start / duration) * 100}%` } })));
}

function thumbnail(result) {
  const img = h('img', { src: result.thumbnailUrl, alt: '', loading: 'lazy', decoding: 'async', draggable: 'false' });
  img.addEventListener('error', () => img.replaceWith(h('span.tile-fallback', null, icon(result.modality === 'video' ? 'video' : 'image'))), { once: true });
  return img;
}

function audioRows(items, onOpen) {
  return h('ul.rows', { role: 'list' }, items.map((r) => {
    const duration = durationOf(r);
    const play = h('button.play-button', { type: 'button', 'aria-label': `Play ${r.matched.at !== null ? 'the match in ' : ''}${titleOf(r)}` }, icon('play'));
    play.firstChild.classList.add('i-play');
    const row = h('div.audio-row.result', { dataset: { ...dataOf(r), duration: duration ?? '' } },
      play,
      h('div.row-main', null,
        h('div.row-heading', null,
          h('button.row-title', { type: 'button', 'aria-label': `Open ${accessibleName(r)}`, onclick: () => onOpen(r) }, titleOf(r)),
          fileName(r.uri) && fileName(r.uri) !== titleOf(r) ? h('span.row-file', null, fileName(r.uri)) : null,
          matchLabel(r)),
        explanationLine(r),
        h('div.timeline', null,
          timelineTrack(r.segment, duration, r.moments),
          h('span.time-range', null, r.segment ? formatRange(r.segment) : 'Whole clip'))),
      h('div.row-end', { title: scoreTitle(r) }, scoreBadge(r)));
    // An exact match plays on from where the clip starts; a similar one plays its matched window.
    const segment = r.matched.kind === 'exact' ? { start: r.matched.at } : r.segment;
    play.addEventListener('click', () => toggleSegment(row, play, r.mediaUrl, segment));
    return h('li', null, row);
  }));
}

/**
 * The matched range drawn over the whole clip when the clip's length is known; otherwise just the numbers speak. The
 * other matched moments are ticks on it (the open result's timeline plays from them).
 */
function timelineTrack(segment, duration, moments = []) {
  if (!duration) return null;
  const start = Math.max(0, Math.min(segment?.start ?? 0, duration));
  const end = Math.max(start, Math.min(segment?.end ?? duration, duration));
  return h('span.timeline-track', { 'aria-hidden': 'true' },
    moments.filter((m) => m.start <= duration).map((m) => h('span.timeline-moment', { style: { left: `${(m.start / duration) * 100}%` } })),
    h('span.timeline-range', { style: { left: `${(start / duration) * 100}%`, width: `${((end - start) / duration) * 100}%` } }),
    h('span.timeline-head'));
}

function textCards(items, query, onOpen) {
  return h('ul.text-cards', { role: 'list' }, items.map((r) => h('li', null,
    h('button.text-card.result', {
      type: 'button', dataset: dataOf(r), 'aria-label': accessibleName(r),
      title: scoreTitle(r), onclick: () => onOpen(r),
    },
    h('span.card-head', null, h('span', null, icon('text'), r.title || r.metadata?.title || r.uri.split(/[\\/]/).pop() || 'Text'), matchLabel(r), scoreBadge(r)),
    h('span.snippet', null, highlight(snippetOf(r), query)),
    explanationLine(r)))));
}

export function snippetOf(result) {
  const m = result.metadata ?? {};
  return String(m.snippet || m.text || result.caption || m.content || '');
}

/** Marks the query's words in a snippet; builds text nodes, never HTML, from API data. */
export function highlight(text, query) {
  const words = (query ?? '').toLowerCase().split(/\W+/).filter((w) => w.length > 2);
  if (words.length === 0) return text;
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? h('mark', null, part) : part));
}
