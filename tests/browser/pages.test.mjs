// The settings, workers, stats and Wrapped pages in a real browser against the real daemon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon, buildDir } from './encore_daemon.mjs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { launch, screenshot, artifactsDir } from './browser.mjs';

let daemon, browser;

before(async () => {
  daemon = await startDaemon({ seed: { plays: 3000, tracks: 200, artists: 30, years: 1 } });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (daemon) await daemon.stop();
});

function setting(all, key) { return all.body.settings.find((s) => s.key === key); }
async function cooldownOf(job) {
  const workers = await daemon.api('/api/workers');
  return workers.body.workers.find((w) => w.job === job).cooldown_seconds;
}

test('a setting saved in /settings reaches the API and the scheduler', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(daemon.url + '/settings');
  const field = page.locator('#setting-testkit-interval_seconds');
  await field.waitFor();
  assert.equal(await field.inputValue(), '3600');
  assert.equal(await page.locator('fieldset#testkit legend').textContent(), 'Test kit');
  await field.fill('1234');
  await page.click('#save-settings');
  await page.locator('#save-status', { hasText: 'Saved.' }).waitFor();
  assert.equal(setting(await daemon.api('/api/settings'), 'testkit.interval_seconds').value, 1234);
  assert.equal(await cooldownOf('testkit.work'), 1234);
  await screenshot(page, 'settings');
  await page.close();
});

test('the time zone is chosen from the system\'s zones and every group has its title', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(daemon.url + '/settings');
  const zone = page.locator('#setting-server-timezone');
  await zone.waitFor();
  const list = await zone.getAttribute('list');
  assert.ok(list, 'the time zone field offers a list');
  const zones = await page.locator(`datalist[id="${list}"] option`).evaluateAll(
    (options) => options.map((o) => o.value));
  assert.ok(zones.length > 300, `only ${zones.length} zones offered`);
  for (const z of ['UTC', 'Europe/Berlin', 'Asia/Tokyo', 'America/Argentina/Buenos_Aires']) {
    assert.ok(zones.includes(z), z);
  }
  assert.ok(!zones.some((z) => z.startsWith('posix/') || z.startsWith('right/')));
  await zone.fill('Asia/Tokyo');
  await page.click('#save-settings');
  await page.locator('#save-status', { hasText: 'Saved.' }).waitFor();
  assert.equal(setting(await daemon.api('/api/settings'), 'server.timezone').value, 'Asia/Tokyo');
  // Every group titled like the others: none shows its bare owner id.
  const groups = await page.locator('#settings-root fieldset').evaluateAll(
    (sets) => sets.map((f) => [f.id, f.querySelector('legend').textContent]));
  assert.ok(groups.length >= 5);
  for (const [owner, title] of groups) assert.notEqual(title, owner, `the ${owner} group has no title`);
  assert.deepEqual(groups.find(([owner]) => owner === 'imports'), ['imports', 'Imports']);
  await screenshot(page, 'settings-groups');
  await daemon.api('/api/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ 'server.timezone': null }) });
  await page.close();
});

