import type { JSX } from 'react';
import type { Evidence } from '../../../shared/diagnosis';

/** The facts an answer rests on: the bundle file and what it said. */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }): JSX.Element | null {
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence">
      {evidence.map((e, index) => (
        <li key={`${e.file}-${index}`}>
          <code className="evidence-file">{e.file}</code>
          <span className="evidence-detail">{e.detail}</span>
        </li>
      ))}
    </ul>
  );
}

export function References({ references }: { references: readonly string[] }): JSX.Element | null {
  if (references.length === 0) return null;
  return (
    <ul className="references">
      {references.map((url) => (
        <li key={url}>
          {/* Only https references become links; anything else is shown as text. */}
          {url.startsWith('https://') ? (
            <a href={url} target="_blank" rel="noreferrer noopener">
              {url.replace(/^https:\/\//, '')}
            </a>
          ) : (
            <span>{url}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
