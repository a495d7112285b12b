// Collects the files of one sample bundle with their encodings and builds manifest.json from the probe catalogue.
import { PROBES, probeForFile } from '../../../../src/shared/bundle';
import type { ManifestProbe } from '../../../../src/shared/bundle';
import { Rng } from './ids';
import { configJson } from './json';

/** How a file's bytes are encoded: what each writer on a Windows host produces. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom';

export interface SampleFile {
  readonly path: string;
  readonly text: string;
  readonly encoding: Encoding;
}

export interface ProbeOverride {
  readonly status: Exclude<ManifestProbe['status'], 'ok'>;
  readonly error: string;
}

export class BundleWriter {
  private readonly files = new Map<string, SampleFile>();
  private readonly overrides = new Map<string, ProbeOverride>();
  private readonly empty = new Set<string>();

  constructor(
    readonly name: string,
    private readonly header: { collectedAt: string; collector: { name: string; version: string }; computerName: string },
  ) {}

  add(path: string, text: string, encoding: Encoding = 'utf-8'): void {
    if (this.files.has(path)) throw new Error(`${this.name}: ${path} written twice`);
    this.files.set(path, { path, text, encoding });
  }

  /** A probe that did not end `ok`; it must then have written no file. */
  probe(id: string, status: ProbeOverride['status'], error: string): void {
    if (!PROBES.some((p) => p.id === id)) throw new Error(`${this.name}: unknown probe ${id}`);
    this.overrides.set(id, { status, error });
  }

  /**
   * A probe that ran and found nothing to write: `ok` with no file (host.docker.config on a host without
   * daemon.json, as resources/probes/host.docker.config.ps1 reports it).
   */
  ranWithoutFiles(id: string): void {
    if (!PROBES.some((p) => p.id === id)) throw new Error(`${this.name}: unknown probe ${id}`);
    this.empty.add(id);
  }

  /** Every file plus manifest.json, whose probe entries follow the catalogue order and list the files written. */
  finish(): readonly SampleFile[] {
    const rng = new Rng(`${this.name}:durations`);
    const claimed = new Set<string>();
    const probes: ManifestProbe[] = PROBES.map((spec) => {
      const files = [...this.files.keys()].filter((path) => spec.files.includes(path) || writtenPerContainer(spec, path));
      files.forEach((f) => claimed.add(f));
      const override = this.overrides.get(spec.id);
      if (override) {
        if (files.length > 0) throw new Error(`${this.name}: ${spec.id} is ${override.status} but wrote ${files.join(', ')}`);
        return { id: spec.id, status: override.status, error: override.error, durationMs: rng.int(3, 900) };
      }
      if (files.length === 0 && !this.empty.has(spec.id)) throw new Error(`${this.name}: ${spec.id} wrote nothing and has no status`);
      return { id: spec.id, status: 'ok', files, durationMs: durationFor(spec.kind, files.length, rng) };
    });
    const stray = [...this.files.keys()].filter((f) => !claimed.has(f));
    if (stray.length > 0) throw new Error(`${this.name}: files no probe claims: ${stray.join(', ')}`);
    const manifest = {
      format: 'hostscope-bundle',
      version: 1,
      collectedAt: this.header.collectedAt,
      collector: this.header.collector,
      host: { computerName: this.header.computerName },
      probes: probes.map((p) => ({ ...p })),
    };
    return [{ path: 'manifest.json', text: configJson(manifest, '\n'), encoding: 'utf-8' }, ...[...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))];
  }
}

/** Per-container probes name their file by the full container id: a 64-hex id in that slot. */
function writtenPerContainer(spec: (typeof PROBES)[number], path: string): boolean {
  const owner = probeForFile(path);
  return owner?.spec === spec && /^[0-9a-f]{64}$/.test(owner.containerId ?? '');
}

function durationFor(kind: string, fileCount: number, rng: Rng): number {
  if (kind === 'docker') return rng.int(8, 60) * fileCount;
  if (kind === 'container-exec') return rng.int(380, 900) * fileCount;
  return rng.int(40, 2400);
}

export function encode(file: SampleFile): Uint8Array {
  if (file.encoding === 'utf-16le-bom') {
    const body = Buffer.from(file.text, 'utf16le');
    return Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
  }
  const body = Buffer.from(file.text, 'utf8');
  return file.encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
