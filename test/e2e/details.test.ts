// End to end: the installed extension's details page, as a user opens it (Extensions view, the
// installed list, Rerank), shows the packaged icon and the README's screenshots. The README is
// rendered in a webview; an image counts as shown when it loaded with a width (naturalWidth > 0),
// which a path missing from the .vsix or a request blocked off 127.0.0.1 never gives.
// VS Code's Markdown sanitizer keeps only http(s) image sources there (and the page's CSP only
// https), so the .vsix is packaged as for publishing, `vsce package --baseImagesUrl`, pointed at
// an https server on 127.0.0.1 that serves the repository's docs/screenshots/ and nothing else.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { useE2EEnvironment } from './environment';
import { installExtension, packageVsix } from './harness';
import { waitFor } from './workbench';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const TLS = path.join(ROOT, 'test', 'fixtures', 'tls');

/** The screenshots over https on 127.0.0.1 (the test certificate): every request path is recorded. */
async function startImageServer(): Promise<{ base: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer({ cert: readFileSync(path.join(TLS, 'server-cert.pem')), key: readFileSync(path.join(TLS, 'server-key.pem')) }, (req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const name = /^\/docs\/screenshots\/([\w-]+\.png)$/.exec(url)?.[1];
    const file = name ? path.join(SCREENSHOTS, name) : undefined;
    if (req.method !== 'GET' || !file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server };
}

/** An image's source and whether it loaded with a width, from the page or frame that holds it. */
interface ImageState {
  src: string;
  complete: boolean;
  naturalWidth: number;
}

describe("end to end: the installed extension's details page", function () {
  let images: Awaited<ReturnType<typeof startImageServer>> | undefined;
  const e2e = useE2EEnvironment(this, {
    server: { apiKey: 'co-e2e-FAKEKEY-details' },
    prepare: async (env) => {
      images = await startImageServer();
      const vsix = packageVsix(env.scratch, { baseImagesUrl: images.base });
      installExtension(env.installed, vsix, env.extensionsDir, env.scratch, env.proxy.url);
    },
  });

  after(async function () {
    const server = images?.server;
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('D1: Extensions view → installed → Rerank shows the icon and the README screenshots (packaged with --baseImagesUrl)', async function () {
    const served = images as NonNullable<typeof images>;
    const session = await e2e.openSession('d1-details', {}, {}, { ignoreHTTPSErrors: true });
    const wb = session.workbench;
    const page = session.page;
    await wb.runCommand('Extensions: Show Installed Extensions');
    const row = page.locator('.extensions-viewlet .monaco-list-row').filter({ has: page.locator('.name', { hasText: /^Rerank$/ }) });
    await waitFor('Rerank in the installed extensions', async () => (await row.count()) > 0, 30_000, 200);
    await row.first().click();
    const editor = page.locator('.extension-editor');
    await waitFor('the details page of Rerank', async () => (await editor.locator('.header .name').first().innerText().catch(() => '')).trim() === 'Rerank', 30_000, 200);

    const icon = await waitFor('the icon to settle', async () => {
      const state = await editor.locator('.header img.icon').first().evaluate((img: HTMLImageElement): ImageState => ({ src: img.src, complete: img.complete, naturalWidth: img.naturalWidth }));
      return state.complete && state.src !== '' ? state : undefined;
    });
    assert.ok(icon.naturalWidth > 0, `the icon did not load: ${icon.src}`);
    assert.match(icon.src, /icon\.png/, 'the icon is the packaged PNG, not the default');

    // The README in the details page's webview: its frames are searched, as the webview nests them.
    const readmeImages = async (): Promise<ImageState[]> => {
      const states: ImageState[] = [];
      for (const frame of page.frames()) {
        const found = await frame
          .$$eval('img', (images) =>
            images.map((element): ImageState => {
              const img = element as HTMLImageElement;
              // Images below the fold may wait for a scroll before they load.
              img.scrollIntoView();
              return { src: img.src, complete: img.complete, naturalWidth: img.naturalWidth };
            }),
          )
          .catch(() => []);
        states.push(...found.filter((s) => s.src.includes('screenshots')));
      }
      return states;
    };
    const screenshots = await waitFor('the README screenshots to settle', async () => {
      const states = await readmeImages();
      return states.length > 0 && states.every((s) => s.complete) ? states : undefined;
    }, 30_000, 250).catch(async (err: unknown) => {
      const every = await Promise.all(page.frames().map((f) => f.$$eval('img', (images) => images.map((i) => (i as HTMLImageElement).src)).catch(() => [])));
      throw new Error(`${(err as Error).message}; images in the page's frames: ${JSON.stringify(every.flat())}`);
    });
    await wb.screenshot('d1-details');
    const loaded = screenshots.filter((s) => s.naturalWidth > 0);
    assert.ok(loaded.length > 0, `no README screenshot loaded: ${JSON.stringify(screenshots)}`);
    assert.deepEqual(screenshots.filter((s) => s.naturalWidth === 0).map((s) => s.src), [], 'every README screenshot loaded');
    for (const shot of loaded) {
      assert.ok(shot.src.startsWith(served.base), `${shot.src} comes from the loopback image server`);
      assert.ok(served.requests.includes(new URL(shot.src).pathname), `the image server was asked for ${shot.src}: ${JSON.stringify(served.requests)}`);
    }
  });
});
