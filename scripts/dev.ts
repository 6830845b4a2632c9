// `npm run dev -- <args>`: the CLI from src/, compiled on the fly by tsx, without a build.
// Slower to start than the bundle (no code cache, every module resolved): for development only.
import { cli } from '../src/entry.js';

process.exitCode = await cli(process.argv.slice(2));
