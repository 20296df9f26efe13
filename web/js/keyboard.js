// Page-wide keys: "/" jumps to the search box; arrow keys move between results in a grid or list.

const typingIn = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export function wireKeyboard() {
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target)
        && !document.getElementById('detail').open) {
      event.preventDefault();
      const input = /** @type {HTMLInputElement} */ (document.getElementById('q'));
      input.focus();
      input.select();
    }
  });

  document.getElementById('results').addEventListener('keydown', (event) => {
    if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(event.key)) return;
    const section = event.target.closest?.('.result-section');
    const current = event.target.closest?.('.tile, .text-card, .row-title, .play-button');
    if (!section || !current) return;
    const items = [...section.querySelectorAll('.tile, .text-card, .row-title')];
    const at = items.indexOf(current.classList.contains('play-button') ? current.parentElement.querySelector('.row-title') : current);
    if (at < 0) return;
    // Columns are whatever the responsive grid laid out: the items sharing the first item's row.
    const top = items[0].getBoundingClientRect().top;
    const columns = Math.max(1, items.filter((el) => Math.abs(el.getBoundingClientRect().top - top) < 2).length);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    const next = items[at + step];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
}
