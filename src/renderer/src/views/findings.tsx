// Findings: everything wrong on the host, grouped by severity or by kind, filterable, each linking to its subjects.

import { useMemo, useState, type JSX } from 'react';
import type { Severity } from '../../../shared/diagnosis';
import type { FindingView } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { SeverityBadge } from '../components/chips';
import { FixBlock } from '../components/copy-button';
import { EvidenceList, References } from '../components/evidence';
import { EmptyState, QueryView } from '../components/states';
import { LabeledSelect } from '../components/labeled-select';
import { href } from '../router';
import { SEVERITY_ORDER } from '../severity';

type Grouping = 'severity' | 'kind';

export function FindingsView({ params }: { params: URLSearchParams }): JSX.Element {
  const query = useQuery('findings:list', {}, useBundleKey());
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Findings</h1>
        <p className="muted">What is wrong or risky on this host, with the evidence and the fix.</p>
      </header>
      <QueryView query={query} label="Checking the host">
        {(view) =>
          view.findings.length === 0 ? (
            <EmptyState title="No findings">
              <p className="muted">None of the known problems shows in this bundle.</p>
            </EmptyState>
          ) : (
            <FindingList
              findings={view.findings}
              initialSeverity={params.get('severity')}
              initialText={params.get('q') ?? ''}
            />
          )
        }
      </QueryView>
    </div>
  );
}

function FindingList({
  findings,
  initialSeverity,
  initialText,
}: {
  findings: readonly FindingView[];
  initialSeverity: string | null;
  initialText: string;
}): JSX.Element {
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(
    () => new Set(SEVERITY_ORDER.filter((s) => initialSeverity === null || s === initialSeverity)),
  );
  const [text, setText] = useState(initialText);
  const [grouping, setGrouping] = useState<Grouping>('severity');
  const counts = useMemo(() => {
    const map = new Map<Severity, number>();
    for (const f of findings) map.set(f.severity, (map.get(f.severity) ?? 0) + 1);
    return map;
  }, [findings]);
  const needle = text.trim().toLowerCase();
  const shown = findings.filter(
    (f) =>
      severities.has(f.severity) &&
      (needle === '' ||
        [f.id, f.title, f.detail, ...f.subjectLinks.map((s) => s.label)]
          .join(' ')
          .toLowerCase()
          .includes(needle)),
  );
  const groups = new Map<string, FindingView[]>();
  for (const f of shown) {
    const key = grouping === 'severity' ? f.severity : f.id;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const orderedGroups = [...groups].sort(([a], [b]) =>
    grouping === 'severity'
      ? SEVERITY_ORDER.indexOf(a as Severity) - SEVERITY_ORDER.indexOf(b as Severity)
      : a.localeCompare(b),
  );

  const toggle = (s: Severity): void =>
    setSeverities((current) => {
      const next = new Set(current);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  return (
    <>
      <div className="toolbar" role="search">
        <fieldset className="severity-filter">
          <legend className="visually-hidden">Severities shown</legend>
          {SEVERITY_ORDER.map((s) => (
            <label key={s} className={`toggle toggle-${s}`}>
              <input type="checkbox" checked={severities.has(s)} onChange={() => toggle(s)} />
              <span>
                {s} <span className="toggle-count">{counts.get(s) ?? 0}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="visually-hidden" htmlFor="finding-filter">
          Filter findings
        </label>
        <input
          id="finding-filter"
          className="input input-search"
          type="search"
          placeholder="Filter by text, id or subject"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <LabeledSelect
          label="Group by"
          value={grouping}
          onChange={setGrouping}
          options={[
            { value: 'severity', label: 'Severity' },
            { value: 'kind', label: 'Kind of finding' },
          ]}
        />
        <span className="muted toolbar-count" role="status" aria-live="polite">
          {shown.length} of {findings.length}
        </span>
      </div>
      {shown.length === 0 && <p className="muted">No finding matches the filter.</p>}
      {orderedGroups.map(([group, list]) => (
        <section key={group} className="finding-group" aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`} className="group-title">
            {grouping === 'severity' ? <SeverityBadge severity={group as Severity} /> : <code>{group}</code>}
            <span className="muted">{list.length}</span>
          </h2>
          <div className="finding-list">
            {list.map((f) => (
              <FindingCard key={f.key} finding={f} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

export function FindingCard({ finding }: { finding: FindingView }): JSX.Element {
  return (
    <article className={`finding finding-${finding.severity}`} aria-labelledby={`finding-${finding.key}`}>
      <header className="finding-head">
        <SeverityBadge severity={finding.severity} />
        <h3 id={`finding-${finding.key}`}>{finding.title}</h3>
        <code className="muted finding-id">{finding.id}</code>
      </header>
      <p>{finding.detail}</p>
      {finding.subjectLinks.length > 0 && (
        <p className="subjects">
          <span className="muted">Concerns </span>
          {finding.subjectLinks.map((s, i) => (
            <span key={s.subject}>
              {i > 0 && ', '}
              {s.containerId ? (
                <a href={href(['containers', s.containerId, 'findings'])}>{s.label}</a>
              ) : (
                <span>{s.label}</span>
              )}
            </span>
          ))}
        </p>
      )}
      <details>
        <summary>Evidence ({finding.evidence.length})</summary>
        <EvidenceList evidence={finding.evidence} />
      </details>
      <FixBlock fix={finding.fix} />
      <References references={finding.references} />
    </article>
  );
}
