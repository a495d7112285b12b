// Import test helpers: fixtures by name, and a plan as an in-memory bundle read by the project's own model builder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planImport, type ImportPlan, type PlanOptions } from '../../../src/core/import/plan';
import { buildHostModel } from '../../../src/core/host-model';
import { buildManifest } from '../../../src/collect/bundle-writer';
import type { RawBundle } from '../../../src/shared/bundle';
import type { HostModel } from '../../../src/shared/model';

export const fixturesDir = join(import.meta.dirname, '../../fixtures/import');

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

export function planText(text: string, options: PlanOptions = {}): ImportPlan {
  return planImport([{ name: 'paste', text }], options);
}

/** The plan as the bundle `hostscope import` writes, without the disk. */
export function planBundle(plan: ImportPlan): RawBundle {
  const files = new Map<string, Uint8Array>();
  for (const f of [...plan.files, ...plan.originals]) files.set(f.path, f.bytes);
  const byPath = new Map(plan.files.map((f) => [f.path, f.bytes]));
  const manifest = buildManifest(
    plan.computerName ?? 'unknown',
    new Date('2026-12-07T00:00:00Z'),
    plan.probes.map((p) => ({
      id: p.id,
      status: p.status,
      files: p.files.map((path) => ({ path, bytes: byPath.get(path)! })),
      durationMs: 0,
      ...(p.error ? { error: p.error } : {}),
      ...(p.partial ? { partial: p.partial } : {}),
    })),
    { name: 'import', version: 'test' },
  );
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return { source: 'import', files };
}

export function planModel(plan: ImportPlan): HostModel {
  return buildHostModel(planBundle(plan));
}

export function fileJson(plan: ImportPlan, path: string): unknown {
  const file = plan.files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not planned; planned: ${plan.files.map((f) => f.path).join(', ')}`);
  return JSON.parse(new TextDecoder().decode(file.bytes)) as unknown;
}

export function fileText(plan: ImportPlan, path: string): string {
  const file = plan.files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not planned`);
  return new TextDecoder().decode(file.bytes);
}

/** The value of a Known, or a failure that says why it is unknown. */
export function known<T>(k: { kind: 'known'; value: T } | { kind: 'unknown'; reason: string }): T {
  if (k.kind !== 'known') throw new Error(`expected known, got unknown: ${k.reason}`);
  return k.value;
}
