// Which kind of match a result is, in a few words. An exact match is one the sound's fingerprint found: that recording,
// from that second. Every other result is similar, and is named after what matched: the words said at a moment (a
// subtitle line), the sound, the picture, the text, or text read in the picture.
import { formatClock } from './format.js';

/**
 * @param {any} result  a normalized result
 * @param {string} queryKind  what was searched with: 'text', 'image', 'audio', 'video' or 'document' (more like this)
 * @returns {{kind: 'exact' | 'said' | 'sounds' | 'looks' | 'text' | 'read', label: string, at: number | null}}
 *   `at` is the second to play from (null: from the start)
 */
export function matchOf(result, queryKind) {
  const segment = result.segment;
  const at = Number.isFinite(segment?.start) ? segment.start : null;
  if (result.match === 'exact' && Number.isFinite(result.offset)) {
    return { kind: 'exact', label: `Exact match at ${formatClock(result.offset)}`, at: result.offset };
  }
  const timed = result.modality === 'video' || result.modality === 'audio';
  switch (result.segmentKind ?? segment?.kind) {
    case 'caption':
      return timed && at !== null ? { kind: 'said', label: `Said at ${formatClock(at)}`, at } : { kind: 'text', label: 'Text match', at };
    case 'audio_window': return { kind: 'sounds', label: 'Sounds like', at };
    case 'frame': return { kind: 'looks', label: 'Looks like', at };
    // Words read in the picture (or in a video frame at `at`): the explanation under the card says which.
    case 'ocr': return { kind: 'read', label: timed && at !== null ? `Text at ${formatClock(at)}` : 'Text match', at };
    default: break;
  }
  if (result.modality === 'image') return { kind: 'looks', label: 'Looks like', at };
  if (result.modality === 'text') return { kind: 'text', label: 'Text match', at };
  // No segment to tell by: name it after the example.
  if (queryKind === 'audio') return { kind: 'sounds', label: 'Sounds like', at };
  if (queryKind === 'image' || queryKind === 'video') return { kind: 'looks', label: 'Looks like', at };
  return { kind: result.modality === 'audio' ? 'sounds' : 'looks', label: result.modality === 'audio' ? 'Sounds like' : 'Looks like', at };
}

/** The confidence of an exact match as a percentage ("97%"), or '' when the API gave none. */
export const formatConfidence = (confidence) =>
  Number.isFinite(confidence) ? `${Math.min(100, Math.max(0, Math.round(confidence * 100)))}%` : '';
