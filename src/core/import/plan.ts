// Pasted text -> the files of a bundle (bundle-v1) and a report of every block. Pure: the caller reads the
// inputs and writes the bundle (src/collect/import-bundle.ts). The originals go under imported/ with an
// index saying which converted file each block fed (issue 12).
import { splitBlocks, type Block, type ImportInput } from './blocks';
import { PARTIAL_CONTAINER_LIST, type ProbeId } from '../../shared/bundle';
import type { ImportBlockView } from '../../shared/views';
import { ipconfigHostName } from './ipconfig-labels';
import { recognise, type Output, type Recognised } from './recognisers';
import { expandSavedFile } from './saved-files';

export type { ImportInput } from './blocks';

/** Characters of all inputs together: far beyond any console paste, well under the bundle caps. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** A line longer than this is no console output (conhost lines are at most 9999 cells; JSON is indented). */
export const MAX_LINE_CHARS = 1024 * 1024;
/** Blocks in one import: each keeps its original under imported/, and a bundle holds at most 50,000 files. */
export const MAX_BLOCKS = 5_000;

/** A block as the preview shows it (ImportBlockView), plus what the plan itself needs. */
export interface BlockReport extends ImportBlockView {
  readonly kind: string;
  /** Where its original text is in the bundle. */
  readonly original: string;
}

export interface PlannedProbe {
  readonly id: string;
  readonly status: 'ok' | 'skipped';
  readonly files: readonly string[];
  readonly error?: string;
  /** What the pasted formats lack compared with the probe (the manifest entry's `partial`). */
  readonly partial?: readonly string[];
}

export interface PlannedFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ImportPlan {
  /** From --computer, a remoting prompt, docker info or ipconfig; null when none of them tells. */
  readonly computerName: string | null;
  readonly computerNameFrom: string | null;
  readonly blocks: readonly BlockReport[];
  readonly probes: readonly PlannedProbe[];
  /** Probe files only (imported/ is in `originals`). */
  readonly files: readonly PlannedFile[];
  /** imported/index.json and one imported/<block>.txt per block. */
  readonly originals: readonly PlannedFile[];
}

export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefused';
  }
}

const HTML = /^\s*(?:<!doctype html|<html\b|<head\b|<body\b)|<(?:div|span|table|pre|p|br|td)\b[^>]*>/i;

/** Inputs that are not console text become one inert block each, with the reason. */
function inertInput(input: ImportInput): string | null {
  let longest = 0;
  let start = 0;
  for (let i = 0; i <= input.text.length; i++) {
    if (i === input.text.length || input.text.charCodeAt(i) === 10) {
      longest = Math.max(longest, i - start);
      start = i + 1;
    }
  }
  if (longest > MAX_LINE_CHARS)
    return `a line of ${longest} characters: not console output (lines over ${MAX_LINE_CHARS} are not read); kept inert`;
  if (HTML.test(input.text.slice(0, 4096)))
    return 'looks like an HTML page, not console text: copy the text shown on the page (or save it as text) and import that; kept inert';
  return null;
}

const encoder = new TextEncoder();
const jsonBytes = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);

export interface PlanOptions {
  /** --computer: overrides what the paste tells. */
  readonly computerName?: string;
  /** Where the originals go: `imported` for a new bundle, a folder under it when added to a bundle. */
  readonly originalsDir?: string;
}

export function planImport(inputs: readonly ImportInput[], options: PlanOptions = {}): ImportPlan {
  const total = inputs.reduce((n, input) => n + input.text.length, 0);
  if (total > MAX_IMPORT_CHARS)
    throw new ImportRefused(
      `the text to import is ${total} characters, over the ${MAX_IMPORT_CHARS} limit; import the parts that hold command output`,
    );
  const blocks: { block: Block; recognised: Recognised }[] = [];
  for (const input of inputs.flatMap(expandSavedFile)) {
    const inert = inertInput(input);
    if (inert !== null) {
      const block: Block = {
        id: `b${blocks.length + 1}`,
        input: input.name,
        line: 1,
        command: null,
        remoteComputer: null,
        original: [input.text],
        lines: [],
        damage: [],
      };
      blocks.push({ block, recognised: inertResult(inert) });
      continue;
    }
    const split = splitBlocks(input, blocks.length + 1);
    if (blocks.length + split.length > MAX_BLOCKS)
      throw new ImportRefused(
        `the text holds more than ${MAX_BLOCKS} blocks (prompt lines or fences); import the parts that hold command output`,
      );
    for (const block of split) blocks.push({ block, recognised: recognise(block) });
  }
  return assemble(blocks, options);
}

