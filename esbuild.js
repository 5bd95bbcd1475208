// One build for every bundle: the extension (Node, vscode external), the same extension for the
// web worker extension host (dist/web/extension.js: VS Code for the Web), the CLI (Node,
// standalone), the results panel (browser) with its icon font, and (not for
// --production) the extension-host test suite, under test/vscode/.build/ so dist/ holds only the
// product. Prints each bundle's size; the extension's carries no HTTP client of its own (it sends
// through VS Code's fetch) and, built for production, stays under EXTENSION_MAX_BYTES, or the
// build fails; so does a web bundle that would need Node (a require of a built-in, `process`).
const { builtinModules } = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
/** The extension bundle is read at every activation: the limit leaves headroom over what it holds. */
const EXTENSION_MAX_BYTES = 200 * 1024;
/** The web worker's bundle (package.json "browser"). */
const WEB_EXTENSION = 'dist/web/extension.js';

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
  metafile: true,
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // A web worker has no Node: built for the browser, CommonJS as VS Code loads a "browser" entry.
  { ...common, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'], platform: 'browser', target: 'es2022' },
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
 * What is wrong with a built extension bundle, from its metafile: carrying undici (which would
 * bypass VS Code's proxies and certificates), or, minified for production, too large.
 * @param {import('esbuild').Metafile} metafile
 * @param {boolean} minified
 * @returns {string[]}
 */
function extensionBundleProblems(metafile, minified) {
  const problems = [];
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    if (minified && output.bytes > EXTENSION_MAX_BYTES) problems.push(`${file} is ${kb(output.bytes)}, over the limit of ${kb(EXTENSION_MAX_BYTES)}`);
    const undici = Object.keys(output.inputs).filter((input) => /node_modules\/undici\//.test(input));
    if (undici.length > 0) problems.push(`${file} bundles undici (${undici.length} files): the extension sends through VS Code's fetch; only the CLI imports src/providers/undiciTransport.ts`);
  }
  return problems;
}

/**
 * What in the web bundle would need Node: a require() of anything but vscode (a Node built-in,
 * node:*), or the global `process` (a web worker has none). Read from the bundle's syntax tree,
 * so a string or a regular expression that mentions "process" is no problem.
 * @param {string} code the bundle
 * @returns {string[]}
 */
function webBundleProblems(code) {
  const ts = require('typescript');
  const required = new Set();
  let processUses = 0;
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    const parent = node.parent;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      const [name] = node.arguments;
      required.add(name && ts.isStringLiteralLike(name) ? name.text : '(a computed name)');
    } else if (ts.isIdentifier(node) && node.text === 'process' && !(parent && 'name' in parent && parent.name === node && !ts.isShorthandPropertyAssignment(parent))) {
      processUses++; // not a property name (x.process, { process: … }) nor a declaration's own name
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS));
  const problems = [];
  for (const name of [...required].filter((n) => n !== 'vscode')) {
    const builtin = name.startsWith('node:') || builtinModules.includes(name.split('/')[0]);
    problems.push(`the web bundle requires ${JSON.stringify(name)}${builtin ? ', a Node built-in' : ''}: a web worker can require only vscode`);
  }
  if (processUses > 0) problems.push(`the web bundle uses \`process\` ${processUses} time(s): a web worker has none (src/vscode/platform.ts is where the hosts differ)`);
  return problems;
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
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
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  const problems = [];
  results.forEach((result, i) => {
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file.padEnd(32)} ${kb(output.bytes).padStart(10)}`);
    }
    if (builds[i].outfile === 'dist/extension.js') problems.push(...extensionBundleProblems(result.metafile, production));
    if (builds[i].outfile === WEB_EXTENSION) problems.push(...extensionBundleProblems(result.metafile, production), ...webBundleProblems(fs.readFileSync(WEB_EXTENSION, 'utf8')));
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

module.exports = { builds, EXTENSION_MAX_BYTES, WEB_EXTENSION, extensionBundleProblems, webBundleProblems };

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
