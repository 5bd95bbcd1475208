import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  BUNDLE_EXCLUDES,
  DEFAULT_WORKSPACE_EXCLUDES,
  effectiveExcludes,
  GENERATED_DATA_EXCLUDES,
  isLargeDataFile,
  LARGE_DATA_FILE,
  LOCK_FILE_EXCLUDES,
  OUTPUT_FOLDER_EXCLUDES,
} from '../../../src/sources/defaultExcludes';
import { compileGlobs, matchesFolder, type PathMatcher } from '../../../src/sources/globs';
import { collectFileCandidates } from '../../../src/sources/files';
import { createNodeFs } from '../../../src/sources/nodeFs';
import type { Candidate } from '../../../src/core/types';
import { makeTree, removeTree, type TreeSpec } from '../../support/tempTree';

function matcher(patterns: readonly string[]): PathMatcher {
  const m = compileGlobs(patterns);
  assert.ok(m);
  return m;
}

const defaults = matcher(DEFAULT_WORKSPACE_EXCLUDES);

/** Every lock file name the defaults list, one per ecosystem. */
const LOCK_FILES = [
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'deno.lock',
  'Cargo.lock', 'go.sum', 'go.work.sum', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock', 'conda-lock.yml',
  'renv.lock', 'composer.lock', 'Gemfile.lock', 'mix.lock', 'pubspec.lock', 'Manifest.toml', 'stack.yaml.lock',
  'cabal.project.freeze', 'gradle.lockfile', 'settings-gradle.lockfile', 'packages.lock.json', 'Package.resolved',
  'Podfile.lock', 'Cartfile.resolved', 'flake.lock', 'Chart.lock', '.terraform.lock.hcl', 'MODULE.bazel.lock', 'conan.lock',
];

describe('default excludes', () => {
  it("excludes each ecosystem's lock file at the root and in a subfolder", () => {
    for (const name of LOCK_FILES) {
      assert.ok(defaults(name), name);
      assert.ok(defaults(`packages/a/${name}`), `packages/a/${name}`);
    }
    assert.ok(defaults('app/gradle/dependency-locks/compileClasspath.lockfile'));
    assert.ok(defaults('gradle/dependency-locks/compileClasspath.lockfile'));
  });

  it('lists every lock file it excludes (the list and the test agree)', () => {
    assert.deepEqual(LOCK_FILE_EXCLUDES.filter((p) => !p.includes('/')).sort(), [...LOCK_FILES].sort());
  });

  it('excludes minified and bundled files and source maps', () => {
    for (const path of ['media/jquery.min.js', 'styles/site.min.css', 'dist2/app.js.map', 'web/main.bundle.js', 'web/402.chunk.js', '.pnp.cjs']) {
      assert.ok(defaults(path), path);
    }
  });

  it('excludes build output, caches and vendored folders at any depth, and what is under them', () => {
    for (const pattern of OUTPUT_FOLDER_EXCLUDES) {
      const name = pattern.replace(/\/$/, '').replace('*', 'mypkg');
      assert.ok(matchesFolder(defaults, name), name);
      assert.ok(matchesFolder(defaults, `packages/a/${name}`), `packages/a/${name}`);
      assert.ok(defaults(`packages/a/${name}/index.js`), `packages/a/${name}/index.js`);
    }
  });

  it('excludes generated data: SVG, test snapshots, coverage data', () => {
    for (const path of ['media/logo.svg', 'src/__snapshots__/panel.test.ts.snap', 'test/__snapshots__/x.js', 'lcov.info', 'tsconfig.tsbuildinfo']) {
      assert.ok(defaults(path), path);
    }
    assert.ok(GENERATED_DATA_EXCLUDES.length > 0 && BUNDLE_EXCLUDES.length > 0);
  });

  it('keeps ordinary files whose names only resemble an excluded one', () => {
    for (const path of [
      'src/lockfile.ts', 'docs/build.md', 'distance.py', 'vendor.ts', 'targets.md', 'scripts/build', 'src/map.ts',
      'src/sitemap.xml', 'README.md', 'src/cargo.ts', 'docs/coverage-report.md', 'src/outline.ts', 'lib/builder/index.js',
    ]) {
      assert.equal(defaults(path), false, path);
    }
    assert.equal(matchesFolder(defaults, 'src/builder'), false);
  });

  it('keeps generated code: protobuf stubs and type declarations are code', () => {
    for (const path of ['api/service.pb.go', 'api/service_pb2.py', 'src/types.d.ts', 'gen/Service.java']) {
      assert.equal(defaults(path), false, path);
    }
  });

  it('has no duplicates and no pattern the glob syntax would read otherwise', () => {
    assert.equal(new Set(DEFAULT_WORKSPACE_EXCLUDES).size, DEFAULT_WORKSPACE_EXCLUDES.length);
    for (const pattern of DEFAULT_WORKSPACE_EXCLUDES) assert.match(pattern, /^[\w.*\-/]+$/, pattern);
  });
});

