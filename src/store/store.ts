import type { TrackerData } from '../core/session.js';

/**
 * The only door to the user's data. Commands never see files, locks or layouts.
 */
export interface Store {
  /** A snapshot for reading; takes no lock and never waits for a writer. */
  read(): Promise<TrackerData>;
  /**
   * Exclusive read–change–write. `change` edits the data it is given and returns a result;
   * if it throws, nothing is written and the error goes to the caller.
   */
  update<T>(change: (data: TrackerData) => T | Promise<T>): Promise<T>;
}
