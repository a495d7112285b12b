// The words the diagnosis answers in: ../shared/spec/diagnosis.md. Fields may be added, never renamed.

import type { Isolation } from './model';

export interface Evidence {
  /** Bundle file the fact was read from (a path that exists in the bundle), or `manifest.json`. */
  readonly file: string;
  readonly detail: string;
}

// ---- 1. inspect ----------------------------------------------------------------------------

export interface InspectResult {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: string;
  readonly isolation: Isolation | null;
  readonly sessionId: number | null;
  readonly hostProcesses: readonly { readonly pid: number; readonly name: string }[];
  readonly utilityVm: { readonly pid: number; readonly memoryPid: number | null } | null;
  readonly sandboxDisk: { readonly number: number; readonly location: string } | null;
  readonly networks: readonly {
    readonly name: string;
    readonly driver: string | null;
    readonly ip: string | null;
  }[];
  readonly publishedPorts: readonly {
    readonly containerPort: number;
    readonly protocol: 'tcp' | 'udp';
    readonly hostIp: string | null;
    readonly hostPort: number | null;
    /** A host port range as asked for (`-p 8080-8090:80`), which Windows refuses; absent for one port. */
    readonly hostPortRange?: { readonly start: number; readonly end: number };
    readonly mode: 'nat' | 'ingress' | 'host' | 'transparent' | 'other';
  }[];
  readonly natMappings: readonly {
    readonly natName: string;
    readonly protocol: string;
    readonly externalPort: number;
    readonly internalIp: string;
    readonly internalPort: number;
  }[];
  readonly natSessions?: readonly {
    readonly protocol: string;
    readonly externalSource: string | null;
    readonly internalDestination: string | null;
  }[];
  readonly firewallRules: readonly {
    readonly name: string;
    readonly displayName: string | null;
    readonly action: 'allow' | 'block';
    readonly direction: 'inbound' | 'outbound';
    readonly localPort: string;
    readonly enabled?: boolean;
  }[];
  readonly mounts: readonly {
    readonly type: string;
    readonly source: string | null;
    readonly destination: string;
  }[];
  /**
   * Bundle 1.1 (an addition to the contract): for each network it has an address on, the HNS endpoint holding that
   * address, with its NAT policies (the ports HNS publishes for it; null where the policies were not collected)
   * and the vSwitch of the network. Networks whose endpoint could not be determined are left out, with a note.
   */
  readonly hnsEndpoints: readonly {
    readonly network: string;
    readonly id: string;
    readonly ipAddress: string | null;
    readonly hnsNetwork: string | null;
    readonly vSwitch: { readonly name: string; readonly switchType: string | null } | null;
    readonly natPolicies:
      | readonly {
          readonly protocol: string;
          readonly internalPort: number;
          readonly externalPort: number;
          readonly reserved: boolean | null;
        }[]
      | null;
    readonly dnsServers: readonly string[];
  }[];
  /** Bundle 1.1: the DNS servers `ipconfig /all` shows inside the container; null where not collected. */
  readonly dnsServers: readonly string[] | null;
  /** Bundle 1.1: the container's hosts file; null where not collected. */
  readonly hostsFile: readonly { readonly address: string; readonly names: readonly string[] }[] | null;
  /** Why a field above is null or empty, e.g. "host/disks.json not collected". */
  readonly notes: readonly string[];
}

// ---- 2. explain ----------------------------------------------------------------------------

export type SourceKind = 'external' | 'host' | 'host-localhost' | 'container';

export type ReachSource =
  | { readonly kind: 'external' }
  | { readonly kind: 'host' }
  | { readonly kind: 'host-localhost' }
  | { readonly kind: 'container'; readonly ref: string };

export type HopStatus = 'pass' | 'fail' | 'unknown' | 'skip';

/** Every hop a path can have, inbound and outbound (core/diagnosis/hops.ts, outbound.ts, icmp.ts). */
export type HopId =
  | 'source-container'
  | 'container-running'
  | 'container-network'
  | 'shared-network'
  | 'published-port'
  | 'port-reserved'
  | 'routing-mesh'
  | 'nat-loopback'
  | 'nat-mapping'
  | 'host-firewall'
  | 'container-inbound'
  | 'listening'
  | 'host-port-free'
  | 'host-address'
  | 'host-alias'
  | 'host-firewall-from-container'
  | 'host-listener'
  | 'host-route'
  | 'egress-path'
  | 'name-resolution'
  | 'target-prefix'
  | 'icmp-not-evidence'
  // Issue 14: what a real connection showed, after the inferred hops (core/checks/observe.ts).
  | 'observed';

