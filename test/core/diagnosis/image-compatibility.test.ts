// The image/host compatibility rules (issue 16) on a table of host builds x image builds x modes. Each row names
// its source in the test name: VC = Microsoft's "Windows container version compatibility" page; WS22 = "Windows
// Server 2022 and beyond for containers"; hcsshim#2327 = LTSC 2025 runs the previous LTSC; containerd#8137 =
// Windows 11 runs Server 2022 images; moby#38000 = client Windows before 1809 runs only Hyper-V isolation.
import { describe, expect, it } from 'vitest';
import {
  containerCompatibility,
  imageCompatibility,
  modeCompatibility,
  type HostBuild,
} from '../../../src/core/diagnosis/image-compatibility';
import { findings } from '../../../src/core/diagnosis/findings';
import { fixText } from '../../../src/core/diagnosis/commands';
import { subjectText } from '../../../src/core/diagnosis/subjects';
import type { CompatibilityVerdict } from '../../../src/shared/diagnosis';
import type { ImageInfo, Isolation } from '../../../src/shared/model';
import { container, HostBuilder } from './model-builder';

const HOSTS: Readonly<Record<string, HostBuild>> = {
  'Server 2016': { build: 14393, revision: 2273, client: false },
  'Server 2019': { build: 17763, revision: 5329, client: false },
  'Server 2022': { build: 20348, revision: 2700, client: false },
  'Server 2025': { build: 26100, revision: 2314, client: false },
  'Windows 10 1607': { build: 14393, revision: 2273, client: true },
  'Windows 10 1809': { build: 17763, revision: 5329, client: true },
  'Windows 10 22H2': { build: 19045, revision: 5011, client: true },
  'Windows 11 23H2': { build: 22631, revision: 4317, client: true },
};
const IMAGES: Readonly<Record<string, number>> = {
  ltsc2016: 14393,
  ltsc2019: 17763,
  ltsc2022: 20348,
  ltsc2025: 26100,
};

type Row = readonly [
  host: string,
  image: string,
  mode: Isolation,
  verdict: CompatibilityVerdict,
  source: string,
];
const R = (
  host: string,
  image: string,
  mode: Isolation,
  verdict: CompatibilityVerdict,
  source: string,
): Row => [host, image, mode, verdict, source];

