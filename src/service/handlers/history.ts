// This host's history (issue 13): the timeline, the watch settings, collecting again into the history, and
// comparing two bundles.

import { fail, ok, type ResponseOf, type Result } from '../../shared/ipc';
import { compareBundles } from '../changes';
import type { Watcher } from '../watch';
import { collection } from './collect';
import type { AreaHandlers, ServiceContext } from './context';

export function historyHandlers(
  context: ServiceContext,
  watcher: Watcher | null,
): AreaHandlers<'history:timeline' | 'history:settings' | 'history:collect' | 'changes:compare'> {
  return {
    'history:timeline': async (r) =>
      watcher ? ok(await watcher.timeline(r.maxBuckets, r.listed)) : noHistory(),
    'history:settings': async (r) => (watcher ? ok(await watcher.configure(r.settings)) : noHistory()),
    'history:collect': async (r) => {
      if (!watcher) return noHistory();
      return context.running<ResponseOf<'history:collect'>>('collect', r.operationId, async (op) => {
        const kept = await collection(op, () => watcher.collect(r.scope, op.signal, op.progress));
        if (!kept.ok) return kept;
        const { point, path } = kept.value;
        if (!r.open) return ok({ point, bundle: null });
        const opened = await context.openPath(path, null, op);
        return opened.ok ? ok({ point, bundle: opened.value }) : opened;
      });
    },
    'changes:compare': (r) => compareBundles(r, context.read, context.current()),
  };
}

function noHistory(): Result<never> {
  return fail('unavailable', 'History needs a live host: collecting is not available here.');
}
