// What the host holds of one container, from its footprint: the processes it shows for it (its session's, or
// its utility VM's) and its writable layer, with what removing the container loses. Typed facts; views word them.

import type { HostProcess } from '../../shared/model';
import type { Footprint } from './footprint';

/** Knowledge notes section 2: process isolation shares the host kernel; Hyper-V hides it in a utility VM. */
export type SessionFacts =
  /** The container runs in its own utility VM: the host sees only the VM worker (vmwp) and memory (vmmem) (hcsshim#251, Windows-Containers#191). */
  | { readonly kind: 'utility-vm'; readonly processes: readonly HostProcess[] }
  /** Its processes run on the host kernel, in a session of the host (null: not found), with the same PIDs. */
  | {
      readonly kind: 'host-session';
      readonly sessionId: number | null;
      readonly processes: readonly HostProcess[];
    }
  /** The isolation mode is not known from the bundle. */
  | { readonly kind: 'unknown'; readonly processes: readonly HostProcess[] };

/** Knowledge notes section 6: the writable layer (sandbox.vhdx) is deleted with the container; mounts persist. */
export interface DiskFacts {
  /** The size of the sandbox disk the host attached for it; null where that disk was not found. */
  readonly sandboxSizeBytes: number | null;
  /** The folder of its writable layer (Docker's GraphDriver); null where the bundle does not say. */
  readonly layerDir: string | null;
  /** Mounts: what it writes there outlives it. */
  readonly mounts: number;
}

export function sessionFacts(fp: Footprint): SessionFacts {
  const vm = fp.utilityVm.kind === 'found' ? fp.utilityVm.value : null;
  const processes = vm ? [vm.worker, ...(vm.memory ? [vm.memory] : [])] : fp.hostProcesses;
  switch (fp.isolation.value) {
    case 'hyperv':
      return { kind: 'utility-vm', processes };
    case 'process':
      return {
        kind: 'host-session',
        sessionId: fp.session.kind === 'found' ? fp.session.value.sessionId : null,
        processes,
      };
    default:
      return { kind: 'unknown', processes };
  }
}

export function diskFacts(fp: Footprint): DiskFacts {
  return {
    sandboxSizeBytes: fp.sandboxDisk.kind === 'found' ? fp.sandboxDisk.value.disk.size : null,
    layerDir: fp.container.graphDriverDir,
    mounts: fp.container.mounts.length,
  };
}
