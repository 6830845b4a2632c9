import { describe, expect, test } from 'vitest';
import { changeFeed } from '../../src/server/events.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { harnessOn } from '../helpers/in-process.js';
import { serverHarness, TEST_TOKEN } from '../helpers/server.js';

/** Reads server-sent events from a streamed body until `count` have come (or the time is up). */
async function readEvents(body: ReadableStream<Uint8Array>, count: number, ms = 3000): Promise<{ event: string; data: string }[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: string }[] = [];
  let text = '';
  const deadline = Date.now() + ms;
  while (events.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
    ]);
    if (chunk === null || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
    let end = text.indexOf('\n\n');
    while (end >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      if (field('event')) events.push({ event: field('event') as string, data: field('data') ?? '' });
      end = text.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
}

describe('the change stream', () => {
  test('says ready, then one change per write, the CLI’s included', async () => {
    const h = serverHarness({ now: '2026-01-15T13:30:00Z' });
    const response = await h.app.fetch(
      new Request('http://127.0.0.1:4111/api/stint/events', {
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const cli = harnessOn(h.store, { now: '2026-01-15T13:30:00Z' });
    const reading = readEvents(response.body as ReadableStream<Uint8Array>, 3);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the feed has read its first revision
    expect((await cli.run('start', 'coding')).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect((await cli.run('stop')).code).toBe(0);
    const events = await reading;
    expect(events.map((e) => e.event)).toEqual(['ready', 'change', 'change']);
    const [ready, first, second] = events.map((e) => JSON.parse(e.data) as { revision: number });
    // `ready` carries the store's revision, as read before the first change, never null.
    expect(typeof ready?.revision).toBe('number');
    expect((first?.revision ?? 0) > (ready?.revision ?? 0)).toBe(true);
    expect((second?.revision ?? 0) > (first?.revision ?? 0)).toBe(true);
  });

  test('the feed polls only while someone listens', async () => {
    const store = createMemoryStore(null);
    let reads = 0;
    const counted = {
      ...store,
      changesSince: (since: number) => {
        reads += 1;
        return store.changesSince(since);
      },
    };
    const feed = changeFeed(counted, 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(0);
    const seen: number[] = [];
    const unsubscribe = feed.subscribe((revision) => seen.push(revision));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await store.update({ kind: 'active' }, (data) => {
      data.next_id += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    unsubscribe();
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(after);
    expect(seen).toHaveLength(1);
  });
});
