// A finding's subjects and an outbound explanation's target: built typed in core, written as the contract's text
// (`host`, `container:<id>`, `service:<name>`; spec/diagnosis.md sections 3 and 4) only at an edge that prints
// JSON or prose.

import type {
  Explanation,
  ExplanationJson,
  Finding,
  FindingJson,
  IcmpExplanation,
  OutboundTarget,
  Subject,
} from '../../shared/diagnosis';

export const HOST_SUBJECT: Subject = { kind: 'host' };

export function containerSubject(container: { readonly id: string }): Subject {
  return { kind: 'container', id: container.id };
}

/** A swarm service, by name. */
export function serviceSubject(name: string): Subject {
  return { kind: 'service', name };
}

/** A Windows service of the host (docker, hns, vmcompute, winnat): the contract also writes it `service:<name>`. */
export function windowsServiceSubject(name: string): Subject {
  return { kind: 'windows-service', name };
}

export function subjectText(subject: Subject): string {
  switch (subject.kind) {
    case 'host':
      return 'host';
    case 'container':
      return `container:${subject.id}`;
    case 'service':
    case 'windows-service':
      return `service:${subject.name}`;
  }
}

/** An outbound target as the contract and `--to` write it: `host`, `internet`, `container:<ref>`, an address or name. */
export function targetText(target: OutboundTarget): string {
  switch (target.kind) {
    case 'host':
    case 'internet':
      return target.kind;
    case 'container':
      return `container:${target.ref}`;
    case 'address':
      return target.address;
    case 'name':
      return target.name;
  }
}

/** The contract's JSON form of an explanation, for `explain --json` and the report; `to` keeps its place. */
export function explanationJson(e: Explanation): ExplanationJson;
export function explanationJson(e: IcmpExplanation): ExplanationJson<IcmpExplanation>;
export function explanationJson(
  e: Explanation | IcmpExplanation,
): ExplanationJson | ExplanationJson<IcmpExplanation>;
export function explanationJson(
  e: Explanation | IcmpExplanation,
): ExplanationJson | ExplanationJson<IcmpExplanation> {
  const { to, ...inbound } = e;
  return to === undefined ? inbound : { ...e, to: targetText(to) };
}

/** The contract's JSON form of a finding, for `findings --json` and the report. */
export function findingJson(finding: Finding): FindingJson {
  return { ...finding, subjects: finding.subjects.map(subjectText) };
}
