// One build for every bundle: the extension (Node, vscode external), the CLI (Node, standalone)
// with its chunk worker, the results panel (browser), and (not for --production) the
// extension-host test suite, under test/vscode/.build/ so dist/ holds only the product.
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(require('./package.json').version) },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The CLI's chunk worker (src/sources/chunkPool.ts starts it from next to dist/cli.js).
  { ...common, entryPoints: ['src/sources/chunkWorker.ts'], outfile: 'dist/chunkWorker.js' },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
  },
];
if (!production) {
  // The extension host loads tests as CommonJS JavaScript: test/vscode/index.ts with the suite in
  // one bundle (so the suite's helpers are one module), mocha and vscode required at run time.
  builds.push({ ...common, entryPoints: ['test/vscode/index.ts'], outfile: 'test/vscode/.build/index.js', external: ['vscode', 'mocha'] });
}

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
