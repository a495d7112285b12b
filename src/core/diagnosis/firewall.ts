// Windows Firewall evaluation for one inbound packet (knowledge notes, section 4): block beats allow, the
// profile is the one of the arriving interface, the profile's default inbound action applies when no rule
// matches, and a group policy with AllowLocalFirewallRules false makes every local rule (HNS's too) void.

import type {
  ConnectionProfile,
  FirewallProfile,
  FirewallProfileName,
  FirewallRule,
  Known,
  Source,
} from '../../shared/model';
import { addressInEntry, isAnyAddress, rangeCoverage } from './addresses';
import { missingNote } from './known';

export const PROFILE_NAMES: readonly FirewallProfileName[] = ['domain', 'private', 'public'];

/** The packet a question is about. */
export interface InboundTraffic {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** Addresses it is sent to, for rules scoped by LocalAddress; null where they cannot be told. */
  readonly destinations: readonly string[] | null;
  /** Addresses or networks (`10.0.0.0/24`) it comes from, for rules scoped by RemoteAddress; null where unknown. */
  readonly sources: readonly string[] | null;
  /** Program receiving it on the host (`dockerd.exe`); null for traffic forwarded into a container. */
  readonly program: string | null;
}

/** Rules matching one packet in one profile; a rule scoped to some clients or addresses is in a `Some` list. */
export interface RuleMatches {
  readonly block: readonly FirewallRule[];
  readonly blockSome: readonly FirewallRule[];
  readonly allow: readonly FirewallRule[];
  readonly allowSome: readonly FirewallRule[];
  readonly disabledAllow: readonly FirewallRule[];
}

export interface FirewallIndex {
  readonly inboundRules: number;
  match(traffic: InboundTraffic, profile: FirewallProfileName): RuleMatches;
  /** Inbound rules, enabled or not, whose LocalPort list names this port (any-port rules are left out). */
  rulesNaming(protocol: 'tcp' | 'udp', port: number): readonly FirewallRule[];
}

type Category = keyof RuleMatches;
type Scope = 'all' | 'some';

interface IndexedRule {
  readonly rule: FirewallRule;
  readonly protocol: 'any' | 'tcp' | 'udp' | 'other';
  readonly profiles: number;
  readonly program: string | null;
  readonly localAny: boolean;
  readonly remoteAny: boolean;
  /** RemotePort is Any: a rule naming remote ports matches only clients sending from those ports. */
  readonly remotePortAny: boolean;
  readonly policy: boolean;
  /** Remote addresses that cover a client elsewhere on the host's LAN (LocalSubnet, Intranet). */
  readonly remoteLan: boolean;
}

/** Rules kept per category and store: enough for evidence, bounded whatever the host holds. */
const KEEP = 12;
const BUCKET = 1024;
const MAX_PORT = 65535;
const PROFILE_BIT: Readonly<Record<FirewallProfileName, number>> = { domain: 1, private: 2, public: 4 };
/** Remote address keywords that cover a client elsewhere on the host's LAN. */
const LAN_KEYWORDS = /^(localsubnet|localsubnet4|intranet|intranetremoteaccess)$/i;

/**
 * A rule from a group policy, as opposed to a local one (persistent store, or dynamic rules like HNS's).
 * GPO stores are named `<domain>\<GPO>`, `GroupPolicy`, `RSOP` or `localhost` (local GPO).
 */
export function isPolicyRule(rule: FirewallRule): boolean {
  const store = rule.policyStoreSource;
  return store !== null && (store.includes('\\') || /^(grouppolicy|rsop|localhost)$/i.test(store.trim()));
}

function protocolOf(protocol: string): IndexedRule['protocol'] {
  const p = protocol.trim().toLowerCase();
  if (p === 'any' || p === '' || p === '256') return 'any';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  return 'other';
}

