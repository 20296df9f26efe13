// How numbers and names read on the page.

/** 83.4 → "1:23.4" (tenths only when asked for, so the two ends of a range read alike). */
export function formatTime(seconds, tenths = !Number.isInteger(Math.round(seconds * 10) / 10)) {
  if (!Number.isFinite(seconds)) return '';
  const s = Math.round(Math.max(0, seconds) * 10) / 10;
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  const secs = tenths ? rest.toFixed(1) : String(Math.round(rest));
  return `${minutes}:${rest < 10 ? '0' : ''}${secs}`;
}

/** A moment in a recording as a player shows it: 754.6 → "12:34", 3725 → "1:02:05" (whole seconds, never rounded up). */
export function formatClock(seconds) {
  if (!Number.isFinite(seconds)) return '';
  const whole = Math.floor(Math.max(0, seconds) + 1e-6);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

export function formatRange(segment) {
  if (!segment) return '';
  const { start, end } = segment;
  if (!Number.isFinite(end) || end <= start) return formatTime(start);
  const tenths = [start, end].some((t) => !Number.isInteger(Math.round(t * 10) / 10));
  return `${formatTime(start, tenths)} – ${formatTime(end, tenths)}`;
}

export const formatScore = (score) => (score === null || score === undefined ? '' : score.toFixed(3));

/** An estimated relevance (a probability) as a percentage; below 1 % it reads "<1%" rather than a misleading "0%". */
export function formatRelevance(relevance) {
  if (relevance === null || relevance === undefined) return '';
  // A calibrated map never claims certainty, so neither does the page: 0.996 reads 99 %, not 100 %.
  return relevance < 0.005 ? '<1%' : `${Math.min(99, Math.round(relevance * 100))}%`;
}

/** The last path component of a URI, decoded, for a title when there is no caption. */
export function fileName(uri) {
  if (!uri) return '';
  const last = uri.split(/[\\/]/).filter(Boolean).pop() ?? uri;
  try { return decodeURIComponent(last); } catch { return last; }
}

export function titleOf(result) {
  return result.title || result.metadata?.title || shorten(result.caption, 90) || fileName(result.uri) || `Document ${result.id}`;
}

/** The start of a long text, cut at a word, for a title: a caption can be a whole transcript (a video's subtitles). */
export function shorten(text, max) {
  if (!text || text.length <= max) return text ?? '';
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,;:.]+$/, '')}…`;
}

/** The document's length in seconds: the API's `duration`, else metadata under any of the names an indexer is likely to use. */
export function durationOf(result) {
  if (Number.isFinite(result.duration) && result.duration > 0) return result.duration;
  const m = result.metadata ?? {};
  for (const key of ['duration', 'duration_s', 'durationSeconds', 'duration_seconds', 'length']) {
    const v = Number(m[key]);
    if (Number.isFinite(v) && v > 0) return v;
  }
  return null;
}

export const plural = (n, one, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export const MODALITIES = [
  { key: 'all', label: 'All' },
  { key: 'image', label: 'Images' },
  { key: 'audio', label: 'Audio' },
  { key: 'video', label: 'Video' },
  { key: 'text', label: 'Text' },
];
