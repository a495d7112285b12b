// Paste or drop (issue 12): previewing pasted text, and writing it as a bundle (or into the open one) to open.

import { fail } from '../../shared/ipc';
import { importPreview, writeImport } from '../import';
import type { AreaHandlers, ServiceContext } from './context';

export function importHandlers(context: ServiceContext): AreaHandlers<'import:preview' | 'import:open'> {
  return {
    'import:preview': async (r) => {
      const current = context.current();
      return importPreview(r, current === null ? undefined : current.ref.computerName);
    },
    'import:open': async (r) => {
      const importsDir = context.options.importsDir;
      if (!importsDir)
        return fail('unavailable', 'Importing is not available here; run `hostscope import` instead.');
      const into = r.target === 'open-bundle' ? (context.current()?.ref.source ?? null) : null;
      return context.running('open', r.operationId, async (op) => {
        op.progress('Writing the imported bundle', 0, 3);
        const written = await writeImport(r, importsDir, into, context.read);
        return written.ok ? context.openPath(written.value, null, op) : written;
      });
    },
  };
}
