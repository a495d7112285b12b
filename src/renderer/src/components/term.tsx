// Words a junior admin may not know, each with a short definition shown on hover and on keyboard focus
// (issue 16). The word takes focus; the definition is its accessible description.

import { Fragment, useId, useState, type JSX, type ReactNode } from 'react';
import { referenceTitle } from '../reference-titles';

export type TermId = 'utility-vm' | 'vmwp' | 'vmmem' | 'cexecsvc' | 'session' | 'sandbox' | 'hns' | 'winnat';

export const GLOSSARY: Readonly<Record<TermId, string>> = {
  'utility-vm':
    'A small virtual machine Windows starts for each Hyper-V isolated container. The container runs inside it, on its own Windows kernel.',
  vmwp: 'vmwp.exe, the virtual machine worker process: the host program that runs one virtual machine, here a container’s utility VM.',
  vmmem: 'The host process that stands for the memory a virtual machine uses, here a utility VM’s.',
  cexecsvc:
    'CExecSvc.exe, the container execution service: it runs inside every process-isolated container, so on the host it marks the container’s session.',
  session:
    'A Windows session: a numbered group of processes. Each process-isolated container gets a session of its own on the host.',
  sandbox:
    'sandbox.vhdx: the container’s writable virtual disk. Everything the container changes is written there, in its folder under Docker’s data root.',
  hns: 'The Host Networking Service: the Windows service that creates container networks, their endpoints, port mappings and firewall rules.',
  winnat:
    'WinNAT, Windows network address translation: it forwards a port of the host to a port of a container on a nat network.',
};

const PATTERN =
  /\b(utility VMs?|vmwp(?:\.exe)?|vmmem|CExecSvc(?:\.exe)?|sessions?|sandbox\.vhdx|HNS|WinNAT)\b/gi;

function termOf(word: string): TermId {
  const w = word.toLowerCase();
  if (w.startsWith('utility vm')) return 'utility-vm';
  if (w.startsWith('vmwp')) return 'vmwp';
  if (w === 'vmmem') return 'vmmem';
  if (w.startsWith('cexecsvc')) return 'cexecsvc';
  if (w.startsWith('session')) return 'session';
  if (w === 'sandbox.vhdx') return 'sandbox';
  if (w === 'hns') return 'hns';
  return 'winnat';
}

/** A word with its definition on hover and focus. */
export function Term({ id, children }: { id: TermId; children: ReactNode }): JSX.Element {
  const tip = useId();
  // A word in the right half of the window opens its definition leftwards, so it stays inside the window.
  const [leftwards, setLeftwards] = useState(false);
  const place = (el: HTMLElement): void =>
    setLeftwards(el.getBoundingClientRect().left > window.innerWidth / 2);
  return (
    <span
      className={leftwards ? 'term term-leftwards' : 'term'}
      onMouseEnter={(e) => place(e.currentTarget)}
      onFocus={(e) => place(e.currentTarget)}
    >
      <span className="term-word" tabIndex={0} aria-describedby={tip}>
        {children}
      </span>
      <span role="tooltip" id={tip} className="term-tip">
        {GLOSSARY[id]}
      </span>
    </span>
  );
}

/** Text with the first mention of each glossary word given its definition. */
export function WithTerms({ text }: { text: string }): JSX.Element {
  const parts: ReactNode[] = [];
  const seen = new Set<TermId>();
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const id = termOf(m[0]);
    if (seen.has(id)) continue;
    seen.add(id);
    parts.push(
      text.slice(last, m.index),
      <Term key={m.index} id={id}>
        {m[0]}
      </Term>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts.map((p, i) => (typeof p === 'string' ? <Fragment key={`t${i}`}>{p}</Fragment> : p))}</>;
}

/** A source as a link with a readable title; anything but https stays text. */
export function SourceLink({ url }: { url: string }): JSX.Element {
  const title = referenceTitle(url);
  return url.startsWith('https://') ? (
    <a href={url} target="_blank" rel="noreferrer noopener">
      {title}
    </a>
  ) : (
    <span>{title}</span>
  );
}
