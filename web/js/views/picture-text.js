// Text read in a picture (the API's `explanation` and `text_in_picture`): the line a card shows for it, the words'
// boxes over the open picture (the query's words outlined, the others faint), and the text itself beside the picture,
// which is what a screen reader reads: the outlines are drawn only. A video's text was read in one frame: its time is
// shown, a button shows that frame, and the outlines are drawn while the player stands at it.
import { h, icon } from '../dom.js';
import { formatClock } from '../format.js';

const NEAR_FRAME = 0.5; // seconds either side of a video frame's time at which its outlines still show

/** The API's explanation as a sentence ("Text in picture: 'EXIT 42'"), or '' when the result has none. */
export const explanationOf = (result) =>
  result.explanation ? result.explanation.charAt(0).toUpperCase() + result.explanation.slice(1) : '';

/** The small line on a card that says why it matched, or null. */
export function explanationLine(result) {
  const text = explanationOf(result);
  return text ? h('span.explanation', { title: text }, icon('type'), h('span.explanation-text', null, text)) : null;
}

/**
 * The words of `read` as boxes in a layer that covers the picture as drawn: each box is placed in percentages of the
 * picture, so it stays on its word at any size the picture is shown at. Null when there are no boxes to draw.
 * @param {any} read  a normalized `textInPicture`
 */
export function textOutlines(read) {
  if (!read?.width || !read.height || read.words.length === 0) return null;
  return h('div.text-outlines', {
    'aria-hidden': 'true',
    dataset: { width: String(read.width), height: String(read.height), ...(read.time !== null ? { time: String(read.time) } : {}) },
  }, read.words.map((w) => {
    const left = clamp(w.box.x / read.width);
    const top = clamp(w.box.y / read.height);
    return h(`span.text-outline${w.matched ? '.matched' : ''}`, {
      dataset: { word: w.text, box: [w.box.x, w.box.y, w.box.w, w.box.h].join(','), matched: String(w.matched) },
      style: {
        left: pct(left), top: pct(top),
        width: pct(Math.min(clamp(w.box.w / read.width), 1 - left)), height: pct(Math.min(clamp(w.box.h / read.height), 1 - top)),
      },
    });
  }));
}

/**
 * Keeps `layer` over the picture that `media` (an img or video drawn with object-fit: contain) shows, which may be
 * smaller than the element: placed in pixels of its offset parent, again whenever the element changes size (a resized
 * window, a phone turned) or learns its picture's size.
 * @param {HTMLImageElement | HTMLVideoElement} media @param {HTMLElement} layer
 */
export function keepOver(media, layer) {
  const place = () => {
    const natural = media instanceof HTMLVideoElement ? [media.videoWidth, media.videoHeight] : [media.naturalWidth, media.naturalHeight];
    const [width, height] = natural[0] > 0 && natural[1] > 0 ? natural : [Number(layer.dataset.width), Number(layer.dataset.height)];
    const [boxWidth, boxHeight] = [media.clientWidth, media.clientHeight];
    if (!width || !height || !boxWidth || !boxHeight) return;
    const scale = Math.min(boxWidth / width, boxHeight / height);
    const [shownWidth, shownHeight] = [width * scale, height * scale];
    Object.assign(layer.style, {
      left: `${media.offsetLeft + ((boxWidth - shownWidth) / 2)}px`, top: `${media.offsetTop + ((boxHeight - shownHeight) / 2)}px`,
      width: `${shownWidth}px`, height: `${shownHeight}px`,
    });
  };
  new ResizeObserver(place).observe(media);
  media.addEventListener(media instanceof HTMLVideoElement ? 'loadedmetadata' : 'load', place);
  place();
}

/** Shows a video frame's outlines only while the player stands at (or near) that frame. */
export function showAtFrame(video, layer, time) {
  const sync = () => { layer.hidden = !(Math.abs(video.currentTime - time) <= NEAR_FRAME); };
  for (const event of ['timeupdate', 'seeked', 'loadedmetadata']) video.addEventListener(event, sync);
  sync();
}

/**
 * The text read, beside the picture: its words of the query marked, and for a video the frame's time with a button
 * that shows that frame (when there is a player to seek).
 * @param {any} result  a normalized search result with `textInPicture`
 * @param {((second: number) => void) | null} onShowFrame
 */
export function pictureTextBox(result, onShowFrame) {
  const read = result.textInPicture;
  if (!read) return null;
  const matched = new Set(read.words.filter((w) => w.matched).map((w) => w.text));
  const timed = read.time !== null;
  const title = timed ? `Text in the frame at ${formatClock(read.time)}` : 'Text in the picture';
  return h('section.picture-text', { 'aria-labelledby': 'picture-text-title' },
    h('h3.detail-section-title#picture-text-title', null, icon('type'), title),
    h('p.picture-text-read', null, marked(read.text, matched)),
    matched.size > 0 ? h('p.picture-text-hint', null, `Outlined on the ${timed ? 'frame' : 'picture'}: ${[...matched].join(', ')}`) : null,
    timed && onShowFrame
      ? h('button.button', { type: 'button', onclick: () => onShowFrame(read.time) }, icon('image'), `Show the frame at ${formatClock(read.time)}`)
      : null);
}

/** The text with the words that matched in <mark> (text nodes only, never HTML from the API). */
function marked(text, words) {
  if (words.size === 0) return text;
  return text.split(/(\s+)/).map((part) => (words.has(part) ? h('mark', null, part) : part));
}

const clamp = (n) => Math.min(1, Math.max(0, n));
const pct = (n) => `${(n * 100).toFixed(3)}%`;
