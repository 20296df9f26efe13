// The moments of an audio or video result: a bar the length of the file with a mark at every matched segment's time
// (from the search response's `moments`). Each mark is a button: clicking it (or Enter on it) plays from there.
// Sound windows overlap (each is a few seconds long, one starts every second or so), so moments that overlap or
// nearly touch are drawn as one mark spanning them: every mark stays a separate target, and plays from its start.
import { h } from '../dom.js';
import { durationOf, formatClock, formatRange } from '../format.js';

const KIND_NAMES = { frame: 'picture', audio_window: 'sound', caption: 'words' };
const NEAR = 0.02; // moments closer than 2% of the file's length make one mark

/**
 * The timeline of `result`, or null when it has no moments or no known length.
 * @param {any} result  a normalized search result
 * @param {(second: number) => void} onSeek
 */
export function momentsTimeline(result, onSeek) {
  const duration = durationOf(result);
  if (!duration) return null;
  const marks = merged((result.moments ?? []).filter((m) => m.start <= duration), duration);
  if (marks.length === 0) return null;
  return h('div.moments', { role: 'group', 'aria-label': `Matched moments (${marks.length})` },
    h('div.moments-track', null, marks.map((m) => {
      const when = m.end > m.start ? formatRange({ start: m.start, end: m.end }) : formatClock(m.start);
      const what = m.kinds.map((k) => KIND_NAMES[k] ?? 'match').join(' and ');
      return h(`button.moment.moment-${m.kinds.length === 1 && KIND_NAMES[m.kinds[0]] ? m.kinds[0] : 'mixed'}`, {
        type: 'button',
        dataset: { start: String(m.start), end: String(m.end), count: String(m.count) },
        style: { left: `${(m.start / duration) * 100}%`, width: `${((m.end - m.start) / duration) * 100}%` },
        // Not "Play from …": that is the match box's button, and the two must be told apart by name.
        'aria-label': `Moment ${when} (matched ${what}), plays from ${formatClock(m.start)}`,
        title: `Matched ${what} at ${when}`,
        onclick: () => onSeek(m.start),
      });
    })),
    h('div.moments-scale', { 'aria-hidden': 'true' }, h('span', null, '0:00'), h('span', null, formatClock(duration))));
}

/** Moments in time order, those that overlap or nearly touch joined into one {start, end, kinds, count}. */
function merged(moments, duration) {
  const marks = [];
  for (const m of [...moments].sort((a, b) => a.start - b.start)) {
    const end = Math.min(duration, m.end !== null && m.end > m.start ? m.end : m.start);
    const last = marks.at(-1);
    if (last && m.start <= last.end + (NEAR * duration)) {
      last.end = Math.max(last.end, end);
      last.count += 1;
      if (!last.kinds.includes(m.kind)) last.kinds.push(m.kind);
    } else {
      marks.push({ start: m.start, end, kinds: [m.kind], count: 1 });
    }
  }
  return marks;
}
