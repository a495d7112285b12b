// What the app shows: view models the service builds from the host model and the diagnosis, and the
// renderer draws as they are. Plain JSON: they cross IPC and HTTP unchanged.

import type {
  Direction,
  Explanation,
  Finding,
  IcmpExplanation,
  InspectResult,
  ContainerCompatibility,
  IsolationComparison,
  IsolationOverview,
  WhatIf,
  IsolationProfile,
  OutboundTarget,
  Severity,
  SourceKind,
  Verdict,
} from './diagnosis';
import type {
  ComputerSystem,
  ContainerIpConfig,
  ContainerLifecycle,
  ContainerNetwork,
  DynamicPortRange,
  EngineInfo,
  ExcludedPortRange,
  FirewallProfile,
  HnsNatPolicy,
  HostEvent,
  HostInfo,
  HostProcess,
  HostService,
  HostsEntry,
  Hotfix,
  Isolation,
  Known,
  Listener,
  Mount,
  NatInstance,
  NatSession,
  PortListing,
  ProxySettings,
  PublishedPort,
  TopRow,
  ProbeOutcome,
  VmSwitch,
} from './model';

/** The bundle the app has open. `id` changes with every open, so a view can tell it is stale. */
export interface BundleRef {
  readonly id: number;
  readonly source: string;
  /** Short name for the title bar: the sample name or the folder/zip name. */
  readonly label: string;
  readonly computerName: string | null;
  readonly collectedAt: string | null;
  readonly collector: string | null;
  /** Set when the bundle is one of the shipped sample hosts. */
  readonly sample: string | null;
  readonly containerCount: number | null;
}

export interface SampleHost {
  readonly name: string;
  readonly title: string;
}

export interface AppInfo {
  readonly version: string;
  /** `desktop` inside Electron; `web` behind `hostscope serve`. */
  readonly shell: 'desktop' | 'web';
  readonly bundle: BundleRef | null;
  readonly samples: readonly SampleHost[];
  readonly recent: readonly string[];
  /** The shell can show a native folder/zip picker. */
  readonly canPick: boolean;
  /** The shell can collect from this machine. */
  readonly canCollect: boolean;
  /** The Paste-or-drop dialog's limits (IMPORT_REQUEST_LIMITS), or null where the shell cannot import. */
  readonly importLimits: { readonly maxTextBytes: number; readonly maxInputs: number } | null;
}

// ---- Host overview -------------------------------------------------------------------------

export type CapabilityStatus = 'yes' | 'no' | 'unknown';

/** What the host's Windows build can do for containers. */
export interface BuildCapability {
  readonly id: 'routing-mesh' | 'nat-loopback' | 'supported-build';
  readonly title: string;
  readonly status: CapabilityStatus;
  readonly detail: string;
  readonly reference: string;
}

export interface ProbeRow extends ProbeOutcome {
  readonly title: string;
  /** Parts of the model left unknown because this probe gave nothing usable. */
  readonly leavesUnknown: readonly string[];
}

export interface HostOverview {
  readonly bundle: BundleRef;
  readonly host: Known<HostInfo>;
  readonly engine: Known<EngineInfo>;
  readonly swarmRole: string;
  readonly capabilities: readonly BuildCapability[];
  readonly counts: readonly {
    readonly label: string;
    readonly value: number | null;
    readonly view: ViewName | null;
  }[];
  readonly probes: readonly ProbeRow[];
  readonly findingsBySeverity: readonly { readonly severity: Severity; readonly count: number }[];
  readonly containersByIsolation: readonly {
    readonly isolation: string;
    readonly running: number;
    readonly stopped: number;
  }[];
  readonly hostState: HostStateView;
  /** The whole reachability matrix in counts, and its failing paths (unreachable, then unknown) by container. */
  readonly reach: {
    readonly counts: Readonly<Record<Verdict, number>>;
    readonly failing: readonly (ReachPath & {
      readonly containerId: string;
      readonly containerName: string;
    })[];
  };
}

/** A reserved (excluded) port range, with the host ports containers publish inside it. */
export interface ReservedRangeView extends ExcludedPortRange {
  readonly publishedInside: readonly {
    readonly port: number;
    readonly containerId: string;
    readonly containerName: string;
  }[];
}

