// Which images can start on this host, in which isolation mode (issue 16). The rules, each with its source:
// - Process isolation shares the host kernel: the image's build must equal the host's; the update revision (UBR)
//   may differ (Microsoft, "Windows container version compatibility"; moby#35247 shows the 0xc0370101 error).
// - From Windows Server 2022 (20348) on, a host also runs, process-isolated, images from the LTSC before it up to
//   its own build ("Windows Server 2022 and beyond for containers"; hcsshim's CheckHostAndContainerCompat,
//   hcsshim#1843, fixed for LTSC 2025 in hcsshim#2327): Windows 11 runs Server 2022 images (containerd#8137) and
//   Server 2025 runs Server 2022 images.
// - Hyper-V isolation brings the image's own kernel in a utility VM: an image of the host's build or older runs.
// - An image newer than the host runs in neither mode.
// - Client Windows before 1809 runs only Hyper-V isolated containers (moby#38000).
// Where the host's or the image's build is not known the verdict is `unknown`, never a guess.

import type {
  CompatibilityVerdict,
  ContainerCompatibility,
  Evidence,
  ImageCompatibility,
  ModeCompatibility,
} from '../../shared/diagnosis';
import type {
  Container,
  HostEvent,
  HostModel,
  ImageInfo,
  Isolation,
  WindowsVersion,
} from '../../shared/model';
import { correlate, type Correlation } from './correlate';
import { evidenceFrom, missingNote } from './known';
import { REF } from './references';
import { BUILD } from './windows-builds';

/** Builds that matter here beyond windows-builds.ts: the first Windows 11 and Windows Server 2025 (LTSC 2025). */
export const CLIENT_BUILD = { windows10v1809: 17763, windows11: 22000 } as const;
export const LTSC2025 = 26100;

/** The host as the rules need it. `client` is null where the installation type is not known. */
export interface HostBuild {
  readonly build: number;
  readonly revision: number | null;
  readonly client: boolean | null;
}

/** The LTSC images a build's tag names (mcr.microsoft.com/windows/servercore:<tag>), to suggest a matching image. */
const LTSC_TAGS: ReadonlyMap<number, string> = new Map([
  [BUILD.server2016, 'ltsc2016'],
  [BUILD.server2019, 'ltsc2019'],
  [BUILD.server2022, 'ltsc2022'],
  [LTSC2025, 'ltsc2025'],
]);

export function versionText(v: WindowsVersion): string {
  return `${v.major}.${v.minor}.${v.build}${v.revision === null ? '' : `.${v.revision}`}`;
}

function hostName(host: HostBuild): string {
  const kind = host.client === true ? 'client Windows' : host.client === false ? 'Windows Server' : 'Windows';
  return `${kind} build ${host.build}`;
}

const verdict = (
  mode: Isolation,
  v: CompatibilityVerdict,
  reason: string,
  reference: string,
): ModeCompatibility => ({ mode, verdict: v, reason, reference });

