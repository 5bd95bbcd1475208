// End to end: the installed extension's details page, as a user opens it (Extensions view, the
// installed list, Rerank), shows the packaged icon and the README's screenshots. The README is
// rendered in a webview; an image counts as shown when it loaded with a width (naturalWidth > 0),
// which a path missing from the .vsix or a request blocked off 127.0.0.1 never gives.

import * as assert from 'node:assert/strict';
import { clearArtifacts, E2EEnvironment, skipLayer, whyCannotRun, type Session } from './harness';
import { MissingPrerequisite } from './install';
import { waitFor } from './workbench';

/** An image's source and whether it loaded with a width, from the page or frame that holds it. */
interface ImageState {
  src: string;
  complete: boolean;
  naturalWidth: number;
}

describe("end to end: the installed extension's details page", function () {
  this.timeout(120_000);
  let env: E2EEnvironment | undefined;
  let session: Session | undefined;

  before(async function () {
    this.timeout(10 * 60_000);
    const skip = (why: string) => skipLayer(this, 'end-to-end', why);
    const why = whyCannotRun();
    if (why) return skip(why);
    clearArtifacts();
    try {
      env = await E2EEnvironment.create({ apiKey: 'co-e2e-FAKEKEY-details' });
    } catch (err) {
      if (err instanceof MissingPrerequisite) return skip(err.message);
      throw err;
    }
  });

  afterEach(async function () {
    await session?.close(this.currentTest?.state === 'failed');
    session = undefined;
  });

  after(async function () {
    await env?.dispose();
  });

  it('D1: Extensions view → installed → Rerank shows the icon and the README screenshots', async function () {
    const e = env as E2EEnvironment;
    session = await e.openSession('d1-details');
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
  });
});
