import { join } from 'node:path';
import { conflict, storeError } from '../core/errors.js';
import type { RemoteKind } from '../core/sync/state.js';
import type { Files } from '../jobs/files.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ExecResult {
  /** Null when a signal ended it. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export type Exec = (file: string, args: readonly string[], options?: { cwd?: string; env?: Env }) => Promise<ExecResult>;

/** What carries the shared root between devices. */
export interface Transport {
  /** Brings the shared root up to date and returns its path; throws with the reason (exit 1). */
  open(): Promise<string>;
  /** Hands on what this device wrote under its folder. */
  publish(message: string): Promise<void>;
}

export interface TransportSeam {
  files: Files;
  exec: Exec;
  env: Env;
  dataDir: string;
  device: string;
}

/** The clone of a git remote lives in the data directory. */
export const GIT_CLONE_DIR = 'sync-git';
/** In the clone's .git, once it is whole: the remote it is a clone of. */
const CLONE_MARK = 'stint-clone';

export function transportFor(kind: RemoteKind, url: string, seam: TransportSeam): Transport {
  return kind === 'git' ? gitTransport(url, seam) : folderTransport(url, seam.files);
}

/** A folder that Syncthing, Dropbox or a share replicates: nothing to do but write into it. */
function folderTransport(path: string, files: Files): Transport {
  return {
    async open() {
      const info = files.info(path, true);
      if (info?.kind !== 'directory') {
        throw storeError('Sync folder missing', `${path} is not a folder; mount or create it, then run stint sync again`);
      }
      return path;
    },
    async publish() {},
  };
}

const PUSH_ATTEMPTS = 5;

/**
 * git's own words on one line: its last non-blank lines. Enough of them that ssh's reason
 * ("Could not resolve hostname …"), which comes before git's generic advice, is kept; its hints
 * (how to go on with a rebase stint has undone) are not, and a conflict's line, which git prints
 * on stdout, comes first.
 */
export const reasonOf = (result: ExecResult): string => {
  const lines = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('hint:'));
  const conflicts = lines(result.stdout).filter((line) => line.startsWith('CONFLICT'));
  return [...conflicts, ...lines(result.stderr)].slice(-5).join('; ') || `exit ${result.code}`;
};

/**
 * The variables that point git at a repository (`git rev-parse --local-env-vars`): set in the
 * user's shell (a hook, a worktree, a dotfiles alias), they would make every command below act on
 * that repository instead of stint's clone. Everything else (ssh, proxies, credentials) is kept.
 */
const REPOSITORY_VARIABLES = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
]);

function ownRepository(env: Env): Env {
  const kept: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (!REPOSITORY_VARIABLES.has(name)) kept[name] = value;
  return kept;
}

/**
 * A git remote through the system's git: each device commits only its own files, so a rebase
 * onto what others pushed never conflicts; a rejected push is fetched, rebased and tried again.
 * A sync killed at any instant leaves at worst an index lock, a rebase under way or uncommitted
 * files of this device, which `open` clears or commits before anything else.
 */
