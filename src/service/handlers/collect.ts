// Collecting a bundle of a host (this one or a remote one) and opening it; cancelling a collection.

import { errorMessage } from '../../shared/error-message';
import { fail, ok } from '../../shared/ipc';
import type { AreaHandlers, ServiceContext } from './context';

export function collectHandlers(context: ServiceContext): AreaHandlers<'collect:start' | 'collect:cancel'> {
  return {
    'collect:start': async (r) => {
      const collect = context.options.collect;
      if (!collect)
        return fail('unavailable', 'Collecting is not available here; run `hostscope collect` on the host.');
      return context.running('collect', r.operationId, async (op) => {
        let path: string;
        try {
          path = await collect(r.target, op.signal, op.progress);
        } catch (error) {
          if (op.signal.aborted) return fail('cancelled', 'Collection was cancelled.');
          return fail('failed', `Collection failed: ${errorMessage(error)}`);
        }
        return context.openPath(path, null, op);
      });
    },
    'collect:cancel': async (r) => ok({ cancelled: context.operations.cancel(r.operationId) }),
  };
}