/** The host state bundle 1.1 collects, where an admin looks for it on the overview. */
export interface HostStateView {
  /** docker, hns, vmcompute, winnat, SharedAccess, nvagent as Win32_Service gives them. */
  readonly services: Known<readonly HostService[]>;
  /** Service control manager events (System 7023, 7024, 7031, 7034) of the collected window, newest first. */
  readonly serviceFailures: Known<readonly HostEvent[]>;
  readonly reservedPorts: Known<{
    readonly ranges: readonly ReservedRangeView[];
    readonly dynamic: readonly DynamicPortRange[];
    readonly listings: readonly PortListing[];
  }>;
  readonly proxy: Known<ProxySettings>;
  readonly computer: Known<ComputerSystem>;
  readonly hotfixes: Known<readonly Hotfix[]>;
}

export type ViewName =
  | 'overview'
  | 'containers'
  | 'reachability'
  | 'isolation'
  | 'topology'
  | 'sessions'
  | 'findings'
  | 'changes'
  | 'timeline';

// ---- Containers ----------------------------------------------------------------------------

/** A container as the list shows it: what inspect says of it, and a few counts. */
export interface ContainerRow extends Pick<
  InspectResult,
  'id' | 'name' | 'image' | 'state' | 'isolation' | 'sessionId'
> {
  readonly ips: readonly string[];
  /** `9000->9000/tcp` (core `formatPort`: the host address only where it is not "any"), one per published port. */
  readonly ports: readonly string[];
  /** `Disk 3`, `in utility VM`, or null when unknown. */
  readonly disk: string | null;
  readonly firewallRules: number;
  readonly worstSeverity: Severity | null;
  readonly findingCount: number;
  readonly service: string | null;
  /** Every path of the reachability matrix to this container, failing first. */
  readonly reach: ReachSummary;
}

export type ContainersView =
  | { readonly kind: 'known'; readonly rows: readonly ContainerRow[] }
  | { readonly kind: 'unknown'; readonly reason: string };

// ---- Container detail ----------------------------------------------------------------------

export interface PortChoice {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly label: string;
}

export interface FirewallRuleView {
  readonly name: string;
  readonly displayName: string | null;
  readonly enabled: boolean;
  readonly direction: 'inbound' | 'outbound';
  readonly action: 'allow' | 'block';
  readonly protocol: string | null;
  readonly localPort: string;
  readonly profiles: readonly string[];
  /** What the rule does for this container, in one line. */
  readonly effect: string;
}

/** What a container's exit code means, where a source says so (issue 13). */
export interface ExitMeaning {
  readonly code: number;
  /** The code as Windows writes NTSTATUS and HRESULT values: 0xC000013A. */
  readonly hex: string;
  readonly meaning: string;
  /** Where the meaning comes from. */
  readonly reference: string;
  /** `documented`: the value's documented name; `observed`: what reports show it accompanies (a hint). */
  readonly basis: 'documented' | 'observed';
}

/** A container's times against the host's last boot, and its exit code's meaning. */
export interface LifecycleFacts {
  readonly exitMeaning: ExitMeaning | null;
  /** host/os.json LastBootUpTime; null where not collected (bundle 1.0). */
  readonly hostBootedAt: string | null;
  /** The container last finished before the host's last boot: it went down with the host. Null where unknown. */
  readonly finishedBeforeBoot: boolean | null;
  /** It was last started after the host's last boot. Null where unknown. */
  readonly startedAfterBoot: boolean | null;
}

/** The last lines of a container's log, fetched from the live engine on request (issue 13; never in a collect). */
export interface ContainerLogs {
  readonly containerId: string;
  readonly containerName: string;
  /** The engine asked, e.g. `npipe:////./pipe/docker_engine`. */
  readonly endpoint: string;
  readonly fetchedAt: string;
  /** How many lines were asked for (the newest). */
  readonly tail: number;
  /** Oldest first; `tty`: the container writes one stream, stdout and stderr together. */
  readonly lines: readonly { readonly stream: 'stdout' | 'stderr' | 'tty'; readonly text: string }[];
  /** Places an environment value of the container was replaced by `<redacted>`. */
  readonly redactions: number;
}

