// Plays the matched part of an audio result in place, one at a time, stopping at the segment's end.
import { icon } from './dom.js';

const audio = () => /** @type {HTMLAudioElement} */ (document.getElementById('player'));
let current = null; // { row, button, segment }

export function toggleSegment(row, button, src, segment) {
  if (current?.row === row && !audio().paused) {
    stop();
    return;
  }
  stop();
  const el = audio();
  current = { row, button, segment };
  const start = segment?.start ?? 0;
  el.src = src;
  const begin = () => {
    if (start > 0) el.currentTime = start;
    el.play().catch(() => stop());
  };
  if (el.readyState >= 1) begin();
  else el.addEventListener('loadedmetadata', begin, { once: true });
  el.load();
  row.classList.add('playing');
  setButton(button, true);
}

export function stop() {
  const el = audio();
  el.pause();
  if (current) {
    current.row.classList.remove('playing');
    setButton(current.button, false);
  }
  current = null;
}

function setButton(button, playing) {
  button.replaceChildren(icon(playing ? 'pause' : 'play'));
  button.firstChild.classList.add(playing ? 'i-pause' : 'i-play');
  button.setAttribute('aria-label', button.getAttribute('aria-label').replace(/^(Play|Pause)/, playing ? 'Pause' : 'Play'));
}

export function wirePlayer() {
  const el = audio();
  el.addEventListener('timeupdate', () => {
    if (!current) return;
    const end = current.segment?.end;
    if (Number.isFinite(end) && el.currentTime >= end) { stop(); return; }
    const head = current.row.querySelector('.timeline-head');
    const duration = Number(current.row.dataset.duration) || el.duration;
    if (head && Number.isFinite(duration) && duration > 0) head.style.left = `${Math.min(100, (el.currentTime / duration) * 100)}%`;
  });
  el.addEventListener('ended', stop);
  el.addEventListener('error', stop);
}
