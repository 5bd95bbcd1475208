// One build for every bundle: the extension (Node, vscode external), the CLI (Node, standalone),
// the results panel (browser) with its icon font, and (not for
// --production) the extension-host test suite, under test/vscode/.build/ so dist/ holds only the
// product.
const fs = require('node:fs');
const path = require('node:path');
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

/**
 * The panel's icons: VS Code's codicon font and its stylesheet, copied out of node_modules because
 * the .vsix is packaged without dependencies (src/vscode/panel/html.ts links dist/codicons/).
 * The font is CC-BY-4.0, so its licence goes along.
 */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons');
  const to = path.join(__dirname, 'dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['dist/codicon.css', 'dist/codicon.ttf', 'LICENSE']) {
    fs.copyFileSync(path.join(from, file), path.join(to, path.basename(file)));
  }
}

async function main() {
  copyCodicons();
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
