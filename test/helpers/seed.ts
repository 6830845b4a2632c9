import type { Session } from '../../src/core/session.js';
import { createFileStore } from '../../src/store/file-store.js';
import { ALL, type Store } from '../../src/store/store.js';
import { useTempHome } from './spawn.js';
import { makeSession } from './factories.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `count` finished half-hour sessions, one an hour from `from`, IDs from `firstId`. */
export function history(count: number, from = '2024-01-01T00:00:00Z', firstId = 1): Session[] {
  const base = Date.parse(from);
  return Array.from({ length: count }, (_, i) =>
    makeSession({
      id: firstId + i,
      uid: `seed-${firstId + i}`,
      task: `task-${i % 7}`,
      started_at: iso(base + i * 3_600_000),
      stopped_at: iso(base + i * 3_600_000 + 1_800_000),
    }),
  );
}

/** Writes sessions through the real store, as a user's history would have been written. */
export async function seedStore(home: string, sessions: Session[]): Promise<void> {
  await createFileStore(home).update(ALL, (data) => {
    data.sessions.push(...sessions);
    data.next_id = Math.max(data.next_id, ...sessions.map((s) => s.id + 1));
  });
}

/** A file store on a fresh temporary data directory (not created yet) for every test of the file. */
export function useTempStore(receive: (home: string, store: Store) => void): void {
  useTempHome((home) => receive(home, createFileStore(home)));
}
