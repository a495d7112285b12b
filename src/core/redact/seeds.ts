// Where the sensitive values of a host are: fields whose meaning says "this is a computer name, a user, a domain,
// a registry, an environment value", plus every address in any text. Collected in a fixed order (manifest, then
// files by path; the model in field order) so that the same input always gets the same pseudonyms.
import { isCheckFile } from '../../shared/checks';
import { probeForFile, type RawBundle } from '../../shared/bundle';
import type { HostModel } from '../../shared/model';
import { decodeText } from '../bundle/decode';
import { JsonHeapBudget, parseJson } from '../bundle/json';
import { parseManifest } from '../bundle/manifest';
import { findAddresses } from './addresses';
import type { RedactionSeed } from './redactor';

// Accounts and profile folders every Windows host has: they identify no one, and the isolation walkthrough
// relies on reading `ContainerAdministrator` (knowledge notes section 2).
const WELL_KNOWN_USERS = new Set([
  'public',
  'default',
  'default user',
  'all users',
  'containeradministrator',
  'containeruser',
  'system',
  'localsystem',
  'local service',
  'localservice',
  'network service',
  'networkservice',
  'administrator',
  'administrators',
  'users',
  'guest',
]);
const WELL_KNOWN_DOMAINS = new Set([
  'nt authority',
  'nt service',
  'builtin',
  'window manager',
  'font driver host',
  'user manager',
  'nt virtual machine',
  'iis apppool',
  'workgroup',
  // What Windows names a network it cannot identify (connection profiles), on every host.
  'unidentified network',
  '.',
  'user manager',
]);
// Registries anyone can name without revealing anything about the host's owner.
const PUBLIC_REGISTRIES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'mcr.microsoft.com',
  'ghcr.io',
  'quay.io',
  'gcr.io',
  'registry.k8s.io',
  'public.ecr.aws',
  'localhost',
]);

