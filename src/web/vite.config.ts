import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** src/web/ → dist/web/: hashed assets under /assets/, a manifest for the first-load budget check. */
export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // No inline scripts or styles: the CSP allows only this origin's files.
    assetsInlineLimit: 0,
    sourcemap: false,
    // ECharts (bars, lines, grid, legend, canvas) is one lazy chunk of ~510 kB, fetched only by pages with a chart.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: Object.fromEntries(['/v1', '/auth', '/health', '/openapi.json'].map((p) => [p, 'http://127.0.0.1:3000'])) },
});