function inertResult(reason: string): Recognised {
  return {
    kind: 'refused',
    title: 'not console text',
    rows: 0,
    outputs: [],
    warnings: [],
    partial: [],
    unused: reason,
  };
}

interface FileBuild {
  readonly probe: ProbeId;
  items: unknown[];
  text: string;
  value: unknown;
  readonly kind: Output['kind'];
  readonly from: Set<string>;
  /** Whether a full source (docker inspect) fed it; a summary source (docker ps) then adds nothing. */
  full: boolean;
}

/** Sources that carry fewer fields than another source of the same file: used only where that one is absent. */
const SUMMARY_KINDS = new Set(['docker-ps', 'docker-network-ls']);

function assemble(
  blocks: readonly { block: Block; recognised: Recognised }[],
  options: PlanOptions,
): ImportPlan {
  const files = new Map<string, FileBuild>();
  const blockFiles = new Map<string, string[]>();
  const blockWarnings = new Map<string, string[]>();
  const blockReason = new Map<string, string>();
  const partial = new Map<string, Set<string>>();
  const skipped = new Map<string, string>();
  const warn = (id: string, text: string): void =>
    void (blockWarnings.get(id) ?? blockWarnings.set(id, []).get(id)!).push(text);
  const fed = (id: string, file: string): void => {
    const list = blockFiles.get(id) ?? blockFiles.set(id, []).get(id)!;
    if (!list.includes(file)) list.push(file);
  };

  // Containers first: per-container files need the full ids docker inspect gives.
  const ordered = [...blocks].sort(
    (a, b) => Number(SUMMARY_KINDS.has(a.recognised.kind)) - Number(SUMMARY_KINDS.has(b.recognised.kind)),
  );
  const containerText: { id: string; output: Extract<Output, { kind: 'container-text' }> }[] = [];
  for (const { block, recognised } of ordered) {
    for (const output of recognised.outputs) {
      if (output.kind === 'container-text') {
        containerText.push({ id: block.id, output });
        continue;
      }
      const summary = SUMMARY_KINDS.has(recognised.kind);
      let build = files.get(output.file);
      if (build?.full && summary && output.kind === 'list') {
        // Only objects the fuller source lacks (docker ps -a lists containers docker inspect was not given).
        const ids = build.items.map(idOf).filter((id): id is string => id !== null);
        const missing = output.items.filter((item) => {
          const id = idOf(item);
          return id !== null && !ids.some((full) => full.startsWith(id));
        });
        if (missing.length === 0) {
          warn(block.id, `every object in it is in ${output.file} from a fuller source in this import`);
          continue;
        }
        warn(
          block.id,
          `${missing.length} objects are not in the fuller source: added from this block with fewer fields`,
        );
        build.items.push(...missing);
        build.from.add(block.id);
        fed(block.id, output.file);
        continue;
      }
      if (build === undefined) {
        build = {
          probe: output.probe,
          items: [],
          text: '',
          value: null,
          kind: output.kind,
          from: new Set(),
          full: !summary,
        };
        files.set(output.file, build);
      }
      if (output.kind === 'list') build.items.push(...output.items);
      else if (output.kind === 'text') build.text += output.text;
      else if (output.kind === 'object') {
        if (build.from.size > 0)
          warn(block.id, `${output.file} is in the paste twice: this later one is used`);
        build.value = output.value;
      }
      build.from.add(block.id);
      fed(block.id, output.file);
    }
    for (const p of recognised.partial) {
      // What a block lacks matters only where it fed the probe's files (or was kept because of it).
      const fedProbe = recognised.outputs.some(
        (o) =>
          o.probe === p.probe &&
          o.kind !== 'container-text' &&
          (blockFiles.get(block.id) ?? []).includes(o.file),
      );
      if (!fedProbe && recognised.unused === null) continue;
      const set = partial.get(p.probe) ?? partial.set(p.probe, new Set()).get(p.probe)!;
      set.add(`${p.missing.join(', ')}: ${p.why}`);
    }
    if (recognised.unused !== null) {
      blockReason.set(block.id, recognised.unused);
      // A probe whose output was pasted but cannot be used is recorded as skipped, with why.
      for (const probe of recognised.skippedProbes ?? []) skipped.set(probe, recognised.unused);
    }
  }
  for (const file of [
    'docker/containers.json',
    'docker/networks.json',
    'host/hns-networks.json',
    'host/hns-endpoints.json',
  ])
    dedupeById(files.get(file));

  const containers = (files.get('docker/containers.json')?.items ?? []) as readonly Record<string, unknown>[];
  // docker inspect lists the containers it was given: without docker ps -a beside it, others may exist unseen.
  const listedAll = blocks.some(
    ({ recognised, block }) =>
      recognised.kind === 'docker-ps' && /\s(?:-a|--all)\b/.test(block.command ?? ''),
  );
  for (const { block, recognised } of blocks)
    if (
      recognised.kind === 'docker-inspect' &&
      !listedAll &&
      recognised.outputs.some((o) => o.probe === 'docker.containers')
    ) {
      warn(
        block.id,
        'docker inspect shows only the containers it was given: a container not named here is unknown, and a WinNAT mapping or endpoint that looks orphaned may belong to it (paste `docker ps -a` too)',
      );
      // The manifest says so too: rules that need every container (a mapping or endpoint no container holds)
      // then answer unknown instead of a stale or orphan finding (issue 12, item 4).
      const set =
        partial.get('docker.containers') ??
        partial.set('docker.containers', new Set()).get('docker.containers')!;
      set.add(
        `${PARTIAL_CONTAINER_LIST}: docker inspect shows only the containers it was given, and no \`docker ps -a\` was pasted`,
      );
    }
  for (const { id, output } of containerText) {
    const fullId = resolveContainer(containers, output.container);
    if (fullId === null) {
      blockReason.set(
        id,
        `container "${output.container}" is not in a pasted docker inspect, so its full id (the folder it belongs in) is unknown; paste \`docker inspect ${output.container}\` too`,
      );
      continue;
    }
    const file = output.template.replace('{id}', fullId);
    const build =
      files.get(file) ??
      files
        .set(file, {
          probe: output.probe,
          items: [],
          text: '',
          value: null,
          kind: 'text',
          from: new Set(),
          full: true,
        })
        .get(file)!;
    build.text += output.text;
    build.from.add(id);
    fed(id, file);
  }

  const planned: PlannedFile[] = [...files].map(([path, build]) => ({
    path,
    bytes:
      build.kind === 'list'
        ? jsonBytes(build.items)
        : build.kind === 'object'
          ? jsonBytes(build.value)
          : encoder.encode(build.text),
  }));

  const probes = new Map<string, { files: string[] }>();
  for (const [path, build] of files)
    (probes.get(build.probe) ?? probes.set(build.probe, { files: [] }).get(build.probe)!).files.push(path);
  const plannedProbes: PlannedProbe[] = [
    ...[...probes].map(([id, p]): PlannedProbe => {
      const missing = partial.get(id);
      return {
        id,
        status: 'ok',
        files: p.files,
        ...(missing && missing.size > 0 ? { partial: [...missing] } : {}),
      };
    }),
    ...[...skipped]
      .filter(([id]) => !probes.has(id))
      .map(([id, reason]): PlannedProbe => {
        const missing = partial.get(id);
        return {
          id,
          status: 'skipped',
          files: [],
          error: `imported, not used: ${reason}`,
          ...(missing ? { partial: [...missing] } : {}),
        };
      }),
  ];

  const dir = options.originalsDir ?? 'imported';
  const reports: BlockReport[] = blocks.map(({ block, recognised }) => {
    const used = blockFiles.get(block.id) ?? [];
    const reason = blockReason.get(block.id) ?? (used.length === 0 ? 'nothing in it was used' : null);
    return {
      id: block.id,
      input: block.input,
      line: block.line,
      command: block.command,
      kind: recognised.kind,
      title: recognised.title,
      rows: recognised.rows,
      status: used.length > 0 ? 'converted' : 'kept',
      reason: used.length > 0 ? null : reason,
      warnings: [
        ...block.damage.map((d) => `repaired: ${d}`),
        ...recognised.warnings,
        ...(blockWarnings.get(block.id) ?? []),
      ],
      files: used,
      original: `${dir}/${block.id}.txt`,
    };
  });

  const named = computerName(blocks, files, options);
  const originals: PlannedFile[] = [
    {
      path: `${dir}/index.json`,
      bytes: jsonBytes({
        format: 'hostscope-import',
        version: 1,
        computerNameFrom: named.from,
        blocks: reports,
        files: Object.fromEntries([...files].map(([path, build]) => [path, [...build.from]])),
      }),
    },
    ...blocks.map(({ block }) => ({
      path: `${dir}/${block.id}.txt`,
      bytes: encoder.encode(`${block.original.join('\n')}\n`),
    })),
  ];
  return {
    computerName: named.name,
    computerNameFrom: named.from,
    blocks: reports,
    probes: plannedProbes,
    files: planned,
    originals,
  };
}

