// The one place the service is assembled with the real reader, collector and report renderer; both shells
// (Electron main and `hostscope serve`) call this.

import { localChecks } from './checks-port';
import type { CollectEnvironment } from '../collect/collect-host';
import { collectInto, watchThisHost } from './collect-port';
import { logsFromEngine } from './logs-port';
import { samplesDir } from './paths';
import { exportReportOffThread, type PrintPdf } from './report';
import { createService, type HostscopeService, type ServiceShell } from './service';

export interface ComposeOptions {
  /** Where collected bundles are written; without it the app cannot collect. */
  readonly collectionsDir?: string;
  /** Where imports from the Paste-or-drop dialog are written; without it the app cannot import. */
  readonly importsDir?: string;
  /** The history folder of this host (issue 13); with collectionsDir, the app can collect again and watch. */
  readonly historyDir?: string;
  /** The machine a collection runs on; this one unless a test says otherwise (stand-ins, a test engine). */
  readonly collectEnvironment?: CollectEnvironment;
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
    ...(options.importsDir === undefined ? {} : { importsDir: options.importsDir }),
    // A shell that collects from this machine has its engine to ask for a container's log too.
    ...(options.collectionsDir === undefined
      ? {}
      : {
          collect: collectInto(options.collectionsDir, options.collectEnvironment),
          logs: logsFromEngine(),
          checks: localChecks(),
        }),
    ...(options.collectionsDir === undefined || options.historyDir === undefined
      ? {}
      : { watch: watchThisHost(options.historyDir, options.collectEnvironment) }),
    report: ({ model }, { format, redact, scope, signal, progress }) =>
      exportReportOffThread(model, {
        format,
        redact,
        signal,
        ...(progress ? { progress } : {}),
        ...(scope ? { detail: scope } : {}),
        ...(options.printPdf ? { printPdf: options.printPdf } : {}),
      }),
  });
}
