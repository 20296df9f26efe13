// Records a short sound from the microphone as an example, where the browser allows it (secure context,
// MediaRecorder, a microphone and the person's permission). The button stays hidden where it cannot work.
import { icon } from '../dom.js';

const LIMIT_MS = 10_000;

/**
 * @param {{onRecorded: (file: File) => void, onError: (message: string) => void, onStateChange?: (recording: boolean) => void}} handlers
 */
export function wireRecorder({ onRecorded, onError, onStateChange }) {
  const button = document.getElementById('record');
  const supported = window.isSecureContext && Boolean(navigator.mediaDevices?.getUserMedia) && 'MediaRecorder' in window;
  if (!supported) return;
  button.hidden = false;

  let recorder = null;
  let timer = 0;

  const setRecording = (recording) => {
    button.setAttribute('aria-pressed', String(recording));
    button.setAttribute('aria-label', recording ? 'Stop recording and search' : 'Record from the microphone');
    button.title = recording ? 'Stop recording and search with it' : 'Record a sound from the microphone';
    button.replaceChildren(icon(recording ? 'stop' : 'mic'));
    onStateChange?.(recording);
  };

  const stop = () => {
    clearTimeout(timer);
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  };

  button.addEventListener('click', async () => {
    if (recorder) { stop(); return; }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      onError(e?.name === 'NotAllowedError'
        ? 'The browser was not allowed to use the microphone. Allow it for this site, or pick an audio file instead.'
        : `No microphone could be opened (${e?.message || e?.name || 'unknown error'}). Pick an audio file instead.`);
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener('dataavailable', (event) => { if (event.data.size > 0) chunks.push(event.data); });
    recorder.addEventListener('stop', () => {
      for (const track of stream.getTracks()) track.stop();
      const type = recorder.mimeType || 'audio/webm';
      recorder = null;
      setRecording(false);
      if (chunks.length === 0) { onError('The recording was empty. Try again, a little closer to the microphone.'); return; }
      const extension = type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm';
      onRecorded(new File(chunks, `recording.${extension}`, { type: type.split(';')[0] }));
    });
    recorder.start();
    setRecording(true);
    timer = setTimeout(stop, LIMIT_MS); // a few seconds are plenty for an example; do not record forever
  });
}
