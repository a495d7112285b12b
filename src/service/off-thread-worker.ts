// The worker thread of ./off-thread.ts: runs the one task it was started with and posts the answer back. The
// report reads the bundle again here (passing the model over would hold the service's thread for seconds to copy
// it), and refuses a bundle that changed on disk since it was opened.

import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readBundle } from '../collect/bundle-reader';
import { buildHostModel } from '../core/host-model';
import { NODE_MODEL_OPTIONS } from '../collect/ascii-text';
import { fail, ok } from '../shared/ipc';
import type { BundleInfo } from '../shared/model';
import { importPreview, writeImport } from './import';
import type { OffThreadAnswers, OffThreadMessage, OffThreadTask } from './off-thread';
import { exportReport, REPORT_MEDIA_TYPES, reportFileName } from './report';

function progress(message: string): void {
  parentPort?.postMessage({ kind: 'progress', message } satisfies OffThreadMessage<never>);
}

const sameBundle = (a: BundleInfo, b: BundleInfo): boolean =>
  a.source === b.source &&
  a.collectedAt === b.collectedAt &&
  a.files.length === b.files.length &&
  a.files.every((file, i) => file === b.files[i]);

async function report(task: Extract<OffThreadTask, { kind: 'report' }>): Promise<OffThreadAnswers['report']> {
  progress('Reading the bundle');
  const model = buildHostModel(await readBundle(task.bundle.source), NODE_MODEL_OPTIONS);
  if (!sameBundle(model.bundle, task.bundle))
    return fail(
      'failed',
      `${task.bundle.source} changed since it was opened: open it again to report on it.`,
    );
  // A PDF is printed by the shell (Electron's printToPDF, or Chromium): the worker renders its HTML.
  const pdf = task.format === 'pdf';
  const exported = await exportReport(model, {
    format: pdf ? 'html' : task.format,
    redact: task.redact,
    now: task.now,
    progress,
    ...(task.detail ? { detail: task.detail } : {}),
  });
  if (!exported.ok) return exported;
  const { document, bytes, key } = exported.value;
  return ok({
    fileName: reportFileName(document, task.format),
    mediaType: REPORT_MEDIA_TYPES[task.format],
    title: document.title,
    bytes,
    key,
  });
}

/** The answer, and the buffers to move to the service's thread instead of copying them (a report's bytes). */
async function run(
  task: OffThreadTask,
): Promise<{ readonly answer: OffThreadAnswers[OffThreadTask['kind']]; readonly transfer: ArrayBuffer[] }> {
  switch (task.kind) {
    case 'report': {
      const answer = await report(task);
      return { answer, transfer: answer.ok ? [answer.value.bytes.buffer as ArrayBuffer] : [] };
    }
    case 'import-preview':
      return { answer: importPreview(task.request, task.bundleComputer), transfer: [] };
    case 'import-write':
      return {
        answer: await writeImport(task.request, task.importsDir, task.into, readBundle),
        transfer: [],
      };
  }
}

// A promise chain, not a top-level await: from source the worker is loaded as CommonJS (./off-thread.ts says why).
const port = isMainThread ? null : parentPort;
if (port)
  void run(workerData as OffThreadTask).then(({ answer, transfer }) =>
    port.postMessage({ kind: 'answer', answer } satisfies OffThreadMessage<typeof answer>, transfer),
  );
