// Cancelling a report export end to end on the real parts: `report:cancel` reaches the PDF print through the
// export's signal, the print's Chromium ends, nothing is saved, and the answer says cancelled (not an error).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/collect/atomic-write';
import { renderPdf } from '../../src/collect/pdf';
import { descendants } from '../../src/collect/powershell/process-tree';
import type { AppEvent } from '../../src/shared/ipc';
import { createHostscopeService } from '../../src/service/compose';
import type { HostscopeService } from '../../src/service/service';
import { realPart } from '../helpers/real';
import { chromiumPart } from '../support/chromium';

const run =
  chromiumPart() &&
  realPart('The /proc process table', existsSync('/proc/self/task') ? null : 'this is not Linux');

/** The Chromium processes this test process started, found by their command line. */
function chromiumProcesses(): number[] {
  return descendants(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
    } catch {
      return false; // Gone between the listing and the read.
    }
  });
}

let dir = '';
let service: HostscopeService | null = null;
afterEach(() => {
  service?.dispose();
  service = null;
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(run)('cancelling a report export', () => {
  it("ends the PDF print's Chromium, saves nothing and answers cancelled", async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-export-cancel-'));
    // How each print ended: a print left to finish after the cancel would leave an empty folder too.
    const prints: ('printed' | 'ended')[] = [];
    service = createHostscopeService(
      {
        kind: 'desktop',
        saveFile: async (name, bytes, signal) => {
          await writeFileAtomic(join(dir, name), bytes, { signal });
          return join(dir, name);
        },
      },
      {
        printPdf: async (html, title, signal) => {
          try {
            const pdf = await renderPdf(html, { title, signal });
            prints.push('printed');
            return pdf;
          } catch (error) {
            prints.push('ended');
            throw error;
          }
        },
      },
    );
    expect((await service.call('bundle:openSample', { name: 'server2016-swarm-portainer' })).ok).toBe(true);
    const ended: AppEvent[] = [];
    service.onEvent((event) => void (event.kind === 'operation-ended' && ended.push(event)));

    const exporting = service.call('report:export', {
      format: 'pdf',
      redact: false,
      scope: 'all',
      operationId: 'export-1',
    });
    // Cancelled once the print's browser runs: the cancel has to reach it, not only the phases before it.
    for (let i = 0; i < 1500 && chromiumProcesses().length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(chromiumProcesses().length).toBeGreaterThan(0);
    expect(await service.call('report:cancel', { operationId: 'export-1' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await exporting).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(prints).toEqual(['ended']);
    expect(chromiumProcesses()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    expect(ended).toMatchObject([{ operationId: 'export-1', operation: 'export', outcome: 'cancelled' }]);

    // Not cancelled, the same export is saved there whole: the cancel emptied the folder, not a broken print.
    const saved = await service.call('report:export', {
      format: 'pdf',
      redact: false,
      scope: 'problems',
      operationId: 'export-2',
    });
    expect(saved).toMatchObject({ ok: true, value: { kind: 'saved' } });
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^hostscope-report-.*\.pdf$/)]);
    expect(
      readFileSync(join(dir, readdirSync(dir)[0]!))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(prints).toEqual(['ended', 'printed']);
    expect(chromiumProcesses()).toEqual([]);
  }, 120_000);
});
