import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** In development the API runs on `npm start` (port 3000); Vite serves the app and proxies to it. */
const API_ORIGIN = process.env['LANYARD_API_ORIGIN'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The size budget is checked on gzip sizes by scripts/build.ts, not here.
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/test-stripe', '/healthz', '/webhooks'].map((path) => [path, API_ORIGIN]),
    ),
  },
});
