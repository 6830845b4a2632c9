import type { Metafile } from 'esbuild';

export function packageFolder(input: string): string | undefined;
export function bundledPackages(metafile: Metafile, outfile: string): string[];
export function thirdPartyLicences(metafile: Metafile, outfile: string, root: string): string;
