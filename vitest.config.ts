import { defineConfig } from 'vitest/config';

/**
 * Projects: unit (pure, no I/O), web (the web app's components in happy-dom), infra (CDK assertions), integration (adapters against
 * the emulators) and e2e (the local stack over HTTP). The last two share one global setup
 * that starts DynamoDB Local, the SES emulator, the Scheduler emulator and the API once.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      // PDF tests render for real: a file's first render loads react-pdf and parses the embedded
      // fonts (~1–2 s alone, 5 s+ when the suite runs on 2 busy cores), beyond the 5 s default.
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
      {
        test: {
          name: 'stack',
          include: ['test/integration/**/*.test.{ts,tsx}', 'test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