function basename(path: string): string {
  const parts = path.trim().toLowerCase().split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

function indexed(rule: FirewallRule): IndexedRule {
  const program =
    rule.program === null || /^(any|\*)?$/i.test(rule.program.trim()) ? null : basename(rule.program);
  return {
    rule,
    protocol: protocolOf(rule.protocol),
    profiles: rule.profiles.reduce((bits, p) => bits | PROFILE_BIT[p], 0),
    program,
    localAny: isAnyAddress(rule.localAddresses),
    remoteAny: isAnyAddress(rule.remoteAddresses),
    remotePortAny: rule.remotePorts.kind === 'any',
    policy: isPolicyRule(rule),
    remoteLan: rule.remoteAddresses.some((a) => LAN_KEYWORDS.test(a.trim())),
  };
}

/** Whether a local address filter holds one of the given addresses: all, some (cannot be told), or none. */
function filterScope(entries: readonly string[], addresses: readonly string[]): Scope | null {
  let undecided = false;
  for (const entry of entries) {
    for (const address of addresses) {
      const inside = addressInEntry(address, entry);
      if (inside === true) return 'all';
      if (inside === null) undecided = true;
    }
  }
  return undecided ? 'some' : null;
}

/** Whether a remote address filter covers the sources (addresses or whole networks): all, some, or none. */
function sourceScope(entries: readonly string[], sources: readonly string[]): Scope | null {
  let undecided = false;
  for (const source of sources) {
    const coverage = rangeCoverage(entries, source);
    if (coverage === 'all') return 'all';
    if (coverage === null) undecided = true;
  }
  return undecided ? 'some' : null;
}

function scopeOf(ir: IndexedRule, traffic: InboundTraffic, bit: number): Scope | null {
  if ((ir.profiles & bit) === 0) return null;
  if (ir.protocol !== 'any' && ir.protocol !== traffic.protocol) return null;
  if (ir.program !== null && (traffic.program === null || ir.program !== traffic.program.toLowerCase()))
    return null;
  // An inbound client sends from a port of its own choosing (ephemeral): a RemotePort filter holds some clients.
  let scope: Scope = ir.remotePortAny ? 'all' : 'some';
  if (!ir.localAny) {
    const local =
      traffic.destinations === null ? 'some' : filterScope(ir.rule.localAddresses, traffic.destinations);
    if (local === null) return null;
    if (local === 'some') scope = 'some';
  }
  if (!ir.remoteAny) {
    // LocalSubnet-like keywords cover a client on the LAN; otherwise the sources decide, where they are known.
    const remote = ir.remoteLan
      ? 'all'
      : traffic.sources === null
        ? 'some'
        : sourceScope(ir.rule.remoteAddresses, traffic.sources);
    if (remote === null) return null;
    if (remote === 'some') scope = 'some';
  }
  return scope;
}

function categoryOf(rule: FirewallRule, scope: Scope): Category {
  if (!rule.enabled) return 'disabledAllow';
  if (rule.action === 'block') return scope === 'all' ? 'block' : 'blockSome';
  return scope === 'all' ? 'allow' : 'allowSome';
}

class MatchCollector {
  private readonly lists: Record<Category, FirewallRule[]> = {
    block: [],
    blockSome: [],
    allow: [],
    allowSome: [],
    disabledAllow: [],
  };
  private readonly counts = new Map<string, number>();

  add(rule: FirewallRule, scope: Scope, policy: boolean): void {
    if (!rule.enabled && rule.action === 'block') return;
    const category = categoryOf(rule, scope);
    const key = `${category}|${policy}`;
    const n = this.counts.get(key) ?? 0;
    if (n >= KEEP) return;
    this.counts.set(key, n + 1);
    this.lists[category].push(rule);
  }

  consider(ir: IndexedRule, traffic: InboundTraffic, bit: number): void {
    const scope = scopeOf(ir, traffic, bit);
    if (scope) this.add(ir.rule, scope, ir.policy);
  }

  addAll(other: RuleMatches): void {
    for (const category of Object.keys(this.lists) as Category[]) {
      for (const rule of other[category])
        this.add(
          rule,
          category === 'blockSome' || category === 'allowSome' ? 'some' : 'all',
          isPolicyRule(rule),
        );
    }
  }

  result(): RuleMatches {
    return this.lists;
  }
}

/** Rules whose port list holds one port, split by whether their match depends on the destination address. */
interface PortRules {
  readonly all: readonly IndexedRule[];
  readonly localAny: readonly IndexedRule[];
  readonly localScoped: readonly IndexedRule[];
}

/** Memo tables are dropped when they grow past this: a bound on memory whatever the questions asked. */
const MEMO_LIMIT = 8192;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * Indexes inbound rules by port so that a question costs the rules of that port, not all of them: single
 * ports in a map, ranges in 1024-port buckets, any-port rules apart. What does not depend on the destination
 * address is remembered per (protocol, port, profile, sources, program): a host where every container has an
 * HNS rule on port 80 then costs one pass over those rules, not one per container.
 */
export function indexFirewallRules(rules: readonly FirewallRule[]): FirewallIndex {
  const byPort = new Map<number, IndexedRule[]>();
  const byBucket = new Map<number, IndexedRule[]>();
  const anyPortPlain: IndexedRule[] = [];
  const anyPortRemoteScoped: IndexedRule[] = [];
  const anyPortLocalScoped: IndexedRule[] = [];
  const anyPortByProgram = new Map<string, IndexedRule[]>();
  const push = <K>(map: Map<K, IndexedRule[]>, key: K, ir: IndexedRule): void => {
    const list = map.get(key);
    if (list) list.push(ir);
    else map.set(key, [ir]);
  };
  let inbound = 0;
  for (const rule of rules) {
    if (rule.direction !== 'inbound') continue;
    inbound++;
    const ir = indexed(rule);
    if (ir.protocol === 'other' || ir.profiles === 0) continue;
    const ports = rule.localPorts;
    if (ports.kind === 'any') {
      if (ir.program !== null) push(anyPortByProgram, ir.program, ir);
      else if (!ir.localAny) anyPortLocalScoped.push(ir);
      else if (!(ir.remoteAny || ir.remoteLan)) anyPortRemoteScoped.push(ir);
      else anyPortPlain.push(ir);
      continue;
    }
    // Keywords (RPC, IPHTTPS, Teredo ...) name ports that are never a container's; only numbers are indexed.
    // Ranges are clipped to real ports: a hostile `1-99999999999` must not make billions of buckets.
    for (const [a, b] of ports.ranges) {
      const from = Math.max(a, 0);
      const to = Math.min(b, MAX_PORT);
      if (from > to) continue;
      if (from === to) push(byPort, from, ir);
      else for (let k = Math.floor(from / BUCKET); k <= Math.floor(to / BUCKET); k++) push(byBucket, k, ir);
    }
  }

  const portMemo = new Map<number, PortRules>();
  /** Rules whose port list holds the port: the single-port map, then the ranges of its bucket. */
  const naming = (port: number): PortRules => {
    const known = portMemo.get(port);
    if (known) return known;
    const found = new Set(byPort.get(port));
    for (const ir of byBucket.get(Math.floor(port / BUCKET)) ?? []) {
      if (
        ir.rule.localPorts.kind === 'list' &&
        ir.rule.localPorts.ranges.some(([a, b]) => a !== b && port >= a && port <= b)
      )
        found.add(ir);
    }
    const all = [...found];
    return remember(portMemo, port, {
      all,
      localAny: all.filter((ir) => ir.localAny),
      localScoped: all.filter((ir) => !ir.localAny),
    });
  };

  const namingMemo = new Map<string, readonly FirewallRule[]>();
  const independentMemo = new Map<string, RuleMatches>();

  return {
    inboundRules: inbound,
    rulesNaming(protocol, port) {
      const key = `${protocol}|${port}`;
      return (
        namingMemo.get(key) ??
        remember(
          namingMemo,
          key,
          naming(port)
            .all.filter((ir) => ir.protocol === 'any' || ir.protocol === protocol)
            .map((ir) => ir.rule),
        )
      );
    },
    match(traffic, profile) {
      const bit = PROFILE_BIT[profile];
      const program = traffic.program === null ? null : basename(traffic.program);
      const programRules = program === null ? [] : (anyPortByProgram.get(program) ?? []);
      const ofPort = naming(traffic.port);
      const key = `${traffic.protocol}|${traffic.port}|${profile}|${traffic.sources?.join(',') ?? '*'}|${program ?? ''}`;
      let independent = independentMemo.get(key);
      if (!independent) {
        const collector = new MatchCollector();
        for (const ir of ofPort.localAny) collector.consider(ir, traffic, bit);
        for (const ir of anyPortRemoteScoped) collector.consider(ir, traffic, bit);
        for (const ir of programRules) if (ir.localAny) collector.consider(ir, traffic, bit);
        for (const ir of anyPortPlain) collector.consider(ir, traffic, bit);
        independent = remember(independentMemo, key, collector.result());
      }
      // Rules scoped by local address depend on where the packet goes: evaluated for each packet (few on real hosts).
      const scoped = [
        ...ofPort.localScoped,
        ...anyPortLocalScoped,
        ...programRules.filter((ir) => !ir.localAny),
      ];
      if (scoped.length === 0) return independent;
      const collector = new MatchCollector();
      collector.addAll(independent);
      for (const ir of scoped) collector.consider(ir, traffic, bit);
      return collector.result();
    },
  };
}

// ---- decisions -------------------------------------------------------------------------------

export type FirewallDecision =
  | {
      readonly kind: 'allowed';
      readonly profile: FirewallProfileName;
      readonly by: 'rule';
      readonly rules: readonly FirewallRule[];
      readonly blockSome: readonly FirewallRule[];
    }
  | {
      readonly kind: 'allowed';
      readonly profile: FirewallProfileName;
      readonly by: 'default-allow' | 'firewall-off';
    }
  | {
      readonly kind: 'blocked';
      readonly profile: FirewallProfileName;
      readonly by: 'rule';
      readonly rules: readonly FirewallRule[];
    }
  | {
      readonly kind: 'blocked';
      readonly profile: FirewallProfileName;
      readonly by: 'default-block';
      /** Allow rules that would match but are local while the profile ignores local rules. */
      readonly ignoredLocal: readonly FirewallRule[];
      readonly disabledAllow: readonly FirewallRule[];
    }
  | {
      readonly kind: 'some-clients';
      readonly profile: FirewallProfileName;
      readonly rules: readonly FirewallRule[];
    }
  | {
      readonly kind: 'unknown';
      readonly profile: FirewallProfileName;
      readonly note: string;
      readonly source: Source;
      /** Block rules that match: they block unless the undecided profile settings turn them off. */
      readonly blockRules?: readonly FirewallRule[];
    };

/** A profile's settings, with Windows' defaults for a profile the probe did not list (NotConfigured). */
export function profileSettings(
  profiles: readonly FirewallProfile[],
  name: FirewallProfileName,
): FirewallProfile {
  return (
    profiles.find((p) => p.name === name) ?? {
      name,
      enabled: null,
      defaultInboundAction: null,
      defaultOutboundAction: null,
      allowLocalFirewallRules: null,
    }
  );
}

export interface FirewallState {
  readonly rules: Known<readonly FirewallRule[]>;
  readonly profiles: Known<readonly FirewallProfile[]>;
  readonly index: FirewallIndex;
}

/**
 * The firewall's decision in one profile. `containerDefault` replaces the profile's default inbound action
 * where the container's own default applies (process isolation: deny-all on 14393, allow-all from 16299).
 */
/** The rules that apply: all of them where local rules apply (the list stands as matched), else policy rules only. */
function applying(rules: readonly FirewallRule[], localApplies: boolean): readonly FirewallRule[] {
  return localApplies ? rules : rules.filter(isPolicyRule);
}

export function decideInbound(
  state: FirewallState,
  profile: FirewallProfileName,
  traffic: InboundTraffic,
  containerDefault: 'allow' | 'block' | null = null,
): FirewallDecision {
  const settings = state.profiles.kind === 'known' ? profileSettings(state.profiles.value, profile) : null;
  if (settings?.enabled === false) return { kind: 'allowed', profile, by: 'firewall-off' };
  if (state.rules.kind === 'unknown')
    return { kind: 'unknown', profile, note: missingNote(state.rules), source: state.rules.source };
  const m = state.index.match(traffic, profile);
  if (settings === null) {
    // Profile settings can only take rules away (firewall off, local rules ignored), never add a block: an
    // allow-all default stands, but a matching block rule is only likely to apply.
    if (containerDefault === 'allow' && m.block.length === 0)
      return { kind: 'allowed', profile, by: 'default-allow' };
    const profiles = state.profiles as Extract<Known<unknown>, { kind: 'unknown' }>;
    if (m.block.length === 0)
      return { kind: 'unknown', profile, note: missingNote(profiles), source: profiles.source };
    return {
      kind: 'unknown',
      profile,
      note: `block rule "${m.block[0]!.displayName ?? m.block[0]!.name}" matches unless the profile turns the firewall or local rules off: ${missingNote(profiles)}`,
      source: profiles.source,
      blockRules: m.block,
    };
  }
  // NotConfigured means local rules apply (Get-NetFirewallProfile GpoBoolean).
  const localApplies = settings.allowLocalFirewallRules !== false;
  const block = applying(m.block, localApplies);
  if (block.length > 0) return { kind: 'blocked', profile, by: 'rule', rules: block };
  const allow = applying(m.allow, localApplies);
  if (allow.length > 0)
    return {
      kind: 'allowed',
      profile,
      by: 'rule',
      rules: allow,
      blockSome: applying(m.blockSome, localApplies),
    };
  // NotConfigured inbound action means block, Windows' default.
  if ((containerDefault ?? settings.defaultInboundAction) === 'allow')
    return { kind: 'allowed', profile, by: 'default-allow' };
  const allowSome = applying(m.allowSome, localApplies);
  if (allowSome.length > 0) return { kind: 'some-clients', profile, rules: allowSome };
  return {
    kind: 'blocked',
    profile,
    by: 'default-block',
    ignoredLocal: localApplies ? [] : [...m.allow, ...m.allowSome].filter((r) => !isPolicyRule(r)),
    disabledAllow: m.disabledAllow,
  };
}

// ---- the arriving interface ------------------------------------------------------------------

export interface ArrivingProfiles {
  readonly profiles: readonly FirewallProfileName[];
  /** The connection profiles they come from; empty where all three are assumed. */
  readonly interfaces: readonly ConnectionProfile[];
  /** Why all three profiles are considered, where they are. */
  readonly assumption: string | null;
}

/** vEthernet adapters HNS creates for container networks, as opposed to the host's own network. */
export function isContainerInterface(alias: string, networkNames: ReadonlySet<string>): boolean {
  const m = /^vEthernet \((.*)\)$/i.exec(alias.trim());
  if (!m) return false;
  const inner = (m[1] ?? '').toLowerCase();
  return inner.includes('hns internal') || inner === 'nat' || networkNames.has(inner);
}

function unique(list: readonly FirewallProfileName[]): FirewallProfileName[] {
  return PROFILE_NAMES.filter((p) => list.includes(p));
}

/** Profiles of the interfaces a client on the LAN reaches the host through. */
export function externalProfiles(
  connections: Known<readonly ConnectionProfile[]>,
  networkNames: ReadonlySet<string>,
): ArrivingProfiles {
  if (connections.kind === 'unknown') {
    return {
      profiles: PROFILE_NAMES,
      interfaces: [],
      assumption: `every profile considered: ${missingNote(connections)}`,
    };
  }
  const external = connections.value.filter(
    (c) => !isContainerInterface(c.interfaceAlias, networkNames) && !/loopback/i.test(c.interfaceAlias),
  );
  if (external.length === 0) {
    return {
      profiles: PROFILE_NAMES,
      interfaces: [],
      assumption: `every profile considered: ${connections.source.file} lists no external interface`,
    };
  }
  return { profiles: unique(external.map((c) => c.networkCategory)), interfaces: external, assumption: null };
}

/** Profiles of the container networks' host adapters, for traffic between the host and its containers. */
export function internalProfiles(
  connections: Known<readonly ConnectionProfile[]>,
  networkNames: ReadonlySet<string>,
): ArrivingProfiles {
  if (connections.kind === 'known') {
    const internal = connections.value.filter((c) => isContainerInterface(c.interfaceAlias, networkNames));
    if (internal.length > 0)
      return {
        profiles: unique(internal.map((c) => c.networkCategory)),
        interfaces: internal,
        assumption: null,
      };
  }
  return {
    profiles: PROFILE_NAMES,
    interfaces: [],
    assumption: 'every profile considered: the container adapters have no connection profile in the bundle',
  };
}

/** Port filter as Windows writes it: `Any`, `80`, `5000-5010`, `RPC`. */
export function formatPorts(rule: FirewallRule): string {
  const ports = rule.localPorts;
  if (ports.kind === 'any') return 'Any';
  return (
    [...ports.ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)), ...ports.keywords].join(',') ||
    'Any'
  );
}

