// Changes: what changed between two bundles of one host (issue 13; diagnosis spec section 6). Opened with two
// bundle paths (`#/changes?older=..&newer=..`, or <ChangesView older newer /> from another view); the paths are
// read by the service, never by the renderer.

import { useState, type FormEvent, type JSX } from 'react';
import type { Finding } from '../../../shared/diagnosis';
import type { Change, ChangeArea, DiffSide, HostDiff, PathState, VerdictChange } from '../../../shared/diff';
import { useQuery } from '../api/use-query';
import { useApp } from '../app-context';
import { SeverityBadge, VerdictBadge } from '../components/chips';
import { FixBlock } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { EvidenceList } from '../components/evidence';
import { EmptyState, QueryView } from '../components/states';
import { formatDate, plural } from '../format';
import { href, navigate } from '../router';

const AREA_TITLE: Readonly<Record<ChangeArea, string>> = {
  host: 'Host',
  container: 'Containers',
  network: 'Networks',
  'hns-network': 'HNS networks',
  'hns-endpoint': 'HNS endpoints and their policies',
  'nat-mapping': 'NAT mappings',
  'firewall-profile': 'Firewall profiles',
  'firewall-rule': 'Firewall rules',
  'port-exclusion': 'Port exclusions',
  service: 'Services',
  hotfix: 'Updates (hotfixes)',
};

/** The Changes view; `older` and `newer` are bundle paths (folders or .zip) the service can read. */
export function ChangesView({ older, newer }: { older?: string | null; newer?: string | null }): JSX.Element {
  const both = older && newer ? { older, newer } : null;
  const query = useQuery('changes:compare', both, both ? `${both.older}\u0000${both.newer}` : '');
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Changes</h1>
        <p className="muted">
          What changed on the host between two bundles, with the evidence of each change.
        </p>
      </header>
      <ComparePicker key={`${older ?? ''}\u0000${newer ?? ''}`} older={older ?? ''} newer={newer ?? ''} />
      {both && (
        <QueryView query={query} label="Comparing the two bundles">
          {(result) =>
            result.kind === 'different-hosts' ? (
              <div className="state state-error" role="alert">
                <p className="state-title">Not compared: two different hosts</p>
                <p>{result.message}</p>
              </div>
            ) : (
              <DiffReport diff={result.diff} />
            )
          }
        </QueryView>
      )}
    </div>
  );
}

function ComparePicker({ older, newer }: { older: string; newer: string }): JSX.Element {
  const app = useApp();
  const [olderPath, setOlder] = useState(older);
  // The open bundle is the usual "now": offered as the newer side when none is given.
  const [newerPath, setNewer] = useState(newer || (app.bundle?.source ?? ''));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (olderPath.trim() === '' || newerPath.trim() === '') return;
    navigate(href(['changes'], { older: olderPath.trim(), newer: newerPath.trim() }));
  };
  return (
    <form className="toolbar changes-picker" onSubmit={submit} aria-label="Bundles to compare">
      <PathField
        label="Older bundle"
        value={olderPath}
        onChange={setOlder}
        placeholder={'C:\\bundles\\host01-before.zip'}
      />
      <PathField
        label="Newer bundle"
        value={newerPath}
        onChange={setNewer}
        placeholder={'C:\\bundles\\host01-now.zip'}
      />
      <button
        type="submit"
        className="button button-primary"
        disabled={olderPath.trim() === '' || newerPath.trim() === ''}
      >
        Compare
      </button>
    </form>
  );
}

/** A bundle's path as typed: the folder or .zip on the machine that runs the service. */
function PathField({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}): JSX.Element {
  return (
    <label className="select-label">
      {label}
      <input
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        spellCheck={false}
      />
    </label>
  );
}

function sideText(side: DiffSide): string {
  return `${side.computerName ?? 'unnamed host'}, collected ${formatDate(side.collectedAt)}${
    side.lastBootUpTime ? `, booted ${formatDate(side.lastBootUpTime)}` : ''
  }`;
}

