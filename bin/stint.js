#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry would cost every run Node's ESM loader.
require('../dist/boot.cjs').main();
