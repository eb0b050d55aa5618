/**
 * Builds the web app (web/dist) only when its sources changed since the last build: `npm start` and `npm test`
 * run this first, so a fresh clone gets a built app and a second start costs a few milliseconds.
 * The fingerprint is a SHA-256 over the paths and contents of every source file (web/, common/, the lockfile),
 * kept in web/dist/.build-hash; contents rather than mtimes, so a fresh checkout or a `touch` does not rebuild.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'web/dist');
const hashFile = join(dist, '.build-hash');
const SOURCES = [
  'web/index.html',
  'web/vite.config.ts',
  'web/build',
  'web/src',
  'web/public',
  'common',
  'package-lock.json',
];

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .flatMap((e) => listFiles(join(path, e.name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  const files = SOURCES.flatMap((s) => listFiles(join(root, s))).sort();
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function main() {
  const started = Date.now();
  const hash = sourceHash();
  const built = existsSync(join(dist, 'index.html')) && existsSync(hashFile);
  if (built && readFileSync(hashFile, 'utf8').trim() === hash) {
    console.log(`web: up to date (${Date.now() - started} ms)`);
    return;
  }
  console.log(built ? 'web: sources changed, building…' : 'web: no build yet, building…');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('web: build failed');
    process.exit(result.status ?? 1);
  }
  writeFileSync(hashFile, `${hash}\n`);
  console.log(`web: built in ${Date.now() - started} ms`);
}

main();
