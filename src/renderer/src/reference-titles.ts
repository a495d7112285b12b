// Readable titles for the public sources the isolation walkthrough links to (issue 16: a link with a title,
// never a bare "hcsshim#251"). Unlisted addresses get a title made from the address itself.

const TITLES: Readonly<Record<string, string>> = {
  'https://learn.microsoft.com/en-us/virtualization/windowscontainers/deploy-containers/version-compatibility':
    'Microsoft: Windows container version compatibility',
  'https://techcommunity.microsoft.com/t5/containers/windows-server-2022-and-beyond-for-containers/ba-p/2712487':
    'Microsoft: Windows Server 2022 and beyond for containers',
  'https://github.com/containerd/containerd/pull/8137':
    'containerd change: Windows 11 runs Windows Server 2022 images',
  'https://github.com/microsoft/hcsshim/pull/1843':
    "Microsoft's container shim: host and image compatibility check",
  'https://github.com/microsoft/hcsshim/pull/2327':
    "Microsoft's container shim: LTSC 2025 runs the previous LTSC's images",
  'https://github.com/moby/moby/issues/35247':
    'Docker report: images do not run across Windows Server versions (0xc0370101)',
  'https://github.com/moby/moby/pull/38000': 'Docker change: process isolation on Windows 10 from 1809',
  'https://learn.microsoft.com/en-us/virtualization/windowscontainers/about/containers-vs-vm':
    'Microsoft: containers compared with virtual machines',
  'https://learn.microsoft.com/en-us/windows-server/get-started/editions-comparison':
    'Microsoft: Windows Server editions compared (container limits)',
  'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/hyperv-container':
    'Microsoft: Hyper-V isolation for containers',
  'https://github.com/microsoft/hcsshim/issues/251':
    'Report: the host sees only vmwp and vmmem for a Hyper-V container',
  'https://github.com/microsoft/Windows-Containers/issues/254':
    'Report: each process-isolated container has a session of its own',
  'https://learn.microsoft.com/en-us/virtualization/windowscontainers/container-networking/network-isolation-security':
    'Microsoft: network isolation and security for containers',
  'https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/477':
    'Microsoft docs discussion: how much memory a utility VM gets',
  'https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/820':
    'Microsoft docs discussion: connecting a running Hyper-V container to another network',
  'https://docs.docker.com/reference/cli/docker/network/connect/': 'Docker: docker network connect',
  'https://github.com/moby/moby/issues/34526':
    'Docker report: the firewall rule for traffic between containers',
};

/** A title for a source address. */
export function referenceTitle(url: string): string {
  const known = TITLES[url];
  if (known !== undefined) return known;
  const github = /^https:\/\/github\.com\/([^/]+\/[^/]+)\/(issues|pull)\/(\d+)$/.exec(url);
  if (github) return `GitHub ${github[2] === 'pull' ? 'change' : 'report'} ${github[3]} in ${github[1]}`;
  return url.replace(/^https?:\/\//, '');
}
