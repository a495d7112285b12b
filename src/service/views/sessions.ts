// Processes by session: count and memory per session, with the container that owns it (process isolation), and
// the utility VMs that stand for Hyper-V containers.

import type { HostProcess } from '../../shared/model';
import type { SessionRow, SessionsView, UtilityVmRow } from '../../shared/views';
import type { Analysis } from '../analysis';

export function sessionsView(analysis: Analysis): SessionsView {
  const part = analysis.model.processes;
  if (part.kind === 'unknown') return { kind: 'unknown', reason: `${part.reason} (${part.source.file})` };
  const processes = part.value;

  const owners = new Map<number, { id: string; name: string }[]>();
  const utilityVms: UtilityVmRow[] = [];
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  for (const container of analysis.containers) {
    const inspected = analysis.inspect(container.id);
    if (inspected.sessionId !== null) {
      const list = owners.get(inspected.sessionId) ?? [];
      list.push({ id: container.id, name: container.name });
      owners.set(inspected.sessionId, list);
    }
    if (inspected.utilityVm !== null) {
      const worker = byPid.get(inspected.utilityVm.pid);
      const memory =
        inspected.utilityVm.memoryPid === null ? undefined : byPid.get(inspected.utilityVm.memoryPid);
      utilityVms.push({
        container: { id: container.id, name: container.name },
        workerPid: inspected.utilityVm.pid,
        memoryPid: inspected.utilityVm.memoryPid,
        workingSetBytes: memory?.workingSet ?? worker?.workingSet ?? null,
      });
    }
  }

  const sessions = new Map<number, HostProcess[]>();
  for (const p of processes) {
    if (p.sessionId === null) continue;
    const list = sessions.get(p.sessionId);
    if (list) list.push(p);
    else sessions.set(p.sessionId, [p]);
  }

  const rows: SessionRow[] = [...sessions]
    .sort(([a], [b]) => a - b)
    .map(([sessionId, list]) => {
      const containers = owners.get(sessionId) ?? [];
      return {
        sessionId,
        processCount: list.length,
        workingSetBytes: list.reduce((sum, p) => sum + (p.workingSet ?? 0), 0),
        containers,
        label: sessionLabel(sessionId, containers),
        topProcesses: [...list]
          .sort((a, b) => (b.workingSet ?? 0) - (a.workingSet ?? 0))
          .slice(0, 5)
          .map((p) => ({ pid: p.pid, name: p.name, workingSetBytes: p.workingSet })),
      };
    });
  return { kind: 'known', sessions: rows, utilityVms };
}

// Session 0 holds services (and each container's smss, Windows-Containers#254); a container owns the session its
// processes share.
function sessionLabel(sessionId: number, containers: readonly { readonly name: string }[]): string {
  if (containers.length === 1) return `Container ${containers[0]!.name}`;
  if (containers.length > 1) return `Containers ${containers.map((c) => c.name).join(', ')}`;
  if (sessionId === 0) return 'Services (session 0)';
  return `Host session ${sessionId}`;
}
