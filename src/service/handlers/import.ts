// Paste or drop (issue 12): previewing pasted text, and writing it as a bundle (or into the open one) to open.

import { fail } from '../../shared/ipc';
import { runOffThread } from '../off-thread';
import type { AreaHandlers, ServiceContext } from './context';

export function importHandlers(context: ServiceContext): AreaHandlers<'import:preview' | 'import:open'> {
  return {
    // Planning an 8 MiB paste takes seconds: in a worker thread, so other requests are answered meanwhile.
    'import:preview': async (r) => {
      const current = context.current();
      const stopping = context.operations.stopping;
      try {
        return await runOffThread(
          {
            kind: 'import-preview',
            request: r,
            bundleComputer: current === null ? undefined : current.ref.computerName,
          },
          stopping,
        );
      } catch (error) {
        if (stopping.aborted) return fail('cancelled', 'The service is stopping.');
        throw error;
      }
    },
    'import:open': async (r) => {
      const importsDir = context.options.importsDir;
      if (!importsDir)
        return fail('unavailable', 'Importing is not available here; run `hostscope import` instead.');
      const into = r.target === 'open-bundle' ? (context.current()?.ref.source ?? null) : null;
      return context.running('open', r.operationId, async (op) => {
        op.progress('Writing the imported bundle', 0, 3);
        const written = await runOffThread({ kind: 'import-write', request: r, importsDir, into }, op.signal);
        return written.ok ? context.openPath(written.value, null, op) : written;
      });
    },
  };
}
