// Walks the page's features on a running server (command 1's sample by default) in real Chromium, the way a person
// would: the embedding map (points, zoom, lasso → a search among the lassoed documents), search by a cropped region of
// a result, an audio result's moments (a mark plays from its time), a word read on a sign (the card says why, the open
// result outlines the word), later pages by scrolling (no card twice), and the
// phone-width layout by keyboard alone. The browser tests check each feature on collections they build; this checks
// them on the collection people actually open first. Prints one line per check and, last, one JSON object.
// Usage (deploy/walkthrough.sh sets PLAYWRIGHT_CORE): node walkthrough.mjs URL COLLECTION SHOTS_DIR [TEXT_COLLECTION]
// (TEXT_COLLECTION: where to look for text read in pictures; COLLECTION by default)
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const [base, collection, shots, textCollection = collection] = process.argv.slice(2);

const checks = [];
async function check(name, run) {
  const started = Date.now();
  try {
    const detail = await run();
    checks.push({ name, ok: true, detail: detail ?? '', ms: Date.now() - started });
  } catch (error) {
    checks.push({ name, ok: false, detail: String(error?.message ?? error).split('\n')[0], ms: Date.now() - started });
  }
  const c = checks[checks.length - 1];
  console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(34)} ${c.detail}`);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--autoplay-policy=no-user-gesture-required'] });
const errors = [];
async function open(viewport, url) {
  const context = await browser.newContext({ viewport, baseURL: base, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return page;
}
const ready = (page) => page.locator('#results').and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 60_000 });
const ids = (page) => page.locator('.result').evaluateAll((cards) => cards.map((c) => c.dataset.id));

const info = await (await fetch(`${base}/api/collections/${encodeURIComponent(collection)}`)).json();
const total = info.documents ?? info.documentCount;
console.log(`collection ${collection}: ${total} documents (${JSON.stringify(info.modalities ?? {})})`);

await check('map: every document drawn', async () => {
  const page = await open({ width: 1280, height: 800 }, `/?collection=${collection}&q=${encodeURIComponent('a dog runs through the grass')}&view=map`);
  const canvas = page.locator('#map-canvas');
  await page.waitForFunction(() => document.querySelector('#map-canvas')?.dataset.state === 'ready', null, { timeout: 300_000 });
  const points = Number(await canvas.getAttribute('data-points'));
  assert(points === total, `${points} points drawn for ${total} documents`);
  await page.waitForFunction(() => Number(document.querySelector('#map-canvas').dataset.highlighted) > 0, null, { timeout: 60_000 });
  const ringed = await canvas.getAttribute('data-highlighted');
  const legend = await page.locator('#map-legend').innerText();
  const kinds = Object.values(info.modalities ?? {}).filter((n) => n > 0).length;
  assert(await page.locator('#map-legend li').count() === kinds && !legend.includes('null'), `the legend reads "${legend.replace(/\s+/g, ' ')}" for ${kinds} kinds`);
  await page.screenshot({ path: path.join(shots, 'map-sample.png') });

  // Zoom in by key, then a lasso around the middle fifth of the view: the next search is among those documents only.
  await canvas.focus();
  await page.keyboard.type('+');
  await page.keyboard.type('+');
  const box = await canvas.boundingBox();
  // Caught here so that a lasso that sends no search fails this check, not the whole walk.
  const search = page.waitForResponse((r) => r.url().includes('/api/search') && r.request().method() === 'POST').catch((e) => e);
  await page.keyboard.down('Shift');
  const [x0, y0, x1, y1] = [box.x + box.width * 0.4, box.y + box.height * 0.4, box.x + box.width * 0.6, box.y + box.height * 0.6];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (const [x, y] of [[x1, y0], [x1, y1], [x0, y1], [x0, y0 + 2]]) await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.locator('#documents-chip').waitFor({ state: 'visible' });
  const picked = new Set(new URL(page.url()).searchParams.get('documents').split(',').map(Number));
  assert(!((await search) instanceof Error), `the lasso of ${picked.size} documents sent no search: ${String(await search).split('\n')[0]}`);
  const sent = JSON.parse((await search).request().postData());
  const answer = await (await search).json();
  const found = answer.results.map((r) => r.id);
  assert(found.length > 0 && found.every((id) => picked.has(id)), `results outside the lasso: ${found.filter((id) => !picked.has(id)).join(',')}`);
  assert(sent.filter?.id?.in?.length === picked.size, 'the search did not carry the lassoed ids');
  await page.screenshot({ path: path.join(shots, 'map-sample-lasso.png') });
  await page.context().close();
  return `${points} points, ${ringed} results ringed; lasso picked ${picked.size}, the search returned ${found.length}, all among them`;
});

await check('crop: search with a region', async () => {
  const page = await open({ width: 1280, height: 900 }, `/?collection=${collection}&q=${encodeURIComponent('two dogs playing in the snow')}&modality=image`);
  await ready(page);
  await page.locator('.result').first().click();
  const picture = page.locator('#detail .crop-frame img');
  await picture.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#detail .crop-frame img')?.complete);
  const box = await picture.boundingBox();
  await page.mouse.move(box.x + 3, box.y + 3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.7, { steps: 5 });
  await page.mouse.up();
  const search = page.waitForRequest((r) => r.url().includes('/api/search') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Search this region' }).click();
  const sent = JSON.parse((await search).postData());
  await ready(page);
  await page.locator('#status').filter({ hasText: 'a region of it' }).waitFor();
  const count = await page.locator('.result').count();
  const weak = await page.locator('.weak-note').count();
  assert(sent.crop && sent.documentId !== undefined, `the search sent no crop with the document: ${JSON.stringify(sent).slice(0, 120)}`);
  assert(count > 0, 'no results for the region');
  await page.screenshot({ path: path.join(shots, 'crop-sample.png') });
  await page.context().close();
  return `crop ${['x', 'y', 'w', 'h'].map((k) => Number(sent.crop[k]).toFixed(2)).join(',')} of document ${sent.documentId}: ${count} results${weak ? ' (none a close match: shown under the note)' : ''}`;
});

await check('moments: a mark plays from its time', async () => {
  const page = await open({ width: 1280, height: 900 }, `/?collection=${collection}&q=${encodeURIComponent('a dog barking')}&modality=audio`);
  await ready(page);
  const row = page.locator('.audio-row.result').first();
  await row.waitFor();
  const ticks = await row.locator('.timeline-moment').count();
  await row.locator('.row-title').click();
  const marks = page.locator('#detail .moments .moment');
  await marks.first().waitFor({ state: 'visible' });
  const starts = await marks.evaluateAll((m) => m.map((e) => Number(e.dataset.start)));
  assert(starts.every((s, i) => i === 0 || s >= starts[i - 1]), 'marks out of time order');
  await page.waitForFunction(() => (document.querySelector('#detail audio')?.readyState ?? 0) >= 1);
  const standing = await page.evaluate(() => document.querySelector('#detail audio').currentTime);
  let target = 0;
  starts.forEach((s, i) => { if (Math.abs(s - standing) > Math.abs(starts[target] - standing)) target = i; });
  await marks.nth(target).click();
  await page.waitForFunction((at) => { const a = document.querySelector('#detail audio'); return a && a.currentTime >= at - 0.05 && a.currentTime < at + 1.5; }, starts[target], { timeout: 20_000 });
  await page.screenshot({ path: path.join(shots, 'moments-sample.png') });
  await page.context().close();
  return `${ticks} ticks on the row, ${starts.length} marks at ${starts.map((s) => s.toFixed(1)).join('/')} s; played from ${starts[target].toFixed(1)} s`;
});

await check('text in pictures: a word on a sign', async () => {
  // A word that some picture's text holds: the first of these common sign words the API finds as text in a picture.
  const words = ['exit', 'station', 'street', 'road', 'market', 'hotel', 'open', 'park', 'museum', 'bridge', 'stop', 'sale', 'cafe', 'bank'];
  let word = null;
  for (const w of words) {
    const response = await fetch(`${base}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collection: textCollection, text: w, k: 3, filter: { source: 'ocr' } }) });
    if ((await response.json()).results?.length) { word = w; break; }
  }
  assert(word, `no picture's text holds any of ${words.join(', ')} (is the enrichment done? GET /api/collections/${textCollection})`);
  const page = await open({ width: 1280, height: 900 }, `/?collection=${textCollection}&q=${encodeURIComponent(word)}`);
  await ready(page);
  const card = page.locator('.result').filter({ has: page.locator('.explanation') }).first();
  await card.waitFor({ timeout: 20_000 });
  const explanation = (await card.locator('.explanation').innerText()).trim();
  await card.click();
  const outline = page.locator('#detail .text-outline.matched').first();
  await outline.waitFor({ state: 'visible', timeout: 20_000 });
  const [word_box, picture] = [await outline.boundingBox(), await page.locator('#detail .crop-frame img, #detail video').first().boundingBox()];
  assert(word_box.x >= picture.x - 1 && word_box.y >= picture.y - 1 && word_box.x + word_box.width <= picture.x + picture.width + 1
    && word_box.y + word_box.height <= picture.y + picture.height + 1, 'the outline lies outside the picture');
  const read = (await page.locator('#detail .picture-text-read').innerText()).trim().replace(/\s+/g, ' ');
  await page.screenshot({ path: path.join(shots, 'text-in-picture-sample.png') });
  await page.context().close();
  return `${textCollection}, '${word}': card says "${explanation}"; open result reads "${read.slice(0, 60)}", outline ${Math.round(word_box.width)}×${Math.round(word_box.height)} px on the picture`;
});