function gitTransport(url: string, seam: TransportSeam): Transport {
  const { files, exec, device } = seam;
  const clone = join(seam.dataDir, GIT_CLONE_DIR);
  const env = { ...ownRepository(seam.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  // The user's hooks (core.hooksPath in their global config, a pre-commit or pre-push that
  // lints their code) are not for stint's own commits: one that fails would stop every sync.
  const identity = [
    '-c',
    `user.name=stint on ${device}`,
    '-c',
    `user.email=${device}@stint.invalid`,
    '-c',
    'commit.gpgsign=false',
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.fsmonitor=false',
  ];

  async function git(args: readonly string[], what = args[0]): Promise<string> {
    const result = await exec('git', ['-C', clone, ...identity, ...args], { env });
    if (result.code !== 0) {
      const reason = reasonOf(result);
      throw storeError('Sync failed', `git ${what}: ${reason}`);
    }
    return result.stdout;
  }
  const run = (args: readonly string[]) => exec('git', ['-C', clone, ...identity, ...args], { env });
  const ok = async (args: readonly string[]) => (await run(args)).code === 0;
  const remoteBranch = () => ok(['rev-parse', '--verify', '-q', 'refs/remotes/origin/stint']);

  async function commitOwn(message: string): Promise<void> {
    if (!files.info(join(clone, 'devices', device))) return;
    await git(['add', '-A', '--', `devices/${device}`]);
    if (!(await ok(['diff', '--cached', '--quiet']))) await git(['commit', '-q', '-m', message]);
  }

  /** A rebase under way (failed, or killed) undone: the clone as it was before it. */
  async function abortRebase(): Promise<void> {
    for (const dir of ['rebase-merge', 'rebase-apply']) {
      if (files.info(join(clone, '.git', dir))) {
        if (!(await ok(['rebase', '--abort']))) files.removeTree(join(clone, '.git', dir));
      }
    }
  }

  /**
   * This device's name (in any case) as another device joined under it (its device.json added to
   * the remote since this clone last had its branch): two devices joining under one name at once.
   * Their device.json may even be the same bytes (joined the same second): the rebase cannot tell.
   */
  async function nameTakenSince(): Promise<string | undefined> {
    let added = await run(['diff', '--name-only', '--diff-filter=A', 'HEAD...refs/remotes/origin/stint', '--', 'devices/']);
    // No history in common (this clone began on an empty remote): everything there is new.
    if (added.code !== 0) added = await run(['ls-tree', '-r', '--name-only', 'refs/remotes/origin/stint', '--', 'devices/']);
    if (added.code !== 0) throw storeError('Sync failed', `git diff: ${reasonOf(added)}`);
    return added.stdout
      .split('\n')
      .map((path) => path.split('/'))
      .find(([, name, file, more]) => file === 'device.json' && more === undefined && name?.toLowerCase() === device.toLowerCase())?.[1];
  }

  async function catchUp(): Promise<void> {
    await git(['fetch', '-q', 'origin']);
    if (!(await remoteBranch())) return;
    const ahead = await run(['rev-list', '--count', 'refs/remotes/origin/stint..HEAD']);
    // No commit here yet (HEAD unborn): nothing to rebase, the remote's branch is taken as it is.
    if (ahead.code !== 0) return void (await git(['checkout', '-q', '-B', 'stint', 'refs/remotes/origin/stint']));
    const taken = Number(ahead.stdout) > 0 ? await nameTakenSince() : undefined;
    if (taken !== undefined) {
      throw conflict('Device name taken', `a device named ${taken} already syncs through ${url}; choose another with --device <name>`);
    }
    const rebased = await run(['rebase', '-q', 'refs/remotes/origin/stint']);
    if (rebased.code === 0) return;
    // Never left in the repository, where every later sync would trip on it.
    await abortRebase();
    throw storeError('Sync failed', `git rebase: ${reasonOf(rebased)}`);
  }

  return {
    async open() {
      // Written last: a clone without it (killed between clone and checkout) is not whole, and
      // its HEAD may name no commit: it is made again. One an older stint made whole (no mark,
      // its HEAD a commit) is kept and marked: cloning it again could fail where it works (a
      // remote stored as a relative path, read from another folder).
      const whole = join(clone, '.git', CLONE_MARK);
      const unmarked = files.info(whole, false) === null && files.info(join(clone, '.git'), false)?.kind === 'directory';
      if (unmarked && (await ok(['rev-parse', '--verify', '-q', 'HEAD^{commit}']))) files.writeText(whole, `${url}\n`);
      if (files.info(whole, false)?.kind !== 'file' || files.readText(whole) !== `${url}\n`) {
        files.removeTree(clone);
        const result = await exec('git', ['clone', '-q', '--no-checkout', '--', url, clone], { env });
        if (result.code !== 0) {
          files.removeTree(clone);
          throw storeError('Sync failed', `git clone: ${reasonOf(result)}`);
        }
        if (await remoteBranch()) await git(['checkout', '-q', '-B', 'stint', 'refs/remotes/origin/stint']);
        else await git(['symbolic-ref', 'HEAD', 'refs/heads/stint']);
        files.writeText(whole, `${url}\n`);
      }
      if (files.info(join(clone, '.git', 'index.lock'))) files.removeFile(join(clone, '.git', 'index.lock'));
      await abortRebase();
      await commitOwn(`stint: ${device} (recovered)`);
      await catchUp();
      return clone;
    },
    async publish(message) {
      await commitOwn(message);
      for (let attempt = 1; ; attempt += 1) {
        const pushed = await exec('git', ['-C', clone, ...identity, 'push', '-q', 'origin', 'HEAD:refs/heads/stint'], { env });
        if (pushed.code === 0) return;
        if (attempt >= PUSH_ATTEMPTS) {
          throw storeError('Sync failed', `git push: ${reasonOf(pushed)}`);
        }
        await catchUp();
      }
    },
  };
}
