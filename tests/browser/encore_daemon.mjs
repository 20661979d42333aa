// Starts the real encored on a free port with its own data directory, for the browser
// tests; stops it when asked.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const buildDir = process.env.ENCORE_BUILD_DIR;
if (!buildDir) throw new Error('ENCORE_BUILD_DIR must point at the build tree');

/** Fills a data directory with a generated history: `plays` over the last `years`; with
 * `world`, artists and tracks are named in many scripts. */
export function seedHistory(dataDir, plays, tracks, artists, years, world) {
  const args = [dataDir, String(plays), String(tracks), String(artists), String(years)];
  if (world) args.push('42', 'world');
  execFileSync(join(buildDir, 'bin', 'encore_seed_history'), args, { stdio: 'pipe' });
}

/** `pluginDir`: where plugins load from; the test plugins unless given. */
export async function startDaemon({ seed, pluginDir } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'encore-browser-'));
  const dataDir = join(root, 'data');
  if (seed) seedHistory(dataDir, seed.plays, seed.tracks, seed.artists, seed.years, seed.world);
  const child = spawn(join(buildDir, 'bin', 'encored'),
    ['--data-dir', dataDir, '--port', '0', '--plugin-dir', pluginDir || join(buildDir, 'test-plugins')],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('encored did not start:\n' + log)), 15000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/[^ ]+:\d+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`encored exited (${code}):\n${log}`)); });
  });
  child.removeAllListeners('exit');
  return {
    url,
    async api(path, options) {
      const r = await fetch(url + path, options);
      return { status: r.status, body: await r.json() };
    },
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
