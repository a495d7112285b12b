// Small labelled badges. Colour never carries meaning alone: each has its word (and an icon where it helps).

import type { JSX } from 'react';
import type { HopStatus, Severity, Verdict } from '../../../shared/diagnosis';
import type { CapabilityStatus } from '../../../shared/views';
import { Icon } from './icons';

export function StateChip({ state }: { state: string }): JSX.Element {
  const tone = state === 'running' ? 'good' : state === 'exited' || state === 'created' ? 'muted' : 'warn';
  return (
    <span className={`chip chip-${tone}`}>
      <span className="dot" aria-hidden="true" />
      {state}
    </span>
  );
}

export function IsolationChip({ isolation }: { isolation: string | null }): JSX.Element {
  const label = isolation === 'hyperv' ? 'Hyper-V' : isolation === 'process' ? 'process' : 'unknown';
  return <span className={`chip chip-isolation-${isolation ?? 'unknown'}`}>{label}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }): JSX.Element {
  return <span className={`badge badge-${severity}`}>{severity}</span>;
}

const VERDICT_WORD: Readonly<Record<Verdict, string>> = {
  reachable: 'Reachable',
  unreachable: 'Unreachable',
  unknown: 'Unknown',
};

export function VerdictBadge({ verdict }: { verdict: Verdict }): JSX.Element {
  const icon = verdict === 'reachable' ? 'pass' : verdict === 'unreachable' ? 'fail' : 'unknown';
  return (
    <span className={`verdict verdict-${verdict}`}>
      <Icon name={icon} size={14} />
      {VERDICT_WORD[verdict]}
    </span>
  );
}

const HOP_WORD: Readonly<Record<HopStatus, string>> = {
  pass: 'passes',
  fail: 'fails',
  unknown: 'unknown',
  skip: 'does not apply',
};

export function HopStatusIcon({ status }: { status: HopStatus }): JSX.Element {
  return (
    <span className={`hop-status hop-${status}`} title={HOP_WORD[status]}>
      <Icon name={status} size={14} />
      <span className="visually-hidden">{HOP_WORD[status]}</span>
    </span>
  );
}

export function CapabilityChip({ status }: { status: CapabilityStatus }): JSX.Element {
  const word = status === 'yes' ? 'Yes' : status === 'no' ? 'No' : 'Unknown';
  const icon = status === 'yes' ? 'pass' : status === 'no' ? 'fail' : 'unknown';
  return (
    <span className={`chip chip-capability-${status}`}>
      <Icon name={icon} size={12} />
      {word}
    </span>
  );
}

/** A Windows service's state; a stopped service containers need (`essential`) is shown as a problem. */
export function ServiceStateChip({
  state,
  essential,
}: {
  state: string | null;
  essential: boolean;
}): JSX.Element {
  const running = state?.toLowerCase() === 'running';
  const stopped = state?.toLowerCase() === 'stopped';
  const tone = running ? 'good' : stopped ? (essential ? 'bad' : 'muted') : 'warn';
  return (
    <span className={`chip chip-${tone}`}>
      <span className="dot" aria-hidden="true" />
      {state ?? 'unknown'}
    </span>
  );
}

export function ProbeStatusChip({ status }: { status: string }): JSX.Element {
  const tone = status === 'ok' ? 'good' : status === 'skipped' || status === 'unsupported' ? 'muted' : 'bad';
  return <span className={`chip chip-${tone}`}>{status}</span>;
}
