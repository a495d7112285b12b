// The service stays answerable while a report is built or a paste is planned (they run in a worker thread), and a
// cancel ends the build instead of waiting for it. Asserted by order, never by time: the cheap request is asked
// once the build has started and must be answered before the build's next step.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostscopeService } from '../../src/service/compose';
import type { HostscopeService } from '../../src/service/service';
import type { AppEvent } from '../../src/shared/ipc';
import { writeFolder } from '../support/derived-bundle';
import { scaled, syntheticBundle } from '../support/synthetic-bundle';

let dir = '';
let service: HostscopeService | null = null;
afterEach(() => {
  service?.dispose();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

/** A service with a 250-container synthetic host open: its redacted report takes seconds to build. */
async function serviceWithLargeHost(): Promise<HostscopeService> {
  dir = mkdtempSync(join(tmpdir(), 'hostscope-off-thread-'));
  const bundle = writeFolder(syntheticBundle(scaled(0.25)).files, join(dir, 'large-host'));
  const opened = createHostscopeService({ kind: 'web' }, { importsDir: join(dir, 'imports') });
  expect((await opened.call('bundle:open', { path: bundle })).ok).toBe(true);
  return opened;
}

describe('work that takes seconds runs off the service thread', () => {
  it('answers other requests while a report is built, and a cancel ends the build', async () => {
    service = await serviceWithLargeHost();
    const s = service;
    const seen: string[] = [];
    let cheap: Promise<unknown> | null = null;
    s.onEvent((event: AppEvent) => {
      if (event.kind === 'progress' && event.operationId === 'big') {
        seen.push(event.message);
        // Asked from inside the build's own progress: answered only when the service's thread is free.
        if (event.message === 'Building the report' && cheap === null)
          cheap = s.call('containers:list', {}).then((answer) => {
            seen.push(answer.ok ? 'cheap answered' : 'cheap failed');
          });
      }
      if (event.kind === 'operation-ended' && event.operationId === 'big')
        seen.push(`ended ${event.outcome}`);
    });
    const exporting = s.call('report:export', {
      format: 'html',
      redact: true,
      scope: 'all',
      operationId: 'big',
    });
    for (let i = 0; i < 3000 && !seen.includes('cheap answered'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.slice(0, 3)).toEqual([
      'Rendering the HTML report',
      'Reading the bundle',
      'Building the report',
    ]);
    expect(seen[3]).toBe('cheap answered');
    expect(await s.call('report:cancel', { operationId: 'big' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await exporting).toEqual({ ok: true, value: { kind: 'cancelled' } });
    // The build never reached its next step: it was ended, not waited for.
    expect(seen.slice(3)).toEqual(['cheap answered', 'ended cancelled']);
  });

  it('a newer report preview replaces one still being built', async () => {
    service = await serviceWithLargeHost();
    const first = service.call('report:preview', { redact: true, scope: 'all' });
    const second = service.call('report:preview', { redact: false, scope: 'problems' });
    expect(await first).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'A newer preview replaced this one.' },
    });
    const shown = await second;
    expect(shown.ok && shown.value.markdown).toMatch(/^# Container host report/);
  });

  it('answers other requests while a large paste is previewed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-off-thread-'));
    service = createHostscopeService({ kind: 'web' }, { importsDir: join(dir, 'imports') });
    const rows = Array.from(
      { length: 60_000 },
      (_, i) =>
        `10.0.${(i >> 8) & 255}.${i & 255}  ${1024 + (i % 60000)}  10.1.0.1  ${i % 65535}  Established  ${i % 9999}`,
    );
    const text = `PS C:\\> Get-NetTCPConnection\n\nLocalAddress LocalPort RemoteAddress RemotePort State OwningProcess\n------------ --------- ------------- ---------- ----- -------------\n${rows.join('\n')}\n`;
    const order: string[] = [];
    const previewing = service
      .call('import:preview', { inputs: [{ name: 'paste', text }] })
      .then((answer) => order.push(answer.ok ? 'preview' : `preview failed: ${answer.error.message}`));
    // Asked after the preview: answered first, because planning the paste does not hold the service's thread.
    const cheap = service
      .call('app:info', {})
      .then((answer) => order.push(answer.ok ? 'cheap' : 'cheap failed'));
    await Promise.all([previewing, cheap]);
    expect(order).toEqual(['cheap', 'preview']);
    // Stopping the service ends a preview still being planned: no worker is left running after it.
    const stopped = service.call('import:preview', { inputs: [{ name: 'paste', text }] });
    service.dispose();
    expect(await stopped).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The service is stopping.' },
    });
  });
});