const TABLE: readonly Row[] = [
  R('Server 2016', 'ltsc2016', 'process', 'runs', 'VC: same build'),
  R('Server 2016', 'ltsc2016', 'hyperv', 'runs', 'VC: same build'),
  R('Server 2016', 'ltsc2019', 'process', 'fails', 'VC: newer image on older host'),
  R('Server 2016', 'ltsc2019', 'hyperv', 'fails', 'VC: newer image on older host'),
  R('Server 2016', 'ltsc2022', 'hyperv', 'fails', 'VC: newer image on older host'),
  R('Server 2019', 'ltsc2016', 'process', 'fails', 'VC: builds must match before 2022'),
  R('Server 2019', 'ltsc2016', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R('Server 2019', 'ltsc2019', 'process', 'runs', 'VC: same build'),
  R('Server 2019', 'ltsc2022', 'process', 'fails', 'VC: newer image on older host'),
  R('Server 2019', 'ltsc2022', 'hyperv', 'fails', 'VC: newer image on older host'),
  R('Server 2022', 'ltsc2016', 'process', 'fails', 'WS22: only 2022 and later images relax'),
  R('Server 2022', 'ltsc2019', 'process', 'fails', 'WS22: only 2022 and later images relax'),
  R('Server 2022', 'ltsc2019', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R('Server 2022', 'ltsc2022', 'process', 'runs', 'VC: same build'),
  R('Server 2022', 'ltsc2025', 'process', 'fails', 'VC: newer image on older host'),
  R('Server 2022', 'ltsc2025', 'hyperv', 'fails', 'VC: newer image on older host'),
  R('Server 2025', 'ltsc2019', 'process', 'fails', 'hcsshim#2327: only the previous LTSC up'),
  R('Server 2025', 'ltsc2019', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R('Server 2025', 'ltsc2022', 'process', 'runs', 'hcsshim#2327: LTSC 2025 runs the previous LTSC'),
  R('Server 2025', 'ltsc2022', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R('Server 2025', 'ltsc2025', 'process', 'runs', 'VC: same build'),
  R('Windows 10 1607', 'ltsc2016', 'process', 'fails', 'moby#38000: client before 1809 is Hyper-V only'),
  R('Windows 10 1607', 'ltsc2016', 'hyperv', 'runs', 'VC: same build'),
  R('Windows 10 1809', 'ltsc2019', 'process', 'runs', 'moby#38000: client 1809 allows process isolation'),
  R('Windows 10 22H2', 'ltsc2019', 'process', 'fails', 'VC: builds must match before 2022'),
  R('Windows 10 22H2', 'ltsc2019', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R('Windows 10 22H2', 'ltsc2022', 'process', 'fails', 'VC: newer image on older host'),
  R('Windows 10 22H2', 'ltsc2022', 'hyperv', 'fails', 'VC: newer image on older host'),
  R('Windows 11 23H2', 'ltsc2019', 'process', 'fails', 'WS22: only 2022 and later images relax'),
  R('Windows 11 23H2', 'ltsc2019', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R(
    'Windows 11 23H2',
    'ltsc2022',
    'process',
    'runs',
    'containerd#8137 and WS22: Windows 11 runs Server 2022',
  ),
  R('Windows 11 23H2', 'ltsc2022', 'hyperv', 'runs', 'VC: Hyper-V runs older images'),
  R('Windows 11 23H2', 'ltsc2025', 'process', 'fails', 'VC: newer image on older host'),
  R('Windows 11 23H2', 'ltsc2025', 'hyperv', 'fails', 'VC: newer image on older host'),
];

describe('image/host compatibility rules', () => {
  it.each(TABLE)('%s host, %s image, %s isolation: %s (%s)', (host, image, mode, expected) => {
    const result = modeCompatibility(
      HOSTS[host]!,
      { major: 10, minor: 0, build: IMAGES[image]!, revision: 1000 },
      mode,
    );
    expect(result.verdict).toBe(expected);
    expect(result.mode).toBe(mode);
    expect(result.reference).toMatch(/^https:\/\//);
    // The reason names the builds an admin compares.
    expect(result.reason).toMatch(/\d{5}/);
  });

  it('the update revision may differ in process isolation (VC: "UBR may differ")', () => {
    const host = HOSTS['Server 2022']!;
    for (const revision of [1, 2700, 9999, null])
      expect(
        modeCompatibility(host, { major: 10, minor: 0, build: 20348, revision }, 'process').verdict,
      ).toBe('runs');
  });

  it('an image of another major version runs in neither mode (hcsshim CheckHostAndContainerCompat)', () => {
    for (const mode of ['process', 'hyperv'] as const)
      expect(
        modeCompatibility(HOSTS['Server 2022']!, { major: 6, minor: 3, build: 9600, revision: null }, mode)
          .verdict,
      ).toBe('fails');
  });
});

const image = (id: string, osVersion: string | null, extra: Partial<ImageInfo> = {}): ImageInfo => ({
  id,
  repoTags: ['registry.contoso.com/app:1'],
  os: 'windows',
  osVersion:
    osVersion === null
      ? null
      : (() => {
          const [major, minor, build, revision] = osVersion.split('.').map(Number) as number[];
          return { major: major!, minor: minor!, build: build!, revision: revision ?? null };
        })(),
  osVersionRejected: null,
  architecture: 'amd64',
  size: 1,
  created: null,
  ...extra,
});

const IMG2019 = `sha256:${'a'.repeat(64)}`;

describe('verdicts where a fact is missing are unknown, never a guess', () => {
  it('the host build is unknown', () => {
    const model = new HostBuilder()
      .without('host')
      .set('images', [image(IMG2019, '10.0.17763.1')])
      .build();
    const v = imageCompatibility(model, null, image(IMG2019, '10.0.17763.1'), 'app');
    expect([v.process.verdict, v.hyperv.verdict]).toEqual(['unknown', 'unknown']);
    expect(v.process.reason).toMatch(/host's build is unknown/);
  });

  it('the image gives no OsVersion, a malformed one, or is a Linux image', () => {
    const model = new HostBuilder().set('images', []).build();
    const host = { build: 17763, revision: 1, client: false };
    const cases: readonly [ImageInfo, RegExp][] = [
      [image(IMG2019, null), /gives no OsVersion/],
      [image(IMG2019, null, { osVersionRejected: '10.0.x' }), /"10\.0\.x" is not a Windows version/],
      [image(IMG2019, null, { os: 'linux' }), /linux image/],
    ];
    for (const [img, why] of cases) {
      const v = imageCompatibility(model, host, img, 'app');
      expect(v.process.verdict).toBe('unknown');
      expect(v.process.reason).toMatch(why);
    }
  });

  it('docker/images.json not collected: unknown, naming the probe', () => {
    const model = new HostBuilder().build();
    const v = imageCompatibility(model, { build: 17763, revision: 1, client: false }, null, 'app');
    expect(v.hyperv.verdict).toBe('unknown');
    expect(v.hyperv.reason).toMatch(/docker\.images/);
  });
});

describe('image-host-mismatch', () => {
  const host2022 = { build: 20348, ubr: 2700, caption: 'Microsoft Windows Server 2022 Standard' } as const;

  it('fires for a container that failed with 0xc0370101, with a fix that removes nothing', () => {
    const failed = container({
      name: 'legacy',
      state: 'exited',
      imageId: IMG2019,
      isolation: 'process',
      exitCode: 4294967295,
      stateError:
        'hcsshim::System::Start: The container operating system does not match the host operating system. (0xc0370101)',
    });
    const model = new HostBuilder()
      .os(host2022)
      .containers(failed)
      .set('images', [image(IMG2019, '10.0.17763.6293')])
      .build();
    const found = findings(model).filter((f) => f.id === 'image-host-mismatch');
    expect(found).toHaveLength(1);
    expect(found[0]!.subjects.map(subjectText)).toEqual([`container:${failed.id}`]);
    expect(found[0]!.evidence.map((e) => e.detail).join('\n')).toMatch(/State\.Error .*0xc0370101/);
    const fix = fixText(found[0]!.fix);
    expect(fix).toMatch(/--isolation=hyperv/);
    expect(fix).toMatch(/ltsc2022/);
    expect(fix).not.toMatch(/docker (container )?rm|docker network rm|docker volume rm/);
  });

  it('fires for a stopped container that would fail in the engine default (process on Server), not for a running one', () => {
    const created = container({ name: 'job', state: 'created', imageId: IMG2019, isolation: 'default' });
    const running = container({ name: 'ok', state: 'running', imageId: IMG2019, isolation: 'hyperv' });
    const model = new HostBuilder()
      .os(host2022)
      .containers(created, running)
      .set('images', [image(IMG2019, '10.0.17763.6293')])
      .build();
    const found = findings(model).filter((f) => f.id === 'image-host-mismatch');
    expect(found.map((f) => subjectText(f.subjects[0]!))).toEqual([`container:${created.id}`]);
    expect(found[0]!.title).toMatch(/would not start in process isolation/);
  });

  it('without the engine default, client Windows starts containers in Hyper-V isolation (moby#38000)', () => {
    const created = container({ name: 'job', state: 'created', imageId: IMG2019, isolation: 'default' });
    const model = new HostBuilder()
      .os({ build: 22631, ubr: 4317, installationType: 'Client', caption: 'Microsoft Windows 11 Pro' })
      .engine({ defaultIsolation: null })
      .containers(created)
      .set('images', [image(IMG2019, '10.0.17763.6293')])
      .build();
    const [cc] = containerCompatibility(model);
    expect(cc).toMatchObject({ isolation: 'hyperv', isolationFrom: 'host-default' });
    expect(cc!.image.hyperv.verdict).toBe('runs');
    expect(findings(model).some((f) => f.id === 'image-host-mismatch')).toBe(false);
  });

  it('does not fire where the image build is not collected', () => {
    const created = container({ name: 'job', state: 'created', imageId: IMG2019, isolation: 'process' });
    const model = new HostBuilder().os(host2022).containers(created).build();
    expect(findings(model).some((f) => f.id === 'image-host-mismatch')).toBe(false);
  });
});
