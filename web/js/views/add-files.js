// "Add files": with a key that may write to the collection, files dropped on the page (while this panel is open) or
// chosen are uploaded one request each, two at a time, each with its own progress and outcome; what was added shows in
// a "Just added" strip and, through onAdded, in the results without a reload.
import { ApiError, thumbnailUrl, uploadFile } from '../api.js';
import { $, h } from '../dom.js';

const PARALLEL = 2;

const els = {
  toggle: $('#add-files-toggle'),
  panel: $('#add-files'),
  drop: $('#add-drop'),
  pick: $('#add-pick'),
  input: /** @type {HTMLInputElement} */ ($('#add-input')),
  target: $('#add-target'),
  list: $('#add-list'),
  status: $('#add-status'),
  justAdded: $('#just-added'),
  justAddedList: $('#just-added-list'),
};

const queue = [];
let running = 0;
let finished = { added: 0, failed: 0 };
let handlers = { collection: () => '', onAdded: () => {}, onOpen: () => {} };

/** Whether dropped files go to the panel (open) rather than to search by example. */
export const isAddingFiles = () => !els.panel.hidden;

/**
 * @param {{collection: () => string, onAdded: () => void, onOpen: (id: string) => void}} given
 *   onAdded: after a batch of uploads ends with something added; onOpen: a just-added document was clicked
 */
export function wireAddFiles(given) {
  handlers = given;
  els.toggle.addEventListener('click', () => setOpen(els.panel.hidden));
  els.pick.addEventListener('click', () => els.input.click());
  els.input.addEventListener('change', () => {
    add([...(els.input.files ?? [])]);
    els.input.value = '';
  });
  const carriesFiles = (event) => isAddingFiles() && [...(event.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    els.drop.classList.add('over');
  });
  window.addEventListener('dragleave', (event) => { if (event.relatedTarget === null) els.drop.classList.remove('over'); });
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    els.drop.classList.remove('over');
    add([...event.dataTransfer.files]);
  });
}

/** Shows the "Add files" button when the stored key may write to <collection>; hides and closes the panel otherwise. */
export function setAddFilesAllowed(allowed, collection) {
  els.toggle.hidden = !allowed;
  els.target.textContent = collection ? `“${collection}”` : 'the collection';
  if (!allowed) setOpen(false);
}

function setOpen(open) {
  els.panel.hidden = !open;
  els.toggle.setAttribute('aria-expanded', String(open));
  if (open) els.pick.focus();
}

function add(files) {
  const collection = handlers.collection();
  if (!collection || files.length === 0) return;
  for (const file of files) {
    const progress = h('progress', { max: 1, value: 0, 'aria-label': `Upload of ${file.name}` });
    const outcome = h('span.outcome', null, 'Waiting…');
    const row = h('li.add-item', null, h('span.name', { title: file.name }, file.name), progress, outcome);
    els.list.append(row);
    queue.push({ file, collection, row, progress, outcome });
  }
  announce();
  pump();
}

function pump() {
  while (running < PARALLEL && queue.length > 0) {
    running += 1;
    send(queue.shift()).finally(() => {
      running -= 1;
      announce();
      if (queue.length > 0 || running > 0) {
        pump();
        return;
      }
      const { added } = finished;
      finished = { added: 0, failed: 0 };
      if (added > 0) handlers.onAdded();
    });
  }
}

const RETRIES = 2;
const retryable = (error) => error instanceof ApiError && (error.status === 0 || error.status === 503);

/** One file's upload; when the answer is lost (network) or the server is briefly unavailable, sent again a few times. */
async function uploadWithRetries(collection, file, onProgress) {
  // One key per file, the same for each try: if a lost answer had in fact been committed, the retry gets that answer
  // again instead of adding the file twice.
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await uploadFile(collection, file, { idempotencyKey, onProgress });
    } catch (error) {
      if (attempt >= RETRIES || !retryable(error)) throw error;
      await new Promise((resolve) => { setTimeout(resolve, 1000 * (attempt + 1)); });
    }
  }
}

async function send({ file, collection, row, progress, outcome }) {
  outcome.textContent = 'Uploading…';
  try {
    const entry = await uploadWithRetries(collection, file, (share) => {
      progress.value = share;
      if (share >= 1) outcome.textContent = 'Indexing…';
    });
    progress.value = 1;
    if (entry.status === 'failed') throw new ApiError(`failed at ${entry.error?.stage}: ${entry.error?.detail}`);
    row.classList.add('done');
    outcome.textContent = entry.status === 'exists' ? 'Already in the collection' : 'Added';
    finished.added += 1;
    showJustAdded(String(entry.id), file.name);
  } catch (error) {
    row.classList.add('failed');
    progress.hidden = true;
    outcome.textContent = error instanceof Error ? error.message : String(error);
    finished.failed += 1;
  }
}

function showJustAdded(id, name) {
  els.justAdded.hidden = false;
  if (els.justAddedList.querySelector(`[data-id="${CSS.escape(id)}"]`)) return;
  const picture = h('img', { src: thumbnailUrl(id), alt: '', loading: 'lazy', width: 112, height: 84 });
  // Sounds and texts have no thumbnail: a plain tile instead.
  picture.addEventListener('error', () => picture.replaceWith(h('span.no-thumb', { 'aria-hidden': 'true' }, '♪')), { once: true });
  els.justAddedList.prepend(h('li', { dataset: { id } },
    h('button', { type: 'button', 'aria-label': `Open ${name}`, onclick: () => handlers.onOpen(id) }, picture, h('span.label', null, name))));
}

function announce() {
  const rows = els.list.children.length;
  const done = els.list.querySelectorAll('.done').length;
  const failed = els.list.querySelectorAll('.failed').length;
  els.status.textContent = `${done} of ${rows} files added${failed > 0 ? `, ${failed} failed` : ''}.`;
}
