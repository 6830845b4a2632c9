// Preloaded by the benchmark (node -r) to report the peak resident set size of one run.
process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) require('node:fs').appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
