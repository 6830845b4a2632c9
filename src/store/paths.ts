import { join } from 'node:path';

export const SESSIONS_FILE = 'sessions.json';
export const LOCK_NAME = 'stint.lock';

/** `$STINT_HOME` if set, else `~/.stint`. Resolved per call, never at import time. */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const fromEnv = env.STINT_HOME;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(home, '.stint');
}
