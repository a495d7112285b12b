// Isolation walkthrough: two containers side by side, point by point, with a guided mode that steps through
// the points one at a time (the ones that differ first).

import { useState, type JSX } from 'react';
import type { IsolationComparison, IsolationPoint } from '../../../shared/diagnosis';
import type { IsolationCandidate } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { IsolationChip } from '../components/chips';
import { EvidenceList } from '../components/evidence';
import { Icon } from '../components/icons';
import { EmptyState, QueryView } from '../components/states';
import { href, navigate } from '../router';

export function IsolationView({ params }: { params: URLSearchParams }): JSX.Element {
  const a = params.get('a') ?? undefined;
  const b = params.get('b') ?? undefined;
  const query = useQuery('isolation:compare', { ...(a ? { a } : {}), ...(b ? { b } : {}) }, useBundleKey());
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Isolation walkthrough</h1>
        <p className="muted">
          What process isolation and Hyper-V isolation look like from the host, shown on two real containers.
        </p>
      </header>
      <QueryView query={query} label="Comparing">
        {(view) =>
          view.kind === 'not-enough' ? (
            <EmptyState title="Nothing to compare">
              <p className="muted">{view.reason}</p>
            </EmptyState>
          ) : (
            <Comparison comparison={view.comparison} candidates={view.candidates} />
          )
        }
      </QueryView>
    </div>
  );
}

function Comparison({
  comparison,
  candidates,
}: {
  comparison: IsolationComparison;
  candidates: readonly IsolationCandidate[];
}): JSX.Element {
  const [step, setStep] = useState<number | null>(null);
  // Guided mode shows the differences first, then what the two share.
  const order = [...comparison.rows.filter((r) => r.differs), ...comparison.rows.filter((r) => !r.differs)];
  const pick = (side: 'a' | 'b', id: string): void =>
    navigate(
      href(['isolation'], {
        a: side === 'a' ? id : comparison.a.container.id,
        b: side === 'b' ? id : comparison.b.container.id,
      }),
      true,
    );
  const differing = comparison.rows.filter((r) => r.differs).length;

  return (
    <>
      <div className="iso-pickers">
        {(['a', 'b'] as const).map((side) => {
          const profile = comparison[side];
          return (
            <label key={side} className="iso-picker">
              <span>{side === 'a' ? 'Left' : 'Right'} container</span>
              <select
                className="select"
                value={profile.container.id}
                onChange={(e) => pick(side, e.target.value)}
              >
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.isolation === 'hyperv' ? 'Hyper-V' : (c.isolation ?? 'unknown')}, {c.state})
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        <button
          type="button"
          className="button button-primary"
          onClick={() => setStep(step === null ? 0 : null)}
          aria-pressed={step !== null}
        >
          {step === null ? 'Walk me through it' : 'Show all points'}
        </button>
      </div>
      <p className="muted">
        {differing === 0
          ? 'The two containers look the same from the host on every point.'
          : `They differ on ${differing} of ${comparison.rows.length} points.`}
      </p>

      {step !== null && order[step] ? (
        <section className="guided" aria-live="polite" aria-labelledby="guided-title">
          <p className="guided-step muted">
            Step {step + 1} of {order.length}
            {order[step]!.differs ? ' · they differ here' : ' · the same for both'}
          </p>
          <h2 id="guided-title">{order[step]!.title}</h2>
          <div className="iso-columns">
            <PointCard
              name={comparison.a.container.name}
              isolation={comparison.a.isolation}
              point={order[step]!.a}
            />
            <PointCard
              name={comparison.b.container.name}
              isolation={comparison.b.isolation}
              point={order[step]!.b}
            />
          </div>
          <div className="guided-nav">
            <button type="button" className="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
              <Icon name="chevron-left" size={14} /> Previous
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={step === order.length - 1}
              onClick={() => setStep(step + 1)}
            >
              Next <Icon name="chevron-right" size={14} />
            </button>
          </div>
        </section>
      ) : (
        <div className="table-scroll">
          <table className="data-table iso-table">
            <caption className="visually-hidden">Isolation comparison</caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">
                  <a href={href(['containers', comparison.a.container.id])}>{comparison.a.container.name}</a>{' '}
                  <IsolationChip isolation={comparison.a.isolation} />
                </th>
                <th scope="col">
                  <a href={href(['containers', comparison.b.container.id])}>{comparison.b.container.name}</a>{' '}
                  <IsolationChip isolation={comparison.b.isolation} />
                </th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <tr key={row.id} className={row.differs ? 'iso-differs' : ''}>
                  <th scope="row">
                    {row.title}
                    {row.differs && <span className="chip chip-accent">differs</span>}
                  </th>
                  <td>
                    <PointCell point={row.a} />
                  </td>
                  <td>
                    <PointCell point={row.b} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function PointCell({ point }: { point: IsolationPoint }): JSX.Element {
  return (
    <div className={point.observable ? 'point' : 'point point-unobservable'}>
      <p>{point.observed}</p>
      <p className="muted point-expectation">{point.expectation}</p>
      {point.evidence.length > 0 && (
        <details>
          <summary>Evidence ({point.evidence.length})</summary>
          <EvidenceList evidence={point.evidence} />
        </details>
      )}
    </div>
  );
}

function PointCard({
  name,
  isolation,
  point,
}: {
  name: string;
  isolation: string | null;
  point: IsolationPoint;
}): JSX.Element {
  return (
    <article className="panel iso-card">
      <h3>
        {name} <IsolationChip isolation={isolation} />
      </h3>
      <p className="iso-observed">{point.observed}</p>
      <p className="muted">{point.expectation}</p>
      <EvidenceList evidence={point.evidence} />
    </article>
  );
}
