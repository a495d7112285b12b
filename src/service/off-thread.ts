// Work that holds the event loop for seconds (the report of a 1,000-container host, planning an 8 MiB paste) runs
// in a worker thread, so the service answers other requests meanwhile and a cancel ends the work at once (the
// thread is terminated) instead of when the work ends. The tasks themselves are in ./off-thread-worker.ts.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BundleInfo } from '../shared/model';
import type { RedactionKey } from '../core/redact';
import type { ReportDetail } from '../core/report';
import type { RequestOf, Result } from '../shared/ipc';
import type { ImportPreview, ReportFormat } from '../shared/views';

export type OffThreadTask =
  | {
      readonly kind: 'report';
      /** The open bundle as it was read: the worker reads it again from `source` and checks it is the same. */
      readonly bundle: BundleInfo;
      readonly format: ReportFormat;
      readonly redact: boolean;
      readonly detail?: ReportDetail;
      readonly now: Date;
    }
  | {
      readonly kind: 'import-preview';
      readonly request: RequestOf<'import:preview'>;
      readonly bundleComputer: string | null | undefined;
    }
  | {
      readonly kind: 'import-write';
      readonly request: RequestOf<'import:open'>;
      readonly importsDir: string;
      readonly into: string | null;
    };

/** A report rendered in the worker; a PDF's `bytes` are its HTML, printed by the shell's printer afterwards. */
export interface RenderedReport {
  readonly fileName: string;
  readonly mediaType: string;
  readonly title: string;
  readonly bytes: Uint8Array;
  readonly key: RedactionKey | null;
}

export interface OffThreadAnswers {
  readonly report: Result<RenderedReport>;
  readonly 'import-preview': Result<ImportPreview>;
  readonly 'import-write': Result<string>;
}

/**
 * The worker's script: the built one beside the bundled service, else the source through tsx (tests, tsx runs).
 * Node 20 applies no module hooks to a worker's ESM loader (tsx cannot load a .ts worker), so from source the
 * worker registers tsx's CommonJS hook and requires the TypeScript entry.
 */
function workerScript(): { readonly script: string | URL; readonly eval: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = createRequire(here).resolve('tsx/cjs/api');
    const entry = fileURLToPath(new URL('./off-thread-worker.ts', here));
    return {
      script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`,
      eval: true,
    };
  }
  // electron-vite writes the entry to out/main/; this code is in out/main/ or in a chunk under out/main/chunks/.
  for (const candidate of ['./off-thread-worker.js', '../off-thread-worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(url)) return { script: url, eval: false };
  }
  throw new Error(`the worker script off-thread-worker.js is missing beside ${here}: build the app again`);
}

/** What the worker posts: steps of its work as it goes, then its one answer. */
export type OffThreadMessage<A> =
  { readonly kind: 'progress'; readonly message: string } | { readonly kind: 'answer'; readonly answer: A };

/**
 * Runs one task in a new worker thread and answers what it answered; `progress` hears its steps. When `signal`
 * aborts, the thread is terminated and the promise rejects with the signal's reason once the thread has stopped.
 */
export function runOffThread<T extends OffThreadTask>(
  task: T,
  signal?: AbortSignal,
  progress?: (message: string) => void,
): Promise<OffThreadAnswers[T['kind']]> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  const script = workerScript();
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.script, { workerData: task, eval: script.eval });
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      finish();
    };
    const abort = (): void =>
      settle(() => {
        void worker.terminate().finally(() => reject(signal?.reason));
      });
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: OffThreadMessage<OffThreadAnswers[T['kind']]>) => {
      if (message.kind === 'progress') {
        if (!settled) progress?.(message.message);
      } else settle(() => resolve(message.answer));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the worker thread stopped (exit code ${code}) before answering`))),
    );
  });
}
