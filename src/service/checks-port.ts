// The app's "Test it" (issue 14): active checks on this machine, through the collector's PowerShell runner and the
// local Docker engine, saved into the open bundle. Given to the service only where it can collect.
import { hostname } from 'node:os';
import { addChecksToBundle } from '../collect/checks/save';
import { checkEngine, runChecks } from '../collect/checks/run-checks';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../core/checks';
import type { CheckRecord, PlannedCheck } from '../shared/checks';

export interface ChecksPort {
  /** This machine's name: a check runs only on the host it tests, so only on a bundle collected here. */
  readonly computerName: string;
  run(
    plans: readonly PlannedCheck[],
    signal: AbortSignal,
    progress: (message: string, done: number, total: number | null) => void,
  ): Promise<readonly CheckRecord[]>;
  save(bundlePath: string, records: readonly CheckRecord[]): Promise<void>;
}

export function localChecks(): ChecksPort {
  return {
    computerName: hostname(),
    run: (plans, signal, progress) =>
      runChecks(plans, {
        timeoutMs: DEFAULT_CHECK_TIMEOUT_MS,
        docker: checkEngine(),
        signal,
        onProgress: (done, total, label) =>
          progress(done === total ? 'Saving the results' : `Testing ${label}`, done, total),
      }),
    save: async (bundlePath, records) => {
      await addChecksToBundle(bundlePath, records);
    },
  };
}
