// A copy of the 2016 sample that says it was collected on a given computer, with portainer's port 9000 moved to a
// port of the test's choosing, so tests of active checks (issue 14) can listen on it without meeting each other.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE = 'resources/samples/server2016-swarm-portainer';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function liveBundle(parent: string, computer: string, port = 9000): string {
  const path = mkdtempSync(join(parent, 'bundle-'));
  cpSync(SAMPLE, path, { recursive: true });
  // 9000 appears in the sample only as portainer's port (netstat, inspect, NAT mappings and sessions).
  for (const file of files(path)) {
    const text = readFileSync(file, 'utf8');
    if (text.includes('9000')) writeFileSync(file, text.replaceAll('9000', String(port)));
  }
  const osFile = join(path, 'host', 'os.json');
  const os = JSON.parse(readFileSync(osFile, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  writeFileSync(osFile, JSON.stringify({ ...os, ComputerName: computer }));
  return path;
}
