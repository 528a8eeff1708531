// Lint, including the layering rule: each folder promises what it may import (see DEVELOPERS.md).
//   shared/         pure TypeScript: no Node, no DOM, no Electron, no React, nothing from main/ or renderer/
//   main/           Node: never electron (only main/electron/ may), never renderer/
//   main/electron/  the desktop shell: electron allowed
//   renderer/       the browser: no Node built-ins, no electron, nothing from main/
//   test/, scripts/ plain Node: never electron (Electron e2e tests launch the binary, not the module)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (message, paths, patterns = []) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message })),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', 'coverage/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': layer(
        'Bad layering: shared/ is pure TypeScript (no Node, DOM, Electron, React, main/ or renderer/).',
        [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3'],
        ['**/main/**', '**/renderer/**', 'node:*'],
      ),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'require',
        'Buffer',
        '__dirname',
        'localStorage',
        'navigator',
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': layer(
        'Bad layering: main/ core code never imports electron (only main/electron/ may) nor renderer/.',
        ['electron'],
        ['**/renderer/**', 'electron/*'],
      ),
      // A cached statement is shared by every caller of its SQL: switching its mode changes what the others get.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='pluck'][callee.object.type='CallExpression'][callee.object.callee.name=/^(q|qr|stmt)$/]",
          message:
            'Use qv() for a cached query whose first column is the answer: .pluck() on a shared q()/stmt() statement changes it for every caller.',
        },
        {
          selector:
            "CallExpression[callee.property.name='raw'][callee.object.type='CallExpression'][callee.object.callee.name=/^(q|qv|stmt)$/]",
          message:
            'Use qr() for a cached query read as arrays: .raw() on a shared q()/qv()/stmt() statement changes it for every caller.',
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': layer(
        'Bad layering: the Electron shell never imports renderer/.',
        [],
        ['**/renderer/**'],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': layer(
        'Bad layering: renderer/ runs in the browser (no Node built-ins, electron, or main/).',
        [...nodeBuiltins, 'electron', 'better-sqlite3'],
        ['**/main/**', 'node:*'],
      ),
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{ts,mjs,js}', '*.config.{ts,mjs}', 'bin/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': layer('Plain-Node code and tests never import electron.', ['electron']),
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
