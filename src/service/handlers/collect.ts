// Collecting a bundle of a host (this one or a remote one) and opening it; cancelling a collection.

import { errorMessage } from '../../shared/error-message';
import { fail, ok, type Result } from '../../shared/ipc';
import type { Operation } from '../operations';
import type { AreaHandlers, ServiceContext } from './context';

export function collectHandlers(context: ServiceContext): AreaHandlers<'collect:start' | 'collect:cancel'> {
  return {
    'collect:start': async (r) => {
      const collect = context.options.collect;
      if (!collect)
        return fail('unavailable', 'Collecting is not available here; run `hostscope collect` on the host.');
      return context.running('collect', r.operationId, async (op) => {
        const path = await collection(op, () => collect(r.target, op.signal, op.progress));
        return path.ok ? context.openPath(path.value, null, op) : path;
      });
    },
    'collect:cancel': async (r) => ok({ cancelled: context.operations.cancel(r.operationId) }),
  };
}

/** What a collection answered, or why there is nothing: cancelled by the user, or the collector's failure. */
export async function collection<T>(operation: Operation, collect: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await collect());
  } catch (error) {
    if (operation.signal.aborted) return fail('cancelled', 'Collection was cancelled.');
    return fail('failed', `Collection failed: ${errorMessage(error)}`);
  }
}
