import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FONT_FILES, FONT_PACKAGE } from '../templates/pdf/fonts.js';

/**
 * Packages a PDF-rendering Lambda loads from a real `node_modules` beside its bundle.
 * @react-pdf/renderer 4.9 cannot run once esbuild inlines it: pdfkit loads its standard fonts
 * through its own package.json `imports` (`#standard-fonts/Helvetica`), which only resolve
 * inside the installed package (DOMAIN.md §3). `react` goes with it so that the templates'
 * JSX and react-pdf's reconciler share one React. `qrcode` draws the EPC QR code on invoices,
 * loaded on first render like react-pdf, so it weighs nothing in the bundles of the sending functions.
 */
export const PDF_RUNTIME_PACKAGES = ['@react-pdf/renderer', 'react', 'qrcode'] as const;

/** Repository root, where package.json and node_modules live. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Top-level entries of a package never needed at run time (licences are kept on purpose). */
const SKIPPED_ENTRIES = new Set(['node_modules', '.github', 'test', 'tests', '__tests__', 'docs', 'CHANGELOG.md', 'README.md']);

interface Manifest {
  readonly name?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/**
 * Node's lookup: `<dir>/node_modules/<name>`, then the same from each parent directory,
 * never leaving the project. Returns the package directory relative to the project root.
 */
const resolvePackage = (projectRoot: string, fromDir: string, name: string): string | undefined => {
  for (let dir = fromDir; ; dir = posix.dirname(dir)) {
    if (posix.basename(dir) !== 'node_modules') {
      const candidate = posix.join(dir, 'node_modules', name);
      if (existsSync(join(projectRoot, candidate, 'package.json'))) return candidate;
    }
    if (dir === '.' || dir === '') return undefined;
  }
};

/**
 * The run-time closure of `roots`: every package reached through `dependencies`, required
 * `peerDependencies` (npm ≥ 7 installs them) and the `optionalDependencies` that are
 * installed, as paths relative to `projectRoot`, sorted. A missing required dependency throws:
 * better a failed synth than a Lambda that cannot import its renderer.
 */
export const runtimeClosure = (projectRoot: string, roots: readonly string[] = PDF_RUNTIME_PACKAGES): string[] => {
  const found = new Set<string>();
  const visit = (fromDir: string, name: string, optional: boolean, requiredBy: string): void => {
    const dir = resolvePackage(projectRoot, fromDir, name);
    if (!dir) {
      if (optional) return;
      throw new Error(`pdfBundling: ${name} (needed by ${requiredBy}) is not installed under ${projectRoot}; run npm ci`);
    }
    if (found.has(dir)) return;
    found.add(dir);
    const manifest = readManifest(join(projectRoot, dir));
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !manifest.peerDependenciesMeta?.[peer]?.optional);
    for (const dep of [...Object.keys(manifest.dependencies ?? {}), ...peers]) visit(dir, dep, false, dir);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, dep, true, dir);
  };
  for (const root of roots) visit('.', root, false, 'package.json');
  return [...found].sort();
};

const quote = (path: string): string => `'${path.replaceAll("'", "'\\''")}'`;

/**
 * Shell commands copying each package of the closure to the same relative place under
 * `outputDir` (so nested `node_modules` keep resolving as they did), without the package's
 * own `node_modules` (its members of the closure are copied on their own).
 */
export const copyClosureCommands = (projectRoot: string, inputDir: string, outputDir: string, packages: readonly string[]): string[] =>
  packages.flatMap((pkg) => {
    const entries = readdirSync(join(projectRoot, pkg))
      .filter((entry) => !SKIPPED_ENTRIES.has(entry))
      .sort();
    const target = quote(posix.join(outputDir, pkg));
    return [`mkdir -p ${target}`, `cp -R ${entries.map((entry) => quote(posix.join(inputDir, pkg, entry))).join(' ')} ${target}/`];
  });

/**
 * The PDFs embed DejaVu Sans (templates/pdf/fonts.ts), resolved at run time as
 * `<package>/<file>` from the bundle: only the two TrueType files used (1.4 MB of the
 * package's 12 MB), its licence and package.json go to `<outputDir>/node_modules`.
 */
export const FONT_ASSET_FILES = ['package.json', 'LICENSE', ...Object.values(FONT_FILES)] as const;

export const copyFontCommands = (inputDir: string, outputDir: string): string[] => {
  const dirs = [...new Set(FONT_ASSET_FILES.map((file) => posix.dirname(posix.join('node_modules', FONT_PACKAGE, file))))].sort();
  return [
    ...dirs.map((dir) => `mkdir -p ${quote(posix.join(outputDir, dir))}`),
    ...FONT_ASSET_FILES.map((file) => {
      const path = posix.join('node_modules', FONT_PACKAGE, file);
      return `cp -R ${quote(posix.join(inputDir, path))} ${quote(posix.join(outputDir, path))}`;
    }),
  ];
};

export interface PdfBundlingOptions {
  /** Where the installed node_modules are read at synth time. @default the repository root */
  readonly projectRoot?: string;
}

/**
 * Bundling options for a PDF-rendering NodejsFunction: @react-pdf/renderer and react stay
 * external, and after esbuild their run-time closure and the font files are copied from the
 * project's node_modules to `<outputDir>/node_modules`, where the bundle's
 * `import('@react-pdf/renderer')` and the fonts resolve. Plain `mkdir`/`cp`: no network, no npm install, same output for the same tree.
 */
export const pdfBundling = ({ projectRoot = REPO_ROOT }: PdfBundlingOptions = {}): {
  externalModules: string[];
  commandHooks: ICommandHooks;
} => ({
  externalModules: [...PDF_RUNTIME_PACKAGES],
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      ...copyClosureCommands(projectRoot, toPosix(inputDir), toPosix(outputDir), runtimeClosure(projectRoot)),
      ...copyFontCommands(toPosix(inputDir), toPosix(outputDir)),
    ],
  },
});

const toPosix = (path: string): string => path.split(sep).join('/');
