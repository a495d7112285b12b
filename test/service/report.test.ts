import { describe, expect, it } from 'vitest';
import { exportReport } from '../../src/service/report';
import { HOSTILE_PATH, loadBundle } from '../support/report-bundles';

describe('exportReport', () => {
  it('names the file after the host pseudonym and the collection day, with the media type of the format', async () => {
    const { model } = await loadBundle('hostile-host', HOSTILE_PATH);
    const md = await exportReport(model, {
      format: 'md',
      redact: true,
      now: new Date('2026-11-30T10:00:00Z'),
    });
    expect(md.ok && { fileName: md.value.fileName, mediaType: md.value.mediaType }).toEqual({
      fileName: 'hostscope-report-host-1-2026-11-29-redacted.md',
      mediaType: 'text/markdown;charset=utf-8',
    });
    const json = await exportReport(model, { format: 'json', redact: false });
    expect(json.ok && json.value.fileName).toBe('hostscope-report-CORP-DOCKER07-2026-11-29.json');
    expect(json.ok && JSON.parse(new TextDecoder().decode(json.value.bytes)).schemaVersion).toBe(1);
  });

  it('answers with an error value, not an exception, for a missing container or a PDF with no printer', async () => {
    const { model } = await loadBundle('hostile-host', HOSTILE_PATH);
    const missing = await exportReport(model, { format: 'html', redact: true, containers: ['nope'] });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('No container "nope"') },
    });
    const pdf = await exportReport(model, { format: 'pdf', redact: true });
    expect(pdf.ok ? null : pdf.error.code).toBe('unavailable');
  });

  it('a cancelled export stops before printing, and the scope reaches the document', async () => {
    const { model } = await loadBundle('hostile-host', HOSTILE_PATH);
    const controller = new AbortController();
    let printed = 0;
    const printing = exportReport(model, {
      format: 'pdf',
      redact: true,
      signal: controller.signal,
      printPdf: async () => {
        printed++;
        return new Uint8Array();
      },
    });
    controller.abort();
    expect(await printing).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Export was cancelled.' },
    });
    expect(printed).toBe(0);
    // Cancelled while printing: the printer gets the signal, and its failure once ended is answered as cancelled.
    const slow = new AbortController();
    let printerEnded = false;
    const waiting = exportReport(model, {
      format: 'pdf',
      redact: true,
      signal: slow.signal,
      printPdf: (_html, _title, signal) => {
        setTimeout(() => slow.abort(), 0);
        return new Promise<Uint8Array>((_resolve, reject) =>
          signal?.addEventListener('abort', () => {
            printerEnded = true;
            reject(new Error('Target page, context or browser has been closed'));
          }),
        );
      },
    });
    expect(await waiting).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Export was cancelled.' },
    });
    expect(printerEnded).toBe(true);
    const problems = await exportReport(model, { format: 'json', redact: false, detail: 'problems' });
    expect(problems.ok && problems.value.document.detail).toBe('problems');
  });
});
