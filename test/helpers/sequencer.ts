import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Slow files first, so that no long file starts last and runs alone at the end. Vitest orders
 * the files by their last durations, which a fresh clone (CI) does not have: it then orders by
 * size, and the end-to-end files, the slow ones (each test starts Node, git, shells or a
 * browser), are among the smallest. Here they always come first, in Vitest's own order.
 */
export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);

    const slow = (spec: TestSpecification) => /[\\/]test[\\/]e2e[\\/]/.test(spec.moduleId);
    return [...sorted.filter(slow), ...sorted.filter((spec) => !slow(spec))];
  }
}
