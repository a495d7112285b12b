// The one place the service is assembled with the real reader, collector and report renderer; both shells
// (Electron main and `hostscope serve`) call this.

import { localChecks } from './checks-port';
import { collectInto } from './collect-port';
import { samplesDir } from './paths';
import { exportReport, type PrintPdf } from './report';
import { createService, type HostscopeService, type ServiceShell } from './service';

export interface ComposeOptions {
  /** Where collected bundles are written; without it the app cannot collect. */
  readonly collectionsDir?: string;
  /** How this shell prints HTML to PDF (Electron's printToPDF, or Chromium for `serve`); without it, no PDF export. */
  readonly printPdf?: PrintPdf;
  /** Where unexpected failures are logged (ServiceOptions.logError). */
  readonly logError?: (message: string, error: unknown) => void;
}

export function createHostscopeService(shell: ServiceShell, options: ComposeOptions = {}): HostscopeService {
  return createService({
    shell,
    samplesDir: samplesDir(),
    ...(options.logError ? { logError: options.logError } : {}),
    ...(options.collectionsDir === undefined
      ? {}
      : { collect: collectInto(options.collectionsDir), checks: localChecks() }),
    report: ({ model, correlation }, { format, redact, scope, signal }) =>
      exportReport(model, {
        format,
        redact,
        correlation,
        signal,
        ...(scope ? { detail: scope } : {}),
        ...(options.printPdf ? { printPdf: options.printPdf } : {}),
      }),
  });
}
