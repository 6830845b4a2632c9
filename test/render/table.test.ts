import { format } from 'date-fns/format';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { dayName, dayStart } from '../../src/core/days.js';
import { PLAIN } from '../../src/render/color.js';
import { jobLines, type JobJson } from '../../src/render/jobs.js';
import { BAR_CELLS, bar, reportText, rowLabel } from '../../src/render/report-text.js';
import { activeLines } from '../../src/render/session-text.js';
import { cellWidth, sessionsTable, simpleWidth, table } from '../../src/render/table.js';
import { at, makeSession } from '../helpers/factories.js';

// One way to draw a table: columns measured in terminal cells, so wide scripts and emoji align.

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;

test.each([
  ['coding', 6],
  ['コーディング', 12],
  ['写作', 4],
  ['🍅-focus', 8],
  ['café', 4],
  [bold('Task'), 4],
  ['', 0],
])('cellWidth(%j) is %i cells', (text, width) => {
  expect(cellWidth(text)).toBe(width);
});

test('cellWidth counts the block elements (report bars) as string-width does, without it', () => {
  const blocks = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x2580 + i));
  for (const text of [...blocks, blocks.join(''), bar(7, 9).padEnd(BAR_CELLS), `x${bar(1, 3)}y`]) {
    expect(cellWidth(text)).toBe(stringWidth(text));
  }
});

// cellWidth measures ASCII, report bars, status markers and colour codes itself (string-width's
// regexes cost every status run ~4M instructions); anything else goes to string-width.
test('cellWidth counts any mix of those, and of what it leaves to string-width, as string-width does', () => {
  const token = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0x2580, max: 0x259f }).map((code) => String.fromCharCode(code)),
    fc.constantFrom(
      '▶',
      '⏸',
      '\u001b[1m',
      '\u001b[22m',
      '\u001b[32m',
      '\u001b[39m',
      '\u001b[m',
      '\u001b[38;5;214m',
      '\u001b[38;2;1;22;255m',
    ),
    // Not measured by cellWidth itself: wide, emoji, a presentation selector, stray or other escapes.
    fc.constantFrom(
      'コ',
      '🍅',
      '\ufe0f',
      '\u20e3',
      '\u001b',
      '\u001b[',
      '\u001b[1234m',
      '\u001b[1;m',
      '\u001b]8;;x\u0007',
      '\u009b1m',
      'é',
      '\u0301',
    ),
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
      const text = tokens.join('');
      expect(cellWidth(text)).toBe(stringWidth(text));
    }),
    { numRuns: 2000 },
  );
  for (const marker of ['▶', '⏸', '▶\ufe0f', '⏸\ufe0f', bold('▶')]) expect(cellWidth(marker)).toBe(stringWidth(marker));
});

test.each([
  ['▶ #12', 5],
  ['⏸ #3', 4],
  [`\u001b[32m▶\u001b[39m #12`, 5],
  [bold('coding'), 6],
  [`\u001b[2msince 14:30\u001b[22m`, 11],
])('the status cell %j is measured without string-width: %i cells', (cell, width) => {
  expect(simpleWidth(cell)).toBe(width);
  expect(stringWidth(cell)).toBe(width);
});

test('a day row is labelled as date-fns formats its first instant, yyyy-MM-dd EEE', () => {
  // 1970 to 2100, in the tests' zone (Europe/Paris: DST changes, and 1970s rules).
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 47_500 }), (day) => {
      const name = dayName(day);
      expect(rowLabel({ by: 'day' }, { name })).toBe(format(new Date(dayStart(day)), 'yyyy-MM-dd EEE'));
    }),
  );
  expect(rowLabel({ by: 'task' }, { name: 'coding' })).toBe('coding');
});

describe('table', () => {
  test('pads each column to its widest cell in cells, right or left, two spaces apart', () => {
    const lines = table(
      [{ align: 'right' }, {}, { align: 'right' }],
      [
        ['ID', 'Task', 'Time'],
        ['1', 'コーディング', '1h'],
        ['22', '🍅-focus', '25m'],
      ],
    );
    expect(lines).toEqual(['ID  Task          Time', ' 1  コーディング    1h', '22  🍅-focus       25m']);
  });

  test('colour codes take no width; trailing blanks are dropped', () => {
    expect(
      table(
        [{}, {}],
        [
          [bold('Task'), 'x'],
          ['a', ''],
          ['longer', ''],
        ],
      ),
    ).toEqual([`${bold('Task')}    x`, 'a', 'longer']);
  });

  test('a column can sit one space after the last', () => {
    expect(
      table(
        [{ align: 'right' }, { gap: 1 }, {}],
        [
          ['#1', 'a', 'x'],
          ['#10', 'bbb', 'y'],
        ],
      ),
    ).toEqual([' #1 a    x', '#10 bbb  y']);
  });

  test('no rows, no lines', () => {
    expect(table([{}], [])).toEqual([]);
  });
});

