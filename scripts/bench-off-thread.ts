// npm run bench:off-thread: the service while a report of a synthetic host is built in its worker thread (the
// largest, 1,000 containers, unless `--factor f`). One JSON line each: the redacted HTML export left to finish
// (and, for comparison, the same report built on this thread), the slowest answer to a cheap request asked
// every 100 ms during it (and of 20 asked with nothing running), and how long after a cancel (asked 1 s into the build) the export answers `cancelled`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildHostModel } from '../src/core/host-model';
import { readBundle } from '../src/collect/bundle-reader';
import { createHostscopeService } from '../src/service/compose';
import { exportReport } from '../src/service/report';
import { writeFolder } from '../test/support/derived-bundle';
import { scaled, syntheticBundle } from '../test/support/synthetic-bundle';

const round = (n: number): number => Number(n.toFixed(1));
const factorArg = process.argv.indexOf('--factor');
const factor = factorArg === -1 ? 1 : Number(process.argv[factorArg + 1]);
const dir = mkdtempSync(join(tmpdir(), 'hostscope-bench-off-thread-'));
try {
  const size = scaled(factor);
  const folder = writeFolder(syntheticBundle(size).files, join(dir, 'host'));
  const service = createHostscopeService({ kind: 'web' });
  const opened = await service.call('bundle:open', { path: folder });
  if (!opened.ok) throw new Error(opened.error.message);
  const request = { format: 'html', redact: true, scope: 'all' } as const;
  // The same request with nothing else running: what the answers during the export compare with.
  let slowestIdle = 0;
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await service.call('app:info', {});
    slowestIdle = Math.max(slowestIdle, performance.now() - start);
  }

  // Left to finish, with a cheap request every 100 ms: the slowest answer says how long the thread was held.
  let slowest = 0;
  let asked = 0;
  let exporting = true;
  const asking = (async () => {
    while (exporting) {
      const start = performance.now();
      await service.call('app:info', {});
      slowest = Math.max(slowest, performance.now() - start);
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  const finished = await service.call('report:export', { ...request, operationId: 'finish' });
  const exportMs = performance.now() - started;
  exporting = false;
  await asking;
  if (!finished.ok) throw new Error(finished.error.message);

  const model = buildHostModel(await readBundle(folder));
  const inThread = performance.now();
  await exportReport(model, { format: 'html', redact: true, detail: 'all' });
  const inThreadMs = performance.now() - inThread;

  const cancelling = service.call('report:export', { ...request, operationId: 'cancel' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cancelAt = performance.now();
  await service.call('report:cancel', { operationId: 'cancel' });
  const cancelled = await cancelling;
  const cancelMs = performance.now() - cancelAt;
  service.dispose();
  console.log(
    JSON.stringify({
      containers: size.containers,
      exportMs: round(exportMs),
      sameReportOnThisThreadMs: round(inThreadMs),
      cheapRequests: asked,
      slowestCheapAnswerMs: round(slowest),
      slowestCheapAnswerIdleMs: round(slowestIdle),
      cancelToAnswerMs: round(cancelMs),
      cancelledAnswer: cancelled.ok ? cancelled.value.kind : cancelled.error.code,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
