// The app's "Collect from this host" / "from a remote host": the collector (src/collect/collect-host.ts) writing one
// bundle into the shell's collections folder, its probe events turned into progress.

import { join } from 'node:path';
import { collectHost } from '../collect/collect-host';
import type { CollectPort } from './service';

export function collectInto(collectionsDir: string): CollectPort {
  return async (target, signal, progress) => {
    let finished = 0;
    const computer = target.kind === 'remote' ? target.computer : 'this host';
    progress(`Collecting from ${computer}`, 0, null);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const results = await collectHost(
      {
        out: join(
          collectionsDir,
          `${target.kind === 'remote' ? target.computer.replace(/[^A-Za-z0-9.-]/g, '_') : 'local'}-${stamp}.zip`,
        ),
        signal,
        ...(target.kind === 'remote'
          ? {
              computers: [target.computer],
              ...(target.credentialUser === undefined ? {} : { credentialUser: target.credentialUser }),
              ...(target.dockerHost === undefined ? {} : { dockerHost: target.dockerHost }),
            }
          : {}),
      },
      (event) => {
        if (event.kind === 'finished') finished++;
        progress(
          event.kind === 'started' ? `Running ${event.id}` : `${event.id}: ${event.status}`,
          finished,
          null,
        );
      },
    );
    const result = results[0];
    if (result === undefined) throw new Error('the collector produced no bundle');
    if (result.kind === 'failed') throw new Error(result.error);
    return result.bundle.path;
  };
}
