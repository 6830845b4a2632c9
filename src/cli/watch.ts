import { invalidInput } from '../core/errors.js';
import type { Session } from '../core/session.js';
import { focusProgress } from '../core/status.js';
import { fitScreen, SCREEN, screenFrame, watchHeader } from '../render/watch-text.js';
import type { Context } from './context.js';
import { movingClock } from './deps.js';

/** What a live view shows at one instant. */
export interface Frame {
  lines: string[];
  /** How many of the first lines stay on screen when the rest must be cut (a table's head). */
  keepTop: number;
  /** The focus sessions on screen: the bell rings once for each, the first time a frame finds its plan reached. */
  focus: readonly Session[];
}

export interface LiveView {
  /** The command, as the header names it: `stint status`. */
  title: string;
  /** Options that print for scripts, which a live view cannot be combined with: `{ '--short': true }`. */
  clashes: Record<string, boolean | undefined>;
  /** Reads the store afresh (no lock) and renders the view at `now`. */
  frame(now: Date): Promise<Frame>;
}

/** q, Ctrl-C (raw mode delivers it as a key, not as SIGINT) and Ctrl-D end a live view. */
const QUIT = new Set(['q', 'Q', '\u0003', '\u0004']);

function assertCanWatch(ctx: Context, view: LiveView): void {
  const clash = ctx.json ? '--json' : Object.keys(view.clashes).find((flag) => view.clashes[flag] === true);
  if (clash) throw invalidInput('Invalid usage', `--watch cannot be combined with ${clash}`);
  if (!ctx.deps.terminal.isTTY) {
    throw invalidInput('Not a terminal', `--watch needs a terminal; use ${view.title} without --watch in scripts`);
  }
}

/**
 * Redraws `view` in place on the alternate screen at every second until q, Ctrl-C, SIGINT or
 * SIGTERM, then gives the terminal back as it was (cursor, screen, cooked mode) whatever ends
 * the loop, an error included. The clock starts at `now` (STINT_NOW when set) and moves with
 * real time, as the jobs daemon's does.
 */
export async function watch(ctx: Context, view: LiveView): Promise<number> {
  assertCanWatch(ctx, view);
  const { terminal } = ctx.deps;
  const started = Date.now();
  const clock = movingClock(ctx.deps.now);
  const rang = new Set<number>();
  let stopping = false;
  let wake = () => undefined as void;
  const stop = () => {
    stopping = true;
    wake();
  };
  const unsubscribe = ctx.deps.onStop(stop);
  let restoreKeys = () => undefined as void;
  try {
    terminal.write(SCREEN.enter);
    restoreKeys = terminal.onKey((key) => {
      if ([...key].some((c) => QUIT.has(c))) stop();
    });
    while (!stopping) {
      const now = clock();
      const frame = await view.frame(now);
      if (stopping) break;
      const reached = frame.focus.filter((s) => !rang.has(s.id) && focusProgress(s, now)?.remaining_seconds === 0);
      for (const s of reached) rang.add(s.id);
      const lines = fitScreen(
        [watchHeader(view.title, now, ctx.palette), '', ...frame.lines],
        terminal.rows,
        terminal.columns,
        2 + frame.keepTop,
      );
      terminal.write(`${reached.length > 0 ? SCREEN.bell : ''}${screenFrame(lines)}`);
      // Just past the next whole second, so each frame shows the clock one second on.
      // Just after the clock's next whole second (it started on one: now() is whole seconds).
      const wait = 1000 - ((Date.now() - started) % 1000) + 10;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    restoreKeys();
    unsubscribe();
    terminal.write(SCREEN.leave);
  }
  return 0;
}
