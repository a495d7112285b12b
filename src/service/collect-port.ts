// The app's "Collect from this host" / "from a remote host" and its history's "Collect again": the collector
// (src/collect/collect-host.ts) writing one bundle, its probe events turned into progress.

import { join } from 'node:path';
import {
  collectHost,
  localEnvironment,
  planCollection,
  type CollectEnvironment,
} from '../collect/collect-host';
import { watchEngineEvents } from '../collect/docker/engine-events';
import { HistoryStore } from '../collect/history-store';
import { FAST_PROBES } from '../shared/history';
import type { CollectPort, CollectTarget } from './service';
import type { WatchPort } from './watch';

export function collectInto(collectionsDir: string, environment?: CollectEnvironment): CollectPort {
  return (target, signal, progress) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = target.kind === 'remote' ? target.computer.replace(/[^A-Za-z0-9.-]/g, '_') : 'local';
    return collectTo(
      join(collectionsDir, `${name}-${stamp}.zip`),
      target,
      null,
      signal,
      progress,
      environment,
    );
  };
}

/** The history of this host, in `folder`: fast or full collections, and the engine's events while watching. */
export function watchThisHost(
  folder: string,
  environment: CollectEnvironment = localEnvironment(),
): WatchPort {
  const store = new HistoryStore(folder);
  return {
    store,
    collect: (scope, at, signal, progress) =>
      collectTo(
        store.bundlePath(scope, at),
        { kind: 'local' },
        scope === 'fast' ? FAST_PROBES : null,
        signal,
        progress,
        environment,
      ),
    followEvents: (signal, onMark, onProblem) => {
      // The same engine a collection reads: DOCKER_HOST, else the platform's default.
      const plan = planCollection({}, environment);
      const endpoint = plan.kind === 'ok' ? plan.targets[0]?.docker : null;
      if (!endpoint) {
        onProblem('no Docker engine endpoint is configured here');
        return Promise.resolve();
      }
      return watchEngineEvents({ endpoint, signal, onMark, onProblem });
    },
  };
}

async function collectTo(
  out: string,
  target: CollectTarget,
  probeIds: readonly string[] | null,
  signal: AbortSignal,
  progress: (message: string, done: number, total: number | null) => void,
  environment: CollectEnvironment | undefined,
): Promise<string> {
  let finished = 0;
  const computer = target.kind === 'remote' ? target.computer : 'this host';
  progress(`Collecting from ${computer}${probeIds ? ' (fast)' : ''}`, 0, null);
  const results = await collectHost(
    {
      out,
      signal,
      ...(probeIds ? { probeIds } : {}),
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
    environment,
  );
  const result = results[0];
  if (result === undefined) throw new Error('the collector produced no bundle');
  if (result.kind === 'failed') throw new Error(result.error);
  return result.bundle.path;
}
