import type { Command } from 'commander';
import { makePalette, colorLevel, type Palette } from '../render/color.js';
import { stringifyJson } from '../render/json.js';
import type { Deps, Env } from './deps.js';

/** What a handler needs besides its options: the deps plus how to speak (human or JSON). */
export interface Context {
  deps: Deps;
  json: boolean;
  palette: Palette;
  /** How the user runs stint (`stint`, or `npx stint`), for the commands that hints name. */
  command: string;
  print(text: string): void;
  printJson(value: unknown): void;
  /** Prints output produced piece by piece (large JSON): text, or bytes already UTF-8. */
  printChunks(chunks: Iterable<string | Uint8Array>): void;
  /** A diagnostic for people; silent in JSON mode, where it belongs in the JSON itself. */
  warn(text: string): void;
}

/**
 * `npx stint` when npm runs this process for `npx stint …` or `npm exec stint …` (npm sets
 * npm_command=exec and npm_lifecycle_event=npx for both), so a hint names a command that
 * works in the user's shell; `stint` otherwise, including under `npm run`, whose scripts
 * find the bin on their PATH.
 */
export function invokedAs(env: Env): string {
  return env.npm_command === 'exec' && env.npm_lifecycle_event === 'npx' ? 'npx stint' : 'stint';
}

/** A command's handler: its parsed options and the context in, the exit code out. */
export type Handler<O> = (options: O, ctx: Context) => Promise<number>;

/**
 * Runs a handler once commander has parsed its options. Handlers are loaded on demand so a
 * command never pays for another's modules (the table library, the lock library…).
 */
export type Invoke = <O>(command: Command, load: () => Promise<Handler<O>>, options: O) => Promise<void>;

export async function makeContext(deps: Deps, json: boolean): Promise<Context> {
  const palette = await makePalette(json ? 0 : colorLevel(deps.env, deps.isTTY));
  return {
    deps,
    json,
    palette,
    command: invokedAs(deps.env),
    print: (text) => deps.stdout(text),
    printJson: (value) => deps.stdout(stringifyJson(value)),
    printChunks: (chunks) => {
      for (const chunk of chunks) deps.stdout(chunk);
    },
    warn: (text) => {
      if (!json) deps.stderr(`${palette.warning('stint: warning:')} ${text}\n`);
    },
  };
}
