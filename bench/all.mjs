// `npm run bench` (after the build): the budgets at 1k, 10k and 100k sessions on each Node line
// (BENCH_NODES, default 20,24), how stint starts on each line (cold and warm, against the
// alternatives), npx cold and warm, and the server under load. BENCH_PARTS=budgets,startup,npx,serve,sync picks parts; see each
// file for its own settings (BENCH_SIZES, BENCH_RUNS, BENCH_ROUNDS, BENCH_TARBALL …).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { nodeLines } from './lines.mjs';

const parts = (process.env.BENCH_PARTS ?? 'budgets,startup,npx,serve,sync').split(',');
const run = (file, env = {}) =>
  execFileSync(process.execPath, [join(import.meta.dirname, file)], { stdio: 'inherit', env: { ...process.env, ...env } });

if (parts.includes('budgets')) {
  nodeLines().forEach((line, i) => {
    console.log(`\nBudgets on Node ${line.version}\n`);
    // The import budget is absolute and one-off: measured on the first line only.
    run('run.mjs', { BENCH_NODE_BIN: line.bin, ...(i > 0 ? { BENCH_SKIP_IMPORT: '1' } : {}) });
  });
}
if (parts.includes('startup')) run('startup.mjs');
if (parts.includes('npx')) run('npx.mjs');
if (parts.includes('serve')) run('serve.mjs');
if (parts.includes('sync')) run('sync.mjs');
