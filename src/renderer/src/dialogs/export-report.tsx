// Export a report of the open bundle: HTML, PDF, Markdown or JSON, redacted by default for sharing.

import { useEffect, useState, type FormEvent, type JSX } from 'react';
import type { ReportFormat } from '../../../shared/views';
import { api } from '../api';
import { useApp } from '../app-context';
import { Modal } from '../components/dialog';

const FORMATS: readonly { readonly id: ReportFormat; readonly label: string; readonly hint: string }[] = [
  { id: 'html', label: 'HTML', hint: 'one self-contained file, prints well' },
  { id: 'pdf', label: 'PDF', hint: 'for a support ticket' },
  { id: 'md', label: 'Markdown', hint: 'for a ticket or chat' },
  { id: 'json', label: 'JSON', hint: 'everything, for tools' },
];

export function ExportReportDialog({ onClose }: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const [format, setFormat] = useState<ReportFormat>('html');
  const [redact, setRedact] = useState(true);
  // Problems first by default (issue 11): a 1,000-container host's every path is thousands of pages.
  const [scope, setScope] = useState<'problems' | 'all'>('problems');
  const [running, setRunning] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const busy = running !== null;
  const progress = app.operations.find((o) => o.operationId === running);
  // The preview follows the redaction box, so what will be shared can be read before it leaves; one rendered
  // for other choices reads as not there yet.
  const [rendered, setRendered] = useState<{
    readonly redact: boolean;
    readonly scope: 'problems' | 'all';
    readonly preview: { text: string; truncated: boolean } | { error: string };
  } | null>(null);
  const preview = rendered?.redact === redact && rendered.scope === scope ? rendered.preview : null;
  useEffect(() => {
    let current = true;
    void api.invoke('report:preview', { redact, scope }).then((result) => {
      if (!current) return;
      setRendered({
        redact,
        scope,
        preview: result.ok
          ? { text: result.value.markdown, truncated: result.value.truncated }
          : { error: result.error.message },
      });
    });
    return () => {
      current = false;
    };
  }, [redact, scope]);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const operationId = app.newOperationId('export');
    setRunning(operationId);
    setCancelled(false);
    const result = await api.invoke('report:export', { format, redact, scope, operationId });
    setRunning(null);
    if (!result.ok) {
      app.showError(result.error);
      return;
    }
    const outcome = result.value;
    // Cancelled (here, or in the save dialog): nothing was written; the choices stay for another try.
    if (outcome.kind === 'cancelled') {
      setCancelled(true);
      return;
    }
    if (outcome.kind === 'download') download(outcome.fileName, outcome.mediaType, outcome.base64);
    else app.notify(`Report saved to ${outcome.path}`);
    onClose();
  };
  return (
    <Modal title="Export report" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <fieldset className="fieldset">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.id} className="radio">
              <input
                type="radio"
                name="format"
                value={f.id}
                checked={format === f.id}
                onChange={() => setFormat(f.id)}
              />
              <span>
                {f.label} <span className="muted">- {f.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="select-label">
          Details
          <select
            className="select"
            value={scope}
            onChange={(e) => setScope(e.target.value === 'all' ? 'all' : 'problems')}
          >
            <option value="problems">Only containers and paths with a problem</option>
            <option value="all">Every container and path</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
          <span>Redact host names, addresses, users and container names (recommended when sharing)</span>
        </label>
        <section className="report-preview" aria-label="Report preview">
          <h3 className="report-preview-title">Preview {redact ? '(redacted)' : '(not redacted)'}</h3>
          {preview === null ? (
            <p className="muted">Rendering the preview…</p>
          ) : 'error' in preview ? (
            <p role="alert">{preview.error}</p>
          ) : (
            <pre className="report-preview-text" tabIndex={0}>
              {preview.text}
              {preview.truncated ? '\n… (the preview stops here; the export has everything)' : ''}
            </pre>
          )}
        </section>
        <div className="form-actions">
          {(busy || cancelled) && (
            <span className="muted" role="status" aria-live="polite">
              {busy ? (progress ? progress.message : 'Exporting…') : 'Export cancelled: nothing was written.'}
            </span>
          )}
          {busy && (
            <button
              type="button"
              className="button"
              onClick={() => void api.invoke('report:cancel', { operationId: running })}
            >
              Cancel export
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function download(fileName: string, mediaType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
