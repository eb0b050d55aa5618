/** `npm run bench`: every quick benchmark in bench/, one after the other; each prints its own figures. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// [file, ...arguments]: the 1M-report benchmarks (feedback.ts, submit.ts on a generated database) are run by hand.
const benches = [['startup.ts'], ['locate.ts'], ['sign-in.ts'], ['submit.ts', '10']];
for (const [b, ...args] of benches) {
  const file = join(import.meta.dirname, b);
  if (!existsSync(file)) continue;
  console.log(`\n=== bench/${b} ${args.join(' ')} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
