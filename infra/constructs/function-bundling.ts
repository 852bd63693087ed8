/**
 * How every Lambda is bundled, in one place: RelancesFunction hands these options to CDK's
 * NodejsFunction, and the bundle-budget test and `npm run bench bundle` hand the same options
 * to esbuild directly (esbuildOptionsOf), so what they measure is what CDK deploys.
 */
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { routeList } from '../../shared/http/routes.js';
import { pdfBundling } from '../pdf-bundling.js';

export const baseBundling = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM output has no require unless we make one.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // The Lambda runtime ships the AWS SDK v3, which keeps bundles and INIT small.
  externalModules: ['@aws-sdk/*'],
  // French text (templates, labels, messages) as UTF-8, not escaped: `é` is 2 bytes, `\xE9` 4 (about 1 KB per API
  // bundle). Node reads an ES module as UTF-8, so the strings are the same. Passed as an argument: this CDK version
  // declares BundlingOptions.charset but does not hand it to esbuild.
  esbuildArgs: { '--charset': 'utf8' },
  forceDockerBundling: false,
} satisfies BundlingOptions;

/** The bundling of a function; PDF functions add pdfBundling's externals and copied node_modules. */
export const bundlingOf = (pdf: boolean): BundlingOptions => {
  if (!pdf) return baseBundling;
  const extra = pdfBundling();
  return { ...baseBundling, ...extra, externalModules: [...baseBundling.externalModules, ...(extra.externalModules ?? [])] };
};

/** The esbuild options CDK derives from `bundling` (the flags it passes to the esbuild CLI). */
export const esbuildOptionsOf = (bundling: BundlingOptions): BuildOptions => ({
  bundle: true,
  platform: 'node',
  format: bundling.format === OutputFormat.CJS ? 'cjs' : 'esm',
  target: bundling.target ?? 'node22',
  ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
  ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
  minify: bundling.minify ?? false,
  sourcemap: bundling.sourceMap ?? false,
  sourcesContent: bundling.sourcesContent ?? true,
  external: bundling.externalModules ?? ['@aws-sdk/*'],
  ...(bundling.esbuildArgs?.['--charset'] === 'utf8' ? { charset: 'utf8' as const } : {}),
});

export interface StackFunction {
  /** Handler module relative to the repository root, without extension. */
  readonly handler: string;
  readonly pdf: boolean;
  /** Sends email: may import the SESv2 client. */
  readonly sends: boolean;
  /** Creates or deletes schedules: may import the Scheduler client. */
  readonly schedules: boolean;
  /** Issues client-portal links (routes flagged `portalLinks`, send-reminder): may import the Secrets Manager client, lazily. */
  readonly portalLinks: boolean;
}

/** Functions that no route serves: infra/constructs/reminders.ts, email.ts and aggregates.ts create them (test/infra/bundle-budget.test.ts checks this list against the stack). */
const EVENT_FUNCTIONS: readonly StackFunction[] = [
  { handler: 'functions/reminders/send-reminder', pdf: true, sends: true, schedules: false, portalLinks: true },
  { handler: 'functions/reminders/sync-schedules', pdf: false, sends: false, schedules: true, portalLinks: false },
  { handler: 'functions/email/email-events', pdf: false, sends: false, schedules: false, portalLinks: false },
  { handler: 'functions/aggregates/update-aggregates', pdf: false, sends: false, schedules: false, portalLinks: false },
  { handler: 'functions/notifications/notify-owner', pdf: false, sends: true, schedules: true, portalLinks: false },
  { handler: 'functions/notifications/send-overview', pdf: false, sends: true, schedules: false, portalLinks: false },
  { handler: 'functions/imports/import-worker', pdf: false, sends: false, schedules: false, portalLinks: false },
  { handler: 'functions/thank-you/thank-on-payment', pdf: false, sends: true, schedules: false, portalLinks: false },
];

/** Every Lambda of the stack: one per route-table handler (as infra/constructs/api.ts makes them), plus the event functions. */
export const stackFunctions = (): StackFunction[] => {
  const byHandler = new Map<string, StackFunction>();
  for (const route of routeList()) {
    const seen = byHandler.get(route.handler);
    byHandler.set(route.handler, {
      handler: route.handler,
      pdf: Boolean(seen?.pdf || route.pdf),
      sends: Boolean(seen?.sends || route.email),
      schedules: false,
      portalLinks: Boolean(seen?.portalLinks || route.portalLinks),
    });
  }
  return [...byHandler.values(), ...EVENT_FUNCTIONS];
};

export interface FunctionBundleReport extends StackFunction {
  /** Minified index.mjs, bytes. */
  readonly bytes: number;
  /** Packages the bundle leaves to the runtime (`@aws-sdk/client-sesv2`…), deduplicated. */
  readonly externals: readonly string[];
  /** Of these, the ones only imported with `import()`: loaded on first use, not at INIT. */
  readonly lazyExternals: readonly string[];
  /** Input files of the bundle with their bytes in the output. */
  readonly inputs: Readonly<Record<string, number>>;
}

/**
 * Bundles `functions` as CDK would (one esbuild run per bundling flavour, nothing written
 * unless `outdir` is given) and reports each bundle's size, externals and inputs.
 */
export const bundleFunctions = async (
  repoRoot: string,
  functions: readonly StackFunction[] = stackFunctions(),
  outdir?: string,
): Promise<FunctionBundleReport[]> => {
  const { build } = await import('esbuild');
  const reports: FunctionBundleReport[] = [];
  for (const pdf of [false, true]) {
    const group = functions.filter((f) => f.pdf === pdf);
    if (group.length === 0) continue;
    const { metafile } = await build({
      ...esbuildOptionsOf(bundlingOf(pdf)),
      entryPoints: Object.fromEntries(group.map((f) => [`${f.handler}/index`, `${repoRoot}/${f.handler}.ts`])),
      outdir: outdir ?? `${repoRoot}/.bundle-check`,
      outExtension: { '.js': '.mjs' },
      write: outdir !== undefined,
      metafile: true,
      logLevel: 'silent',
    });
    for (const fn of group) {
      const [, output] = Object.entries(metafile.outputs).find(([path]) => path.endsWith(`${fn.handler}/index.mjs`)) ?? [];
      if (!output) throw new Error(`esbuild produced no bundle for ${fn.handler}`);
      reports.push({
        ...fn,
        bytes: output.bytes,
        externals: [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort(),
        lazyExternals: [...new Set(output.imports.filter((i) => i.external && i.kind === 'dynamic-import').map((i) => i.path))]
          .filter((path) => !output.imports.some((i) => i.path === path && i.kind !== 'dynamic-import'))
          .sort(),
        inputs: Object.fromEntries(Object.entries(output.inputs).map(([path, input]) => [path, input.bytesInOutput])),
      });
    }
  }
  return reports;
};
