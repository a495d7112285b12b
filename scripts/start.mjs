#!/usr/bin/env node
// `npm start`: the desktop app, on the live host on Windows and on a bundled sample host elsewhere.
// npm install skips Electron's binary download (package.json allowScripts), so a machine that can reach
// GitHub fetches it here on first start. Where no window can open, say why and serve the same UI to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

if (!existsSync(`${root}/out/main/index.js`) || !existsSync(`${root}/out/renderer/index.html`)) {
  if (run('npm', ['run', 'build']).status !== 0) process.exit(1);
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function whyNoWindow() {
  let binary = electronBinary();
  if (!binary) {
    console.log(
      'Electron binary not installed yet: downloading it once (node node_modules/electron/install.js)...',
    );
    const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
      cwd: root,
      encoding: 'utf8',
    });
    binary = electronBinary();
    if (!binary) {
      const why =
        `${install.stderr ?? ''}${install.stdout ?? ''}`
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim() ?? `exit ${install.status}`;
      return { reason: `the Electron binary could not be downloaded (${why})` };
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)', binary };
  }
  return { reason: null, binary };
}

const { reason, binary } = whyNoWindow();
if (reason === null) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`
Hostscope's desktop window cannot open here: ${reason}.

The same app runs in a browser instead: starting \`hostscope serve\` on a sample host (Ctrl+C to stop).
Everything is also in the CLI, for example:
  npx hostscope summary resources/samples/server2016-swarm-portainer
  npx hostscope findings resources/samples/server2019-broken-nat
  npx hostscope explain resources/samples/server2016-swarm-portainer --container portainer --from host-localhost --port 9000
`);
  const serve = spawn(process.execPath, [`${root}/bin/hostscope.mjs`, 'serve', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  serve.on('exit', (code) => process.exit(code ?? 0));
}