export interface Hop {
  readonly id: HopId;
  readonly title: string;
  readonly status: HopStatus;
  readonly evidence: readonly Evidence[];
  /** For `unknown`: which probe would decide it; for `skip`: why it does not apply. */
  readonly note?: string;
}

/**
 * What an admin does about a cause or a finding (issue 11). A `command` is one runnable PowerShell or docker
 * line, shown unwrapped and copied whole; `steps` is prose for what one safe line cannot do (a group-policy
 * setting, a recreation and the settings it must carry over) and has no copy button. No fix removes or
 * recreates a container, a network or a volume.
 */
export type Fix =
  | {
      readonly kind: 'command';
      readonly command: string;
      /** What else the command touches (containers or clients it cuts off), said before it is run. */
      readonly note?: string;
    }
  | { readonly kind: 'steps'; readonly steps: readonly string[] };

export type CauseId =
  | 'container-not-running'
  | 'no-published-port'
  | 'nat-loopback-unsupported'
  | 'routing-mesh-unsupported'
  | 'nat-mapping-missing'
  | 'nat-mapping-stale'
  | 'host-port-conflict'
  | 'firewall-blocked'
  | 'firewall-local-rules-ignored'
  | 'not-listening-in-container'
  | 'no-shared-network'
  | 'no-network'
  // 1.1 (../shared/knowledge/failure-catalogue.md)
  | 'port-reserved'
  | 'port-publish-refused'
  | 'network-missing'
  | 'hns-endpoint-missing'
  | 'host-nic-apipa'
  | 'nat-prefix-overlap'
  | 'icmp-not-evidence'
  // outbound (section 4)
  | 'no-egress-path'
  | 'host-service-loopback-only'
  | 'host-service-not-listening'
  | 'host-firewall-blocks-container'
  | 'container-dns-stale'
  | 'host-alias-missing'
  | 'mtu-mismatch'
  // Not in the spec's list (it allows more): a source container the question names is not in the bundle, and a
  // nat network without a gateway address.
  | 'source-not-found'
  | 'nat-gateway-missing';

export interface Cause {
  readonly id: CauseId;
  readonly title: string;
  readonly explanation: string;
  readonly fix: Fix;
  readonly references: readonly string[];
  /** Where the engine is unsure (an unconfirmed Windows fact): a hint, not a certainty. */
  readonly confidence?: 'certain' | 'likely';
}

export type Verdict = 'reachable' | 'unreachable' | 'unknown';

/** The asked host port is not published, but the container publishes it as a container port elsewhere. */
export interface PortSuggestion {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** "Did you mean 8081? ..." in one sentence, said before anything else (issue 11). */
  readonly message: string;
}

/** Inbound: can X reach this container (section 2). Outbound: what can this container reach (section 4). */
export type Direction = 'inbound' | 'outbound';

/** Where an outbound question goes: `host`, `internet`, `container:<ref>`, an address or a name. */
export type OutboundTarget =
  | { readonly kind: 'host' }
  | { readonly kind: 'internet' }
  | { readonly kind: 'container'; readonly ref: string }
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'name'; readonly name: string };

export interface Explanation {
  /** Present only when the asked host port is the container port of a publication on another host port. */
  readonly didYouMean?: PortSuggestion;
  readonly direction: Direction;
  /** The container asked about: the target inbound, the sender outbound. */
  readonly container: { readonly id: string; readonly name: string };
  /** Who connects, typed: inbound the client asked about, outbound the sender itself (by id). */
  readonly source: ReachSource;
  /**
   * The contract's text for the client: inbound `external`, `host`, `host-localhost` or `container:<ref>`;
   * outbound `container:<name>` of the sender. Code reads `source`; this is for the JSON contract.
   */
  readonly from: string;
  /** Outbound only: where the sender connects, typed; the contract's text is written at the JSON edges. */
  readonly to?: OutboundTarget;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly verdict: Verdict;
  readonly hops: readonly Hop[];
  readonly causes: readonly Cause[];
  /** Issue 14: what real connection attempts (checks/*.json) showed; present only where a check matches. */
  readonly observation?: Observation;
}

/**
 * What the active checks that match an explanation observed (diagnosis.md section 5). `connected` or `failed`
 * decide the verdict; `undecided` (an error, no tool in the image) leaves the inferred one.
 */
