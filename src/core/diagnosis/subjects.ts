// A finding's subjects: built typed in core, written as the contract's text (`host`, `container:<id>`,
// `service:<name>`; spec/diagnosis.md section 3) only at an edge that prints JSON or prose.

import type { Finding, FindingJson, Subject } from '../../shared/diagnosis';

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

/** The contract's JSON form of a finding, for `findings --json` and the report. */
export function findingJson(finding: Finding): FindingJson {
  return { ...finding, subjects: finding.subjects.map(subjectText) };
}
