import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { fdOutput, watchOutput } from '../../src/cli/deps.js';
import { describeFailure, formatFailure } from '../../src/cli/errors.js';
import { storeError } from '../../src/core/errors.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { harnessOn } from '../helpers/in-process.js';

/** What Node's fs calls throw: the message Node writes, and code, syscall, path, dest. */
function systemError(code: string, syscall: string, path?: string, dest?: string): NodeJS.ErrnoException {
  const where = path === undefined ? '' : ` '${path}'${dest === undefined ? '' : ` -> '${dest}'`}`;
  const error: NodeJS.ErrnoException = new Error(`${code}: some words, ${syscall}${where}`);
  Object.assign(error, { code, syscall, errno: -1 }, path === undefined ? {} : { path }, dest === undefined ? {} : { dest });
  return error;
}

const line = (error: unknown) => formatFailure(describeFailure(error), false);

describe('describeFailure: an environmental failure is one line, exit 1, the file and the cause', () => {
  test.each([
    [systemError('EACCES', 'open', '/x/.stint/state.json'), 'Permission denied: cannot open /x/.stint/state.json (EACCES)'],
    [
      systemError('EPERM', 'rename', '/x/.stint/.state.json.1.tmp', '/x/.stint/state.json'),
      'Operation not permitted: cannot rename /x/.stint/.state.json.1.tmp to /x/.stint/state.json (EPERM)',
    ],
    [systemError('EROFS', 'mkdir', '/x/.stint/stint.lock'), 'Read-only file system: cannot create directory /x/.stint/stint.lock (EROFS)'],
    [systemError('ENOTDIR', 'open', '/x/file/config.json'), 'Not a directory: cannot open /x/file/config.json (ENOTDIR)'],
    [systemError('EISDIR', 'read', '/x/.stint/jobs.json'), 'Is a directory: cannot read /x/.stint/jobs.json (EISDIR)'],
    [systemError('ENOSPC', 'write', 'standard output'), 'No space left on device: cannot write standard output (ENOSPC)'],
    [systemError('EDQUOT', 'write', '/x/a'), 'Disk quota exceeded: cannot write /x/a (EDQUOT)'],
    [
      systemError('EMFILE', 'open', '/x/.stint/sessions/2026-01.r2.json'),
      'Too many open files: cannot open /x/.stint/sessions/2026-01.r2.json (EMFILE)',
    ],
    [systemError('ENFILE', 'open', '/x/a'), 'Too many open files in the system: cannot open /x/a (ENFILE)'],
    [systemError('EIO', 'fsync', '/x/a'), 'Input/output error: cannot flush /x/a (EIO)'],
    [systemError('ENOTEMPTY', 'rmdir', '/x/.stint/stint.lock'), 'Directory not empty: cannot remove /x/.stint/stint.lock (ENOTEMPTY)'],
    [systemError('ELOOP', 'open', '/x/a'), 'Too many levels of symbolic links: cannot open /x/a (ELOOP)'],
    [systemError('EFBIG', 'write', '/x/a'), 'File too large: cannot write /x/a (EFBIG)'],
    // A code not listed keeps Node's words; a call not listed is named as it is.
    [systemError('EWEIRD', 'fchown', '/x/a'), 'Some words: cannot fchown /x/a (EWEIRD)'],
    [systemError('EIO', 'read'), 'Input/output error: cannot read (EIO)'],
  ])('%s', (error, expected) => {
    expect(describeFailure(error).exitCode).toBe(1);
    expect(line(error)).toBe(`stint: ${expected}\n`);
  });

  test('a store message wrapping one leads with the file and the cause', () => {
    const error = storeError(
      'Write failed',
      '/x/state.json not replaced; the previous version was kept',
      systemError('ENOSPC', 'write', '/x/sessions/2026-01.r3-ab.json'),
    );
    expect(line(error)).toBe(
      'stint: Write failed: cannot write /x/sessions/2026-01.r3-ab.json: no space left on device (ENOSPC); /x/state.json not replaced; the previous version was kept\n',
    );
  });

  test.each([
    ['a TypeError', new TypeError('x is not a function')],
    ['a plain Error', new Error('boom')],
    ['an error with a code that is not an errno', Object.assign(new Error('bad'), { code: 'ERR_INVALID_ARG_TYPE' })],
  ])('%s is still a bug', (_name, error) => {
    expect(line(error)).toMatch(
      /^stint: Internal error: .* \(this is a bug in stint; please report it at https:\/\/github.com\/stint-cli\/stint\/issues\)\n$/,
    );
  });

  test('JSON names the cause as the error', () => {
    expect(formatFailure(describeFailure(systemError('EROFS', 'open', '/x/a')), true)).toBe(
      '{"error":"Read-only file system","message":"cannot open /x/a (EROFS)"}\n',
    );
  });
});