test('names in every script show whole: lists, initials, the Wrapped page and its card', async () => {
  const world = await startDaemon({ seed: { plays: 2000, tracks: 48, artists: 12, years: 1, world: true } });
  const initials = {
    '坂本龍一': '坂', '아이유': '아', 'Земфира': 'З', 'Ólafur Arnalds': 'Ó', '👩🏽‍🎤 Ms. Mic': '👩🏽‍🎤',
    '🇯🇵 City Pop': '🇯🇵', '宇多田ヒカル': '宇', '방탄소년단': '방', 'Кино': 'К', 'Sigur Rós': 'S',
    'Björk': 'B', 'Þursaflokkurinn': 'Þ',
  };
  try {
    for (const [name, viewport] of [['names', { width: 1280, height: 900 }], ['names-phone', { width: 390, height: 844 }]]) {
      const page = await browser.newPage({ viewport });
      await page.goto(world.url + '/stats?range=all');
      const rows = await page.locator('#top-artists ol.ranked li').evaluateAll((items) => items.map((li) => ({
        name: li.querySelector('.name').textContent,
        // What shows while (or instead of) the picture: the initial, drawn by the stylesheet.
        initial: getComputedStyle(li.querySelector('.art'), '::after').content,
      })));
      assert.equal(rows.length, 10);
      for (const { name, initial } of rows) {
        assert.ok(name in initials, `unexpected name ${name}`);
        assert.equal(initial, JSON.stringify(initials[name]), name);
      }
      assert.ok(!(await page.content()).includes('\uFFFD'), 'a replacement character on /stats');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `/stats is ${overflow}px wider than the screen`);
      await screenshot(page, name + '-stats');
      const year = new Date().getUTCFullYear();
      await page.goto(world.url + `/wrapped/${year}`);
      const card = page.locator('img.wrapped-card');
      assert.equal(await card.evaluate(async (img) => { await img.decode(); return img.naturalWidth; }), 1080);
      assert.ok(!(await page.content()).includes('\uFFFD'), 'a replacement character on /wrapped');
      await screenshot(page, name + '-wrapped');
      await page.close();
    }
    // The card as it is downloaded, for a look at its glyphs.
    const year = new Date().getUTCFullYear();
    const card = await fetch(world.url + `/wrapped/${year}/card.webp`);
    assert.equal(card.status, 200);
    writeFileSync(join(artifactsDir, 'names-card.webp'), Buffer.from(await card.arrayBuffer()));
  } finally {
    await world.stop();
  }
});

test('a bad value shows its error beside the field and changes nothing', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(daemon.url + '/settings');
  const field = page.locator('#setting-testkit-interval_seconds');
  await field.waitFor();
  const before = (await daemon.api('/api/settings')).body.settings;
  await page.fill('#setting-playlists-recent_favorites_days', '45');  // valid, but in the same save
  await field.fill('0');
  await page.click('#save-settings');
  const error = page.locator('#error-testkit-interval_seconds');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /between 1 and 86400/);
  // The error sits inside the field's own row.
  const row = page.locator('.field[data-key="testkit.interval_seconds"]');
  assert.equal(await row.locator('.field-error').isVisible(), true);
  assert.equal(await row.getAttribute('class'), 'field invalid');
  assert.equal(await page.locator('#error-playlists-recent_favorites_days').isVisible(), false);
  const afterSave = (await daemon.api('/api/settings')).body.settings;
  assert.deepEqual(afterSave.map((s) => [s.key, s.value]), before.map((s) => [s.key, s.value]));
  assert.equal(await cooldownOf('testkit.work'), 1234);
  await screenshot(page, 'settings-error');
  await page.close();
});

test('/stats draws its charts and lists from the history', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(daemon.url + '/stats?range=all');
  assert.equal(await page.locator('svg.chart-heatmap rect.cell').count(), 168);
  const filled = await page.locator('svg.chart-heatmap rect.cell').evaluateAll(
    (cells) => cells.filter((c) => Number(c.dataset.plays) > 0).length);
  assert.ok(filled > 100, `only ${filled} heatmap cells have plays`);
  assert.equal(await page.locator('svg.chart-hours rect.bar').count(), 24);
  assert.ok(await page.locator('svg.chart-evolution polyline.series').count() >= 1);
  assert.equal(await page.locator('#top-artists ol.ranked li').count(), 10);
  assert.equal(await page.locator('#top-tracks ol.ranked li').count(), 10);
  // Missing artwork degrades to initials: no broken images are left on the page.
  const broken = await page.locator('img').evaluateAll((imgs) => imgs.filter((i) => i.complete && i.naturalWidth === 0).length);
  assert.equal(broken, 0);
  assert.match(await page.locator('#total-plays .value').textContent(), /^3,000$/);
  await screenshot(page, 'stats');
  // The range picker: choosing a preset reloads with that range.
  await page.selectOption('#range', '4w');
  await page.waitForURL(/range=4w/);
  assert.ok(Number((await page.locator('#total-plays .value').textContent()).replace(/,/g, '')) < 3000);
  await page.close();
});

