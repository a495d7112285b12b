// The app end to end: the built renderer in Debian's Chromium against the server behind `hostscope serve`, on each
// sample host. Every view in both themes (screenshots in screenshots/), axe-core with no serious or critical
// violation, no console error; a reachability question followed to its cause and fix, the isolation comparison,
// the container table filtered and driven from the keyboard, hostile names shown as text, a report exported.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../src/service/paths';
import { listSamples } from '../../src/service/samples';
import type { ReachMatrixRow } from '../../src/shared/views';
import { chromiumPart } from '../support/chromium';
import { openInPage, seriousViolations, SHOTS, useApp, viewReady } from './support';

const run = chromiumPart();
const samples = listSamples(samplesDir()).map((s) => s.name);

describe.skipIf(!run)('the app in Chromium', () => {
  // Every test ends with a clean console; a problem belongs to the test that caused it.
  const app = useApp({ permissions: ['clipboard-read', 'clipboard-write'], cleanAfterEach: true });

  it('starts on the welcome page and opens a sample host from it', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Open a host' }).waitFor();
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(SHOTS, `welcome-${scheme}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.getByRole('button', { name: /Server 2016/ }).click();
    await viewReady(page);
    const info = await app.service.call('app:info', {});
    expect(info.ok && info.value.bundle?.sample).toBe('server2016-swarm-portainer');
    await expect.poll(() => page.locator('.titlebar-bundle').textContent()).toContain('sample host');
  });

  describe.each(samples)('on %s', (name) => {
    beforeAll(async () => {
      await openInPage(app.service, app.page, { sample: name });
    });

    it('shows every view in both themes, accessible and without console errors', async () => {
      const { page } = app;
      const list = await app.containers();
      // A detail page for a published, running container (the richest), and a Hyper-V one where there is one.
      const main = list.find((r) => r.state === 'running' && r.ports.length > 0) ?? list[0]!;
      const hyperv = list.find((r) => r.isolation === 'hyperv' && r.id !== main.id);
      const views: [string, string][] = [
        ['overview', 'overview'],
        ['containers', 'containers'],
        ...['overview', 'session', 'disk', 'network', 'firewall', 'findings'].map((tab): [string, string] => [
          `container-${tab}`,
          `containers/${main.id}/${tab}`,
        ]),
        ...(hyperv
          ? [['container-hyperv-session', `containers/${hyperv.id}/session`] as [string, string]]
          : []),
        ['reachability', `reachability?c=${main.id}`],
        ['isolation', 'isolation'],
        ['topology', 'topology'],
        ['sessions', 'sessions'],
        ['findings', 'findings'],
      ];
      const dir = join(SHOTS, name);
      mkdirSync(dir, { recursive: true });
      const failures: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [view, route] of views) {
          await app.show(route);
          expect(await page.locator('.state-error').count(), `${view} shows an error`).toBe(0);
          const heading = (await page.locator('main h1').textContent()) ?? '';
          expect(heading.trim().length, `${view} has a heading`).toBeGreaterThan(0);
          await page.screenshot({ path: join(dir, `${view}-${scheme}.png`) });
          for (const v of await seriousViolations(page))
            failures.push(`${scheme} ${view}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      expect(failures).toEqual([]);
      // Twenty-six pages, each through axe: more than the default minute on a loaded machine.
    }, 240_000);

    it('follows a reachability question to its failing step, cause and fix', async () => {
      const { page } = app;
      const matrix = await app.service.call('reach:matrix', {});
      if (!matrix.ok) throw new Error(matrix.error.message);
      // The question an admin would ask first: an unreachable port, else an unknown one, else a reachable one.
      const pick = (verdict: string): ReachMatrixRow | undefined =>
        matrix.value.rows.find(
          (r) => r.verdict === verdict && r.direction === 'inbound' && r.sourceKind !== 'container',
        );
      const row = pick('unreachable') ?? pick('unknown') ?? pick('reachable');
      if (!row) return;

      await app.show('reachability');
      await page.locator('#reach-container').selectOption(row.containerId);
      await page.locator('#reach-from').selectOption(row.sourceKind);
      await page.locator('#reach-port').selectOption(`${row.port}/${row.protocol}`);
      await viewReady(page);
      await page.locator('.verdict-banner').waitFor();

      const answer = await app.service.call('reach:explain', {
        container: row.containerId,
        source: { kind: row.sourceKind as 'external' | 'host' | 'host-localhost' },
        port: row.port,
        protocol: row.protocol,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      const explanation = answer.value.explanation;
      const word = { reachable: 'Reachable', unreachable: 'Unreachable', unknown: 'Unknown' }[
        explanation.verdict
      ];
      expect(await page.locator('.verdict-banner').textContent()).toContain(word);
      // One box per hop, coloured by its status.
      for (const status of ['pass', 'fail', 'unknown', 'skip'] as const) {
        expect(await page.locator(`.path-diagram g.path-${status}`).count(), status).toBe(
          explanation.hops.filter((h) => h.status === status).length,
        );
      }
      const failing = explanation.hops.find((h) => h.status === 'fail');
      if (failing) expect(await page.locator('.hop-detail h2').textContent()).toContain(failing.title);
      // A command fix has its copy button; prose steps have none (issue 11).
      for (const cause of explanation.causes) {
        const card = page.locator('.cause', { has: page.getByRole('heading', { name: cause.title }) });
        if (cause.fix.kind === 'command')
          expect(await card.locator('.command code').textContent()).toBe(cause.fix.command);
        else {
          expect(await card.locator('.fix-steps li').allTextContents()).toEqual(cause.fix.steps);
          expect(await card.getByRole('button', { name: /copy fix/i }).count()).toBe(0);
        }
      }
      const firstCommand = explanation.causes.findIndex((c) => c.fix.kind === 'command');
      const commandCause = explanation.causes[firstCommand];
      if (commandCause?.fix.kind === 'command') {
        const card = page.locator('.cause').nth(firstCommand);
        await card.getByRole('button', { name: /copy fix/i }).click();
        await expect
          .poll(() => page.evaluate(() => navigator.clipboard.readText()))
          .toBe(commandCause.fix.command);
      }
      await page.screenshot({ path: join(SHOTS, name, `reachability-answer-light.png`) });

      // Every hop box is a button that shows its evidence.
      const boxes = page.locator('.path-diagram g[role="button"]');
      expect(await boxes.count()).toBe(explanation.hops.length);
      await boxes.nth(0).focus();
      await page.keyboard.press('Enter');
      expect(await page.locator('.hop-detail h2').textContent()).toContain(explanation.hops[0]!.title);
    });

    it('compares isolation side by side and steps through it', async () => {
      const { page } = app;
      const view = await app.service.call('isolation:compare', {});
      if (!view.ok) throw new Error(view.error.message);
      await app.show('isolation');
      if (view.value.kind === 'not-enough') {
        expect(await page.getByText('Nothing to compare').count()).toBe(1);
        return;
      }
      const { comparison } = view.value;
      const headers = page.locator('.iso-table thead th');
      expect(await headers.nth(1).textContent()).toContain(comparison.a.container.name);
      expect(await headers.nth(2).textContent()).toContain(comparison.b.container.name);
      expect(await page.locator('.iso-table tbody tr').count()).toBe(comparison.rows.length);
      expect(await page.locator('.iso-table tbody tr.iso-differs').count()).toBe(
        comparison.rows.filter((r) => r.differs).length,
      );

      await page.getByRole('button', { name: 'Walk me through it' }).click();
      for (let step = 1; step <= comparison.rows.length; step++) {
        expect(await page.locator('.guided-step').textContent()).toContain(
          `Step ${step} of ${comparison.rows.length}`,
        );
        if (step < comparison.rows.length) await page.getByRole('button', { name: /Next/ }).click();
      }
      expect(await page.getByRole('button', { name: /Next/ }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(SHOTS, name, 'isolation-guided-light.png') });
      await page.getByRole('button', { name: 'Show all points' }).click();
      await page.locator('.iso-table').waitFor();
    });

    it('filters the container table and opens a container from the keyboard', async () => {
      const { page } = app;
      const list = await app.containers();
      await app.show('containers');
      const bodyRows = page.locator('.vgrid-body [role="row"]');
      expect(await bodyRows.count()).toBe(Math.min(list.length, await bodyRows.count()));
      expect(await page.locator('.toolbar-count').textContent()).toContain(String(list.length));

      const target = list[list.length - 1]!;
      await page.locator('#container-filter').fill(target.name);
      const expected = list.filter((r) =>
        [r.name, r.image, r.id, r.service ?? '', ...r.ips, ...r.ports]
          .join(' ')
          .toLowerCase()
          .includes(target.name.toLowerCase()),
      );
      await expect.poll(() => bodyRows.count()).toBe(expected.length);
      const shownNames = await bodyRows.locator('[role="gridcell"]:first-child').allTextContents();
      expect(shownNames).toContain(target.name);
      await page.locator('#container-filter').fill('no container is called this');
      await expect.poll(() => page.getByText('No container matches the filter.').count()).toBe(1);
      await page.locator('#container-filter').fill('');

      // Sorting by name, descending, then the keyboard: down twice and Enter opens the third row.
      await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').click();
      expect(await page.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe(
        'descending',
      );
      const names = await bodyRows.locator('[role="gridcell"]:first-child').allTextContents();
      expect(names).toEqual([...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
      await page.locator('[role="grid"]').focus();
      const steps = Math.min(2, list.length - 1);
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
      const chosen = names[steps]!;
      await page.keyboard.press('Enter');
      await viewReady(page);
      expect((await page.locator('main h1').textContent())?.trim()).toBe(chosen);
      // Tabs follow the arrow keys.
      await page.getByRole('tab', { name: 'Overview' }).focus();
      await page.keyboard.press('ArrowRight');
      await viewReady(page);
      expect(
        await page.getByRole('tab', { name: 'Session and processes' }).getAttribute('aria-selected'),
      ).toBe('true');
    });
  });

  it('shows the bundle 1.1 host state where an admin looks: services, reserved ports, proxy, HNS, DNS, routes', async () => {
    const { page } = app;
    await openInPage(app.service, page, { sample: 'server2022-hns-trouble' });
    const list = await app.containers();
    const id = (name: string): string => list.find((r) => r.name === name)!.id;
    const dir = join(SHOTS, 'host-state-1.1');
    mkdirSync(dir, { recursive: true });
    const failures: string[] = [];
    // The view scrolls inside main: each new section is shot on its own, besides the page.
    const check = async (shot: string, sections: readonly string[]): Promise<void> => {
      expect(await page.locator('.state-error').count(), `${shot} shows an error`).toBe(0);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(dir, `${shot}-${scheme}.png`) });
        for (const section of sections)
          await page
            .locator(`section[aria-labelledby="${section}"]`)
            .screenshot({ path: join(dir, `${shot}-${section}-${scheme}.png`) });
        for (const v of await seriousViolations(page))
          failures.push(`${scheme} ${shot}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    };

    // Overview: the services with their state and the crashes of hns, the reserved range holding grpc's port,
    // the proxy.
    await app.show('overview');
    const services = page.locator('section[aria-labelledby="ov-services"]');
    const hnsRow = services.getByRole('row', { name: /^hns / });
    expect(await hnsRow.getByText('Running').count()).toBe(1);
    expect(await services.getByRole('row', { name: /terminated unexpectedly/ }).count()).toBe(2);
    const reserved = page.locator('section[aria-labelledby="ov-reserved"]');
    const range = reserved.getByRole('row', { name: /49985-50084/ }).first();
    expect(await range.textContent()).toContain('50051 (grpc)');
    expect(await range.getByRole('link', { name: 'grpc' }).getAttribute('href')).toContain(id('grpc'));
    expect(await page.locator('section[aria-labelledby="ov-proxy"]').textContent()).toContain(
      'direct (no proxy)',
    );
    await check('overview', ['ov-services', 'ov-reserved', 'ov-proxy', 'ov-machine']);

    // Container detail: web's HNS endpoint publishes 80 as HNS sees it; agent's hosts file names the partner.
    await app.show(`containers/${id('web')}/network`);
    const hns = page.locator('section[aria-labelledby="cd-hns"]');
    expect(await hns.getByRole('row', { name: /172\.21\.144\.2/ }).textContent()).toContain(
      '80 -> 80/tcp (host port reserved)',
    );
    expect(await page.locator('section[aria-labelledby="cd-dns"]').textContent()).toContain(
      '10.50.0.10, 10.50.0.11',
    );
    await check('container-web-network', ['cd-hns', 'cd-dns']);
    await app.show(`containers/${id('agent')}/network`);
    expect(
      await page
        .locator('section[aria-labelledby="cd-dns"]')
        .getByRole('row', { name: /artifacts\.fabrikam\.com/ })
        .textContent(),
    ).toContain('172.18.40.15');
    await check('container-agent-network', ['cd-hns', 'cd-dns']);
    // A container that never started holds no address: no endpoint is expected, and none is made up.
    await app.show(`containers/${id('admin')}/network`);
    expect(await page.locator('section[aria-labelledby="cd-hns"]').textContent()).toContain(
      'the container is created, not running',
    );

    // Topology: each nat network's Internal vSwitch, and the VPN route over ci flagged as another interface's.
    await app.show('topology');
    const routes = page.locator('section[aria-labelledby="topo-routes"]');
    expect(await routes.getByRole('heading', { name: /^ci / }).textContent()).toContain(
      'vSwitch ci (internal)',
    );
    const vpn = routes.getByRole('row', { name: /172\.18\.0\.0\/16/ });
    expect(await vpn.textContent()).toContain('Ethernet 3');
    expect(await vpn.textContent()).toContain('another interface');
    expect(await routes.getByRole('row', { name: /172\.21\.144\.0\/20/ }).textContent()).toContain(
      'this network',
    );
    expect(await page.locator('.topology svg').getAttribute('aria-label')).toContain(
      'vSwitch nat (internal)',
    );
    await check('topology', ['topo-routes']);
    expect(failures).toEqual([]);
  }, 180_000);

  it('asks the outbound question through the direction switch; the 1.1 causes show in the path', async () => {
    const { page } = app;
    await openInPage(app.service, page, { sample: 'server2022-hns-trouble' });
    const list = await app.containers();
    const grpc = list.find((r) => r.name === 'grpc')!;
    // Inbound: grpc's 50051 lies in a reserved range (port-reserved, catalogue 2), shown as a failing hop and cause.
    await app.show(`reachability?c=${grpc.id}&from=external&port=50051&proto=tcp`);
    await page.locator('.verdict-banner').waitFor();
    expect(await page.locator('.verdict-banner').textContent()).toContain('Unreachable');
    expect(await page.locator('.path-diagram').textContent()).toContain('reserved');
    expect(await page.locator('.cause h3').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/50051\/tcp lies in the excluded range/)]),
    );
    // Outbound: a running container to the internet on 443, the same answer as the engine's.
    const sender = list.find((r) => r.state === 'running')!;
    await app.show(`reachability?c=${sender.id}`);
    await page.locator('#reach-direction').selectOption('outbound');
    await page.locator('#reach-to').waitFor();
    expect(await page.locator('#reach-from').count()).toBe(0);
    await page.locator('#reach-to').selectOption('internet');
    await viewReady(page);
    await page.locator('.verdict-banner').waitFor();
    expect(page.url()).toContain('dir=out');
    const answer = await app.service.call('reach:outbound', {
      container: sender.id,
      target: { kind: 'internet' },
      port: 443,
      protocol: 'tcp',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const e = answer.value.explanation;
    expect(e.direction).toBe('outbound');
    const word = { reachable: 'Reachable', unreachable: 'Unreachable', unknown: 'Unknown' }[e.verdict];
    expect(await page.locator('.verdict-banner').textContent()).toContain(word);
    expect(await page.locator('.verdict-banner').textContent()).toContain('the internet, 443/tcp');
    expect(await page.locator('.path-diagram g[role="button"]').count()).toBe(e.hops.length);
    // To the host, a typed port: the host-side hops of the contract (section 4).
    await page.locator('#reach-to').selectOption('host');
    await page.locator('#reach-port').fill('1433');
    await viewReady(page);
    await page.locator('.verdict-banner').waitFor();
    expect(await page.locator('.path-diagram').textContent()).toMatch(/address on/);
    mkdirSync(join(SHOTS, 'outbound'), { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'outbound', 'reachability-outbound-host-light.png') });
    expect(await seriousViolations(page)).toEqual([]);
    // The request is validated like the others: a target that is none is refused before the engine runs.
    const bad = await app.service.call('reach:outbound', {
      container: sender.id,
      target: { kind: 'name', name: "a b'" },
      port: 443,
      protocol: 'tcp',
    });
    expect(bad.ok).toBe(false);

    // An address typed as the target: agent's artifact server 172.18.40.15 lies inside ci's own nat prefix.
    const agent = list.find((r) => r.name === 'agent')!;
    await app.show(`reachability?c=${agent.id}&dir=out&to=address`);
    expect(await page.locator('main').textContent()).toContain('Enter an address or a name');
    await page.locator('#reach-address').fill('172.18.40.15');
    await page.locator('#reach-address').press('Enter');
    await viewReady(page);
    await page.locator('#reach-port').fill('443');
    await viewReady(page);
    await page.locator('.verdict-banner').waitFor();
    expect(page.url()).toContain('addr=172.18.40.15');
    expect(await page.locator('.verdict-banner').textContent()).toContain('Unreachable');
    expect(await page.locator('.verdict-banner').textContent()).toContain('172.18.40.15, 443/tcp');
    const overlap = await app.service.call('reach:outbound', {
      container: agent.id,
      target: { kind: 'address', address: '172.18.40.15' },
      port: 443,
      protocol: 'tcp',
    });
    if (!overlap.ok) throw new Error(overlap.error.message);
    const overlapCause = overlap.value.explanation.causes.find((c) => c.id === 'nat-prefix-overlap')!;
    expect(await page.locator('.cause h3').allTextContents()).toContain(overlapCause.title);

    // Ping: the correction, never a verdict (catalogue 28).
    await page.locator('select[aria-label="Protocol"]').selectOption('icmp');
    await viewReady(page);
    await page.locator('.verdict-banner').waitFor();
    expect(page.url()).toContain('proto=icmp');
    expect(await page.locator('.verdict-banner').textContent()).toContain('Unknown');
    const ping = await app.service.call('reach:icmp', {
      container: agent.id,
      question: { direction: 'outbound', target: { kind: 'address', address: '172.18.40.15' } },
    });
    if (!ping.ok) throw new Error(ping.error.message);
    expect(await page.locator('.cause h3').allTextContents()).toEqual(
      ping.value.explanation.causes.map((c) => c.title),
    );
    expect(await page.locator('.cause .command code').first().textContent()).toContain('Test-NetConnection');
    expect(await seriousViolations(page)).toEqual([]);

    // The matrix: outbound rows beside the inbound ones, which the direction filter keeps.
    const matrix = await app.service.call('reach:matrix', {});
    if (!matrix.ok) throw new Error(matrix.error.message);
    const outboundRows = matrix.value.rows.filter((r) => r.direction === 'outbound');
    expect(outboundRows.length).toBeGreaterThan(0);
    const table = page.locator('.matrix table tbody tr');
    expect(await table.count()).toBe(matrix.value.rows.length);
    await page.locator('#matrix-direction').selectOption('outbound');
    expect(await table.count()).toBe(outboundRows.length);
    const agentOut = outboundRows.find(
      (r) => r.containerName === 'agent' && r.to?.target.kind === 'internet',
    )!;
    const agentRow = table.filter({ hasText: 'to the internet' }).filter({ hasText: 'agent' });
    expect(await agentRow.count()).toBe(1);
    expect(await agentRow.textContent()).toContain(`${agentOut.port}/${agentOut.protocol}`);
    await page.locator('#matrix-direction').selectOption('inbound');
    expect(await table.count()).toBe(matrix.value.rows.length - outboundRows.length);
    // The new causes show where the path stops: grpc's reserved port.
    const grpcRow = matrix.value.rows.find((r) => r.containerName === 'grpc' && r.from === 'external')!;
    expect(grpcRow.causes).toContain('port-reserved');
    expect(await table.filter({ hasText: 'grpc' }).first().textContent()).toContain(grpcRow.failingHop!);
    await page.screenshot({ path: join(SHOTS, 'outbound', 'reachability-matrix-inbound-light.png') });
    // Explain on an outbound row asks that row's question in the view.
    await page.locator('#matrix-direction').selectOption('outbound');
    await agentRow.getByRole('link', { name: 'Explain' }).click();
    await viewReady(page);
    await page.locator('.verdict-banner').waitFor();
    expect(page.url()).toContain('dir=out');
    expect(page.url()).toContain('to=internet');
    expect(await page.locator('.verdict-banner').textContent()).toContain('the internet, 443/tcp');
  }, 180_000);

  it('opens a bundle by the path typed into the Open dialog, with a Windows path as its example', async () => {
    const { page } = app;
    await app.show('overview');
    await page.getByRole('button', { name: 'Open bundle' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a bundle' });
    const input = dialog.getByLabel(/Bundle folder or .zip/);
    // A JSX string attribute keeps `\\` as two characters: the example must show one backslash.
    expect(await input.getAttribute('placeholder')).toBe('C:\\bundles\\host01.zip');
    const path = join(samplesDir(), samples.at(-1)!);
    await input.fill(path);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const info = await app.service.call('app:info', {});
    expect(info.ok && info.value.bundle?.source).toBe(path);
  });

  it('shows hostile container names as text, never as markup', async () => {
    const { page } = app;
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(2)>',
      '{{constructor.constructor("alert(3)")()}}',
    ];
    const folder = hostileCopy(hostile);
    try {
      await openInPage(app.service, page, { path: folder });
      for (const route of ['containers', 'topology', 'isolation', 'reachability', 'sessions', 'findings']) {
        await app.show(route);
        expect(await page.locator('img[src="x"], main svg[onload]').count(), route).toBe(0);
      }
      await app.show('containers');
      for (const name of hostile)
        expect(await page.getByText(name, { exact: true }).count(), name).toBeGreaterThan(0);
      const list = await app.containers();
      await app.show(`containers/${list.find((r) => r.name === hostile[0])!.id}/overview`);
      expect((await page.locator('main h1').textContent())?.trim()).toBe(hostile[0]);
      await page.screenshot({ path: join(SHOTS, 'hostile-names-light.png') });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exports a redacted Markdown report as a download', async () => {
    const { page } = app;
    const opened = await openInPage(app.service, page, { sample: samples[0]! });
    await app.show('overview');
    await page.getByRole('button', { name: 'Export report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByLabel(/Markdown/).check();
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);
    // The preview shows the redacted report as text before anything leaves, and follows the checkbox.
    const preview = dialog.getByRole('region', { name: 'Report preview' }).locator('pre');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Findings');
    if (opened.computerName) {
      expect(await preview.textContent()).not.toContain(opened.computerName);
      await dialog.getByRole('checkbox').uncheck();
      await dialog.getByText('Preview (not redacted)').waitFor();
      await page.waitForFunction(
        (name) => document.querySelector('.report-preview-text')?.textContent?.includes(name) === true,
        opened.computerName,
      );
      await dialog.getByRole('checkbox').check();
      await page.waitForFunction(
        (name) => document.querySelector('.report-preview-text')?.textContent?.includes(name) === false,
        opened.computerName,
      );
    }
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hostscope-report-.*-redacted\.md$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.length).toBeGreaterThan(200);
    if (opened.computerName) expect(text).not.toContain(opened.computerName);
  });

  it('cancels a PDF export from the dialog: nothing is downloaded, the dialog says so and stays open', async () => {
    const { page } = app;
    await openInPage(app.service, page, { sample: samples[0]! });
    await app.show('overview');
    await page.getByRole('button', { name: 'Export report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByLabel(/PDF/).check();
    await dialog.getByLabel('Details').selectOption('all');
    const ended = new Promise<string>((resolve) =>
      app.service.onEvent((event) => {
        if (event.kind === 'operation-ended' && event.operation === 'export') resolve(event.outcome);
      }),
    );
    let downloads = 0;
    page.on('download', () => downloads++);
    await dialog.getByRole('button', { name: 'Export' }).click();
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    expect(await ended).toBe('cancelled');
    await dialog.getByText('Export cancelled: nothing was written.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isEnabled()).toBe(true);
    expect(downloads).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });
});

/** A sample host whose containers carry hostile names: the raw docker/containers.json rewritten, nothing else. */
function hostileCopy(names: readonly string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'hostscope-hostile-'));
  cpSync(join(samplesDir(), samples[0]!), folder, { recursive: true });
  const file = join(folder, 'docker', 'containers.json');
  const raw = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const containers = JSON.parse(raw) as { Name: string }[];
  containers.forEach((c, i) => {
    if (i < names.length) c.Name = `/${names[i]}`;
  });
  writeFileSync(file, JSON.stringify(containers, null, 2));
  return folder;
}
