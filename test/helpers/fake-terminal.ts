import type { Terminal } from '../../src/cli/deps.js';

export interface FakeTerminal extends Terminal {
  /** Everything written, escapes included. */
  readonly output: string;
  /** Raw mode is on (a key handler is installed). */
  readonly raw: boolean;
  /** The frames drawn so far, each as its plain lines (escapes removed). */
  screens(): string[][];
  /** Resolves once `count` frames have been drawn. */
  frames(count: number): Promise<void>;
  press(key: string): void;
}

const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A terminal of `rows` × `columns` that records what is drawn and takes keys from the test. */
export function fakeTerminal(size: { rows?: number; columns?: number } = {}): FakeTerminal {
  let output = '';
  let handler: ((key: string) => void) | null = null;
  let waiters: { count: number; resolve(): void }[] = [];
  const screens = () =>
    output
      .split('\u001b[H')
      .slice(1)
      .map((frame) => frame.replace(CSI, '').replaceAll('\u0007', '').split('\r\n'));
  const settle = () => {
    const drawn = screens().length;
    const ready = waiters.filter((w) => drawn >= w.count);
    waiters = waiters.filter((w) => drawn < w.count);
    for (const w of ready) w.resolve();
  };
  return {
    isTTY: true,
    rows: size.rows ?? 20,
    columns: size.columns ?? 100,
    get output() {
      return output;
    },
    get raw() {
      return handler !== null;
    },
    write(text) {
      output += text;
      settle();
    },
    onKey(onKey) {
      handler = onKey;
      return () => {
        handler = null;
      };
    },
    screens,
    frames: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        settle();
      }),
    press(key) {
      handler?.(key);
    },
  };
}
