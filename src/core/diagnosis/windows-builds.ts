// What a Windows build can do for containers (knowledge notes, section 1). Every rule names its source;
// where the fact is unconfirmed the answer is `unknown`, never a guess.

import type { BuildCapability, CapabilityStatus } from '../../shared/views';
import type { HostInfo } from '../../shared/model';
import { REF } from './references';

export const BUILD = {
  server2016: 14393,
  v1709: 16299,
  v1803: 17134,
  server2019: 17763,
  server2022: 20348,
} as const;

/** The first 14393 update Microsoft's checks accept (Debug-ContainerHost.ps1: UBR >= 351 on 14393). */
export const MIN_UBR_14393 = 351;

/**
 * WinNAT loopback (the host reaching a NAT-published port through localhost or its own address).
 * Absent on 14393 and 16299 (WinNAT capabilities and limitations blog, 2016-05-25; Virtualization-Documentation#253);
 * reached Insider builds in November 2017, so what followed 16299 is unconfirmed up to 17134 (localhost blog,
 * 2017-11-06); works from 17763.
 */
export function natLoopback(build: number): CapabilityStatus {
  if (build <= BUILD.v1709) return 'no';
  if (build < BUILD.server2019) return 'unknown';
  return 'yes';
}

/** Ingress routing mesh: from 16299 (Virtualization team blog 2017-09-26; swarm-mode.md). */
export function routingMesh(build: number): CapabilityStatus {
  return build < BUILD.v1709 ? 'no' : 'yes';
}

/** Default inbound policy of a process-isolated container: deny-all on 14393, allow-all from 16299 (network-isolation-security.md). */
export function processIsolatedDefaultInbound(build: number): 'allow' | 'block' {
  return build < BUILD.v1709 ? 'block' : 'allow';
}

/** Builds Microsoft's own checks accept for containers (Debug-ContainerHost.ps1). */
export function supportedBuild(build: number, ubr: number | null): CapabilityStatus {
  if (build < BUILD.server2016) return 'no';
  if (build === BUILD.server2016) {
    if (ubr === null) return 'unknown';
    return ubr >= MIN_UBR_14393 ? 'yes' : 'no';
  }
  return 'yes';
}

const statusWord = (status: CapabilityStatus): string =>
  status === 'yes' ? 'works' : status === 'no' ? 'does not work' : 'is unconfirmed';

/** The three build facts the overview shows; all `unknown` where host/os.json gave no build. */
export function buildCapabilities(host: HostInfo | null): readonly BuildCapability[] {
  const build = host?.build ?? null;
  const label = build === null ? 'the build is unknown (host/os.json)' : `build ${build}`;
  const loopback = build === null ? 'unknown' : natLoopback(build);
  const mesh = build === null ? 'unknown' : routingMesh(build);
  const supported = build === null ? 'unknown' : supportedBuild(build, host?.ubr ?? null);
  return [
    {
      id: 'nat-loopback',
      title: 'Host reaches NAT-published ports through localhost',
      status: loopback,
      detail: `WinNAT loopback ${statusWord(loopback)} on ${label}`,
      reference: REF.natLoopbackIssue,
    },
    {
      id: 'routing-mesh',
      title: 'Swarm ingress routing mesh',
      status: mesh,
      detail: `the routing mesh ${statusWord(mesh)} on ${label}`,
      reference: REF.routingMeshDoc,
    },
    {
      id: 'supported-build',
      title: 'Build supported for containers',
      status: supported,
      detail:
        build === null
          ? label
          : `${label}${host?.ubr === null || host?.ubr === undefined ? '' : `.${host.ubr}`}: ${supported === 'yes' ? 'supported' : supported === 'no' ? `below 14393.${MIN_UBR_14393}` : 'update revision unknown'}`,
      reference: REF.debugContainerHost,
    },
  ];
}
