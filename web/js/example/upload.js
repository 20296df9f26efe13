// Ways to give an example instead of words: pick a file, drop one anywhere on the page, or paste an image.
const ACCEPTED = /^(image|audio|video)\//;
const EXTENSIONS = /\.(jpe?g|png|gif|webp|bmp|avif|wav|mp3|ogg|oga|opus|flac|m4a|aac|webm|mp4|mov|mkv)$/i;

export const isAcceptedFile = (file) => Boolean(file) && (ACCEPTED.test(file.type) || (!file.type && EXTENSIONS.test(file.name)));

/**
 * @param {{onFile: (file: File) => void, onReject: (message: string) => void, isSuspended?: () => boolean}} handlers
 *   isSuspended: while true, dropped files are not examples (the "Add files" panel takes them)
 */
export function wireExampleInput({ onFile, onReject, isSuspended = () => false }) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById('file'));
  const overlay = document.getElementById('drop-overlay');

  const take = (file) => {
    if (!file) return;
    if (isAcceptedFile(file)) onFile(file);
    else onReject(`“${file.name || 'That file'}” is not an image, audio or video file. Search by example takes pictures and sounds.`);
  };

  document.getElementById('pick-file').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    take(input.files?.[0]);
    input.value = ''; // picking the same file again should search again
  });

  // Dragging over child elements fires enter/leave pairs; count them so the overlay does not flicker.
  let depth = 0;
  const carriesFiles = (event) => !isSuspended() && [...(event.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth += 1;
    overlay.hidden = false;
  });
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    overlay.hidden = true;
    take(event.dataTransfer.files[0]);
  });

  document.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    const file = files.find((f) => ACCEPTED.test(f.type));
    if (!file) return; // plain text pastes into the search box as usual
    event.preventDefault();
    onFile(file.name && file.name !== 'image.png' ? file : new File([file], `pasted-${Date.now()}.${file.type.split('/')[1] || 'png'}`, { type: file.type }));
  });

  return { pick: () => input.click() };
}
