// The web worker's bundle (package.json "browser", dist/web/extension.js) as esbuild.js makes it:
// no require() but vscode's, no `process`, and as small as the Node one. Built in memory with the
// build's own options; the build's check is shown refusing what a web worker cannot run.

import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const buildScript = createRequire(__filename)(path.join(root, 'esbuild.js')) as {
  builds: BuildOptions[];
  WEB_EXTENSION: string;
  extensionBundleProblems: (metafile: Metafile, minified: boolean) => string[];
  webBundleProblems: (code: string) => string[];
};

async function webBundle(minify: boolean): Promise<{ text: string; metafile: Metafile }> {
  const web = buildScript.builds.find((b) => b.outfile === buildScript.WEB_EXTENSION);
  assert.ok(web, `esbuild.js builds ${buildScript.WEB_EXTENSION}`);
  const result = await build({ ...web, absWorkingDir: root, minify, sourcemap: false, write: false, metafile: true, logLevel: 'silent' });
  const output = result.outputFiles.find((f) => f.path.endsWith('extension.js'));
  assert.ok(output);
  return { text: output.text, metafile: result.metafile };
}

describe('the web extension bundle (dist/web/extension.js)', function () {
  this.timeout(60_000);

  it('is built for the browser from src/web/extension.ts and is the manifest\'s "browser" entry', () => {
    const web = buildScript.builds.find((b) => b.outfile === buildScript.WEB_EXTENSION);
    assert.deepEqual([web?.platform, web?.format, web?.entryPoints], ['browser', 'cjs', ['src/web/extension.ts']]);
    const manifest = createRequire(__filename)(path.join(root, 'package.json')) as { browser?: string };
    assert.equal(manifest.browser, `./${buildScript.WEB_EXTENSION}`);
  });

  for (const minify of [false, true]) {
    it(`${minify ? 'minified' : 'unminified'}: requires only vscode, never touches process, and reaches no Node-only source`, async () => {
      const { text, metafile } = await webBundle(minify);
      assert.deepEqual(buildScript.webBundleProblems(text), []);
      const inputs = Object.keys(metafile.inputs);
      assert.ok(inputs.includes('src/vscode/platform.ts'), inputs.join(', '));
      for (const nodeOnly of ['src/sources/nodeFs.ts', 'src/vscode/nodePlatform.ts', 'src/providers/undiciTransport.ts']) assert.ok(!inputs.includes(nodeOnly), `${nodeOnly} is in the web bundle`);
      for (const [file, input] of Object.entries(metafile.inputs)) {
        assert.deepEqual(input.imports.filter((i) => i.external && i.path !== 'vscode').map((i) => i.path), [], `${file} imports Node`);
      }
    });
  }

  it('production: at most 200 KB, no undici', async () => {
    const { metafile } = await webBundle(true);
    assert.deepEqual(buildScript.extensionBundleProblems(metafile, true), []);
  });

  it('the build refuses a bundle that requires a Node built-in or reads process', () => {
    const problems = buildScript.webBundleProblems('const fs = require("node:fs"); const os = require("os"); var key = process.env.COHERE_API_KEY; const v = require("vscode");');
    assert.deepEqual(problems, [
      'the web bundle requires "node:fs", a Node built-in: a web worker can require only vscode',
      'the web bundle requires "os", a Node built-in: a web worker can require only vscode',
      'the web bundle uses `process` 1 time(s): a web worker has none (src/vscode/platform.ts is where the hosts differ)',
    ]);
    assert.equal(buildScript.webBundleProblems('if (typeof process !== "undefined") x = 1;').length, 1, 'a guarded use is still a use');
  });

  it('the build lets strings, regular expressions and property names say "process"', () => {
    assert.deepEqual(buildScript.webBundleProblems('const a = "process.env"; const b = /^process\\.env$/; const c = { process: 1 }; c.process; function f(o) { return o.process; }'), []);
  });
});
