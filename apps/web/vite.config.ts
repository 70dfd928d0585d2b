import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { checkStudentFirstLoad, codeSplitting } from './chunk-groups.js';
import { directImports } from './direct-imports.js';
import { precompress } from './precompress.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Dev/preview SPA fallback for the console: /console/anything → /console/index.html. */
function consoleFallback(): Plugin {
  const rewrite = (req: { url?: string }) => {
    const url = req.url ?? '';
    if (
      /^\/console(\/|$)/.test(url) &&
      !/\.[a-z0-9]+(\?|$)/i.test(url.split('?')[0] ?? '') &&
      !url.startsWith('/console/@')
    ) {
      req.url = '/console/index.html';
    }
  };
  return {
    name: 'console-spa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        rewrite(req);
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        rewrite(req);
        next();
      });
    },
  };
}

const entries = { student: here('./index.html'), console: here('./console/index.html') };

const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    consoleFallback(),
    // import antd-mobile's components, its icons and ahooks' hooks from their own modules, not the barrels
    directImports({ 'antd-mobile': 'es/index.js', 'antd-mobile-icons': 'es/index.js', ahooks: 'es/index.js' }),
    checkStudentFirstLoad(),
    // dist/**/*.br and *.gz beside each text file; the server sends them (preCompressed)
    precompress(),
  ],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false }, '/sandbox': { target: apiTarget, changeOrigin: false } } },
  preview: { proxy: { '/api': { target: apiTarget, changeOrigin: false }, '/sandbox': { target: apiTarget, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // dist/.vite/manifest.json: which files each page loads (scripts/first-load.ts reads it)
    manifest: true,
    rolldownOptions: {
      input: entries,
      // named chunks by who needs them (vendor, vendor-student, home, orders …): see chunk-groups.ts
      output: { codeSplitting: codeSplitting(entries) },
    },
  },
});