describe('through run(): a store that fails with an errno', () => {
  // Root ignores permissions and cannot always make a read-only disk: the errors are injected here.
  const READS = ['read', 'scan', 'digest', 'digestSettled', 'changesSince'] as const;
  test.each([
    [READS, 'EACCES', 'open', ['list'], 'Permission denied: cannot open /h/.stint/state.json (EACCES)'],
    [READS, 'EIO', 'read', ['report'], 'Input/output error: cannot read /h/.stint/state.json (EIO)'],
    [['update'], 'EROFS', 'mkdir', ['start', 'coding'], 'Read-only file system: cannot create directory /h/.stint/stint.lock (EROFS)'],
    [['config.read'], 'EMFILE', 'open', ['config', 'list'], 'Too many open files: cannot open /h/.stint/config.json (EMFILE)'],
    [
      ['jobs.update'],
      'EACCES',
      'open',
      ['jobs', 'add', 'n', '--type', 'backup', '--cron', '@daily', '--config', 'target=/b'],
      'Permission denied: cannot open /h/.stint/jobs.json (EACCES)',
    ],
  ] as const)('%j failing with %s: exit 1, one line', async (methods, code, syscall, argv, expected) => {
    const store = createMemoryStore();
    const file = expected.match(/\/h\/\S+/)?.[0];
    for (const method of methods) {
      // A store method, or a document's (`config.read`).
      const [head, tail] = method.split('.') as [string, string | undefined];
      const owner = (tail === undefined ? store : store[head as 'config']) as unknown as Record<string, unknown>;
      owner[tail ?? head] = () => Promise.reject(systemError(code, syscall, file));
    }
    const result = await harnessOn(store).run(...argv);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `stint: ${expected}\n` });
    expect(store.text).toBeNull();
  });
});

describe('watchOutput: a failed write is kept for the entry, never thrown', () => {
  /** A stream failing every write with `code`, at once (a file) or later (a pipe). */
  const failing = (code: string, later: boolean) =>
    new Writable({
      write(_chunk, _encoding, callback) {
        const error = systemError(code, 'write');
        if (later) setTimeout(() => callback(error), 5);
        else callback(error);
      },
    });

  test.each([
    ['at once', false],
    ['later', true],
  ])('ENOSPC %s: the first failure, named after the stream; nothing more is written', async (_name, later) => {
    const stream = failing('ENOSPC', later);
    const output = watchOutput(stream, 'standard output');
    output.write('one\n');
    output.write('two\n');
    await output.flushed();
    expect(output.failure()).toMatchObject({ code: 'ENOSPC', path: 'standard output' });
    expect(line(output.failure())).toBe('stint: No space left on device: cannot write standard output (ENOSPC)\n');
  });

  test('EPIPE, a reader gone, is no failure; nor are the writes after it', async () => {
    const output = watchOutput(failing('EPIPE', false), 'standard output');
    output.write('one\n');
    await output.flushed();
    output.write('two\n');
    await output.flushed();
    expect(output.failure()).toBeUndefined();
  });

  test('a write that throws is kept too', async () => {
    const stream = new Writable({ write: (_c, _e, callback) => callback() });
    stream.write = () => {
      throw systemError('EIO', 'write');
    };
    const output = watchOutput(stream, 'standard error');
    output.write('x');
    await output.flushed();
    expect(output.failure()).toMatchObject({ code: 'EIO', path: 'standard error' });
  });

  test('flushed waits for writes still under way', async () => {
    const written: string[] = [];
    const stream = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        setTimeout(() => {
          written.push(chunk.toString());
          callback();
        }, 5);
      },
    });
    const output = watchOutput(stream, 'standard output');
    output.write('a');
    output.write('b');
    await output.flushed();
    expect(written.join('')).toBe('ab');
    expect(output.failure()).toBeUndefined();
  });
});

describe('an error line quoting what was typed stays one line and acts on no terminal', () => {
  test.each([
    [['start', 'coding', '--at', '10:00\nstint: fake'], "'10:00\\nstint: fake' has text left over"],
    [['start', 'coding', '--at', '\u001b[2J10:00'], "'\\u001b[2J10:00' is not a time"],
    [['stop', '1\r2'], "'1\\r2' is not a session ID"],
    [['config', 'set', 'a\u202eb', '1'], "'a\\u202eb' is not a setting"],
    [['list', '--from', 'a\tb'], "'a\\tb' is not a day"],
  ])('%j: exit 2, escaped', async (argv, quoted) => {
    const h = harnessOn(createMemoryStore());
    const { code, stderr, stdout } = await h.run(...argv);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(quoted);
    expect(stderr.slice(0, -1)).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
  });

  test('JSON keeps the text as it was: JSON.stringify escapes it already', async () => {
    const { stderr } = await harnessOn(createMemoryStore()).run('stop', '1\n2', '--json');
    expect(JSON.parse(stderr).message).toBe("'1\n2' is not a session ID (a positive whole number)");
    expect(stderr.trimEnd()).not.toContain('\n');
  });
});