export interface ContainerDetail {
  readonly bundleId: number;
  readonly inspect: InspectResult;
  readonly created: string | null;
  readonly startedAt: string | null;
  /** State, restart policy and health as the engine reports them, with what they mean (issue 13). */
  readonly lifecycle: ContainerLifecycle & LifecycleFacts;
  /** Whether this window can ask the engine for the container's log (a live host; never from a bundle). */
  readonly canFetchLogs: boolean;
  readonly isolationRequested: string | null;
  readonly networkMode: string;
  readonly labels: readonly { readonly name: string; readonly value: string }[];
  readonly envNames: readonly string[];
  readonly graphDriverDir: string | null;
  readonly memoryLimitBytes: number | null;
  readonly service: string | null;
  readonly session: {
    readonly processes: readonly HostProcess[];
    readonly top: Known<readonly TopRow[]> | null;
    /** For Hyper-V: why the host shows no processes of the container. */
    readonly explanation: string;
  };
  readonly disk: {
    readonly sandboxSizeBytes: number | null;
    readonly mounts: readonly Mount[];
    readonly lostOnRemoval: string;
  };
  readonly network: {
    readonly networks: readonly (ContainerNetwork & { readonly driver: string | null })[];
    readonly publishedPorts: readonly PublishedPort[];
    readonly natSessions: readonly NatSession[];
    /** The sockets that wait for connections (core's `isListening`), not every netstat row. */
    readonly listeners: Known<readonly Listener[]> | null;
    readonly hns: ContainerHnsView;
  };
  readonly firewall: {
    /** Rules naming one of its ports, the first MAX_RULES_LISTED (core/diagnosis/footprint.ts) of `total`. */
    readonly rules: readonly FirewallRuleView[];
    readonly total: number;
    readonly profiles: Known<readonly FirewallProfile[]>;
    readonly note: string;
  };
  readonly findings: readonly Finding[];
  readonly isolation: IsolationProfile;
  /** Reachability from every client of the matrix, failing first (issue 11). */
  readonly reachSummary: ReachSummary;
  readonly reach: {
    /** Host ports, for `external` and `host-localhost`. */
    readonly hostPorts: readonly PortChoice[];
    /** Container ports, for `host` and another container. */
    readonly containerPorts: readonly PortChoice[];
  };
}

/** Why a part is missing: not collected, looked for and absent, or not applicable (the correlation's words). */
export interface MissingPart {
  readonly kind: 'absent' | 'unknown' | 'not-applicable';
  readonly reason: string;
}

/** One Docker network of the container and what HNS holds for it there (the correlation's attachment). */
export interface HnsAttachmentView {
  readonly network: string;
  readonly ip: string | null;
  readonly endpoint:
    | {
        readonly kind: 'found';
        readonly id: string;
        readonly dnsServers: readonly string[];
        /** Its NAT policies: the ports HNS publishes (knowledge notes section 10); a reason where unknown. */
        readonly natPolicies:
          { readonly kind: 'found'; readonly value: readonly HnsNatPolicy[] } | MissingPart;
        /** Its other policies by type; null where the policies were not collected. */
        readonly otherPolicies: readonly string[] | null;
      }
    | MissingPart;
  readonly vSwitch:
    | {
        readonly kind: 'found';
        readonly name: string;
        readonly type: VmSwitch['switchType'];
        readonly note: string | null;
      }
    | MissingPart;
}

export interface ContainerHnsView {
  readonly attachments: readonly HnsAttachmentView[];
  /** `ipconfig /all` inside the container; null where not to be collected (not running). */
  readonly ipConfig: Known<ContainerIpConfig> | null;
  readonly hostsFile: Known<readonly HostsEntry[]> | null;
}

// ---- Reachability --------------------------------------------------------------------------

/** One path of the reachability matrix in a line: who connects, on which port, the verdict and why. */
export interface ReachPath {
  /** `external`, `host`, `host-localhost` or `container:<id>`. */
  readonly from: string;
  readonly fromLabel: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly verdict: Verdict;
  /** The first cause's title, or the deciding hop; null when every hop passed. */
  readonly reason: string | null;
}

