// A container's log from the live engine (issue 13), for a container of the open bundle.

import { fail } from '../../shared/ipc';
import { resolveContainer } from '../resolve';
import type { AreaHandlers, ServiceContext } from './context';

export function logsHandlers(context: ServiceContext): AreaHandlers<'container:logs'> {
  return {
    'container:logs': async (r) => {
      const logs = context.options.logs;
      if (!logs)
        return fail('unavailable', 'This window has no Docker engine to ask: run `docker logs` on the host.');
      const current = context.current();
      if (current === null)
        return fail('no-bundle', 'No bundle is open: open the bundle of this host first.');
      const container = resolveContainer(current, r.ref);
      if (!container.ok) return container;
      const controller = new AbortController();
      // A log that does not come in 30 s is not coming: the engine is stuck, and the page must not wait forever.
      const timer = setTimeout(
        () => controller.abort(new Error('the engine did not answer within 30 s')),
        30_000,
      );
      try {
        return await logs(container.value.id, controller.signal);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