/** What one rule does for a container's port, in one line. A block rule wins over any allow rule (knowledge notes section 4). */
export function ruleEffect(rule: FirewallRule): string {
  if (!rule.enabled) return 'No effect: the rule is disabled.';
  const protocol = rule.protocol === 'any' ? '' : `${rule.protocol.toUpperCase()} `;
  const what = `${rule.direction} ${protocol}port ${formatPorts(rule)}`;
  return rule.action === 'block'
    ? `Blocks ${what}; a block rule wins over every allow rule.`
    : `Allows ${what}.`;
}

/**
 * How the host firewall applies to a container of this isolation, and which profiles ignore local rules.
 * Hyper-V: Docker creates no host inbound rules and the utility VM runs its own firewall (network-isolation-security.md);
 * process: host rules match the internal port, not the published one (Windows-Containers#561); a group policy with
 * AllowLocalFirewallRules false voids the rules Docker and HNS create (Windows-Containers#203).
 */
export function containerFirewallNote(
  isolation: 'process' | 'hyperv' | null,
  profiles: readonly FirewallProfile[],
): string {
  const ignored = profiles.filter((p) => p.allowLocalFirewallRules === false).map((p) => p.name);
  const gpo =
    ignored.length === 0
      ? ''
      : ` Group policy ignores local rules on the ${ignored.join(', ')} profile${ignored.length > 1 ? 's' : ''}: the rules Docker and HNS create there have no effect (Windows-Containers#203).`;
  if (isolation === 'hyperv') {
    return `Docker creates no host inbound rules for a Hyper-V isolated container; its utility VM runs its own firewall, which allows by default (network-isolation-security.md).${gpo}`;
  }
  return `Host rules match the container's internal port, not the published host port (Windows-Containers#561). Traffic no rule matches gets the profile's default inbound action.${gpo}`;
}
