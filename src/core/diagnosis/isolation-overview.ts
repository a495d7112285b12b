// The host-wide isolation comparison (issue 16): the default mode, the edition's limits, and per container its
// image verdicts and what would change in the other mode. The report, `hostscope isolation` and the walkthrough
// show it.

import type { IsolationLicensing, IsolationOverview } from '../../shared/diagnosis';
import type { HostModel } from '../../shared/model';
import { correlate, type Correlation } from './correlate';
import { containerCompatibility, hostBuildOf, hostDefaultIsolation } from './image-compatibility';
import { REF } from './references';
import { whatIf } from './what-if';

/**
 * Windows Server Standard covers two Hyper-V isolated containers per full license of the host's cores (more by
 * licensing the cores again); Datacenter covers any number; process-isolated containers are not limited by
 * edition (Microsoft's Windows Server editions comparison). Other editions: not stated here (unknown).
 */
export function licensing(model: HostModel, hypervRunning: number): IsolationLicensing {
  const edition = model.host.kind === 'known' ? model.host.value.editionId : null;
  const base = { edition, hypervRunning, reference: REF.editionsComparison };
  if (edition !== null && /datacenter/i.test(edition))
    return {
      ...base,
      hypervLimit: null,
      text: `${edition}: any number of Hyper-V isolated containers is covered; ${hypervRunning} run now`,
    };
  if (edition !== null && /^server.*standard/i.test(edition))
    return {
      ...base,
      hypervLimit: 2,
      text:
        `${edition}: one license of all the host's cores covers 2 Hyper-V isolated containers (license the cores again for 2 more); ` +
        `${hypervRunning} run now${hypervRunning > 2 ? ': more than one license covers' : ''}. Process-isolated containers are not limited by edition.`,
    };
  return {
    ...base,
    hypervLimit: null,
    text:
      edition === null
        ? 'the edition is unknown (host/os.json), so its limits on Hyper-V isolated containers are unknown'
        : `${edition}: its limits on Hyper-V isolated containers are not known to Hostscope (unknown)`,
  };
}

/**
 * What-ifs computed per overview: each runs the diagnosis of one container again, so a report of a thousand
 * containers states the first ones and points to `hostscope isolation --what-if` for the rest (as reports cap
 * repeated cases, issue 11).
 */
export const MAX_WHAT_IFS = 10;

export function isolationOverview(
  model: HostModel,
  correlation: Correlation = correlate(model),
  only?: ReadonlySet<string>,
): IsolationOverview {
  const host = hostBuildOf(model);
  const engineDefault = model.engine.kind === 'known' ? model.engine.value.defaultIsolation : null;
  const hostDefault = hostDefaultIsolation(host);
  const compat = containerCompatibility(model, correlation);
  const hypervRunning = compat.filter(
    (c) => c.isolation === 'hyperv' && c.container.state === 'running',
  ).length;
  return {
    hostVersion: compat[0]?.image.hostVersion ?? (host ? `10.0.${host.build}` : null),
    hostKind: host?.client === true ? 'client' : host?.client === false ? 'server' : null,
    defaultIsolation: {
      mode: engineDefault ?? hostDefault,
      from: engineDefault !== null ? 'engine' : hostDefault !== null ? 'host-type' : null,
      reference: REF.clientProcessIsolation,
    },
    licensing: licensing(model, hypervRunning),
    containers: compat
      .filter((c) => only === undefined || only.has(c.container.id))
      .map((c, i) => {
        const container = correlation.containerById.get(c.container.id.toLowerCase())!;
        return {
          compatibility: c,
          whatIf: i < MAX_WHAT_IFS ? whatIf(model, container, undefined, correlation) : null,
        };
      }),
  };
}
