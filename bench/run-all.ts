/** `npm run bench`: every benchmark in bench/, one after the other; each prints its own figures. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const benches = ['startup.ts', 'locate.ts', 'sign-in.ts'];
for (const b of benches) {
  const file = join(import.meta.dirname, b);
  if (!existsSync(file)) continue;
  console.log(`\n=== bench/${b} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
