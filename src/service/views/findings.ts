// Findings, each with links to the subjects it concerns.

import type { FindingsView, SubjectLink } from '../../shared/views';
import type { Analysis } from '../analysis';

export function findingsView(analysis: Analysis): FindingsView {
  const hostName = analysis.model.computerName ?? 'host';
  return {
    findings: analysis.findings().map((finding, index) => ({
      ...finding,
      key: `${finding.id}-${index}`,
      subjectLinks: finding.subjects.map((subject) => subjectLink(analysis, subject, hostName)),
    })),
  };
}

function subjectLink(analysis: Analysis, subject: string, hostName: string): SubjectLink {
  if (subject === 'host') return { subject, label: `Host ${hostName}`, containerId: null };
  if (subject.startsWith('container:')) {
    const id = subject.slice('container:'.length);
    const container = analysis.containerById.get(id);
    return container
      ? { subject, label: `Container ${container.name}`, containerId: container.id }
      : { subject, label: `Container ${id.slice(0, 12)}`, containerId: null };
  }
  if (subject.startsWith('service:'))
    return { subject, label: `Service ${subject.slice('service:'.length)}`, containerId: null };
  return { subject, label: subject, containerId: null };
}
