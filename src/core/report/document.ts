// The report as data: everything an admin hands to a colleague or a support ticket, built once from the host
// model and the diagnosis, then rendered to HTML, Markdown or JSON. The JSON rendering is this object as is.
import type {
  ExplanationJson,
  FindingJson,
  Hop,
  InspectResult,
  IsolationComparison,
  IsolationOverview,
  Severity,
  Verdict,
} from '../../shared/diagnosis';
import type { ProbeOutcome } from '../../shared/model';
import type { BuildCapability } from '../../shared/views';
import type { RedactionSummary } from '../redact';

export const REPORT_SCHEMA = 'hostscope-report';
/** Bumped when a field is renamed or removed; adding fields keeps the version (like the diagnosis contract). */
export const REPORT_SCHEMA_VERSION = 1;

export type ReportDetail = 'problems' | 'all';

export interface ReportHost {
  readonly computerName: string | null;
  readonly os: {
    readonly caption: string | null;
    readonly version: string | null;
    readonly build: number | null;
    readonly ubr: number | null;
    readonly edition: string | null;
    readonly installationType: string | null;
    readonly features: readonly string[];
    /** LastBootUpTime (bundle 1.1): "after a restart" is visible; null where not collected. */
    readonly lastBootUpTime: string | null;
  } | null;
  readonly engine: {
    readonly version: string | null;
    readonly apiVersion: string | null;
    readonly defaultIsolation: string | null;
    readonly swarm: string;
  } | null;
  readonly capabilities: readonly BuildCapability[];
  /** Headline counts; null where the probe behind them gave nothing. */
  readonly counts: readonly { readonly label: string; readonly value: number | null }[];
  /** Why a part above is missing (which probe would give it). */
  readonly unknowns: readonly string[];
}

export interface ReportProbe {
  readonly id: string;
  readonly title: string;
  readonly status: ProbeOutcome['status'];
  readonly detail: string;
  readonly durationMs: number | null;
}

export interface ReportContainer {
  readonly inspect: InspectResult;
  readonly swarmService: string | null;
  /** Exit code and its meaning, restarts and health in one line (issue 13); empty where nothing is to say. */
  readonly lifecycle: string;
  /** Ids of the findings that name this container, worst first. */
  readonly findingIds: readonly string[];
}

/** One published port of one container, seen from one source. */
export interface ReachRow {
  /** In the contract's form: the report is JSON (spec section 2). */
  readonly explanation: ExplanationJson;
  /** The first hop that failed, or the first undecided one for an `unknown` verdict; null when all passed. */
  readonly decisiveHop: Hop | null;
  /** `8080 -> 80/tcp`: the host port and the container port this row is about. */
  readonly portLabel: string;
  /** The source as a reader says it, with another container named rather than given by id. */
  readonly fromLabel: string;
}

/** One outbound question of one container (issue 10): what it can reach, and where that stops. */
export interface OutboundRow {
  /** In the contract's form (spec section 4): `to` as text. */
  readonly explanation: ExplanationJson;
  /** The first hop that failed, or the first undecided one for an `unknown` verdict; null when all passed. */
  readonly decisiveHop: Hop | null;
  /** `443/tcp`: the destination port asked about. */
  readonly portLabel: string;
  /** The destination as a reader says it: `the internet`, `the host`, `container db`, an address or a name. */
  readonly toLabel: string;
}

/** Failing paths grouped by their first cause (or deciding hop), so a repeated cause is said once. */
export type PathsByCause = readonly {
  readonly cause: string;
  readonly causeId: string | null;
  readonly paths: readonly string[];
}[];

export interface ReportDocument {
  readonly schema: typeof REPORT_SCHEMA;
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly generator: { readonly name: 'hostscope'; readonly version: string };
  readonly generatedAt: string;
  readonly title: string;
  readonly bundle: {
    /** The bundle's file or folder name (no directory: paths name people and places). */
    readonly name: string;
    readonly collectedAt: string | null;
    readonly collector: string | null;
    readonly fileCount: number;
  };
  /** Container names or ids the report was limited to; empty for the whole host. */
  readonly scope: readonly string[];
  /**
   * `problems`: the details keep only containers with a finding or a failing path, and only failing paths;
   * `all`: everything. The summary and the counts always cover every path (issue 11).
   */
  readonly detail: ReportDetail;
  /** The one-page summary: every failing path, grouped by its first cause so a repeated cause is said once. */
  readonly problems: {
    readonly failingPaths: number;
    readonly byCause: PathsByCause;
    /** Failing outbound questions (issue 10), grouped the same way; kept apart so inbound counts read as before. */
    readonly failingOutbound: number;
    readonly outboundByCause: PathsByCause;
  };
  readonly host: ReportHost;
  readonly probes: {
    readonly counts: readonly { readonly status: ReportProbe['status']; readonly count: number }[];
    readonly rows: readonly ReportProbe[];
  };
  readonly findings: {
    readonly counts: readonly { readonly severity: Severity; readonly count: number }[];
    /** In the contract's JSON form: subjects as `host`, `container:<id>`, `service:<name>`. */
    readonly items: readonly FindingJson[];
  };
  readonly containers: {
    /** Null where docker/containers.json gave nothing usable; the reason is in host.unknowns. */
    readonly total: number | null;
    readonly running: number | null;
    readonly items: readonly ReportContainer[];
  };
  readonly reachability: {
    readonly counts: readonly { readonly verdict: Verdict; readonly count: number }[];
    readonly rows: readonly ReachRow[];
  };
  /**
   * What each running container can reach (issue 10): the internet, host services and containers on a shared
   * network, with the same scope rules as `reachability` (the container asking is the one in scope).
   */
  readonly outbound: {
    readonly counts: readonly { readonly verdict: Verdict; readonly count: number }[];
    readonly rows: readonly OutboundRow[];
  };
  /**
   * Issue 14: every question an active check of the bundle answered (checks/*.json), contradictions first; empty when
   * the bundle holds no check.
   */
  readonly observations: readonly ReachRow[];
  /** Process isolation next to Hyper-V isolation, where the host runs both. */
  readonly isolation: IsolationComparison | null;
  /**
   * Issue 16: for the containers the report covers, which isolation modes their images run in on this host and
   * what the other mode would change; with the default mode and the edition's limits. Null without containers.
   */
  readonly isolationOverview: IsolationOverview | null;
  /** Present when the report was redacted: what kinds were replaced, and how often. */
  readonly redaction: RedactionSummary | null;
}