function idOf(item: unknown): string | null {
  const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : null;
  const id = record?.['Id'] ?? record?.['ID'];
  return typeof id === 'string' ? id.toLowerCase() : null;
}

/** One item per id (`Id` or `ID`, any case): where two blocks show the same object, the fuller one stays. */
function dedupeById(build: FileBuild | undefined): void {
  if (build === undefined) return;
  const kept = new Map<string, unknown>();
  const order: unknown[] = [];
  for (const item of build.items) {
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : null;
    const id = record?.['Id'] ?? record?.['ID'];
    if (typeof id !== 'string') {
      order.push(item);
      continue;
    }
    const key = id.toLowerCase();
    const before = kept.get(key) as Record<string, unknown> | undefined;
    if (before === undefined) order.push(key);
    if (before === undefined || Object.keys(record!).length > Object.keys(before).length) kept.set(key, item);
  }
  build.items = order.map((entry) =>
    typeof entry === 'string' && kept.has(entry) ? kept.get(entry) : entry,
  );
}

/** A container named as docker accepts it: its name (with or without `/`), its full id, or a unique id prefix. */
function resolveContainer(containers: readonly Record<string, unknown>[], ref: string): string | null {
  const wanted = ref.toLowerCase().replace(/^\//, '');
  const ids = containers.map((c) => ({
    id: String(c['Id'] ?? '').toLowerCase(),
    name: String(c['Name'] ?? '')
      .replace(/^\//, '')
      .toLowerCase(),
  }));
  const byName = ids.find((c) => c.name === wanted);
  if (byName && byName.id.length === 64) return byName.id;
  const byPrefix = ids.filter((c) => c.id.length === 64 && c.id.startsWith(wanted));
  return wanted.length >= 4 && byPrefix.length === 1 ? byPrefix[0]!.id : null;
}

function computerName(
  blocks: readonly { block: Block; recognised: Recognised }[],
  files: ReadonlyMap<string, FileBuild>,
  options: PlanOptions,
): { name: string | null; from: string | null } {
  if (options.computerName !== undefined && options.computerName.trim() !== '')
    return { name: options.computerName.trim(), from: '--computer' };
  const remote = blocks.find(({ block }) => block.remoteComputer !== null)?.block.remoteComputer;
  if (remote) return { name: remote, from: 'a remoting prompt' };
  const info = files.get('docker/info.json')?.value as { Name?: unknown } | undefined;
  if (info && typeof info.Name === 'string' && info.Name !== '')
    return { name: info.Name, from: 'docker info' };
  for (const { block } of blocks) {
    const host = ipconfigHostName(block.lines);
    if (host && block.command !== null && !/docker .*exec/i.test(block.command))
      return { name: host, from: 'ipconfig /all' };
  }
  return { name: null, from: null };
}
