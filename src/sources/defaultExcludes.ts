// What a workspace run leaves out unless the user says otherwise: files a person never reads to
// answer a question (lock files, minified bundles, build output, vendored dependencies, generated
// data), which on a real repository outnumber the prose and code many times over. The patterns
// use the syntax of src/sources/globs.ts: a name without a slash matches at any depth (and all
// under it), "name/" matches folders only. Plain names are matched by one expression for all of
// them, so they are preferred to globs wherever they say the same. They are the default of `rerank.workspace.exclude` (and the CLI's), so a
// user sees them and can take any out; .gitignore, .rerankignore, files.exclude and
// search.exclude apply on top.

import { compileGlobs } from './globs';

/** Lock files: exact dependency versions, thousands of lines of hashes. */
export const LOCK_FILE_EXCLUDES: readonly string[] = [
  // JavaScript and TypeScript
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'deno.lock',
  // Rust, Go
  'Cargo.lock', 'go.sum', 'go.work.sum',
  // Python, R
  'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'conda-lock.yml', 'renv.lock',
  // PHP, Ruby, Elixir, Dart, Julia, Haskell
  'composer.lock', 'Gemfile.lock', 'mix.lock', 'pubspec.lock', 'Manifest.toml', 'stack.yaml.lock', 'cabal.project.freeze',
  // JVM (Maven has no common lock file), .NET
  'gradle.lockfile', 'settings-gradle.lockfile', '**/gradle/dependency-locks', 'packages.lock.json',
  // Apple platforms
  'Package.resolved', 'Podfile.lock', 'Cartfile.resolved',
  // Nix, Helm, Terraform, Bazel, Conan
  'flake.lock', 'Chart.lock', '.terraform.lock.hcl', 'MODULE.bazel.lock', 'conan.lock',
];

/** Minified and bundled code and source maps: machine output of code that is in the tree anyway. */
export const BUNDLE_EXCLUDES: readonly string[] = ['*.min.*', '*.map', '*.bundle.js', '*.chunk.js', '.pnp.cjs', '.pnp.loader.mjs'];

/**
 * Build output, caches and vendored dependencies, by folder name. "build/" names folders only:
 * a `build` script is common. The other names are folders in practice (`vendor.ts` and
 * `distance.py` are other names and stay in).
 */
export const OUTPUT_FOLDER_EXCLUDES: readonly string[] = [
  // JavaScript and TypeScript
  'node_modules', 'bower_components', 'jspm_packages', '.yarn', 'dist', 'build/', 'out', '.next', '.nuxt',
  '.output', '.svelte-kit', '.angular', '.turbo', '.parcel-cache', '.vercel', '.docusaurus', '.expo',
  // Python
  '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '*.egg-info',
  // Rust and JVM, Go and PHP and Ruby, Elixir, Dart, Haskell, Elm
  'target', '.gradle', 'vendor', '_build', '.dart_tool', '.stack-work', 'dist-newstyle', 'elm-stuff',
  // Apple platforms, infrastructure
  'Pods', 'DerivedData', '.terraform',
  // Test coverage reports
  'coverage', '.nyc_output', 'htmlcov',
];

/**
 * Generated data that is neither prose nor code: vector images, test snapshots, coverage data.
 * Generated code (protobuf stubs, type declarations) stays: it is code a user may ask about.
 */
export const GENERATED_DATA_EXCLUDES: readonly string[] = ['*.svg', '__snapshots__', '*.snap', 'lcov.info', '*.tsbuildinfo'];

/** Every default exclude, in the order of the families above: the `rerank.workspace.exclude` default. */
export const DEFAULT_WORKSPACE_EXCLUDES: readonly string[] = [
  ...LOCK_FILE_EXCLUDES,
  ...BUNDLE_EXCLUDES,
  ...OUTPUT_FOLDER_EXCLUDES,
  ...GENERATED_DATA_EXCLUDES,
];

/**
 * Data files (tables, records, exports) above a size are left out: a 50 MB CSV is not an answer
 * to a question, and its passages would crowd out the files that are. YAML and TOML are
 * configuration, kept at any size (the file size limit still applies).
 */
export const LARGE_DATA_FILE = {
  extensions: ['csv', 'tsv', 'json', 'jsonl', 'ndjson', 'geojson', 'xml'] as readonly string[],
  minBytes: 256 * 1024,
};

/** True for a data file (by extension) of LARGE_DATA_FILE.minBytes or more. */
export function isLargeDataFile(path: string, size: number): boolean {
  if (size < LARGE_DATA_FILE.minBytes) return false;
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && LARGE_DATA_FILE.extensions.includes(name.slice(dot + 1).toLowerCase());
}

/**
 * The excludes a run applies: the defaults, less those a user include names, then the user's
 * own. An include names a default when one of its path segments is that default's name or matches
 * it as a pattern: include `**\/package-lock.json` takes `package-lock.json` out, `dist/**` takes
 * `dist/` out, `vendor/*.min.js` takes both `vendor/` and `*.min.*` out. The user's excludes always
 * apply. (Large data files are let back in the same way by an include that matches them.)
 */
export function effectiveExcludes(
  defaults: readonly string[],
  userExcludes: readonly string[],
  userIncludes: readonly string[],
): string[] {
  const segments = new Set(userIncludes.flatMap((include) => normalise(include).split('/')).filter((s) => s !== '' && s !== '**'));
  const includes = userIncludes.map(normalise);
  const kept = defaults.filter((pattern) => {
    const name = normalise(pattern);
    if (name.includes('/')) return !includes.some((include) => include === name || include.startsWith(`${name}/`) || include.includes(`/${name}`));
    const matches = compileGlobs([name]);
    return ![...segments].some((segment) => segment === name || matches?.(segment));
  });
  return [...kept, ...userExcludes];
}

/** "**\/name/" -> "name": the part of a pattern that names files or folders. */
function normalise(pattern: string): string {
  return pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^(?:\*\*\/)+/, '').replace(/^\/+|\/+$/g, '');
}