/** A container's reachability from every client of the matrix, failing paths first (issue 11). */
export interface ReachSummary {
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly paths: readonly ReachPath[];
}

export interface ReachMatrixRow {
  /** Inbound: who reaches the container. Outbound (issue 10): what the container reaches, named in `to`. */
  readonly direction: Direction;
  readonly containerId: string;
  readonly containerName: string;
  readonly from: string;
  /** `external`, `host`, `host-localhost`, or `container <name>` for another container. */
  readonly fromLabel: string;
  /** For a container source: that container's id. */
  readonly peerId: string | null;
  readonly sourceKind: SourceKind;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly verdict: Verdict;
  readonly failingHop: string | null;
  readonly causes: readonly string[];
  /** Outbound rows only: where the container connects to, and that target as a reader says it. */
  readonly to?: { readonly target: OutboundTarget; readonly label: string };
}

export interface ReachMatrix {
  readonly rows: readonly ReachMatrixRow[];
  readonly counts: Readonly<Record<Verdict, number>>;
  /** Issue 14: whether "Test every published port" can run here, or why not. */
  readonly test: CheckAvailability;
}

/** Issue 14: whether "Test it" can run real connections for this view, or why not (in the admin's words). */
export type CheckAvailability =
  { readonly kind: 'available' } | { readonly kind: 'unavailable'; readonly reason: string };

export interface ReachView {
  readonly explanation: Explanation;
  /** Index in `explanation.hops` of the hop that decided the verdict (core's `decisiveHop`); null when all passed. */
  readonly decisiveHop: number | null;
  /** Labels for the two ends of the path diagram. */
  readonly client: string;
  readonly target: string;
  readonly test: CheckAvailability;
}

/** What "Test every published port" did: the matrix again, with the observations. */
export interface CheckMatrixOutcome {
  readonly tested: number;
  /** Connections left out by the limit per run. */
  readonly leftOut: number;
  readonly matrix: ReachMatrix;
}

/** A ping question's answer (issue 10): the correction `icmp-not-evidence`, drawn like any other answer. */
export interface IcmpView {
  readonly explanation: IcmpExplanation;
  readonly client: string;
  readonly target: string;
}

// ---- Isolation -----------------------------------------------------------------------------

export interface IsolationCandidate {
  readonly id: string;
  readonly name: string;
  readonly isolation: Isolation | null;
  readonly state: string;
}

/** Issue 16: what the walkthrough teaches beside the comparison, on this host's own containers. */
export interface IsolationLesson {
  /** The default mode, the edition's limits, and the what-if of the container asked about. */
  readonly overview: Omit<IsolationOverview, 'containers'>;
  /** Every container's image verdicts per mode. */
  readonly compatibility: readonly ContainerCompatibility[];
  /** What would change for one container in the other mode (the one asked for, else the first compared). */
  readonly whatIf: WhatIf | null;
}

export type IsolationView =
  | ({
      readonly kind: 'compared';
      readonly candidates: readonly IsolationCandidate[];
      readonly comparison: IsolationComparison;
    } & IsolationLesson)
  | ({
      readonly kind: 'not-enough';
      readonly candidates: readonly IsolationCandidate[];
      readonly reason: string;
    } & IsolationLesson);

// ---- Findings ------------------------------------------------------------------------------

export interface SubjectLink {
  readonly subject: string;
  readonly label: string;
  /** The container to link to, where the subject is one. */
  readonly containerId: string | null;
}

export interface FindingView extends Finding {
  readonly key: string;
  readonly subjectLinks: readonly SubjectLink[];
}

export interface FindingsView {
  readonly findings: readonly FindingView[];
}

// ---- Topology ------------------------------------------------------------------------------

export interface TopologyContainer {
  readonly id: string;
  readonly name: string;
  readonly ip: string | null;
  readonly state: string;
  readonly isolation: Isolation | null;
}

