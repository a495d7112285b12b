import { describe, expect, it } from 'vitest';
import { createRedactor, imageRegistry, seedsFromBundle } from '../../../src/core/redact';
import { organisationLabel } from '../../../src/core/redact/seeds';
import { rawBundle } from '../../support/raw-bundle';

describe('seeds', () => {
  it('finds the registry of an image the way Docker does', () => {
    expect(imageRegistry('registry.corp.example:5000/team/app:1')).toBe('registry.corp.example:5000');
    expect(imageRegistry('localhost/app')).toBe('localhost');
    expect(imageRegistry('portainer/portainer')).toBeNull();
    expect(imageRegistry('nginx')).toBeNull();
  });

  it('takes the organisation label of a domain, not a generic or public one', () => {
    expect(organisationLabel('corp.contoso.com')).toBe('contoso');
    expect(organisationLabel('fabrikam.co.uk')).toBe('fabrikam');
    expect(organisationLabel('corp.local')).toBeNull();
    expect(organisationLabel('contoso')).toBeNull();
  });

  it('reads names from the fields that hold them, and skips what identifies no one', () => {
    const raw = rawBundle({
      'host/os.json': JSON.stringify({ ComputerName: 'NODE7', Domain: 'corp.fabrikam.com' }),
      'docker/containers.json': JSON.stringify([
        {
          Id: 'a'.repeat(64),
          Name: '/billing',
          Config: {
            Hostname: 'aaaaaaaaaaaa',
            User: 'ContainerAdministrator',
            Image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022',
            Env: ['TOKEN=s3cr3t-t0ken', 'N=1'],
          },
        },
        { Id: 'b'.repeat(64), Name: '/etl', Config: { Image: 'reg.fabrikam.com/etl/job:2', Env: [] } },
      ]),
      'host/processes.json': JSON.stringify([
        { Id: 9, ProcessName: 'x', Path: 'C:\\Users\\mmustermann\\x.exe', UserName: 'FABRIKAM\\svc-etl' },
      ]),
    });
    const seeds = seedsFromBundle(raw).map((s) => `${s.kind}:${s.value}`);
    expect(seeds).toEqual(
      expect.arrayContaining([
        'host:TESTHOST',
        'host:NODE7',
        'domain:corp.fabrikam.com',
        'domain:fabrikam',
        'container:billing',
        'container:etl',
        'registry:reg.fabrikam.com',
        'env:s3cr3t-t0ken',
        'user:mmustermann',
        'user:svc-etl',
      ]),
    );
    expect(seeds.filter((s) => /aaaaaaaaaaaa|ContainerAdministrator|mcr\.microsoft\.com/i.test(s))).toEqual(
      [],
    );
    const r = createRedactor(seedsFromBundle(raw));
    // A value as short as `1` is dropped from Env lists but never searched for in other text.
    expect(r.text('port 1, s3cr3t-t0ken')).toBe('port 1, <redacted>');
    expect(r.text('Fabrikam - Allow RDP; FABRIKAM\\svc-etl on node7.corp.fabrikam.com')).toBe(
      'domain-2 - Allow RDP; domain-2\\user-1 on host-2.domain-1',
    );
  });
});
