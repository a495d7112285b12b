// @ts-check
// The layering of ../shared/style.md as allow-lists, the way VS Code's `code-import-patterns` rule does it: for
// each folder of src/, what it MAY import (other folders of src/, packages); every other import is an error.
// Relative imports are resolved against the importing file, so `../service/x` from src/core/ is caught however
// it is spelled.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = ':node';
const nodeBuiltins = new Set(builtinModules);

/**
 * @typedef {{ readonly layers: readonly string[], readonly typeOnlyLayers?: readonly string[],
 *   readonly packages: readonly string[], readonly why: string }} Layer
 */

/** @type {Readonly<Record<string, Layer>>} */
export const LAYERS = {
  shared: { layers: ['shared'], packages: ['zod'], why: 'plain data shapes and the IPC contract' },
  core: {
    layers: ['shared', 'core'],
    packages: ['zod'],
    why: 'pure analysis: no I/O, no node, electron or DOM',
  },
  collect: {
    layers: ['shared', 'core', 'collect'],
    packages: [NODE, 'dockerode', 'node-powershell', 'playwright-core', 'yauzl', 'yazl', 'zod'],
    why: 'the only code that touches a host',
  },
  service: {
    layers: ['shared', 'core', 'collect', 'service'],
    packages: [NODE, 'zod'],
    why: 'the handlers behind Electron IPC and `hostscope serve`',
  },
  main: {
    layers: ['shared', 'core', 'collect', 'service', 'main'],
    packages: [NODE, 'electron', 'zod'],
    why: 'the Electron main process',
  },
  preload: {
    layers: ['shared', 'preload'],
    packages: ['electron'],
    why: 'builds window.api from the contract',
  },
  cli: {
    layers: ['shared', 'core', 'collect', 'service', 'cli'],
    packages: [NODE, 'commander', 'zod'],
    why: 'the same operations without a window (no Electron)',
  },
  renderer: {
    layers: ['renderer'],
    typeOnlyLayers: ['shared'],
    packages: ['react', 'react-dom', 'recharts', '@tanstack/react-virtual'],
    why: 'React UI; talks only to window.api',
  },
};

/** The src/ folder a path is in; undefined for any other path. */
function layerOf(/** @type {string} */ file) {
  const parts = relative(ROOT, file).split(sep);
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

/** NODE for a built-in, else the package name (`@scope/name` or `name`) of a bare specifier. */
function packageOf(/** @type {string} */ specifier) {
  const parts = specifier.split('/');
  const first = parts[0] ?? specifier;
  if (specifier.startsWith('node:') || nodeBuiltins.has(first)) return NODE;
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : first;
}

/** @type {import('eslint').Rule.RuleModule} */
const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/ imports only what its layer allows (../shared/style.md).' },
    schema: [],
    messages: {
      forbidden: '{{from}}/ may not import {{what}} ({{from}}/ is {{why}}; it may import {{allowed}}).',
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    const layer = from === undefined ? undefined : LAYERS[from];
    if (from === undefined || layer === undefined) return {};
    const allowed = [
      ...layer.layers.map((l) => `${l}/`),
      ...(layer.typeOnlyLayers ?? []).map((l) => `types from ${l}/`),
      ...layer.packages.map((p) => (p === NODE ? 'node built-ins' : p)),
    ].join(', ');

    /** @param {{ loc?: import('eslint').AST.SourceLocation | null }} node @param {unknown} source @param {boolean} typeOnly */
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return;
      let what;
      if (source.startsWith('.')) {
        const target = layerOf(resolve(dirname(context.filename), source));
        if (target !== undefined && layer.layers.includes(target)) return;
        if (target !== undefined && typeOnly && layer.typeOnlyLayers?.includes(target)) return;
        what =
          target === undefined
            ? `files outside src/ ("${source}")`
            : layer.typeOnlyLayers?.includes(target)
              ? `${target}/ at run time ("${source}"; use \`import type\`)`
              : `${target}/ ("${source}")`;
      } else {
        const pkg = packageOf(source);
        if (layer.packages.includes(pkg)) return;
        what = pkg === NODE ? `node built-ins ("${source}")` : `the package "${pkg}"`;
      }
      context.report({
        loc: node.loc ?? { line: 1, column: 0 },
        messageId: 'forbidden',
        data: { from, what, why: layer.why, allowed },
      });
    };

    return {
      ImportDeclaration: (node) =>
        check(
          node.source,
          node.source.value,
          /** @type {{ importKind?: string }} */ (node).importKind === 'type',
        ),
      ExportNamedDeclaration: (node) =>
        node.source &&
        check(
          node.source,
          node.source.value,
          /** @type {{ exportKind?: string }} */ (node).exportKind === 'type',
        ),
      ExportAllDeclaration: (node) =>
        check(
          node.source,
          node.source.value,
          /** @type {{ exportKind?: string }} */ (node).exportKind === 'type',
        ),
      ImportExpression: (node) =>
        node.source.type === 'Literal' ? check(node.source, node.source.value, false) : undefined,
      // `import('x').T` in a type position is a type import (typescript-eslint 8 names its specifier `source`).
      /** @param {{ loc?: import('eslint').AST.SourceLocation | null, source?: { value?: unknown } }} node */
      TSImportType: (node) => check(node, node.source?.value, true),
    };
  },
};

export const layersPlugin = { rules: { 'allowed-imports': allowedImports } };
