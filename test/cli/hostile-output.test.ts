// Issue 17, defects 2 and 11: what a bundle holds never drives the terminal, on stdout or stderr, and an
// ambiguous name lists a few matches rather than every one.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program';
import { jsonText, terminalText } from '../../src/cli/terminal';
import { cli, type CliRun } from '../support/cli';
import { emptyObjects, SAMPLE } from '../support/hostile-bundles';
import { foreignControl } from '../support/terminal';
import { makeZip } from '../support/zip';

const tmp = mkdtempSync(join(tmpdir(), 'hostscope-hostile-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OSC52 = '\u001b]52;c;SGVsbG8=\u0007';
const OSC0 = '\u001b]0;pwned\u0007';

/** A copy of the sample with some files rewritten. */
function sampleWith(name: string, edit: (folder: string) => void): string {
  const folder = join(tmp, name);
  cpSync(SAMPLE, folder, { recursive: true });
  edit(folder);
  return folder;
}

function editJson<T>(folder: string, file: string, change: (value: T) => T): void {
  const path = join(folder, file);
  writeFileSync(path, JSON.stringify(change(JSON.parse(readFileSync(path, 'utf8')) as T)));
}

interface Manifest {
  probes: { id: string; status: string; files?: string[] }[];
}
type Containers = { Id: string; Name: string }[];

async function ttyRun(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: true,
    columns: 100,
  });
  return { code, out, err };
}

function expectNoForeignControls(text: string): void {
  expect(foreignControl(text)).toBeNull();
}

describe('defect 2: terminal escape injection', () => {
  const injected = sampleWith('osc', (folder) => {
    editJson<Manifest>(folder, 'manifest.json', (m) => ({
      ...m,
      probes: [
        ...m.probes,
        { id: `x${OSC52}`, status: 'ok', files: [] },
        { id: `y${OSC0}`, status: 'failed' },
      ],
    }));
    editJson<Containers>(folder, 'docker/containers.json', (list) =>
      list.map((c, i) => (i === 0 ? { ...c, Name: `/web\u001b[31m\u009b2J\u202eevil` } : c)),
    );
  });

  it('prints a probe id carrying OSC 52 and OSC 0 without the sequences, plain and on a terminal', async () => {
    const plain = await cli('summary', injected);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('x?]52;c;SGVsbG8=?');
    expectNoForeignControls(plain.out);
    expect(plain.out).not.toContain('\u001b');
    const tty = await ttyRun('summary', injected);
    expect(tty.code).toBe(0);
    // Our colours are there, the bundle's are not.
    expect(tty.out).toContain('\u001b[1m');
    expectNoForeignControls(tty.out);
    expect(tty.out).not.toContain('web\u001b[31m');
  });

  it('escapes C1 and bidirectional controls in --json, and the value survives a round trip', async () => {
    const run = await cli('summary', injected, '--json');
    expect(run.code).toBe(0);
    expect(run.out).toContain('web\\u001b[31m\\u009b2J\\u202eevil');
    expectNoForeignControls(run.out);
    const parsed = JSON.parse(run.out) as { containers: { name: string }[] };
    expect(parsed.containers.map((c) => c.name)).toContain('web\u001b[31m\u009b2J\u202eevil');
    expect(jsonText({ a: '\u2028\u0085' })).toBe('{\n  "a": "\\u2028\\u0085"\n}\n');
  });

  it('strips controls from error messages on stderr: a zip entry name, V8 quoting JSON bytes', async () => {
    const zip = join(tmp, 'entry.zip');
    writeFileSync(zip, makeZip([{ name: `../${OSC0}evil`, data: 'x' }]));
    const entry = await cli('summary', zip);
    expect(entry.code).toBe(3);
    expect(entry.err).toMatch(/^hostscope: .*refused \("\.\." escapes the bundle\)\n$/);
    expectNoForeignControls(entry.err);

    const broken = sampleWith('v8-message', (folder) =>
      writeFileSync(join(folder, 'manifest.json'), `{"format": "hostscope-bundle", ${OSC52}\n\u009b}`),
    );
    const v8 = await ttyRun('summary', broken);
    expect(v8.code).toBe(3);
    expect(v8.err.split('\n')).toHaveLength(2);
    expect(v8.err).toContain('manifest.json is not readable');
    expectNoForeignControls(v8.err);
  });

  it('strips controls from names redact leaves out', async () => {
    const folder = sampleWith('redact-names', (f) => {
      mkdirSync(join(f, 'extra'));
      writeFileSync(join(f, 'extra', `a${OSC0}.bin`), Buffer.from([0, 1, 2]));
    });
    const run = await cli('redact', folder, '--out', join(tmp, 'redacted.zip'));
    expect(run.code).toBe(0);
    expect(run.out).toContain('left out: extra/a?]0;pwned?.bin');
    expectNoForeignControls(run.out);
  });

  it('keeps only marked sequences: a bundle cannot forge one of ours', () => {
    expect(terminalText(`a\u001b[31mb${OSC52}\r\u0085`)).toBe('a?[31mb?]52;c;SGVsbG8=???');
    expect(terminalText('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });
});

describe('defect 11: an ambiguous container name lists at most 5 matches', () => {
  it('answers 10,000 same-named containers in one short line', async () => {
    const folder = sampleWith('same-names', (f) =>
      editJson<Containers>(f, 'docker/containers.json', () =>
        Array.from({ length: 10_000 }, (_, i) => ({
          Id: i.toString(16).padStart(64, 'a'),
          Name: '/dup',
          State: { Status: 'exited' },
          Config: {},
          HostConfig: {},
        })),
      ),
    );
    const run = await cli('inspect', folder, '--container', 'dup');
    expect(run.code).toBe(4);
    expect(run.err.split('\n')).toHaveLength(2);
    expect(run.err.length).toBeLessThan(400);
    expect(run.err).toContain('matches 10000 containers (dup aaaaaaaaaaaa, ');
    expect(run.err).toContain(', and 9995 more); give more of the id or the full name');
  });
});

describe('defect 1: redact parses JSON under the bundle heap budget', () => {
  it('redacts 16 MiB of {}, as text instead of building 340 MiB of objects', async () => {
    const folder = sampleWith('redact-budget', (f) =>
      writeFileSync(join(f, 'host', 'processes.json'), emptyObjects(16 * 1024 * 1024)),
    );
    const run = await cli('redact', folder, '--out', join(tmp, 'redacted-budget.zip'));
    expect(run.code).toBe(0);
    expect(run.out).toContain('host/processes.json is not valid JSON: redacted as text');
  });
});