/** One mode's verdict for an image build on a host build: the rule table of this file's header. */
export function modeCompatibility(
  host: HostBuild,
  image: WindowsVersion,
  mode: Isolation,
): ModeCompatibility {
  const on = hostName(host);
  const img = `the image's build ${image.build}`;
  if (image.major !== 10 || image.minor !== 0)
    return verdict(
      mode,
      'fails',
      `${img} is Windows ${image.major}.${image.minor}, not 10.0 like the host: no mode runs it`,
      REF.hcsshimCompatCheck,
    );
  if (image.build > host.build)
    return verdict(
      mode,
      'fails',
      `${img} is newer than ${on}: a newer image never runs on an older host, in either mode`,
      REF.versionCompatibility,
    );
  if (mode === 'hyperv')
    return verdict(
      mode,
      'runs',
      image.build === host.build
        ? `${img} is the host's own build`
        : `${img} is older than ${on}: its utility VM runs the image's own kernel`,
      REF.versionCompatibility,
    );
  if (host.client === true && host.build < CLIENT_BUILD.windows10v1809)
    return verdict(
      mode,
      'fails',
      `client Windows before 1809 (${host.build}) runs only Hyper-V isolated containers`,
      REF.clientProcessIsolation,
    );
  if (image.build === host.build)
    return verdict(
      mode,
      'runs',
      `${img} equals ${on}; the update revision may differ`,
      REF.versionCompatibility,
    );
  if (host.build < BUILD.server2022)
    return verdict(
      mode,
      'fails',
      `${img} differs from ${on}: process isolation shares the host kernel, so before Windows Server 2022 the builds must be equal (0xc0370101)`,
      REF.versionCompatibility,
    );
  if (image.build >= BUILD.server2022) {
    const windows11 = host.client === true && host.build >= CLIENT_BUILD.windows11;
    return verdict(
      mode,
      'runs',
      windows11
        ? `Windows 11 (${host.build}) runs Windows Server 2022 and later images process-isolated (${img})`
        : `from Windows Server 2022 on, a host runs images from the previous LTSC up to its own build (${img} on ${on})`,
      windows11 ? REF.containerdWin11Ltsc2022 : REF.hcsshimLtsc2025,
    );
  }
  return verdict(
    mode,
    'fails',
    `${img} is older than Windows Server 2022 (20348): ${on} runs it only with Hyper-V isolation (0xc0370101)`,
    REF.ws2022AndBeyond,
  );
}

/** The tag of the LTSC image whose build runs process-isolated on this host, where one is known. */
export function matchingTag(host: HostBuild): string | null {
  const exact = LTSC_TAGS.get(host.build);
  if (exact) return exact;
  // Windows 11 and later Server builds run the ltsc2022 images (see modeCompatibility).
  return host.build >= BUILD.server2022 ? 'ltsc2022' : null;
}

/** The host's build and type; null where host/os.json gave no build. */
export function hostBuildOf(model: HostModel): HostBuild | null {
  if (model.host.kind !== 'known' || model.host.value.build === null) return null;
  const type = model.host.value.installationType?.toLowerCase() ?? null;
  return {
    build: model.host.value.build,
    revision: model.host.value.ubr,
    client: type === null ? null : type === 'client',
  };
}

/**
 * The mode a container gets when it asks for none and the engine does not say: process on Windows Server,
 * Hyper-V on client Windows (knowledge notes section 2; moby#38000 kept Hyper-V the client default).
 */
export function hostDefaultIsolation(host: HostBuild | null): Isolation | null {
  if (host === null || host.client === null) return null;
  return host.client ? 'hyperv' : 'process';
}

const unknownBoth = (why: string): Pick<ImageCompatibility, 'process' | 'hyperv'> => ({
  process: verdict('process', 'unknown', why, REF.versionCompatibility),
  hyperv: verdict('hyperv', 'unknown', why, REF.versionCompatibility),
});

/** The verdicts of one image (or of a container whose image is not in docker/images.json) on this host. */
export function imageCompatibility(
  model: HostModel,
  host: HostBuild | null,
  image: ImageInfo | null,
  reference: string,
): ImageCompatibility {
  const base = {
    imageId: image?.id ?? null,
    image: reference,
    tags: image?.repoTags ?? [],
    imageVersion: image?.osVersion ? versionText(image.osVersion) : null,
    hostVersion:
      host === null ? null : `10.0.${host.build}${host.revision === null ? '' : `.${host.revision}`}`,
  };
  const why = (() => {
    if (host === null)
      return model.host.kind === 'unknown'
        ? `the host's build is unknown: ${missingNote(model.host)}`
        : "the host's build is unknown: host/os.json gives none";
    if (model.images.kind === 'unknown') return `the image's build is unknown: ${missingNote(model.images)}`;
    if (image === null)
      return `the image's build is unknown: ${model.images.source.file} does not hold the image ${reference}`;
    if (image.os !== null && image.os.toLowerCase() !== 'windows')
      return `the image is a ${image.os} image: the build rules are for Windows images`;
    if (image.osVersionRejected !== null)
      return `the image's build is unknown: its OsVersion "${image.osVersionRejected}" is not a Windows version`;
    if (image.osVersion === null) return "the image's build is unknown: the image gives no OsVersion";
    return null;
  })();
  if (why !== null || host === null || image?.osVersion == null)
    return { ...base, ...unknownBoth(why ?? '') };
  return {
    ...base,
    process: modeCompatibility(host, image.osVersion, 'process'),
    hyperv: modeCompatibility(host, image.osVersion, 'hyperv'),
  };
}