test('an option given twice with two values: exit 2, one line, nothing stored', async () => {
  const store = createMemoryStore();
  const result = await harnessOn(store).run('start', 'coding', '--at', '10:00', '--at', '11:00');
  expect(result).toEqual({
    code: 2,
    stdout: '',
    stderr: "stint: Invalid usage: --at is given twice ('10:00', then '11:00'); give it once\n",
  });
  expect(store.text).toBeNull();
});

describe('fdOutput: stdout and stderr written to their file descriptor, without Node streams', () => {
  /** A writeSync taking at most `max` bytes a call, failing with the codes queued in `fail`. */
  function fakeFd(max = Number.POSITIVE_INFINITY, fail: string[] = []) {
    const written: string[] = [];
    const writeSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => {
      expect(fd).toBe(1);
      const code = fail.shift();
      if (code !== undefined) throw systemError(code, 'write');
      const n = Math.min(length, max);
      written.push(Buffer.from(buffer.subarray(offset, offset + n)).toString());
      return n;
    };
    return { written, writeSync };
  }
  /** Node's stream, as the fallback: what reached it, in order. */
  function fakeStream() {
    const received: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString());
        setTimeout(callback, 5);
      },
    });
    return { received, stream };
  }
  const noStream = () => {
    throw new Error('the stream is made only after EAGAIN');
  };

  test('each write leaves at once, in order, a partial write continued; no stream is made', async () => {
    const fd = fakeFd(3);
    const output = fdOutput(1, 'standard output', fd.writeSync, noStream);
    output.write('héllo\n');
    output.write('two\n');
    expect(Buffer.from(fd.written.join('')).toString()).toBe('héllo\ntwo\n');
    await output.flushed();
    expect(output.failure()).toBeUndefined();
  });

  test('EAGAIN (a pipe made non-blocking elsewhere): the rest and every later write go through the stream, in order', async () => {
    const fd = fakeFd(4, ['EAGAIN']);
    const { received, stream } = fakeStream();
    const output = fdOutput(1, 'standard output', fd.writeSync, () => stream);
    output.write('one\n');
    output.write('two\n');
    await output.flushed();
    expect({ fd: fd.written, stream: received.join('') }).toEqual({ fd: [], stream: 'one\ntwo\n' });
    expect(output.failure()).toBeUndefined();
  });

  test('EAGAIN after part of a write: the stream gets exactly what was left', async () => {
    const fd = fakeFd(4);
    const { received, stream } = fakeStream();
    let calls = 0;
    const writeSync = (...args: Parameters<typeof fd.writeSync>) => {
      calls += 1;
      if (calls === 2) throw systemError('EAGAIN', 'write');
      return fd.writeSync(...args);
    };
    const output = fdOutput(1, 'standard output', writeSync, () => stream);
    output.write('abcdefgh\n');
    output.write('next\n');
    await output.flushed();
    expect(fd.written.join('') + received.join('')).toBe('abcdefgh\nnext\n');
    expect(fd.written).toEqual(['abcd']);
  });

  test('ENOSPC is kept, named after the stream, and nothing more is written; EPIPE is no failure', async () => {
    const full = fakeFd(Number.POSITIVE_INFINITY, ['ENOSPC']);
    const output = fdOutput(1, 'standard output', full.writeSync, noStream);
    output.write('one\n');
    output.write('two\n');
    expect(full.written).toEqual([]);
    expect(line(output.failure())).toBe('stint: No space left on device: cannot write standard output (ENOSPC)\n');
    const gone = fakeFd(Number.POSITIVE_INFINITY, ['EPIPE']);
    const piped = fdOutput(1, 'standard output', gone.writeSync, noStream);
    piped.write('one\n');
    piped.write('two\n');
    await piped.flushed();
    expect({ written: gone.written, failure: piped.failure() }).toEqual({ written: [], failure: undefined });
  });

  test('bytes (list --json) are written as they are; a failure half-way keeps the first, and nothing after it', async () => {
    let calls = 0;
    const fd = fakeFd();
    const writeSync = (...args: Parameters<typeof fd.writeSync>) => {
      calls += 1;
      if (calls === 3) throw systemError('ENOSPC', 'write');
      return fd.writeSync(...args);
    };
    const output = fdOutput(1, 'standard output', writeSync, noStream);
    for (const chunk of ['{"sessions":[', '{"session_id":1}', ',{"session_id":2}', '],"total":2}\n']) {
      output.write(new TextEncoder().encode(chunk));
    }
    await output.flushed();
    expect(fd.written).toEqual(['{"sessions":[', '{"session_id":1}']);
    expect(line(output.failure())).toBe('stint: No space left on device: cannot write standard output (ENOSPC)\n');
  });
});