test('every page renders at phone width without sideways scrolling', async () => {
  const year = new Date().getUTCFullYear();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  for (const [name, path] of [['overview', '/'], ['settings', '/settings'], ['workers', '/workers'],
    ['stats', '/stats'], ['wrapped', `/wrapped/${year}`], ['playlists', '/playlists']]) {
    const response = await page.goto(daemon.url + path);
    assert.equal(response.status(), 200, path);
    if (name === 'workers') await page.locator('#workers tbody tr[data-job]').first().waitFor();
    if (name === 'settings') await page.locator('#settings-root fieldset').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the screen`);
    await screenshot(page, 'phone-' + name);
  }
  await page.close();
});

test('/workers refreshes live and runs a job now', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(daemon.url + '/workers');
  const row = page.locator('tr[data-job="testkit.work"]');
  await row.waitFor();
  assert.equal(await row.locator('.cooldown').getAttribute('data-seconds'), '1234');
  await daemon.api('/api/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ 'testkit.interval_seconds': 777 }) });
  await page.locator('tr[data-job="testkit.work"] .cooldown[data-seconds="777"]').waitFor({ timeout: 5000 });
  await row.locator('button.run-now').click();
  await page.locator('#run-status', { hasText: 'testkit.work started.' }).waitFor();
  await screenshot(page, 'workers');
  for (const [name, path] of [['overview', '/'], ['wrapped', `/wrapped/${new Date().getUTCFullYear()}`],
    ['playlists', '/playlists']]) {
    await page.goto(daemon.url + path);
    await screenshot(page, name);
  }
  // The overview lists the plugins, refused ones with their reason.
  await page.goto(daemon.url + '/');
  assert.ok(await page.locator('#plugins tr[data-plugin="testkit"]').count() === 1);
  assert.ok(await page.locator('#plugins .badge.bad').count() >= 1);
  await page.close();
});

test('on a first start with nothing stored every page renders and says so', async () => {
  const empty = await startDaemon();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const year = new Date().getUTCFullYear();
    for (const [name, path] of [['overview', '/'], ['settings', '/settings'], ['workers', '/workers'],
      ['stats', '/stats'], ['wrapped', `/wrapped/${year}`], ['playlists', '/playlists']]) {
      const response = await page.goto(empty.url + path);
      assert.equal(response.status(), 200, path);
      if (name === 'settings') await page.locator('#settings-root fieldset').first().waitFor();
      await screenshot(page, 'empty-' + name);
    }
    await page.goto(empty.url + '/stats');
    assert.match(await page.locator('main').textContent(), /No plays in this range yet/);
    assert.equal(await page.locator('svg.chart-heatmap rect.cell').count(), 168);
    await page.goto(empty.url + `/wrapped/${year}`);
    assert.match(await page.locator('main').textContent(), /No plays in \d{4} yet/);
  } finally {
    await page.close();
    await empty.stop();
  }
});

test('a Spotify export uploaded on the overview is imported with live progress', async () => {
  const withImporters = await startDaemon({ pluginDir: join(buildDir, 'lib', 'encore', 'plugins') });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(withImporters.url + '/');
    const sample = join(process.env.ENCORE_FIXTURES_DIR, 'spotify-export',
      'StreamingHistory_music_0.sample-short.mixtapestudy.json');
    await page.setInputFiles('#import-file', sample);
    await page.click('#import-form button[type=submit]');
    await page.locator('#import-status', { hasText: /^done: / }).waitFor({ timeout: 20000 });
    const status = await page.locator('#import-status').textContent();
    const plays = (await withImporters.api('/api/settings/db-stats')).body.plays;
    assert.ok(plays > 0, 'plays were stored');
    assert.match(status, new RegExp(plays + ' new plays'));
    await screenshot(page, 'overview-import');
  } finally {
    await page.close();
    await withImporters.stop();
  }
});
