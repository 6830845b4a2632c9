// JSON as read from users and from disk (request bodies, files to import, the store's files):
// JSON.parse alone takes a key given twice and keeps the last, and any key at all.

/**
 * The first key given twice in one object of `text` (valid JSON), or null. JSON.parse keeps
 * the last silently; which one was meant cannot be known, as with an option given twice. Keys
 * are compared decoded (`"\u0061"` is `"a"`). A scan of the text: for a request body (64 KB at most)
 * or a file to import (its frames, 100,000 in ~10 MB, scanned in tens of ms).
 */
export function repeatedKey(text: string): string | null {
  const objects: { keys: Set<string>; keyNext: boolean }[] = [];
  const stack: ('object' | 'array')[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? 'object' : 'array');
      if (c === '{') objects.push({ keys: new Set(), keyNext: true });
    } else if (c === '}' || c === ']') {
      if (stack.pop() === 'object') objects.pop();
    } else if (c === ',' || c === ':') {
      const top = objects.at(-1);
      if (stack.at(-1) === 'object' && top) top.keyNext = c === ',';
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = objects.at(-1);
      if (stack.at(-1) === 'object' && top?.keyNext) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
      }
      i = end;
    }
  }
  return null;
}

/**
 * The first field of `value` not in `known`, if any. Its own keys are counted against the known
 * ones it has (JSON has no undefined values), and named only when they differ: the store checks
 * the root's 220 month entries on every read, and a `for…in` over them, run by the interpreter at
 * startup, cost `status` ~5.8M instructions (README, Performance). Imports and the store use it.
 */
export function unknownField(value: Readonly<Record<string, unknown>>, known: readonly string[]): string | undefined {
  let present = 0;
  for (let i = 0; i < known.length; i += 1) if (value[known[i] as string] !== undefined) present += 1;
  const keys = Object.keys(value);
  return keys.length === present ? undefined : keys.find((key) => !known.includes(key));
}