await check('paging: scrolling loads later pages', async () => {
  const page = await open({ width: 1280, height: 700 }, `/?collection=${collection}&q=${encodeURIComponent('a dog')}&k=8`);
  await ready(page);
  const cursors = [];
  page.on('request', (r) => { if (r.url().includes('cursor=') || (r.postData() ?? '').includes('"cursor"')) cursors.push(r.url()); });
  for (let scrolls = 0; scrolls < 4; scrolls += 1) {
    const before = (await ids(page)).length;
    await page.mouse.wheel(0, 6000);
    await page.waitForFunction((n) => document.querySelectorAll('.result').length > n, before, { timeout: 30_000 });
  }
  const all = await ids(page);
  assert(new Set(all).size === all.length, 'a card shown twice');
  assert(all.length >= 40, `${all.length} cards after four scrolls`);
  await page.context().close();
  return `${all.length} cards after 4 scrolls (${cursors.length} cursor requests), none twice`;
});

await check('phone width and keyboard', async () => {
  const page = await open({ width: 390, height: 844 }, `/?collection=${collection}&q=${encodeURIComponent('children playing at the beach')}`);
  await ready(page);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(wide <= 390, `the page is ${wide} px wide at 390`);
  // By keyboard alone: tab to the first result, open it, close it again, and the focus comes back.
  for (let i = 0; i < 60 && !(await page.evaluate(() => document.activeElement?.closest('.result') != null)); i += 1) await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('.result').dataset.id);
  await page.keyboard.press('Enter');
  await page.locator('#detail').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#detail').getAnimations({ subtree: true }).every((a) => a.playState !== 'running'));
  await page.screenshot({ path: path.join(shots, 'phone-sample.png') });
  await page.keyboard.press('Escape');
  await page.locator('#detail').waitFor({ state: 'hidden' });
  const back = await page.evaluate(() => document.activeElement.closest('.result')?.dataset.id);
  assert(back === focused, 'the focus did not come back to the result');
  await page.goto(`/?collection=${collection}&view=map`);
  await page.waitForFunction(() => document.querySelector('#map-canvas')?.dataset.state === 'ready', null, { timeout: 120_000 });
  const mapWide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(mapWide <= 390, `the map view is ${mapWide} px wide at 390`);
  await page.context().close();
  return `${wide} px wide (map ${mapWide}); result ${focused} opened and closed by keyboard, focus back on it`;
});

await browser.close();
const failed = checks.filter((c) => !c.ok).length;
console.log(`script errors on the page: ${errors.length}${errors.length ? ` (${errors[0]})` : ''}`);
console.log(JSON.stringify({ walkthrough: collection, documents: total, passed: checks.length - failed, failed, page_errors: errors.length, checks: checks.map((c) => ({ name: c.name, ok: c.ok })) }));
process.exit(failed > 0 || errors.length > 0 ? 1 : 0);