export interface Observation {
  readonly outcome: 'connected' | 'failed' | 'undecided';
  /** The verdict the snapshot alone gave, before the observation. */
  readonly inferred: Verdict;
  /** One sentence, said first. */
  readonly summary: string;
  /** Present where the observation overturns the inferred verdict. */
  readonly contradiction: Contradiction | null;
}

export interface Contradiction {
  /** "Hostscope expected this to fail at <hop>, but a connection succeeded", or the reverse. */
  readonly message: string;
  /** The hop the inference turned on: the failing one, or null where every hop passed. */
  readonly hop: { readonly id: string; readonly title: string } | null;
  /** The facts the inference used, so the bundle can be sent as a reproducible case. */
  readonly facts: readonly Evidence[];
}

/**
 * The answer to a question about ping (`--port icmp`): the same shape, with no port (0) and protocol `icmp`; its
 * verdict is always `unknown` and its one cause the correction `icmp-not-evidence` (failure catalogue 28).
 */
export type IcmpExplanation = Omit<Explanation, 'port' | 'protocol' | 'didYouMean'> & {
  readonly port: 0;
  readonly protocol: 'icmp';
};

/**
 * An explanation in the JSON contract's form (sections 2 and 4): outbound `to` as `host`, `internet`,
 * `container:<ref>`, or the address or name asked for.
 */
export type ExplanationJson<E extends Explanation | IcmpExplanation = Explanation> = Omit<E, 'to'> & {
  readonly to?: string;
};

// ---- 3. findings ---------------------------------------------------------------------------

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type FindingId =
  // Issue 11: every unreachable published port, grouped per container (not in the spec's list).
  | 'published-port-unreachable'
  | 'docker-api-unencrypted'
  | 'daemon-config-conflict'
  | 'swarm-ports-blocked'
  | 'routing-mesh-unsupported'
  | 'firewall-local-rules-ignored'
  | 'nat-mapping-stale'
  | 'nat-mapping-missing'
  | 'host-port-conflict'
  | 'os-build-unsupported'
  | 'secrets-in-env'
  | 'container-data-not-persisted'
  | 'hyperv-no-host-firewall-rules'
  // 1.1
  | 'port-reserved'
  | 'port-publish-refused'
  | 'network-missing'
  | 'hns-endpoint-orphan'
  | 'hns-endpoint-missing'
  | 'nat-prefix-overlap'
  | 'multi-nat-published-ports'
  | 'second-nat-on-2016'
  | 'hns-service-not-running'
  | 'hns-errors-recent'
  | 'host-nic-apipa'
  | 'nat-switch-wrong-type'
  | 'mtu-mismatch'
  | 'container-dns-stale'
  | 'host-alias-missing'
  | 'engine-proxy-missing'
  | 'ipv6-unsupported'
  | 'known-bad-update'
  | 'transparent-on-vm'
  // issue 16
  | 'image-host-mismatch';

/** What a finding is about: the host, a container, a swarm service, or a Windows service of the host. */
export type Subject =
  | { readonly kind: 'host' }
  | { readonly kind: 'container'; readonly id: string }
  | { readonly kind: 'service'; readonly name: string }
  | { readonly kind: 'windows-service'; readonly name: string };

export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  /** What it is about, typed; the contract writes each as `host`, `container:<id>` or `service:<name>`. */
  readonly subjects: readonly Subject[];
  readonly evidence: readonly Evidence[];
  readonly fix: Fix;
  readonly references: readonly string[];
}

/** A finding as the contract writes it (spec section 3): subjects as `host`, `container:<id>`, `service:<name>`. */
export type FindingJson = Omit<Finding, 'subjects'> & { readonly subjects: readonly string[] };

// ---- 4. isolation walkthrough --------------------------------------------------------------

export type IsolationPointId =
  | 'processes'
  | 'session'
  | 'user'
  | 'sandbox-disk'
  | 'firewall-rules'
  | 'reach-from-host'
  | 'reach-from-containers'
  | 'memory';

export interface IsolationPoint {
  readonly id: IsolationPointId;
  readonly title: string;
  /** What this container shows, in one line; "not observable in this bundle" where it cannot be told. */
  readonly observed: string;
  /** What the isolation mode means for this point, in general (from the knowledge notes). */
  readonly expectation: string;
  readonly observable: boolean;
  readonly evidence: readonly Evidence[];
  /** The public source of the expectation (issue 16: a link with a title, never a bare issue number). */
  readonly reference: string;
}

export interface IsolationProfile {
  readonly container: { readonly id: string; readonly name: string };
  readonly isolation: Isolation | null;
  readonly points: readonly IsolationPoint[];
}