// An e-mail address names a person (and their domain) wherever it turns up: labels, owners, descriptions. The
// lookbehind starts a match only where a run of name characters starts, which keeps the scan linear.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;
// `C:\Users\bob`, `C:/Users/bob` and Git Bash's `/c/Users/dave` name the same person (issue 17, item 6).
const PROFILE_PATH = /[\\/]Users[\\/]([^\\/"<>|:*?\r\n\t]+?)(?=[\\/]|$|["'\s;,])/gi;
// The server of a UNC path (`\\fileserver01\share`); `\\.\pipe` and `\\?\C:` start with no name and are skipped.
const UNC_SERVER = /(?<![\\\w])\\\\([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*)(?=\\)/g;
// A dotted name; kept when its domain is one of the host's (or an internal suffix), so `sql01.corp.contoso.com`
// goes while `mcr.microsoft.com` and `Contoso.Api.dll` stay readable. Starts only where a name starts: linear.
const DOTTED_NAME =
  /(?<![\w.-])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*(?![\w-])/g;
const REVERSE_DNS_FIRST = new Set([
  'com',
  'org',
  'net',
  'io',
  'de',
  'uk',
  'fr',
  'nl',
  'ch',
  'at',
  'eu',
  'us',
]);
const INTERNAL_SUFFIXES = new Set([
  'local',
  'lan',
  'internal',
  'intranet',
  'corp',
  'localdomain',
  'home',
  'ad',
]);
// `DOMAIN\user` in a command line (`runas /user:CONTOSO\svc-sql`), kept when DOMAIN is a known domain or host;
// not a group policy store (`contoso.com\SRV - Firewall Baseline`), whose name goes on after ` - `.
const ACCOUNT = /(?<![\w\\.-])([A-Za-z][\w.-]{0,62})\\([A-Za-z0-9][\w.-]*\$?)(?![\w\\]|\s+-\s)/g;
// Fields that hold a MAC written without separators (`PermanentAddress: 00155D010203`), which no pattern can
// tell from a container's short id; seeded from the field, then searched as a word.
const MAC_KEYS = new Set(['macaddress', 'permanentaddress', 'physicaladdress', 'mac']);
// Docker's labels naming a swarm service or stack (`payroll-api`): seeded so its task containers' pseudonyms
// are not undone by the service name beside them (issue 17, item 6).
const SERVICE_LABELS = new Set(['com.docker.swarm.service.name', 'com.docker.stack.namespace']);

/** Collects seeds without duplicates, in first-seen order. */
class SeedList {
  private readonly seen = new Set<string>();
  readonly items: RedactionSeed[] = [];
  /** Lower-case domains, organisation labels and host names met so far: what makes `X\\user` or `a.X` a value. */
  private readonly domains = new Set<string>();
  private readonly hosts = new Set<string>();

  add(kind: RedactionSeed['kind'], raw: string | null | undefined): void {
    const value = raw?.trim();
    if (!value) return;
    const key = `${kind}\u0000${kind === 'env' || kind === 'container' || kind === 'service' ? value : value.toLowerCase()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ kind, value });
  }

  /** A host name, split into host and domain when fully qualified (`node1.corp.example` -> node1, corp.example). */
  hostName(raw: string | null | undefined): void {
    const value = raw?.trim();
    if (!value || findAddresses(value).length > 0) return;
    // A container's Hostname defaults to its short id: that is not a name anyone chose.
    if (/^[0-9a-f]{12}$/.test(value)) return;
    const dot = value.indexOf('.');
    const host = dot > 0 && dot < value.length - 1 ? value.slice(0, dot) : value;
    this.add('host', host);
    this.hosts.add(host.toLowerCase());
    if (host !== value) this.domain(value.slice(dot + 1));
  }

  domain(raw: string | null | undefined): void {
    const value = raw?.trim();
    if (!value || WELL_KNOWN_DOMAINS.has(value.toLowerCase()) || findAddresses(value).length > 0) return;
    this.add('domain', value);
    this.domains.add(value.toLowerCase());
    // The organisation's own label (`contoso` of `corp.contoso.com`) names it in rule names, file names and
    // labels (`Contoso - Allow RDP`, `Contoso.Api.dll`): it is replaced wherever it stands as a word.
    const org = organisationLabel(value);
    if (org !== null) {
      this.add('domain', org);
      this.domains.add(org);
    }
  }

  /** A dotted name in free text that is a host of one of the known domains (or of an internal suffix). */
  private dottedName(name: string): void {
    const lower = name.toLowerCase();
    if (this.domains.has(lower) || findAddresses(name).length > 0) return;
    const labels = lower.split('.');
    const dot = lower.indexOf('.');
    const domain = lower.slice(dot + 1);
    // Reverse-DNS names (`com.contoso.team`, a label key) are no host: they start with a top-level label.
    if (REVERSE_DNS_FIRST.has(labels[0]!)) return;
    const known =
      INTERNAL_SUFFIXES.has(labels.at(-1)!) ||
      labels.slice(1).some((_, i) => this.domains.has(labels.slice(i + 1).join('.'))) ||
      (labels.length >= 3 && this.domains.has(organisationLabel(domain) ?? ''));
    // Seeded whole (`sql01.corp.contoso.com` -> host-3): its first label alone may be a word (`registry`, `api`).
    if (known && !this.seen.has(`registry\u0000${lower}`)) this.add('host', name);
  }

  /** `DOMAIN\user`, `user@domain` or a bare user name. */
  account(raw: string | null | undefined): void {
    const value = raw?.trim();
    if (!value) return;
    const slash = value.lastIndexOf('\\');
    const at = value.indexOf('@');
    let user = value;
    if (slash !== -1) {
      // A virtual account (`NT VIRTUAL MACHINE\<vm id>`, `NT SERVICE\docker`) names a VM or a service, no one; the
      // VM id must stay for the isolation walkthrough to find the container's worker process. `.\bob` is a person.
      const owner = value.slice(0, slash).trim().toLowerCase();
      if (owner !== '.' && WELL_KNOWN_DOMAINS.has(owner)) return;
      this.domain(value.slice(0, slash));
      user = value.slice(slash + 1);
    } else if (at > 0) {
      this.domain(value.slice(at + 1));
      user = value.slice(0, at);
    }
    // Numeric users (`1000`, `1000:1000`) and machine accounts' `$` are no people; well-known accounts stay.
    if (WELL_KNOWN_USERS.has(user.toLowerCase()) || /^[\d:]+$/.test(user)) return;
    this.add('user', user.replace(/\$$/, ''));
  }

  /** The registry part of an image reference, when it names one that is not public. */
  image(raw: string | null | undefined): void {
    const registry = imageRegistry(raw ?? '');
    if (registry === null) return;
    const host = registry.replace(/:\d+$/, '');
    if (PUBLIC_REGISTRIES.has(host.toLowerCase()) || findAddresses(host).length > 0) return;
    this.add('registry', host);
  }

  /**
   * Texts scanned so far, with the number of known domains and hosts at the time. A model repeats its strings
   * (5.7 million strings, 112,000 distinct on a 1,000-container host): scanning one again finds nothing new
   * unless a domain or host met since makes one of its accounts or dotted names a value.
   */
  private readonly scanned = new Map<string, number>();

  /** Every address, user-profile folder, UNC server, account and host of a known domain in a piece of free text. */
  scan(text: string): void {
    // Both sets only grow, so their sizes' sum changes exactly when what decides a match has changed. The count
    // before the scan is kept: a scan that found a domain is repeated on the text's next occurrence, as before.
    const known = this.domains.size + this.hosts.size;
    if (this.scanned.get(text) === known) return;
    this.scanText(text);
    this.scanned.set(text, known);
  }

  private scanText(text: string): void {
    const backslash = text.includes('\\');
    if (backslash || /users\//i.test(text))
      for (const match of text.matchAll(PROFILE_PATH)) this.account(match[1]);
    if (text.includes('@')) for (const match of text.matchAll(EMAIL)) this.account(match[0]);
    if (backslash) {
      for (const match of text.matchAll(UNC_SERVER)) this.hostName(match[1]);
      for (const match of text.matchAll(ACCOUNT)) {
        const owner = match[1]!.toLowerCase();
        if (this.domains.has(owner) || this.hosts.has(owner)) this.account(match[0]);
      }
    }
    if (text.includes('.')) for (const match of text.matchAll(DOTTED_NAME)) this.dottedName(match[0]);
    for (const address of findAddresses(text)) this.add(address.kind, address.key);
  }
}

// Second-level labels under which organisations register (`contoso.co.uk`), and labels too generic to name one.
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc', 'ne', 'or', 'go']);
const GENERIC_LABELS = new Set([
  'corp',
  'local',
  'localdomain',
  'internal',
  'intranet',
  'lan',
  'home',
  'ad',
  'domain',
  'example',
  'test',
  'localhost',
  'www',
]);

/** `corp.contoso.com` -> `contoso`; null for a single label or a generic one. */
export function organisationLabel(domain: string): string | null {
  const labels = domain
    .toLowerCase()
    .split('.')
    .filter((l) => l !== '');
  if (labels.length < 2) return null;
  const tldIndex = labels.length - 1;
  const index = labels.length >= 3 && SECOND_LEVEL.has(labels[tldIndex - 1]!) ? tldIndex - 2 : tldIndex - 1;
  const label = labels[index]!;
  return label.length >= 3 && !GENERIC_LABELS.has(label) && !/^\d+$/.test(label) ? label : null;
}

/** The registry of an image reference (`reg.corp:5000/team/app:1` -> `reg.corp:5000`), or null for Docker Hub. */
export function imageRegistry(image: string): string | null {
  const slash = image.indexOf('/');
  if (slash <= 0) return null;
  const first = image.slice(0, slash);
  // Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : null;
}

// ---- raw bundle --------------------------------------------------------------------------------------------

/** Called for every property: its key, value, and the keys of its parent and grandparent objects (lower case). */
type Visit = (key: string, value: unknown, parent: string | null, grandparent: string | null) => void;

function walk(
  value: unknown,
  visit: Visit,
  parent: string | null = null,
  grandparent: string | null = null,
): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit, parent, grandparent);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      visit(key, child, parent, grandparent);
      if (child !== null && typeof child === 'object') walk(child, visit, key.toLowerCase(), parent);
    }
  }
}

/**
 * Fields that hold one host name: seeded as hosts here, replaced whole in the redacted bundle, even a name that is
 * also a word the text search keeps.
 */
export const HOST_KEYS: ReadonlySet<string> = new Set([
  'computername',
  'csname',
  'pscomputername',
  'dnshostname',
  'hostname',
  'machinename',
  'nodename',
]);
const DOMAIN_KEYS = new Set([
  'domain',
  'domainname',
  'dnsdomain',
  'dnssuffix',
  'dnsdomainname',
  'userdomain',
]);
/** Fields that hold an account name: seeded as users here, replaced whole in the redacted bundle. */
export const ACCOUNT_KEYS: ReadonlySet<string> = new Set([
  'user',
  'username',
  'owner',
  'account',
  'startname',
  'runas',
  'runasuser',
  'useraccount',
  'registereduser',
  'registeredowner',
]);
const REGISTRY_LIST_KEYS = new Set([
  'insecure-registries',
  'registry-mirrors',
  'allow-nondistributable-artifacts',
]);

/** `NAME=value` entries of a Docker environment; the part after `=`. */
export function envValue(entry: string): string | null {
  const eq = entry.indexOf('=');
  return eq === -1 ? null : entry.slice(eq + 1);
}

/** Seeds from one parsed JSON file of a bundle. */
function seedsFromJson(file: string, root: unknown, seeds: SeedList): void {
  if (file === 'docker/info.json' && root !== null && typeof root === 'object' && !Array.isArray(root)) {
    const name = (root as Record<string, unknown>).Name ?? (root as Record<string, unknown>).name;
    if (typeof name === 'string') seeds.hostName(name);
  }
  walk(root, (key, value, parent, grandparent) => {
    const k = key.toLowerCase();
    if (typeof value === 'string') {
      if (HOST_KEYS.has(k)) seeds.hostName(value);
      else if (DOMAIN_KEYS.has(k)) seeds.domain(value);
      else if (ACCOUNT_KEYS.has(k)) seeds.account(value);
      else if (k === 'image') seeds.image(value);
      else if (MAC_KEYS.has(k) && /^[0-9A-Fa-f]{12}$/.test(value)) seeds.add('mac', value);
      else if (SERVICE_LABELS.has(k)) seeds.add('service', value);
      else if (k === 'name' && file === 'docker/swarm/services.json' && parent === 'spec')
        seeds.add('service', value);
      // The container's own name (inspect `Name`, `/web`) and its entry in a network's container list.
      else if (
        k === 'name' &&
        (file === 'docker/containers.json' ? parent === null : grandparent === 'containers')
      ) {
        seeds.add('container', value.replace(/^\//, ''));
      } else if (k === 'name' && file === 'host/connection-profiles.json') {
        seeds.domain(value); // the network a domain-joined interface is on is named after the domain
      }
    } else if (Array.isArray(value)) {
      if (k === 'env')
        for (const entry of value) if (typeof entry === 'string') seeds.add('env', envValue(entry));
      // An image's tags (docker/images.json) are image references.
      if (k === 'repotags') for (const entry of value) if (typeof entry === 'string') seeds.image(entry);
      if (REGISTRY_LIST_KEYS.has(k)) {
        for (const entry of value)
          if (typeof entry === 'string')
            seeds.image(`${entry.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '')}/x`);
      }
    }
  });
}

function forEachString(value: unknown, each: (text: string) => void): void {
  if (typeof value === 'string') each(value);
  else if (Array.isArray(value)) for (const item of value) forEachString(item, each);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      each(key);
      forEachString(child, each);
    }
  }
}

/** The manifest and the files a probe of the catalogue owns: the only files redaction reads or writes. */
export function isBundleFile(file: string): boolean {
  return file === 'manifest.json' || probeForFile(file) !== null || isCheckFile(file);
}

/** The files of a bundle in the order seeds are taken: the manifest first, then by path. */
export function bundleFileOrder(raw: RawBundle): string[] {
  return [...raw.files.keys()].sort((a, b) =>
    a === 'manifest.json' ? -1 : b === 'manifest.json' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
}

/** Every sensitive value in a raw bundle: named fields of its JSON files, then addresses and profile paths anywhere. */
export function seedsFromBundle(raw: RawBundle): RedactionSeed[] {
  const seeds = new SeedList();
  const texts: { file: string; text: string; json: unknown }[] = [];
  // Only the files a probe owns are parsed, under the bundle's heap budget (issue 17, defect 1): an extra
  // 300 MiB JSON kept `report` parsing for minutes. Every other file is still scanned as text.
  const listed = probeListedFiles(raw);
  const budget = new JsonHeapBudget();
  for (const file of bundleFileOrder(raw)) {
    // A file no probe owns is never read (issue 17, item 1: a 300 MiB extra JSON must cost nothing); the redacted
    // bundle and the report leave it out too.
    if (!isBundleFile(file)) continue;
    const { text } = decodeText(raw.files.get(file)!);
    const owned = file === 'manifest.json' || listed.has(file) || probeForFile(file) !== null;
    const parsed = owned && file.toLowerCase().endsWith('.json') ? parseJson(text, undefined, budget) : null;
    texts.push({ file, text, json: parsed?.kind === 'ok' ? parsed.value : undefined });
  }
  // Named fields first, so that names get the low numbers whatever file an address turns up in.
  for (const { file, json } of texts) if (json !== undefined) seedsFromJson(file, json, seeds);
  for (const { text, json } of texts) {
    if (json !== undefined) forEachString(json, (s) => seeds.scan(s));
    else seeds.scan(text);
  }
  return seeds.items;
}

/** Files the manifest's probes list (a newer collector's probes included); none where the manifest is unreadable. */
function probeListedFiles(raw: RawBundle): ReadonlySet<string> {
  const bytes = raw.files.get('manifest.json');
  if (bytes === undefined) return new Set();
  try {
    return new Set(parseManifest(decodeText(bytes).text, raw.source).probes.flatMap((p) => p.files ?? []));
  } catch {
    return new Set();
  }
}

// ---- host model --------------------------------------------------------------------------------------------

/** Every sensitive value in a host model (which holds no environment values). */
export function seedsFromModel(model: HostModel): RedactionSeed[] {
  const seeds = new SeedList();
  seeds.hostName(model.computerName);
  if (model.host.kind === 'known') seeds.hostName(model.host.value.computerName);
  if (model.engine.kind === 'known') seeds.hostName(model.engine.value.name);
  if (model.swarmNodes.kind === 'known')
    for (const node of model.swarmNodes.value) seeds.hostName(node.hostname);
  if (model.containers.kind === 'known') {
    for (const container of model.containers.value) {
      seeds.add('container', container.name.replace(/^\//, ''));
      seeds.image(container.image);
    }
  }
  if (model.networks.kind === 'known') {
    for (const network of model.networks.value)
      for (const c of network.containers) seeds.add('container', c.name?.replace(/^\//, ''));
  }
  if (model.swarmServices.kind === 'known')
    for (const service of model.swarmServices.value) {
      seeds.add('service', service.name);
      seeds.image(service.image);
    }
  if (model.containers.kind === 'known')
    for (const container of model.containers.value) seeds.add('service', container.swarm?.serviceName);
  // Process owners (Get-Process -IncludeUserName): `DOMAIN\user` names people.
  if (model.processes.kind === 'known') for (const p of model.processes.value) seeds.account(p.userName);
  forEachString(model, (s) => seeds.scan(s));
  return seeds.items;
}