describe('the tables of list, status and jobs list', () => {
  /** Where `text` begins on a line, in terminal cells. */
  const columnOf = (line: string, text: string) => cellWidth(line.slice(0, line.indexOf(text)));

  test('list: a CJK or emoji task name keeps the next columns in line', () => {
    const sessions = [
      makeSession({ id: 1, task: 'coding' }),
      makeSession({ id: 2, task: '写作', started_at: '2026-01-15T15:00:00Z', stopped_at: '2026-01-15T15:30:00Z' }),
      makeSession({ id: 3, task: 'コーディング', started_at: '2026-01-15T16:00:00Z', stopped_at: '2026-01-15T16:05:00Z' }),
    ];
    const lines = sessionsTable(sessions, at('2026-01-15T17:00:00Z'), PLAIN).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const starts = lines.map((line) => columnOf(line, line.startsWith('ID') ? 'Started' : '2026-01-15'));
    const statuses = lines.map((line) => columnOf(line, line.startsWith('ID') ? 'Status' : 'completed'));
    expect(new Set(starts).size).toBe(1);
    expect(new Set(statuses).size).toBe(1);
    expect(starts[0]).toBe(cellWidth('ID  コーディング  '));
  });

  test('report: a CJK task name keeps times and bars in line', () => {
    const text = reportText(
      {
        from: '2026-01-15',
        to: '2026-01-15',
        by: 'task',
        roundSeconds: null,
        totalSeconds: 5400,
        sessionCount: 3,
        rows: [
          { name: '写作', seconds: 3600, sessions: 2 },
          { name: 'code', seconds: 1800, sessions: 1 },
        ],
        overlaps: [],
      },
      PLAIN,
    );
    expect(text).toBe(
      [
        'Report 2026-01-15, by task',
        `写作       1h  ${'█'.repeat(BAR_CELLS)}  2 sessions`,
        `code      30m  ${'█'.repeat(BAR_CELLS / 2).padEnd(BAR_CELLS)}  1 session`,
        `Total  1h 30m  ${' '.repeat(BAR_CELLS)}  3 sessions`,
        '',
      ].join('\n'),
    );
  });

  test('status: several sessions line up their clocks', () => {
    const running = makeSession({ id: 2, task: 'コーディング', started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running' });
    const paused = makeSession({
      id: 13,
      task: 'review',
      started_at: '2026-01-15T13:00:00Z',
      stopped_at: null,
      status: 'paused',
      pauses: [{ started_at: '2026-01-15T13:30:00Z', ended_at: null }],
    });
    expect(activeLines([running, paused], at('2026-01-15T14:00:00Z'), PLAIN)).toEqual([
      '▶ #2  コーディング  2:00:00  since 13:00',
      '⏸ #13 review        0:30:00  paused since 14:30',
    ]);
  });

  test('status: sessions started on different devices (synced) say where; one device says nothing', () => {
    const running = (id: number, task: string, device?: string) =>
      makeSession({ id, task, started_at: '2026-01-15T12:00:00Z', stopped_at: null, status: 'running', ...(device ? { device } : {}) });
    const now = at('2026-01-15T14:00:00Z');
    expect(activeLines([running(1, 'coding', 'laptop'), running(2, 'email', 'desk'), running(3, 'review')], now, PLAIN)).toEqual([
      '▶ #1 coding  2:00:00  since 13:00  on laptop',
      '▶ #2 email   2:00:00  since 13:00  on desk',
      '▶ #3 review  2:00:00  since 13:00  on this device',
    ]);
    expect(activeLines([running(1, 'coding', 'laptop'), running(2, 'email', 'laptop')], now, PLAIN)).toEqual([
      '▶ #1 coding  2:00:00  since 13:00',
      '▶ #2 email   2:00:00  since 13:00',
    ]);
  });

  test('jobs list: one job a line, in columns', () => {
    const job = (job_id: number, name: string, type: JobJson['type'], schedule: string, enabled: boolean): JobJson => ({
      job_id,
      name,
      description: null,
      type,
      schedule,
      config: {},
      enabled,
      created_at: '2026-01-10T12:00:00+01:00',
      updated_at: '2026-01-10T12:00:00+01:00',
      last_run: null,
      next_run: enabled ? '2026-01-11T00:00:00+01:00' : null,
    });
    // Instants for people as everywhere (issue 15): relative to now, tomorrow's run says so.
    const now = new Date('2026-01-10T15:00:00Z');
    expect(jobLines([job(1, 'daily', 'summary', '@daily', true), job(12, 'nightly-backup', 'backup', '0 3 * * *', false)], now)).toBe(
      ' #1 daily          (summary) @daily     next tomorrow 00:00, last -\n#12 nightly-backup (backup)  0 3 * * *  disabled, last -\n',
    );
  });
});
