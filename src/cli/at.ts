/**
 * `--at` and the other times users type. The parser (chrono-node) is loaded only when a time is
 * actually given: it is the largest module in the bundle, and `stint start coding` needs none.
 */
export async function timeOption(text: string | undefined, now: Date): Promise<Date> {
  if (text === undefined) return now;
  const { parseTimeInput } = await import('../core/time-input.js');
  return parseTimeInput(text, now);
}
