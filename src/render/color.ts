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

type Paint = (text: string) => string;

/** The styles human output uses; identity functions when there is no colour. */
export interface Palette {
  bold: Paint;
  dim: Paint;
  warning: Paint;
  status(status: Status, text: string): string;
}

const same: Paint = (text) => text;

export const PLAIN: Palette = { bold: same, dim: same, warning: same, status: (_, text) => text };

/** Loads chalk only when there is colour to show: it would cost every piped or JSON run. */
export async function makePalette(level: ColorLevel): Promise<Palette> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level });
  const byStatus: Record<Status, Paint> = {
    running: chalk.green,
    paused: chalk.yellow,
    completed: chalk.cyan,
    partial: chalk.magenta,
    abandoned: chalk.dim,
  };
  return { bold: chalk.bold, dim: chalk.dim, warning: chalk.yellow, status: (status, text) => byStatus[status](text) };
}
