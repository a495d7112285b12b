// What changed between two bundles of one host: ../shared/spec/diagnosis.md section 6 (issue 13). Plain JSON,
// the same shape for `hostscope diff --json`, the `changes:compare` channel and the Changes view.

import type { Evidence, Finding, Hop, Verdict } from './diagnosis';

/** What part of the host a change is about; the Changes view groups by it. */
export type ChangeArea =
  | 'container'
  | 'network'
  | 'hns-network'
  | 'nat-mapping'
  | 'hns-endpoint'
  | 'firewall-rule'
  | 'firewall-profile'
  | 'port-exclusion'
  | 'service'
  | 'host'
  | 'hotfix';

export type ChangeKind =
  | 'container-created'
  | 'container-removed'
  /** The same id, started again (StartedAt moved): `docker restart`, a restart policy, or a host restart. */
  | 'container-restarted'
  /** A new id under the same name: removed and created again (`docker rm` + `docker run`, compose up). */
  | 'container-recreated'
  | 'container-changed'
  | `${Exclude<ChangeArea, 'container' | 'host'>}-${'added' | 'removed' | 'changed'}`
  /** Windows build or UBR moved: an update was installed. */
  | 'host-updated'
  /** LastBootUpTime moved: the host restarted between the two collections. */
  | 'host-restarted'
  | 'host-changed';

/** One difference, with the bundle files that show it (spec section 6: kind, subject, before, after, evidence). */
export interface Change {
  readonly kind: ChangeKind;
  readonly area: ChangeArea;
  /** `container:<name>`, `network:<name>`, `firewall-rule:<name>`, `host` ... */
  readonly subject: string;
  /** What the subject is called, for a reader. */
  readonly label: string;
  /** The field that changed (`ip nat`, `ports`, `state` ...); absent for whole subjects added or removed. */
  readonly field?: string;
  /** The value in the older bundle; null where the subject did not exist there. */
  readonly before: string | null;
  /** The value in the newer bundle; null where the subject no longer exists. */
  readonly after: string | null;
  /** `older: <file>` / `newer: <file>` facts the change was read from. */
  readonly evidence: readonly Evidence[];
}

/** One side of a path of the reachability matrix: its verdict and the hop that decided it. */
export interface PathState {
  readonly verdict: Verdict;
  /** The first failing hop, or the first undecided one; null where every hop passed. */
  readonly decisiveHop: Hop | null;
  /** The first cause's title, where there is one. */
  readonly reason: string | null;
}

/** A path of the reachability matrix whose verdict differs (or which exists in one bundle only). */
export interface VerdictChange {
  readonly container: { readonly id: string; readonly name: string };
  /** `external`, `host`, `host-localhost` or `container` (from a peer container on a shared network). */
  readonly from: string;
  readonly fromLabel: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** Null where the older bundle has no such path (the port was not published then). */
  readonly before: PathState | null;
  readonly after: PathState | null;
}

export interface DiffSide {
  readonly source: string;
  readonly computerName: string | null;
  readonly collectedAt: string | null;
  /** host/os.json LastBootUpTime (bundle 1.1); null where not collected. */
  readonly lastBootUpTime: string | null;
}

/** A part that could not be compared because one bundle does not hold it: never read as "all removed". */
export interface NotCompared {
  readonly area: ChangeArea;
  readonly reason: string;
}

export interface HostDiff {
  readonly older: DiffSide;
  readonly newer: DiffSide;
  readonly changes: readonly Change[];
  readonly verdictChanges: readonly VerdictChange[];
  readonly findingsAdded: readonly Finding[];
  readonly findingsResolved: readonly Finding[];
  /**
   * Findings of the older bundle the newer one cannot decide (a file they rest on is missing or invalid there):
   * neither resolved nor still there (an addition to the contract).
   */
  readonly findingsUndetermined: readonly Finding[];
  readonly notCompared: readonly NotCompared[];
  /** Things a reader must know before trusting the comparison (bundles in reverse order, no computer name). */
  readonly notes: readonly string[];
}

/** Bundles of two different hosts are not compared: the answer says so instead of a diff. */
export type DiffResult =
  | { readonly kind: 'diff'; readonly diff: HostDiff }
  | {
      readonly kind: 'different-hosts';
      readonly older: DiffSide;
      readonly newer: DiffSide;
      readonly message: string;
    };
