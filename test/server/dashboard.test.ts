import { describe, expect, test } from 'vitest';
import { escapeHtml, heatLevel, heatmap, weekChart } from '../../src/server/dashboard/charts.js';
import { localSession, makeData, makeSession } from '../helpers/factories.js';
import { serverHarness } from '../helpers/server.js';

const NOW = '2026-01-15T16:30:00Z';

function dashboard() {
  const sessions = [
    localSession('2026-01-12', '09:00', 240, { id: 1, task: 'coding' }),
    localSession('2026-01-14', '09:00', 60, { id: 2, task: '<script>alert(1)</script>', tags: ['x'] }),
    makeSession({ id: 3, task: 'review', started_at: '2026-01-15T15:00:00Z', stopped_at: null, status: 'running' }),
  ];
  return serverHarness({ now: NOW, data: makeData(sessions) });
}

describe('the dashboard page', () => {
  test('is server-rendered whole: timers, today, week, year, badges and sessions', async () => {
    const page = await dashboard().request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    for (const id of ['timers', 'today', 'week', 'year', 'badges', 'sessions']) expect(page.text).toContain(`<section id="${id}"`);
    expect(page.text).toContain('data-session-id="3"');
    expect(page.text).toContain('data-seconds="5400" data-running="1"');
    expect(page.text).toContain('<table'); // the week's numbers beside its chart
  });

  test('keeps to the strict CSP: no inline script, style or event handler; everything from self', async () => {
    const page = await dashboard().request('GET', '/');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(page.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  test('floors percentages exactly: 29% of the goal and of 100 hours, not 28%', async () => {
    // 4176 s of a 4 h goal and 29 h of 100: both 0.29, which times 100 is 28.999… in floats.
    const sessions = [
      makeSession({ id: 1, started_at: '2026-01-15T10:00:00Z', stopped_at: '2026-01-15T11:09:36Z' }),
      makeSession({
        id: 2,
        started_at: '2026-01-10T00:00:00Z',
        stopped_at: new Date(Date.parse('2026-01-10T00:00:00Z') + (29 * 3600 - 4176) * 1000).toISOString(),
      }),
    ];
    const page = await serverHarness({ now: NOW, data: makeData(sessions) }).request('GET', '/');
    expect(page.text).toContain('aria-label="29% of the daily goal"');
    expect(page.text).toContain('goal (29%)');
    expect(page.text).toMatch(/<strong>Centurion<\/strong>[^<]*<span class="muted">29%<\/span>/);
  });

  test('escapes what users typed', async () => {
    const page = await dashboard().request('GET', '/');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  test('filters the session list, and says so when a filter is wrong', async () => {
    const h = dashboard();
    const coding = await h.request('GET', '/?task=coding&status=');
    expect(coding.text).toContain('1 session in the last 30 days (set From for older ones).');
    // Without dates, the list reads only the last 30 days; a date reaches further back.
    h.setNow('2026-03-01T12:00:00Z');
    expect((await h.request('GET', '/?task=coding')).text).toContain('0 sessions in the last 30 days');
    expect((await h.request('GET', '/?task=coding&from=2026-01-01')).text).toContain('<caption>1 session.</caption>');
    const wrong = await h.request('GET', '/dashboard/live?status=finished');
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('status must be one of');
    expect((await h.request('GET', '/?colour=red')).status).toBe(400);
  });

  test.each([
    ['/assets/dashboard.js', 'text/javascript', 'EventSource'],
    ['/assets/dashboard.css', 'text/css', 'prefers-color-scheme'],
    ['/assets/icon.svg', 'image/svg+xml', '<svg'],
  ])('serves %s as %s', async (path, type, marker) => {
    const reply = await dashboard().request('GET', path);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain(type);
    expect(reply.text).toContain(marker);
  });

  test('the live parts carry ids the page swaps by', async () => {
    const live = await dashboard().request('GET', '/dashboard/live');
    for (const id of ['timer-list', 'today', 'week', 'year', 'badges', 'session-list'])
      expect(live.text).toMatch(new RegExp(`id="${id}" data-live`));
  });
});

describe('the charts', () => {
  test.each([
    [0, 0],
    [1, 1],
    [3599, 1],
    [4800, 2],
    [9600, 3],
    [14_399, 3],
    [14_400, 4],
    [90_000, 4],
  ])('%i s against a 4 h goal is heat level %i', (seconds, level) => {
    expect(heatLevel(seconds, 14_400)).toBe(level);
  });

  test('the heatmap draws one square per day, Monday on top', () => {
    const rows = Array.from({ length: 365 }, (_, i) => ({
      name: new Date(Date.UTC(2025, 0, 16 + i)).toISOString().slice(0, 10),
      seconds: i * 60,
      sessions: 1,
    }));
    const svg = heatmap(rows, 14_400);
    expect(svg.match(/<rect /g)).toHaveLength(365);
    // 2025-01-16 is a Thursday: the fourth row.
    expect(svg).toContain('<rect class="l0" x="0" y="39"');
  });

  test('the week chart marks days that met the goal and draws the goal line', () => {
    const svg = weekChart(
      [
        { name: '2026-01-12', seconds: 14_400, sessions: 1 },
        { name: '2026-01-13', seconds: 3600, sessions: 1 },
      ],
      14_400,
    );
    expect(svg.match(/class="bar met"/g)).toHaveLength(1);
    expect(svg).toContain('<line class="goal"');
    expect(svg).toContain('<text class="axis" x="88" y="154" text-anchor="middle">Mon</text>');
  });

  test.each(['<b>', '"onload="x', "a'b", 'R&D', '&#60;', '</svg><script>'])(
    'escaped %s holds no character that opens markup or ends an attribute',
    (text) => {
      expect(escapeHtml(text).replace(/&#\d+;/g, '')).not.toMatch(/[<>"'&]/);
    },
  );
});
