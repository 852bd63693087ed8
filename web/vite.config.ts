import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The SPA. `/config.json` (API URL, OIDC issuer and client id) is not built in: the local
 * stack serves it, the CDK stack writes it at deploy, so one build runs anywhere.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // dist/.vite/manifest.json: the bench computes what the home screen loads from it.
    manifest: true,
  },
  server: { port: 5173, strictPort: false },
});
