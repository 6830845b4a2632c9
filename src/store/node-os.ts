import { readFileSync } from 'node:fs';
import type * as Os from 'node:os';

/**
 * node:os, loaded on first use instead of when the bundle is evaluated: Node 20 and 24 compile
 * it on every run that imports it (~1.9M instructions), and status, start and stop need nothing
 * from it. getBuiltinModule is Node 20.16+; before it, the bundle's (CommonJS) require.
 */
export function nodeOs(): typeof Os {
  return process.getBuiltinModule?.('node:os') ?? (require('node:os') as typeof Os);
}

/**
 * This machine's name, as os.hostname() gives it. On Linux both are the kernel's node name
 * (gethostname(2) returns uname's, /proc/sys/kernel/hostname shows the same in the same UTS
 * namespace), and reading the file spares each lock loading node:os; elsewhere, or where /proc
 * is not mounted, node:os says.
 */
export function hostName(): string {
  // Not kept: like os.hostname(), a renamed machine answers with its new name.
  return kernelHostName() ?? nodeOs().hostname();
}

function kernelHostName(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const name = readFileSync('/proc/sys/kernel/hostname', 'utf8');
    return name.endsWith('\n') && name.length > 1 ? name.slice(0, -1) : undefined;
  } catch {
    return undefined;
  }
}
