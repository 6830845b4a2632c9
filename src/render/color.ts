import { Chalk, type ChalkInstance } from 'chalk';
import type { Status } from '../core/session.js';

export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * Colour only on a terminal. FORCE_COLOR wins (as in Node itself), then NO_COLOR
 * (any non-empty value), then TERM=dumb.
 */
export function colorLevel(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColorLevel;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return env.TERM?.includes('256') ? 2 : 1;
}

export interface Palette {
  chalk: ChalkInstance;
  status(status: Status, text: string): string;
}

export function makePalette(level: ColorLevel): Palette {
  const chalk = new Chalk({ level });
  const byStatus: Record<Status, ChalkInstance> = {
    running: chalk.green,
    paused: chalk.yellow,
    completed: chalk.cyan,
    partial: chalk.magenta,
    abandoned: chalk.dim,
  };
  return { chalk, status: (status, text) => byStatus[status](text) };
}