// 0xc0370101: "The container operating system does not match the host operating system" (moby#35247). Events
// and State.Error are localised; the HRESULT is not (knowledge notes section 10).
const MISMATCH_HRESULT = 0xc0370101;
const MISMATCH_TEXT = /0xc0370101/i;

/** The events naming 0xc0370101, with their lower-cased text, once per event list rather than once per container. */
const mismatchEventsOf = new WeakMap<readonly HostEvent[], readonly { event: HostEvent; text: string }[]>();
function mismatchEvents(events: readonly HostEvent[]): readonly { event: HostEvent; text: string }[] {
  let found = mismatchEventsOf.get(events);
  if (found === undefined) {
    found = events
      .filter((e) => e.errorCodes.includes('c0370101'))
      .map((event) => ({ event, text: (event.message ?? '').toLowerCase() }));
    mismatchEventsOf.set(events, found);
  }
  return found;
}

/** Evidence that the container already failed to start because its image does not match the host. */
export function mismatchEvidence(model: HostModel, c: Container): Evidence[] {
  const out: Evidence[] = [];
  const file = model.containers.source.file;
  if (c.stateError !== null && MISMATCH_TEXT.test(c.stateError))
    out.push({ file, detail: `${c.name}: State.Error ${c.stateError.slice(0, 200)}` });
  if (c.exitCode !== null && (c.exitCode === MISMATCH_HRESULT || c.exitCode === (MISMATCH_HRESULT | 0)))
    out.push({ file, detail: `${c.name}: State.ExitCode ${c.exitCode} (0xc0370101)` });
  if (model.events.kind === 'known') {
    const short = c.id.slice(0, 12).toLowerCase();
    for (const { event: e, text } of mismatchEvents(model.events.value)) {
      if (!text.includes(short) && !text.includes(c.name.toLowerCase())) continue;
      out.push(
        evidenceFrom(
          model.events.source,
          `${e.timeCreated ?? 'time unknown'} ${e.providerName ?? ''} ${e.id}: 0xc0370101 for ${c.name}`,
        ),
      );
      if (out.length >= 5) break;
    }
  }
  return out;
}

/** One container's image verdicts, in the mode it runs or would start in. */
export function compatibilityOf(
  model: HostModel,
  correlation: Correlation,
  c: Container,
  host: HostBuild | null = hostBuildOf(model),
  images: ReadonlyMap<string, ImageInfo> = imagesById(model),
): ContainerCompatibility {
  const resolved = correlation.footprints.get(c.id)?.isolation;
  const fallback = hostDefaultIsolation(host);
  const isolation = resolved?.value ?? fallback;
  const isolationFrom =
    resolved?.value != null ? resolved.from : isolation === null ? null : ('host-default' as const);
  const image = c.imageId === null ? null : (images.get(c.imageId.toLowerCase()) ?? null);
  return {
    container: { id: c.id, name: c.name, state: c.state },
    isolation,
    isolationFrom,
    image: imageCompatibility(model, host, image, c.image),
    failedWithMismatch: mismatchEvidence(model, c),
  };
}

function imagesById(model: HostModel): ReadonlyMap<string, ImageInfo> {
  return new Map(
    (model.images.kind === 'known' ? model.images.value : []).map((i) => [i.id.toLowerCase(), i]),
  );
}

/** Every container's image verdicts, in the mode it runs or would start in. */
export function containerCompatibility(
  model: HostModel,
  correlation: Correlation = correlate(model),
): readonly ContainerCompatibility[] {
  const host = hostBuildOf(model);
  const images = imagesById(model);
  return correlation.containers.map((c) => compatibilityOf(model, correlation, c, host, images));
}
