// Builds the mini-program for a platform when its output is missing or older than its sources.
// "Older" is decided by a hash of the sources (mtimes lie after a git clone), kept beside the output.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type Platform = 'h5' | 'weapp';

const ROOT = path.resolve(__dirname, '..');
const SOURCES = ['miniprogram', 'config', 'contract', 'babel.config.js', 'package-lock.json', 'tsconfig.json'];

function* files(p: string): Generator<string> {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield p;
    return;
  }
  for (const name of fs.readdirSync(p).sort()) yield* files(path.join(p, name));
}

export function sourceHash(platform: Platform): string {
  const h = createHash('sha256').update(platform);
  for (const rel of SOURCES) {
    for (const f of files(path.join(ROOT, rel))) {
      h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
    }
  }
  for (const [k, v] of Object.entries(process.env).sort()) if (k.startsWith('TARO_APP_')) h.update(`${k}=${v}\0`);
  return h.digest('hex');
}

export const outputDir = (platform: Platform) => path.join(ROOT, 'dist', platform);
// Beside the output, not in it: nothing extra should ship inside the WeChat bundle.
const stampFile = (platform: Platform) => path.join(ROOT, 'dist', `.${platform}.source-hash`);

/** A file every complete build has; watch-mode builds (npm run dev) may empty the folder. */
const ENTRY: Record<Platform, string> = { h5: 'index.html', weapp: 'app.json' };

export function isFresh(platform: Platform): boolean {
  try {
    return (
      fs.existsSync(path.join(outputDir(platform), ENTRY[platform])) &&
      fs.readFileSync(stampFile(platform), 'utf8').trim() === sourceHash(platform)
    );
  } catch {
    return false;
  }
}

/** Builds when stale; returns whether it built. Throws when the build fails. */
export function ensureBuilt(platform: Platform, log: (msg: string) => void = (m) => process.stdout.write(`${m}\n`), opts: { quiet?: boolean } = {}): boolean {
  if (isFresh(platform)) return false;
  log(`Building the mini-program for ${platform} (a few minutes the first time)…`);
  const started = Date.now();
  // The hash of the sources the build reads, taken before it starts: a file edited during the
  // build then leaves the output stale on the next look instead of marked fresh.
  const building = sourceHash(platform);
  const r = spawnSync('npm', ['run', `build:${platform}`], {
    cwd: ROOT,
    stdio: opts.quiet ? 'pipe' : 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const output = opts.quiet ? `\n${r.stdout}\n${r.stderr}` : '; see the output above';
    throw new Error(`The ${platform} build failed (exit ${r.status})${output}`);
  }
  fs.writeFileSync(stampFile(platform), building);
  log(`Built ${platform} in ${Math.round((Date.now() - started) / 1000)} s → ${path.relative(ROOT, outputDir(platform))}`);
  return true;
}

if (require.main === module) {
  const platforms = (process.argv.slice(2).length ? process.argv.slice(2) : ['h5', 'weapp']) as Platform[];
  for (const p of platforms) ensureBuilt(p);
}
