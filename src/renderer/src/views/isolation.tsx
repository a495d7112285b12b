// Isolation walkthrough: two containers side by side, point by point, with a guided mode that steps through
// the points one at a time (the ones that differ first).

import { useState, type JSX, type ReactNode } from 'react';
import type {
  CompatibilityVerdict,
  ContainerCompatibility,
  IsolationComparison,
  IsolationPoint,
  IsolationPointId,
  ModeCompatibility,
  WhatIf,
} from '../../../shared/diagnosis';
import type { IsolationCandidate, IsolationLesson } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { IsolationChip } from '../components/chips';
import { EvidenceList } from '../components/evidence';
import { Icon } from '../components/icons';
import { EmptyState, QueryView } from '../components/states';
import { href, navigate } from '../router';
import { SourceLink, Term, WithTerms } from '../components/term';
import { VerdictBadge } from '../components/chips';

export function IsolationView({ params }: { params: URLSearchParams }): JSX.Element {
  const a = params.get('a') ?? undefined;
  const b = params.get('b') ?? undefined;
  const w = params.get('w') ?? undefined;
  const query = useQuery(
    'isolation:compare',
    { ...(a ? { a } : {}), ...(b ? { b } : {}), ...(w ? { whatIf: w } : {}) },
    useBundleKey(),
  );
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Isolation walkthrough</h1>
        <p className="muted">
          Windows runs a container in one of two ways. With <strong>process isolation</strong> it runs on the
          host’s own Windows kernel, as a group of host programs. With <strong>Hyper-V isolation</strong> it
          runs inside its own small virtual machine, a <Term id="utility-vm">utility VM</Term>. This page
          walks through what that changes, step by step, on this host’s own containers.
        </p>
      </header>
      <QueryView query={query} label="Comparing">
        {(view) => (
          <div className="iso-steps">
            {view.kind === 'not-enough' ? (
              <EmptyState title="Nothing to compare side by side">
                <p className="muted">{view.reason}</p>
              </EmptyState>
            ) : (
              <>
                <KernelStep comparison={view.comparison} />
                <Step n={2} id="iso-host" title="What the host sees">
                  <p>
                    From the host, a process-isolated container is a set of ordinary programs in a{' '}
                    <Term id="session">session</Term> of its own, marked by{' '}
                    <Term id="cexecsvc">CExecSvc</Term>. A Hyper-V isolated container is only two host
                    programs: the VM worker <Term id="vmwp">vmwp</Term> and its memory,{' '}
                    <Term id="vmmem">vmmem</Term>. Each line below is what this bundle shows, with the file it
                    comes from.
                  </p>
                  <Comparison comparison={view.comparison} candidates={view.candidates} />
                </Step>
                <NetworkStep comparison={view.comparison} />
                <Step n={4} id="iso-storage" title="Storage">
                  <p>
                    Each container writes its changes to a virtual disk,{' '}
                    <Term id="sandbox">sandbox.vhdx</Term>. With process isolation the host mounts that disk
                    itself (it shows in Disk Management without a drive letter); with Hyper-V isolation the
                    disk is attached to the utility VM instead. Either way the disk is thrown away with the
                    container: keep data in a volume or a bind mount.
                  </p>
                  <PointPair comparison={view.comparison} id="sandbox-disk" />
                </Step>
              </>
            )}
            <CompatibilityStep lesson={view} />
            {view.kind === 'compared' && (
              <Step n={6} id="iso-cost" title="Cost: memory and start-up">
                <p>
                  A process-isolated container uses only the memory its programs need. A Hyper-V isolated one
                  also carries its utility VM, which takes memory up front, and every start boots that VM
                  first, which adds seconds.
                </p>
                <PointPair comparison={view.comparison} id="memory" />
              </Step>
            )}
            <Step n={7} id="iso-licensing" title="Licensing">
              <p>
                {view.overview.licensing.text}. Source: <SourceLink url={view.overview.licensing.reference} />
                .
              </p>
            </Step>
            <WhatIfStep lesson={view} candidates={view.candidates} />
          </div>
        )}
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
            <ContainerPicker
              key={side}
              label={`${side === 'a' ? 'Left' : 'Right'} container`}
              value={profile.container.id}
              candidates={candidates}
              onPick={(id) => pick(side, id)}
            />
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
          <PointTable
            className="iso-table"
            caption="Isolation comparison"
            columns={[
              <>
                <a href={href(['containers', comparison.a.container.id])}>{comparison.a.container.name}</a>{' '}
                <IsolationChip isolation={comparison.a.isolation} />
              </>,
              <>
                <a href={href(['containers', comparison.b.container.id])}>{comparison.b.container.name}</a>{' '}
                <IsolationChip isolation={comparison.b.isolation} />
              </>,
            ]}
          >
            {comparison.rows.map((row) => (
              <PointRow key={row.id} title={row.title} mark={row.differs ? 'differs' : null}>
                <td>
                  <PointCell point={row.a} />
                </td>
                <td>
                  <PointCell point={row.b} />
                </td>
              </PointRow>
            ))}
          </PointTable>
        </div>
      )}
    </>
  );
}

