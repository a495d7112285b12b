// A container's lifecycle in an admin's words (issue 13): how it last ended, what its exit code means where the
// meaning is known, and how its times sit against the host's last boot ("it worked until the restart").

import type { Container, HostModel } from '../../shared/model';
import type { ExitMeaning, LifecycleFacts } from '../../shared/views';

const NTSTATUS_DOC =
  'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55';

// Windows exit codes are NTSTATUS values read as unsigned 32-bit numbers: `docker ps` shows 3221225786 for
// 0xC000013A. Only codes with a source are listed; any other code says what it is not known to mean.
const MEANINGS: ReadonlyMap<number, Omit<ExitMeaning, 'code' | 'hex'>> = new Map([
  [
    0x40010004,
    {
      meaning:
        'terminated by the system (DBG_TERMINATE_PROCESS): seen when the host shut down or restarted, or the Docker service was restarted under the container',
      reference: 'https://github.com/moby/moby/issues/29392',
      basis: 'observed',
    },
  ],
  [
    0xc000013a,
    {
      meaning:
        'ended by CTRL+C (STATUS_CONTROL_C_EXIT): what a Windows container shows after `docker stop` or a stop by its orchestrator',
      reference: 'https://github.com/microsoft/dotnet-framework-docker/issues/431',
      basis: 'observed',
    },
  ],
  [
    0xc0000409,
    {
      meaning:
        'the process ended itself on a fatal error (STATUS_STACK_BUFFER_OVERRUN, the fail-fast code): a crash inside the container',
      reference: NTSTATUS_DOC,
      basis: 'documented',
    },
  ],
  [
    0xc0000005,
    {
      meaning: 'an access violation (STATUS_ACCESS_VIOLATION): the process crashed',
      reference: NTSTATUS_DOC,
      basis: 'documented',
    },
  ],
  [
    0xc0000142,
    {
      meaning:
        'a DLL failed to initialise (STATUS_DLL_INIT_FAILED): the process could not start, often for lack of a desktop heap or during shutdown',
      reference: NTSTATUS_DOC,
      basis: 'documented',
    },
  ],
  [
    0xffffffff,
    {
      meaning:
        'no exit code (-1): the engine lost the container, for example when the compute service could not shut it down',
      reference: 'https://github.com/docker/for-win/issues/7523',
      basis: 'observed',
    },
  ],
]);

/** What an exit code means where a source says so; null for 0 and for codes with no known meaning. */
export function exitMeaning(code: number | null): ExitMeaning | null {
  if (code === null || code === 0) return null;
  // The engine reports the 32-bit value signed on some versions (-1073741510 for 0xC000013A).
  const unsigned = code < 0 ? code + 0x1_0000_0000 : code;
  const known = MEANINGS.get(unsigned);
  if (!known) return null;
  return { code, hex: `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`, ...known };
}

function before(a: string | null, b: string | null): boolean | null {
  if (a === null || b === null) return null;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? null : x < y;
}

export function lifecycleFacts(model: HostModel, container: Container): LifecycleFacts {
  const boot = model.host.kind === 'known' ? model.host.value.lastBootUpTime : null;
  const started = before(boot, container.startedAt);
  return {
    exitMeaning: container.state === 'running' ? null : exitMeaning(container.lifecycle.exitCode),
    hostBootedAt: boot,
    finishedBeforeBoot: before(container.lifecycle.finishedAt, boot),
    startedAfterBoot: started,
  };
}

/**
 * The lifecycle in one line for reports: exit code and meaning, restarts, health. The engine's error text is left
 * out: it can quote paths and names the report's redaction does not know.
 */
export function lifecycleLine(model: HostModel, container: Container): string {
  const l = container.lifecycle;
  const facts = lifecycleFacts(model, container);
  const parts: string[] = [];
  if (container.state !== 'running' && l.exitCode !== null) {
    const meaning = facts.exitMeaning;
    parts.push(`exit code ${l.exitCode}${meaning ? ` (${meaning.hex}: ${meaning.meaning})` : ''}`);
  }
  if (l.finishedAt !== null && container.state !== 'running') parts.push(`finished ${l.finishedAt}`);
  if (facts.finishedBeforeBoot === true && container.state !== 'running')
    parts.push(`stopped before the host's last boot (${facts.hostBootedAt ?? ''})`);
  if (l.restartPolicy !== null) parts.push(`restart policy ${l.restartPolicy}`);
  if (l.restartCount !== null && l.restartCount > 0) parts.push(`${l.restartCount} restarts by the policy`);
  if (l.health !== null) parts.push(`health ${l.health.status}`);
  if (l.oomKilled === true) parts.push('killed for lack of memory');
  return parts.join('; ');
}