export interface TopologyNetwork {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly subnets: readonly string[];
  readonly gateways: readonly string[];
  /** The WinNAT instance that translates for this network, matched by internal prefix. */
  readonly nat: string | null;
  /** The NAT HNS names for the network (`NatName`); on 2019 and later Get-NetNat may not list it. */
  readonly hnsNatName: string | null;
  /** The Hyper-V switch behind the network (the correlation's match); null where none or not collected. */
  readonly vSwitch: {
    readonly name: string;
    readonly type: VmSwitch['switchType'];
    /** How it was matched where HNS records no switch (by the network's name). */
    readonly note: string | null;
  } | null;
  /** Host routes whose destination overlaps the network's subnets (default routes left out). */
  readonly routes: readonly TopologyRoute[];
  readonly containers: readonly TopologyContainer[];
}

export interface TopologyRoute {
  readonly destinationPrefix: string;
  readonly nextHop: string | null;
  readonly interfaceAlias: string | null;
  readonly routeMetric: number | null;
  /** On the interface holding the network's gateway (its vEthernet); false for any other; null where unknown. */
  readonly own: boolean | null;
}

export interface TopologyView {
  readonly host: {
    readonly name: string;
    readonly adapters: readonly {
      readonly name: string;
      readonly description: string | null;
      readonly status: string | null;
      readonly addresses: readonly string[];
      readonly category: string | null;
    }[];
  };
  readonly nats: readonly NatInstance[];
  readonly networks: readonly TopologyNetwork[];
  /** Containers on no network (network mode none) or whose network is not in the bundle. */
  readonly detached: readonly TopologyContainer[];
  readonly unknowns: readonly string[];
}

// ---- Sessions ------------------------------------------------------------------------------

export interface SessionRow {
  readonly sessionId: number;
  readonly processCount: number;
  readonly workingSetBytes: number;
  readonly containers: readonly { readonly id: string; readonly name: string }[];
  readonly label: string;
  readonly topProcesses: readonly {
    readonly pid: number;
    readonly name: string;
    readonly workingSetBytes: number | null;
  }[];
}

export interface UtilityVmRow {
  readonly container: { readonly id: string; readonly name: string };
  readonly workerPid: number;
  readonly memoryPid: number | null;
  readonly workingSetBytes: number | null;
}

export type SessionsView =
  | {
      readonly kind: 'known';
      readonly sessions: readonly SessionRow[];
      readonly utilityVms: readonly UtilityVmRow[];
    }
  | { readonly kind: 'unknown'; readonly reason: string };

// ---- Report export -------------------------------------------------------------------------

export type ReportFormat = 'html' | 'pdf' | 'md' | 'json';

export type ExportOutcome =
  | { readonly kind: 'saved'; readonly path: string }
  | {
      readonly kind: 'download';
      readonly fileName: string;
      readonly mediaType: string;
      readonly base64: string;
    }
  /** Nothing was written: the user closed the save dialog, or cancelled the export (`report:cancel`). */
  | { readonly kind: 'cancelled' };

// ---- Import (Paste or drop, issue 12) ------------------------------------------------------

/** One block of pasted text as the preview shows it: where it came from and what was read. */
export interface ImportBlockView {
  readonly id: string;
  /** The file it came from (`pasted text` for the text area). */
  readonly input: string;
  readonly line: number;
  /** The command on its prompt line, or null. */
  readonly command: string | null;
  readonly title: string;
  readonly rows: number;
  /** `converted`: it fed the files listed; `kept`: only its original is in the bundle, `reason` says why. */
  readonly status: 'converted' | 'kept';
  readonly reason: string | null;
  readonly warnings: readonly string[];
  readonly files: readonly string[];
}

/** Whether the import can be added to the open bundle. */
export type ImportMergeCheck =
  | { readonly kind: 'same-host'; readonly computerName: string }
  /** The import names no computer: adding it needs the user's confirmation. */
  | { readonly kind: 'unnamed'; readonly computerName: string | null }
  | { readonly kind: 'different-host'; readonly message: string };

export interface ImportPreview {
  readonly blocks: readonly ImportBlockView[];
  readonly probes: readonly {
    readonly id: string;
    readonly title: string;
    readonly files: readonly string[];
    readonly partial: readonly string[];
  }[];
  /** Titles of the catalogue's probes the text gives nothing for: what depends on them stays unknown. */
  readonly unknown: readonly string[];
  readonly computerName: string | null;
  readonly computerNameFrom: string | null;
  /** Null when no bundle is open. */
  readonly merge: ImportMergeCheck | null;
}