describe('effectiveExcludes', () => {
  it('lets a user include name a default-excluded file back in, and only that default', () => {
    const m = matcher(effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, [], ['**/package-lock.json', 'src/**']));
    assert.equal(m('packages/a/package-lock.json'), false);
    assert.equal(m('package-lock.json'), false);
    assert.ok(m('yarn.lock'));
    assert.ok(m('node_modules/x/index.js'));
  });

  it('lets an include under an excluded folder open that folder', () => {
    const m = matcher(effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, [], ['dist/**/*.js']));
    assert.equal(matchesFolder(m, 'dist'), false);
    assert.equal(m('dist/index.js'), false);
    assert.ok(matchesFolder(m, 'out'));
  });

  it('reads an include that matches a default pattern as naming it', () => {
    const m = matcher(effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, [], ['vendor/*.min.js']));
    assert.equal(m('vendor/jquery.min.js'), false);
    assert.ok(m('media/logo.svg'));
  });

  it("keeps every default for includes that name none, and always applies the user's excludes", () => {
    assert.deepEqual(effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, ['docs/private'], ['src/**/*.ts', '**/*.md', '*']), [
      ...DEFAULT_WORKSPACE_EXCLUDES,
      'docs/private',
    ]);
    const m = matcher(effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, ['**/package-lock.json'], ['**/package-lock.json']));
    assert.ok(m('package-lock.json'));
  });
});

describe('isLargeDataFile', () => {
  const big = LARGE_DATA_FILE.minBytes;

  it('is true for data files at or over the threshold', () => {
    for (const path of ['data/sales.csv', 'data/x.TSV', 'exports/dump.json', 'logs/events.jsonl', 'a.ndjson', 'feed.xml', 'map.geojson']) {
      assert.ok(isLargeDataFile(path, big), path);
    }
  });

  it('is false under the threshold, and for code, prose and configuration at any size', () => {
    assert.equal(isLargeDataFile('data/sales.csv', big - 1), false);
    for (const path of ['src/big.ts', 'docs/long.md', 'config.yaml', 'Cargo.toml', 'json', '.json', 'data.csv.ts']) {
      assert.equal(isLargeDataFile(path, big * 10), false, path);
    }
  });
});

describe('default excludes through the collector', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach(removeTree));

  /** Each lock file in a project folder of its own, beside a source file that stays. */
  function lockTree(): string {
    const spec: TreeSpec = { 'README.md': '# app\n' };
    LOCK_FILES.forEach((name, i) => {
      spec[`p${i}/${name}`] = 'locked dependency 1.2.3 sha512-abc\n';
      spec[`p${i}/main.txt`] = `main ${i}\n`;
    });
    spec['jvm/gradle/dependency-locks/compile.lockfile'] = 'com.example:lib:1.0\n';
    const root = makeTree(spec);
    roots.push(root);
    return root;
  }

  const filesOf = (candidates: readonly Candidate[]): string[] => [...new Set(candidates.map((c) => (c.source.kind === 'file' ? c.source.path : '?')))];

  it("leaves out every ecosystem's lock file, and nothing else", async () => {
    const { candidates, report } = await collectFileCandidates(createNodeFs(), [lockTree()], { remote: false, exclude: effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, [], []) });
    const files = filesOf(candidates);
    for (const name of LOCK_FILES) assert.ok(!files.some((f) => f.endsWith(`/${name}`)), name);
    assert.ok(!files.some((f) => f.includes('dependency-locks')));
    assert.equal(files.filter((f) => f.endsWith('/main.txt')).length, LOCK_FILES.length);
    assert.equal(report.roots[0]?.excludedByGlob, LOCK_FILES.length + 1);
  });

  it('reads a lock file again when an include names it', async () => {
    const root = lockTree();
    const include = ['**/Cargo.lock', '**/*.txt', '*.md'];
    const { candidates } = await collectFileCandidates(createNodeFs(), [root], { remote: false, include, exclude: effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, [], include) });
    const files = filesOf(candidates);
    assert.deepEqual(files.filter((f) => /lock|\.sum$|resolved|freeze|Manifest/i.test(f)), [`p${LOCK_FILES.indexOf('Cargo.lock')}/Cargo.lock`]);
  });
});

describe('the default excludes users see', () => {
  it("are rerank.workspace.exclude's default in package.json, in the same order", () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties?: Record<string, { default?: unknown }> } | { properties?: Record<string, { default?: unknown }> }[] };
    };
    const sections = [manifest.contributes.configuration].flat();
    const setting = sections.map((s) => s.properties?.['rerank.workspace.exclude']).find(Boolean);
    assert.deepEqual(setting?.default, DEFAULT_WORKSPACE_EXCLUDES);
  });
});
