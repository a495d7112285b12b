// Reading saved output for import: a folder as microsoft/SDN's collectlogs.ps1 writes it (UTF-16LE files that
// hold several commands each, no prompt lines) reads to the same model values as the probes' JSON.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { readImportInputs } from '../../src/collect/import-bundle';
import { buildHostModel } from '../../src/core/host-model';
import { planImport } from '../../src/core/import/plan';
import { known, planModel } from '../core/import/support';

const folder = 'test/fixtures/import/collectlogs-folder';
const sample = join(import.meta.dirname, '../../resources/samples/server2019-broken-nat');

describe('a collectlogs.ps1 folder', () => {
  it('splits each file into the commands that wrote it and uses the JSON, not the Select tables', async () => {
    const read = await readImportInputs([folder], Readable.from([]));
    expect(read.skipped).toEqual([]);
    const plan = planImport(read.inputs);
    expect(plan.blocks.map((b) => [b.command, b.status])).toEqual([
      ['Get-HnsEndpoint | Select IpAddress, MacAddress, IsRemoteEndpoint, State', 'kept'],
      ['Get-HnsEndpoint | ConvertTo-Json -Depth 20', 'converted'],
      ['netsh int ipv4 show excludedportrange protocol=tcp', 'converted'],
      ['netsh int ipv4 show excludedportrange protocol=udp', 'converted'],
      ['hcsdiag list', 'converted'],
      ['Get-HnsNetwork | Select Name, Type, Id, AddressPrefix', 'kept'],
      ['Get-HnsNetwork | ConvertTo-Json -Depth 20', 'converted'],
    ]);
    const original = buildHostModel(await readBundle(sample));
    const imported = planModel(plan);
    expect(known(imported.hnsEndpoints)).toEqual(known(original.hnsEndpoints));
    expect(known(imported.hnsNetworks)).toEqual(known(original.hnsNetworks));
    expect(known(imported.hcs)).toEqual(known(original.hcs));
  });

  it('refuses more than the limits allow, naming the file', async () => {
    await expect(
      readImportInputs([folder], Readable.from([]), {
        maxEntries: 10,
        maxFileBytes: 1000,
        maxTotalBytes: 10_000,
      }),
    ).rejects.toThrow('endpoint.txt is 17218 bytes, over the 1000 bytes limit for one import file');
  });
});
