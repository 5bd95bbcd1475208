// The extension bundle as `node esbuild.js --production` makes it: loaded at every activation, so
// it stays under 200 KB, and it carries no undici, which would bypass VS Code's proxies and
// certificates. Built in memory with the build's own options.

import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const buildScript = createRequire(__filename)(path.join(root, 'esbuild.js')) as {
  builds: BuildOptions[];
  EXTENSION_MAX_BYTES: number;
  extensionBundleProblems: (metafile: Metafile, minified: boolean) => string[];
};

/** The extension's build options as production uses them, from `entry` (the extension's own by default). */
async function productionBundle(entry?: string): Promise<{ text: string; metafile: Metafile }> {
  const extension = buildScript.builds.find((b) => b.outfile === 'dist/extension.js');
  assert.ok(extension, 'esbuild.js builds dist/extension.js');
  const result = await build({
    ...extension,
    ...(entry ? { entryPoints: [entry] } : {}),
    absWorkingDir: root,
    minify: true,
    sourcemap: false,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((f) => f.path.endsWith('extension.js'));
  assert.ok(output);
  return { text: output.text, metafile: result.metafile };
}

describe('the extension bundle (production build)', function () {
  this.timeout(60_000);

  it('is at most 200 KB and carries no undici', async () => {
    const { text, metafile } = await productionBundle();
    assert.deepEqual(buildScript.extensionBundleProblems(metafile, true), []);
    assert.ok(text.length <= 200 * 1024, `${text.length} bytes`);
    assert.ok(!/undici/i.test(text), 'undici is in dist/extension.js');
  });

  it('the build refuses a bundle that imports the CLI transport (undici)', async () => {
    const { metafile } = await productionBundle('src/providers/undiciTransport.ts');
    const problems = buildScript.extensionBundleProblems(metafile, true);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0] ?? '', /^dist\/extension\.js is \d+\.\d KB, over the limit of 200\.0 KB$/);
    assert.match(problems[1] ?? '', /^dist\/extension\.js bundles undici \(\d+ files\): the extension sends through VS Code's fetch/);
  });
});
