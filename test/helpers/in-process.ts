import { execProgram, realFiles, type Deps, type Terminal } from '../../src/cli/deps.js';
import { memoryFiles } from './memory-files.js';
import { run } from '../../src/cli/main.js';
import { hotArgs } from '../../src/cli/hot-args.js';
import { runHot } from '../../src/cli/hot.js';
import type { TrackerData } from '../../src/core/session.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';

export interface Harness {
  store: MemoryStore;
  /** The user's files, by path, as import reads them and export writes them. */
  files: Map<string, string>;
  /** Moves the fake clock. */
  setNow(iso: string): void;
  run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The same through the hot path (dist/hot.cjs's, without commander); the argv must be one it accepts. */
  runHot(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** stdin and stdout are pipes, as in a script. */
const NOT_A_TERMINAL: Terminal = { isTTY: false, rows: 24, columns: 80, write: () => undefined, onKey: () => () => undefined };

interface HarnessOptions {
  now?: string;
  data?: TrackerData;
  isTTY?: boolean;
  env?: Record<string, string>;
  terminal?: Terminal;
  /** The pager (Deps.page); by default none can be started, so the text is printed. */
  page?: Deps['page'];
  /** What new uids start with (`uid-1`, …): devices of a sync test each need their own. */
  uidPrefix?: string;
  /** The files commands and jobs see; by default an in-memory map (`files` below). */
  realFiles?: boolean;
  /** The data directory commands are told of (sync's git clone goes there): give a real one for git. */
  dataDir?: string;
}

/** Runs real commands in-process against an in-memory store and a fixed clock. */
export function harness(options: HarnessOptions = {}): Harness {
  const store = createMemoryStore(options.data ?? null);
  return { ...harnessOn(store, options), store };
}

/** The same against any store: a file store in a temporary folder, or one that fails on purpose. */
export function harnessOn(store: Store, options: Omit<HarnessOptions, 'data'> = {}): Omit<Harness, 'store'> {
  let now = new Date(options.now ?? '2026-01-15T13:30:00Z');
  let uid = 0;
  const files = new Map<string, string>();
  return {
    files,
    setNow(iso) {
      now = new Date(iso);
    },
    run: (...argv) => runWith((deps) => run(argv, deps)),
    runHot: (...argv) =>
      runWith((deps) => {
        const hot = hotArgs(argv);
        if (hot === undefined) throw new Error(`not a hot form: ${argv.join(' ')}`);
        return runHot(hot, deps);
      }),
  };

  async function runWith(command: (deps: Deps) => Promise<number>) {
    let stdout = '';
    let stderr = '';
    const utf8 = new TextDecoder(); // bytes as the process would write them; streamed, so no character is cut
    const deps: Deps = {
      store,
      now: () => now,
      stdout: (text) => {
        stdout += typeof text === 'string' ? text : utf8.decode(text, { stream: true });
      },
      stderr: (text) => {
        stderr += text;
      },
      isTTY: options.isTTY ?? false,
      env: options.env ?? {},
      newUid: () => `${options.uidPrefix ?? 'uid'}-${++uid}`,
      home: '/home/tester',
      accountHome: () => '/home/tester',
      dataDir: options.dataDir ?? '/home/tester/.stint',
      onStop: () => () => undefined,
      terminal: options.terminal ?? NOT_A_TERMINAL,
      page: options.page ?? (() => false),
      files: options.realFiles ? realFiles : memoryFiles(files),
      exec: execProgram,
      hostName: () => 'testhost',
    };
    const code = await command(deps);
    return { code, stdout, stderr };
  }
}
