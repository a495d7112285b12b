import { useEffect, useState, type JSX } from 'react';
import type { Fix } from '../../../shared/diagnosis';
import { Icon } from './icons';

/** Copies a fix or an id; says so for a moment (and to screen readers). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }): JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button
      type="button"
      className="button button-small copy-button"
      onClick={copy}
      aria-label={`${label} to clipboard`}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </span>
    </button>
  );
}

/** A command an admin runs: monospace, wrapped, with its copy button. */
export function CommandBlock({ text, label = 'Fix' }: { text: string; label?: string }): JSX.Element {
  return (
    <div className="command">
      <pre>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}

/** A fix (issue 11): a command gets the copy button and is copied whole; steps are prose, with nothing to copy. */
export function FixBlock({ fix }: { fix: Fix }): JSX.Element {
  if (fix.kind === 'command')
    return (
      <div className="fix">
        <CommandBlock text={fix.command} />
        {fix.note !== undefined && <p className="fix-note">{fix.note}</p>}
      </div>
    );
  return (
    <div className="fix">
      <ol className="fix-steps">
        {fix.steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
    </div>
  );
}
