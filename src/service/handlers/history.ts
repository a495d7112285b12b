// This host's history (issue 13): the timeline, the watch settings, collecting again into the history, and
// comparing two bundles.

import { errorMessage } from '../../shared/error-message';
import { fail, ok, type Result } from '../../shared/ipc';
import { compareBundles } from '../changes';
import type { Watcher } from '../watch';
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
      return context.running('collect', r.operationId, async (op) => {
        let kept: Awaited<ReturnType<Watcher['collect']>>;
        try {
          kept = await watcher.collect(r.scope, op.signal, op.progress);
        } catch (error) {
          if (op.signal.aborted) return fail('cancelled', 'Collection was cancelled.');
          return fail('failed', `Collection failed: ${errorMessage(error)}`);
        }
        if (!r.open) return ok({ point: kept.point, bundle: null });
        const opened = await context.openPath(kept.path, null, op);
        return opened.ok ? ok({ point: kept.point, bundle: opened.value }) : opened;
      });
    },
    'changes:compare': (r) => compareBundles(r, context.read, context.current()),
  };
}

function noHistory(): Result<never> {
  return fail('unavailable', 'History needs a live host: collecting is not available here.');
}
