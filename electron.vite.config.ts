import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and the CLI share one Node build (both are "the shell" around core/ and collect/);
// out/main/cli.js is what bin/hostscope.mjs runs.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
          // The worker thread of src/service/off-thread.ts, found beside the bundled service at run time.
          'off-thread-worker': resolve('src/service/off-thread-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload must be a single CommonJS file.
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    // Relative asset URLs so the same build loads from file:// in Electron and over HTTP in `hostscope serve`.
    base: './',
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