export interface IsolationComparison {
  readonly a: IsolationProfile;
  readonly b: IsolationProfile;
  /** Point by point, the same ids in the same order, with whether the two differ. */
  readonly rows: readonly {
    readonly id: IsolationPointId;
    readonly title: string;
    readonly a: IsolationPoint;
    readonly b: IsolationPoint;
    readonly differs: boolean;
  }[];
}

// ---- 5. image/host compatibility and what-if (issue 16) --------------------------------------

/** Whether a container of this image starts on this host in one isolation mode. */
export type CompatibilityVerdict = 'runs' | 'fails' | 'unknown';

export interface ModeCompatibility {
  readonly mode: Isolation;
  readonly verdict: CompatibilityVerdict;
  /** Why, in the admin's words, naming both builds. */
  readonly reason: string;
  /** The public source of the rule applied. */
  readonly reference: string;
}

export interface ImageCompatibility {
  /** `sha256:...`, or null where the container names no image id. */
  readonly imageId: string | null;
  /** The reference the container was made from, and the image's own tags. */
  readonly image: string;
  readonly tags: readonly string[];
  /** `10.0.17763.6293`, or null where not known. */
  readonly imageVersion: string | null;
  readonly hostVersion: string | null;
  readonly process: ModeCompatibility;
  readonly hyperv: ModeCompatibility;
}

export interface ContainerCompatibility {
  readonly container: { readonly id: string; readonly name: string; readonly state: string };
  /** The mode it runs (or would start) in, or null where unknown. */
  readonly isolation: Isolation | null;
  /** Where the mode comes from: its own HostConfig.Isolation, the engine's default, or the host type's default. */
  readonly isolationFrom: 'container' | 'engine-default' | 'host-default' | null;
  readonly image: ImageCompatibility;
  /** Evidence that it already failed with 0xc0370101 (State.Error, exit code, events); empty if none. */
  readonly failedWithMismatch: readonly Evidence[];
}

/** What would change if a container ran in the other isolation mode (issue 16). */
export type WhatIfPointId =
  | 'kernel'
  | 'processes'
  | 'session'
  | 'sandbox-disk'
  | 'firewall-rules'
  | 'compatibility'
  | 'memory'
  | 'start-up';

export interface WhatIfPoint {
  readonly id: WhatIfPointId;
  readonly title: string;
  readonly now: string;
  readonly then: string;
  readonly changes: boolean;
  readonly evidence: readonly Evidence[];
  /** A public source of what `then` says, where one applies. */
  readonly reference: string | null;
}

/** One reachability matrix row (client, port) now and with the isolation flipped. */
export interface WhatIfRow {
  /** `external`, `host`, `host-localhost` or `container:<ref>`, as in explanations. */
  readonly from: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly now: Verdict;
  readonly then: Verdict;
  /** The hop that decides each side, in words; null where every hop passed. */
  readonly nowWhy: string | null;
  readonly thenWhy: string | null;
}

export interface WhatIf {
  readonly container: { readonly id: string; readonly name: string };
  readonly from: Isolation | null;
  readonly to: Isolation;
  /** Whether it would start in `to` at all (the image/host rules). */
  readonly start: ModeCompatibility;
  readonly points: readonly WhatIfPoint[];
  /** The matrix rows of this container whose verdict would change, and how many stay the same. */
  readonly reachability: { readonly changed: readonly WhatIfRow[]; readonly unchanged: number };
}

/** Edition limits on Hyper-V isolated containers (Windows Server licensing; issue 16). */
export interface IsolationLicensing {
  readonly edition: string | null;
  /** Hyper-V isolated containers one full license of the host's cores covers; null for unlimited or unknown. */
  readonly hypervLimit: number | null;
  readonly hypervRunning: number;
  readonly text: string;
  readonly reference: string;
}

/** The host-wide comparison the report, the CLI and the walkthrough show (issue 16). */
export interface IsolationOverview {
  readonly hostVersion: string | null;
  /** `client` or `server`; null where the installation type is unknown. */
  readonly hostKind: 'client' | 'server' | null;
  /** The mode a container gets when it asks for none, and where that comes from. */
  readonly defaultIsolation: {
    readonly mode: Isolation | null;
    readonly from: 'engine' | 'host-type' | null;
    readonly reference: string;
  };
  readonly licensing: IsolationLicensing;
  readonly containers: readonly {
    readonly compatibility: ContainerCompatibility;
    /** Null past the first MAX_WHAT_IFS containers (`hostscope isolation --what-if <name>` gives it). */
    readonly whatIf: WhatIf | null;
  }[];
}
