// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * Layering (../shared/style.md): shared <- core <- collect <- service <- main/cli; shared <- preload; the renderer
 * takes only types. service/ holds the operations that Electron's IPC and `hostscope serve` both expose.
 */
const layer = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', '.tmp/**', 'resources/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': [
        'error',
        { allowExpressions: true, allowTypedFunctionExpressions: true, allowHigherOrderFunctions: true },
      ],
    },
  },
  layer(
    ['src/shared/**'],
    [
      {
        group: [
          'node:*',
          ...nodeBuiltins,
          'electron',
          '**/core/**',
          '**/collect/**',
          '**/main/**',
          '**/cli/**',
          '**/renderer/**',
          '**/preload/**',
        ],
        message: 'shared/ holds plain data shapes only.',
      },
    ],
  ),
  layer(
    ['src/core/**'],
    [
      {
        group: [
          'node:*',
          ...nodeBuiltins,
          'electron',
          'dockerode',
          'node-powershell',
          'yauzl',
          'yazl',
          '**/collect/**',
          '**/main/**',
          '**/cli/**',
          '**/renderer/**',
          '**/preload/**',
        ],
        message: 'core/ is pure: no I/O, no node built-ins; it may import shared/ and core/ only.',
      },
    ],
  ),
  layer(
    ['src/collect/**'],
    [
      {
        group: ['electron', '**/main/**', '**/cli/**', '**/renderer/**', '**/preload/**'],
        message: 'collect/ may import shared/ and core/ only.',
      },
    ],
  ),
  layer(
    ['src/service/**'],
    [
      {
        group: ['electron', '**/main/**', '**/cli/**', '**/renderer/**', '**/preload/**'],
        message:
          'service/ (the handlers behind IPC and `hostscope serve`) may import shared/, core/ and collect/ only.',
      },
    ],
  ),
  layer(
    ['src/cli/**'],
    [
      {
        group: ['electron', '**/main/**', '**/renderer/**', '**/preload/**'],
        message: 'cli/ runs without Electron.',
      },
    ],
  ),
  layer(
    ['src/preload/**'],
    [
      {
        group: [
          '**/core/**',
          '**/collect/**',
          '**/main/**',
          '**/cli/**',
          '**/renderer/**',
          'node:*',
          ...nodeBuiltins.filter((m) => m !== 'electron'),
        ],
        message: 'preload/ builds window.api from the shared contract only.',
      },
    ],
  ),
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core/**',
                '**/collect/**',
                '**/main/**',
                '**/cli/**',
                '**/preload/**',
                'electron',
                'node:*',
                ...nodeBuiltins,
              ],
              message: 'The renderer talks only to window.api.',
            },
            {
              group: ['**/shared/**'],
              allowTypeImports: true,
              message: 'The renderer may import only types from shared/.',
            },
          ],
        },
      ],
    },
  },
);
