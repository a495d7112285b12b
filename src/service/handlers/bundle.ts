// Opening and closing bundles: what the app shows first (`app:info`), opening a path, a sample or a picked file,
// and cancelling an open in flight.

import { join } from 'node:path';
import { fail, IMPORT_REQUEST_LIMITS, ok } from '../../shared/ipc';
import { HOSTSCOPE_VERSION } from '../../shared/version';
import { listSamples } from '../samples';
import type { AreaHandlers, ServiceContext } from './context';

export function bundleHandlers(
  context: ServiceContext,
): AreaHandlers<'app:info' | 'bundle:open' | 'bundle:openSample' | 'bundle:pick' | 'bundle:cancel'> {
  const { options, running, openPath } = context;
  return {
    'app:info': async () =>
      ok({
        version: HOSTSCOPE_VERSION,
        shell: options.shell.kind,
        bundle: context.current()?.ref ?? null,
        samples: listSamples(options.samplesDir),
        recent: options.shell.recentBundles?.() ?? [],
        canPick: options.shell.pickBundle !== undefined,
        canCollect: options.collect !== undefined,
        importLimits:
          options.importsDir === undefined
            ? null
            : {
                maxTextBytes: IMPORT_REQUEST_LIMITS.maxTextBytes,
                maxInputs: IMPORT_REQUEST_LIMITS.maxInputs,
              },
      }),
    'bundle:open': (r) => running('open', r.operationId, (op) => openPath(r.path, null, op)),
    'bundle:openSample': (r) => {
      if (!listSamples(options.samplesDir).some((s) => s.name === r.name)) {
        return Promise.resolve(fail('not-found', `No sample host named "${r.name}".`));
      }
      return running('open', r.operationId, (op) => openPath(join(options.samplesDir, r.name), r.name, op));
    },
    'bundle:pick': async (r) => {
      if (!options.shell.pickBundle)
        return fail('unavailable', 'This window cannot show a file picker: type the bundle path instead.');
      const path = await options.shell.pickBundle();
      if (path === null) return ok(null);
      return running('open', r.operationId, (op) => openPath(path, null, op));
    },
    'bundle:cancel': async (r) => ok({ cancelled: context.operations.cancel(r.operationId) }),
  };
}
