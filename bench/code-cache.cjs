// The boot stint had before issue 13, kept here to be measured against: the bundle run through
// vm.Script with a V8 code cache made once by a given Node, after a warm-up of common commands
// in a scratch store. `node code-cache.cjs make <bundle> <cache> <scratch>` makes the cache;
// `node code-cache.cjs run <bundle> <cache> …args` runs a command with it.
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

const [mode, bundle, cacheFile, ...rest] = process.argv.slice(2);

function load(cachedData) {
  const source = readFileSync(bundle, 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
  return { script, cli: module.exports.cli };
}

const WARM_UP = [
  ['start', 'warm-up'],
  ['pause'],
  ['resume'],
  ['status'],
  ['status', '--short'],
  ['stop'],
  ['list'],
  ['list', '--json'],
  ['stats'],
  ['badges'],
  ['report'],
];

async function make() {
  const { script, cli } = load(undefined);
  process.env.STINT_HOME = rest[0];
  process.env.STINT_NOW = '2026-01-15T12:00:00Z';
  const { stdout, stderr } = process;
  const write = [stdout.write, stderr.write];
  stdout.write = stderr.write = () => true;
  try {
    for (const argv of WARM_UP) await cli(argv);
  } finally {
    [stdout.write, stderr.write] = write;
  }
  writeFileSync(cacheFile, script.createCachedData());
}

if (mode === 'make') make();
else {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  load(cachedData)
    .cli(rest)
    .then((code) => {
      process.exitCode = code;
    });
}
