/** Instants are kept to whole seconds: the spec's times and durations are whole seconds. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** The stored form of an instant: UTC, whole seconds, e.g. 2026-01-15T13:30:00Z. */
export function toStoredInstant(date: Date): string {
  return truncateToSecond(date).toISOString().replace('.000Z', 'Z');
}

export function secondsBetween(from: Date | string, to: Date | string): number {
  return Math.floor((toMillis(to) - toMillis(from)) / 1000);
}

function toMillis(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}
