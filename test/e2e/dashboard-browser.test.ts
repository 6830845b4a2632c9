import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeSession } from '../helpers/factories.js';
import { realisticHistory } from '../helpers/month.js';
import { skipWithout, which } from '../helpers/programs.js';
import { seedStore } from '../helpers/seed.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { stint, tempHome } from '../helpers/spawn.js';

// The dashboard in a real browser: Debian's chromium, driven by playwright-core (Playwright's own
// browser download does not work on these machines). `.ci/run` installs chromium; with CI=true
// a missing chromium fails these tests instead of skipping them.

const CHROMIUM = which('chromium');
const NOW = '2026-01-30T15:00:00Z';
/** Where the screenshot goes: `.cache/screenshots`, or STINT_SCREENSHOT_DIR (=docs to refresh the README's). */
const SHOTS = resolve(import.meta.dirname, '../..', process.env.STINT_SCREENSHOT_DIR ?? '.cache/screenshots');
const PHONE = { width: 390, height: 844 };

describe.skipIf(skipWithout(CHROMIUM !== undefined))('the dashboard in chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let signedIn = false;
  let server: RunningServer;
  let home = '';
  let cleanup = () => undefined as void;
  const foreign: string[] = [];

  beforeAll(async () => {
    if (CHROMIUM === undefined) throw new Error('chromium is not installed (CI installs it: .ci/run)');
    ({ home, cleanup } = tempHome());
    const month = realisticHistory('2026-01-30T14:00:00Z'); // today's morning included
    const next = month.length + 1;
    // A timer running and a focus session paused, so the page has live clocks to show.
    month.push(
      makeSession({
        id: next,
        uid: 'live-1',
        task: 'api-client',
        tags: ['work'],
        started_at: '2026-01-30T14:10:00Z',
        stopped_at: null,
        status: 'running',
      }),
      makeSession({
        id: next + 1,
        uid: 'live-2',
        task: 'spanish',
        planned_seconds: 1500,
        started_at: '2026-01-30T14:40:00Z',
        stopped_at: null,
        status: 'paused',
        pauses: [{ started_at: '2026-01-30T14:52:00Z', ended_at: null }],
      }),
    );
    await seedStore(home, month);
    server = await startServer(home, { now: NOW });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    context = await browser.newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  /** A page, every request it makes recorded; the first signs in through the one-time URL (the code then dies, the cookie stays). */
  async function open(viewport = PHONE): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    page.on('request', (request) => {
      if (!request.url().startsWith(`${server.base}/`)) foreign.push(request.url());
    });
    await page.goto(signedIn ? `${server.base}/` : server.url);
    signedIn = true;
    await page.waitForSelector('#connection.on', { timeout: 5000 });
    return page;
  }

  test('loads with no request to another origin, fits a phone, and shows the month', async () => {
    const page = await open();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(foreign).toEqual([]);
    // Page code as text: the tests are compiled without the DOM's types.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('#timer-list .timer').count()).toBe(2);
    expect(await page.locator('#year svg rect').count()).toBe(365);
    // The clock of the running timer ticks in the page.
    const clock = page.locator('#timer-list .timer.running .clock');
    const first = await clock.textContent();
    let now = first;
    for (let i = 0; i < 30 && now === first; i += 1) {
      await page.waitForTimeout(100);
      now = await clock.textContent();
    }
    expect(now).not.toBe(first);
    await page.close();
  });

  test('a timer started with the CLI appears within 2 s; Stop on the page is seen by `stint status --json`', async () => {
    const page = await open();
    expect((await stint(['start', 'from-the-cli', '--tag', 'e2e'], { home, now: NOW })).code).toBe(0);
    const row = page.locator('#timer-list .timer', { hasText: 'from-the-cli' });
    await row.waitFor({ timeout: 2000 });
    await row.getByRole('button', { name: 'Stop' }).click();
    await row.waitFor({ state: 'detached', timeout: 5000 });
    const status = JSON.parse((await stint(['status', '--json'], { home, now: NOW })).stdout) as { sessions: { task_name: string }[] };
    expect(status.sessions.map((s) => s.task_name)).not.toContain('from-the-cli');
    const shown = await stint(['list', '--task', 'from-the-cli', '--json'], { home, now: NOW });
    expect(JSON.parse(shown.stdout)).toMatchObject({ sessions: [{ status: 'completed' }], total: 1 });
    expect(foreign).toEqual([]);
    await page.close();
  });

  test('a screenshot of the dashboard with a month of data is saved', async () => {
    const page = await open({ width: 1100, height: 900 });
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, 'dashboard.png');
    const png = await page.screenshot({ path: file, fullPage: true });
    expect(png.length).toBeGreaterThan(20_000);
    await page.close();
  });
});