function DiffReport({ diff }: { diff: HostDiff }): JSX.Element {
  const byArea = new Map<ChangeArea, Change[]>();
  for (const change of diff.changes) {
    const list = byArea.get(change.area) ?? [];
    list.push(change);
    byArea.set(change.area, list);
  }
  const nothing =
    diff.changes.length === 0 &&
    diff.verdictChanges.length === 0 &&
    diff.findingsAdded.length === 0 &&
    diff.findingsResolved.length === 0 &&
    diff.findingsUndetermined.length === 0;
  return (
    <>
      <dl className="changes-sides">
        <dt>Older</dt>
        <dd>
          {sideText(diff.older)} <code className="muted">{diff.older.source}</code>
        </dd>
        <dt>Newer</dt>
        <dd>
          {sideText(diff.newer)} <code className="muted">{diff.newer.source}</code>
        </dd>
      </dl>
      {diff.notes.map((note) => (
        <p key={note} className="note note-unknown">
          {note}
        </p>
      ))}
      <p role="status" className="changes-counts">
        {plural(diff.changes.length, 'change')}, {plural(diff.verdictChanges.length, 'path')} with another
        verdict, {plural(diff.findingsAdded.length, 'finding')} added, {diff.findingsResolved.length} resolved
      </p>
      {nothing && (
        <EmptyState title="Nothing changed">
          <p className="muted">The two bundles show the same host state in every part both of them hold.</p>
        </EmptyState>
      )}
      {diff.verdictChanges.length > 0 && <VerdictChanges changes={diff.verdictChanges} />}
      {[...byArea].map(([area, list]) => (
        <section key={area} className="changes-area" aria-labelledby={`changes-${area}`}>
          <h2 id={`changes-${area}`}>
            {AREA_TITLE[area]} <span className="muted">{list.length}</span>
          </h2>
          <ChangeTable changes={list} caption={AREA_TITLE[area]} />
        </section>
      ))}
      <FindingSection id="added" title="Findings added" findings={diff.findingsAdded} />
      <FindingSection id="resolved" title="Findings resolved" findings={diff.findingsResolved} />
      <FindingSection
        id="undetermined"
        title="Findings the newer bundle cannot decide"
        findings={diff.findingsUndetermined}
      />
      {diff.notCompared.length > 0 && (
        <section aria-labelledby="changes-not-compared">
          <h2 id="changes-not-compared">Not compared</h2>
          <ul className="plain-list">
            {diff.notCompared.map((n) => (
              <li key={n.area}>
                <strong>{AREA_TITLE[n.area]}:</strong> {n.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const KIND_WORD: Partial<Record<Change['kind'], string>> = {
  'container-created': 'created',
  'container-removed': 'removed',
  'container-restarted': 'restarted',
  'container-recreated': 're-created',
  'host-updated': 'updated',
  'host-restarted': 'restarted',
};

function changeWord(change: Change): string {
  const word = KIND_WORD[change.kind] ?? change.kind.slice(change.kind.lastIndexOf('-') + 1);
  return change.field && word === 'changed' ? change.field : word;
}

function ChangeTable({ changes, caption }: { changes: readonly Change[]; caption: string }): JSX.Element {
  return (
    <DataTable
      caption={caption}
      rows={changes}
      rowKey={(c, i) => `${c.subject}-${c.field ?? ''}-${i}`}
      empty="No change."
      columns={[
        { header: 'What', cell: (c) => c.label },
        { header: 'Change', cell: (c) => <strong>{changeWord(c)}</strong> },
        { header: 'Before', cell: (c) => <code>{c.before ?? '-'}</code> },
        { header: 'After', cell: (c) => <code>{c.after ?? '-'}</code> },
        {
          header: 'Evidence',
          cell: (c) => (
            <details>
              <summary>{plural(c.evidence.length, 'fact')}</summary>
              <EvidenceList evidence={c.evidence} />
            </details>
          ),
        },
      ]}
    />
  );
}

function PathCell({ state }: { state: PathState | null }): JSX.Element {
  if (state === null) return <span className="muted">no such path</span>;
  return (
    <span>
      <VerdictBadge verdict={state.verdict} />
      {state.reason !== null && <span className="muted"> {state.reason}</span>}
    </span>
  );
}

function VerdictChanges({ changes }: { changes: readonly VerdictChange[] }): JSX.Element {
  return (
    <section aria-labelledby="changes-verdicts">
      <h2 id="changes-verdicts">
        Reachability verdicts that changed <span className="muted">{changes.length}</span>
      </h2>
      <DataTable
        caption="Reachability verdicts that changed"
        rows={changes}
        rowKey={(v, i) => `${v.container.id}-${v.from}-${v.port}-${i}`}
        empty="No verdict changed."
        columns={[
          { header: 'Container', cell: (v) => v.container.name },
          { header: 'From', cell: (v) => v.fromLabel },
          { header: 'Port', cell: (v) => `${v.port}/${v.protocol}` },
          { header: 'Before', cell: (v) => <PathCell state={v.before} /> },
          { header: 'After', cell: (v) => <PathCell state={v.after} /> },
          {
            header: 'Deciding hop now',
            cell: (v) => {
              const hop = (v.after ?? v.before)?.decisiveHop ?? null;
              return hop === null ? (
                <span className="muted">every hop passes</span>
              ) : (
                <details>
                  <summary>
                    {hop.title}: {hop.status}
                  </summary>
                  <EvidenceList evidence={hop.evidence} />
                </details>
              );
            },
          },
        ]}
      />
    </section>
  );
}

function FindingSection({
  id,
  title,
  findings,
}: {
  id: string;
  title: string;
  findings: readonly Finding[];
}): JSX.Element | null {
  if (findings.length === 0) return null;
  return (
    <section aria-labelledby={`changes-findings-${id}`}>
      <h2 id={`changes-findings-${id}`}>
        {title} <span className="muted">{findings.length}</span>
      </h2>
      <div className="finding-list">
        {findings.map((f, i) => (
          <article
            key={`${f.id}-${i}`}
            className={`finding finding-${f.severity}`}
            aria-labelledby={`changes-${id}-${i}`}
          >
            <header className="finding-head">
              <SeverityBadge severity={f.severity} />
              <h3 id={`changes-${id}-${i}`}>{f.title}</h3>
              <code className="muted finding-id">{f.id}</code>
            </header>
            <p>{f.detail}</p>
            <details>
              <summary>Evidence ({f.evidence.length})</summary>
              <EvidenceList evidence={f.evidence} />
            </details>
            {id === 'added' && <FixBlock fix={f.fix} />}
          </article>
        ))}
      </div>
    </section>
  );
}
