// Findings, each with links to the subjects it concerns.

import { subjectText } from '../../core/diagnosis/subjects';
import type { Subject } from '../../shared/diagnosis';
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

function subjectLink(analysis: Analysis, subject: Subject, hostName: string): SubjectLink {
  const text = subjectText(subject);
  switch (subject.kind) {
    case 'host':
      return { subject: text, label: `Host ${hostName}`, containerId: null };
    case 'container': {
      const container = analysis.containerById.get(subject.id);
      return container
        ? { subject: text, label: `Container ${container.name}`, containerId: container.id }
        : { subject: text, label: `Container ${subject.id.slice(0, 12)}`, containerId: null };
    }
    case 'service':
    case 'windows-service':
      return { subject: text, label: `Service ${subject.name}`, containerId: null };
  }
}