/** A container to compare or switch, each named with its isolation and state. */
function ContainerPicker({
  label,
  value,
  candidates,
  onPick,
}: {
  label: string;
  value: string;
  candidates: readonly IsolationCandidate[];
  onPick: (id: string) => void;
}): JSX.Element {
  return (
    <label className="iso-picker">
      <span>{label}</span>
      <select className="select" value={value} onChange={(e) => onPick(e.target.value)}>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.isolation === 'hyperv' ? 'Hyper-V' : (c.isolation ?? 'unknown')}, {c.state})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Points side by side: a row a point (PointRow), a column each side. */
function PointTable({
  className,
  caption,
  columns,
  children,
}: {
  className: string;
  caption: string;
  columns: readonly [ReactNode, ReactNode];
  children: ReactNode;
}): JSX.Element {
  return (
    <table className={`data-table ${className}`}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Point</th>
          <th scope="col">{columns[0]}</th>
          <th scope="col">{columns[1]}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A point of a side-by-side table, its name marked where the two columns tell different things. */
function PointRow({
  title,
  mark,
  children,
}: {
  title: string;
  mark: string | null;
  children: ReactNode;
}): JSX.Element {
  return (
    <tr className={mark !== null ? 'iso-differs' : ''}>
      <th scope="row">
        {title}
        {mark !== null && <span className="chip chip-accent">{mark}</span>}
      </th>
      {children}
    </tr>
  );
}

function PointCell({ point }: { point: IsolationPoint }): JSX.Element {
  return (
    <div className={point.observable ? 'point' : 'point point-unobservable'}>
      <p>
        <WithTerms text={point.observed} />
      </p>
      <p className="muted point-expectation">
        <WithTerms text={point.expectation} /> <SourceLink url={point.reference} />
      </p>
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
      <p className="iso-observed">
        <WithTerms text={point.observed} />
      </p>
      <p className="muted">
        <WithTerms text={point.expectation} /> <SourceLink url={point.reference} />
      </p>
      <EvidenceList evidence={point.evidence} />
    </article>
  );
}

function Step({
  n,
  id,
  title,
  children,
}: {
  n: number;
  id: string;
  title: string;
  children: ReactNode;
}): JSX.Element {
  return (
    <section className="panel iso-step" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span className="iso-step-number">Step {n}</span> {title}
      </h2>
      {children}
    </section>
  );
}

const MODE: Readonly<Record<'process' | 'hyperv', string>> = {
  process: 'process isolation',
  hyperv: 'Hyper-V isolation',
};

function KernelStep({ comparison }: { comparison: IsolationComparison }): JSX.Element {
  const line = (side: 'a' | 'b'): JSX.Element => {
    const p = comparison[side];
    return (
      <li key={side}>
        <strong>{p.container.name}</strong>:{' '}
        {p.isolation === 'process'
          ? 'process isolation. It shares the host’s kernel, so a flaw in the kernel reachable from inside could reach the host and every other process-isolated container.'
          : p.isolation === 'hyperv'
            ? 'Hyper-V isolation. It runs on its own kernel inside a utility VM; the hypervisor separates it from the host, as it separates virtual machines.'
            : 'its isolation mode is unknown in this bundle.'}
      </li>
    );
  };
  return (
    <Step n={1} id="iso-kernel" title="The kernel and the security boundary">
      <p>
        The kernel is the core of Windows that every program relies on. Process isolation keeps containers
        apart with Windows’ own walls (sessions, file and registry views, job objects), but they all share one
        kernel. Hyper-V isolation gives each container its own kernel in a{' '}
        <Term id="utility-vm">utility VM</Term>, so code that should not be trusted (another team’s or a
        customer’s) is better kept there.
      </p>
      <ul className="iso-list">
        {line('a')}
        {line('b')}
      </ul>
      <p className="small">
        Source:{' '}
        <SourceLink url="https://learn.microsoft.com/en-us/virtualization/windowscontainers/about/containers-vs-vm" />
      </p>
    </Step>
  );
}

function PointPair({
  comparison,
  id,
}: {
  comparison: IsolationComparison;
  id: IsolationPointId;
}): JSX.Element | null {
  const row = comparison.rows.find((r) => r.id === id);
  if (!row) return null;
  return (
    <div className="iso-columns">
      {(['a', 'b'] as const).map((side) => (
        <PointCard
          key={side}
          name={comparison[side].container.name}
          isolation={comparison[side].isolation}
          point={row[side]}
        />
      ))}
    </div>
  );
}

function NetworkStep({ comparison }: { comparison: IsolationComparison }): JSX.Element {
  return (
    <Step n={3} id="iso-network" title="Networking">
      <p>
        Both kinds of container sit on the same container networks, made by <Term id="hns">HNS</Term>, and
        published ports are forwarded the same way (on older hosts through <Term id="winnat">WinNAT</Term>).
        What differs is the firewall: for a process-isolated container Docker adds inbound rules to the host
        firewall (one per published port, and one letting containers on the network reach each other); a
        Hyper-V isolated container gets none, because the firewall inside its utility VM decides, and it
        allows by default.
      </p>
      <p>
        Connecting a <em>running</em> Hyper-V isolated container to another network with{' '}
        <code>docker network connect</code> depends on the Windows build and the engine: Microsoft listed it
        as unsupported, later builds added it. Try it on a test container first, or stop the container before
        connecting it. Sources:{' '}
        <SourceLink url="https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/820" />,{' '}
        <SourceLink url="https://docs.docker.com/reference/cli/docker/network/connect/" />.
      </p>
      <PointPair comparison={comparison} id="firewall-rules" />
      <PointPair comparison={comparison} id="reach-from-host" />
    </Step>
  );
}

const VERDICT_TEXT: Readonly<Record<CompatibilityVerdict, string>> = {
  runs: 'runs',
  fails: 'would not start',
  unknown: 'unknown',
};

function ModeCell({ mode }: { mode: ModeCompatibility }): JSX.Element {
  return (
    <td>
      <span className={`chip iso-verdict-${mode.verdict}`}>{VERDICT_TEXT[mode.verdict]}</span>
      <div className="small muted">
        {mode.reason} (<SourceLink url={mode.reference} />)
      </div>
    </td>
  );
}

function CompatibilityStep({ lesson }: { lesson: IsolationLesson }): JSX.Element {
  const d = lesson.overview.defaultIsolation;
  return (
    <Step n={5} id="iso-compat" title="Which images run in which mode here">
      <p>
        A process-isolated container runs on the host’s kernel, so its image must be built for the same
        Windows build as the host; only the monthly update number may differ. Otherwise it fails to start with{' '}
        <q>The container operating system does not match the host operating system (0xc0370101)</q>. Since
        Windows Server 2022, a host also runs images from the previous long-term release up to its own build
        (Windows 11 runs Windows Server 2022 images). Hyper-V isolation runs images of the host’s build or
        older; an image newer than the host runs in neither mode.
      </p>
      <p>
        This host is{' '}
        {lesson.overview.hostKind === 'client'
          ? 'client Windows'
          : lesson.overview.hostKind === 'server'
            ? 'Windows Server'
            : 'Windows'}{' '}
        {lesson.overview.hostVersion ?? '(build unknown)'}. A container that asks for no mode gets{' '}
        {d.mode ? MODE[d.mode] : 'an unknown mode'}
        {d.from === 'host-type' ? ' (the default for this type of Windows; the engine does not say)' : ''}.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Images and isolation modes">
        <table className="data-table iso-compat">
          <caption className="visually-hidden">Which isolation modes each container’s image runs in</caption>
          <thead>
            <tr>
              <th scope="col">Container</th>
              <th scope="col">Image and its build</th>
              <th scope="col">Process isolation</th>
              <th scope="col">Hyper-V isolation</th>
            </tr>
          </thead>
          <tbody>
            {lesson.compatibility.map((c: ContainerCompatibility) => (
              <tr key={c.container.id}>
                <th scope="row">
                  <a href={href(['containers', c.container.id])}>{c.container.name}</a>
                  <div className="small muted">
                    {c.container.state}, {c.isolation ? MODE[c.isolation] : 'mode unknown'}
                  </div>
                  {c.failedWithMismatch.length > 0 && (
                    <div className="small">failed to start: image and host do not match</div>
                  )}
                </th>
                <td className="iso-image">
                  {c.image.image}
                  <div className="small muted">build {c.image.imageVersion ?? 'unknown'}</div>
                </td>
                <ModeCell mode={c.image.process} />
                <ModeCell mode={c.image.hyperv} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Step>
  );
}

function WhatIfStep({
  lesson,
  candidates,
}: {
  lesson: IsolationLesson;
  candidates: readonly IsolationCandidate[];
}): JSX.Element {
  const w: WhatIf | null = lesson.whatIf;
  const pick = (id: string): void => {
    const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    navigate(href(['isolation'], { a: params.get('a'), b: params.get('b'), w: id }), true);
  };
  return (
    <Step n={8} id="iso-whatif" title="What if it ran in the other mode?">
      <p>
        Hostscope runs the same diagnosis again with one container switched to the other mode: what the host
        would see, its firewall rules, who could reach it, whether its image would start, and what it would
        cost.
      </p>
      <ContainerPicker
        label="Container"
        value={w?.container.id ?? ''}
        candidates={candidates}
        onPick={pick}
      />
      {w && (
        <>
          <p className="iso-whatif-start">
            In {MODE[w.to]}, {w.container.name}{' '}
            {w.start.verdict === 'runs'
              ? 'would start'
              : w.start.verdict === 'fails'
                ? 'would not start'
                : 'might or might not start (unknown)'}
            : {w.start.reason}.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="What would change">
            <PointTable
              className="iso-whatif"
              caption={`What would change for ${w.container.name}`}
              columns={[`Now (${w.from ? MODE[w.from] : 'unknown mode'})`, `In ${MODE[w.to]}`]}
            >
              {w.points.map((p) => (
                <PointRow key={p.id} title={p.title} mark={p.changes ? 'changes' : null}>
                  <td>
                    <WithTerms text={p.now} />
                  </td>
                  <td>
                    <WithTerms text={p.then} />
                    {p.reference && (
                      <div className="small">
                        <SourceLink url={p.reference} />
                      </div>
                    )}
                  </td>
                </PointRow>
              ))}
            </PointTable>
          </div>
          <h3>Who could reach it</h3>
          {w.reachability.changed.length === 0 ? (
            <p className="muted">
              No client’s answer would change ({w.reachability.unchanged} checks stay the same).
            </p>
          ) : (
            <ul className="iso-list">
              {w.reachability.changed.map((r) => (
                <li key={`${r.from}-${r.port}-${r.protocol}`}>
                  From {r.from} to {r.port}/{r.protocol}: <VerdictBadge verdict={r.now} /> now,{' '}
                  <VerdictBadge verdict={r.then} /> then{r.thenWhy ? ` (${r.thenWhy})` : ''}
                </li>
              ))}
              <li className="muted">{w.reachability.unchanged} other checks stay the same.</li>
            </ul>
          )}
        </>
      )}
    </Step>
  );
}
