import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { item, run, showMessage } from './fixtures';
import { bundlePanel, chromiumAvailable, launchChromium, openPanel, post, posted } from './panelPage';

// The panel in a real browser (Debian's Chromium). Run where /usr/bin/chromium exists; skipped
// elsewhere. The host here is a stub; the real VS Code host is the E2E tests' job.
describe('the results panel page (Chromium)', function () {
  let browser: Browser | undefined;
  let script = '';
  let page: Page;

  const HOSTILE = '<img src=x onerror="window.__pwned=1"></div><script>window.__pwned=2</script>';
  const sample = run([
    item(1, 0.93, 'Retry the request after the Retry-After delay.\nline 2\nline 3\nline 4\nline 5'),
    item(2, 0.61, HOSTILE),
    item(3, 0.2, 'colours of the rainbow', { kind: 'input', index: 2 }),
  ]);
  const rows = () => page.locator('.ranking-body > .row');

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    this.timeout(60_000);
    script = await bundlePanel();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async function () {
    if (!browser) this.skip();
    page = await openPanel(browser, script);
    await post(page, showMessage([sample]));
  });

  afterEach(async () => {
    await page?.close();
  });

  it('shows a hostile document as text: no element, no script run, no CSP violation', async () => {
    const found = await page.evaluate(() => ({
      imgs: document.querySelectorAll('#app img').length,
      scripts: document.querySelectorAll('#app script').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      texts: [...document.querySelectorAll('.text-body')].map((n) => n.textContent),
      violations: (window as unknown as { __violations: string[] }).__violations,
    }));
    assert.deepEqual({ imgs: found.imgs, scripts: found.scripts, pwned: found.pwned }, { imgs: 0, scripts: 0, pwned: undefined });
    assert.ok(found.texts.includes(HOSTILE));
    assert.deepEqual(found.violations, []);
  });

  it('draws one row per result with rank, score and source', async () => {
    assert.equal(await rows().count(), 3);
    assert.equal(await rows().nth(0).locator('.rank').textContent(), '1');
    assert.equal(await rows().nth(0).locator('.score').textContent(), '0.9300');
    assert.equal(await rows().nth(0).locator('.source-link .source-name').textContent(), 'f1.ts:1-3');
    assert.equal(await rows().nth(0).locator('.source-link .source-folder').textContent(), 'src');
    assert.equal(await rows().nth(0).locator('.source-link').getAttribute('title'), 'Open src/f1.ts:1-3');
    assert.equal(await rows().nth(2).locator('.source-link').count(), 0, 'an input text has no source to open');
  });

  it("shows a passage's title under its source, as text", async () => {
    const titled = item(1, 0.9, 'retry()', { kind: 'file', path: 'src/retry.ts', range: { startLine: 3, endLine: 9 } });
    titled.candidate.title = 'class Retry › <b>run</b>';
    await post(page, showMessage([run([titled, item(2, 0.5, 'plain')])]));
    assert.equal(await rows().nth(0).locator('.source .source-title').textContent(), 'class Retry › <b>run</b>');
    assert.equal(await rows().nth(0).locator('.source b').count(), 0);
    assert.equal(await rows().nth(1).locator('.source-title').count(), 0, 'no title, no line');
  });

  it('asks the host to reveal a source when its button is clicked', async () => {
    await rows().nth(0).locator('.source-link').click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', runId: 'run-1', itemIndex: 0 });
  });

  it('moves between rows with the arrow keys and opens the source with Enter', async () => {
    await rows().nth(0).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-row')), '1');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', runId: 'run-1', itemIndex: 1 });
  });

  it('keeps only the active row in the tab order', async () => {
    await rows().nth(1).focus();
    const tabbable = await page.evaluate(() => [...document.querySelectorAll('.ranking-body [tabindex="0"]')].map((n) => n.closest('.row')?.getAttribute('data-row')));
    assert.ok(tabbable.length > 0);
    assert.ok(tabbable.every((r) => r === '1'));
  });

  it('expands and collapses a long text from the keyboard, and remembers it', async () => {
    await rows().nth(0).focus();
    await page.keyboard.press('Space');
    assert.equal(await rows().nth(0).locator('.text-body').textContent(), sample.items[0]?.candidate.text);
    assert.equal(await rows().nth(0).locator('button.toggle').getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __state: () => { expanded: string[] } }).__state().expanded), ['c1']);
    await rows().nth(0).locator('button.toggle').press('Enter');
    assert.equal(await rows().nth(0).locator('.text-body').textContent(), 'Retry the request after the Retry-After delay.\nline 2\nline 3');
  });

  it('filters by text', async () => {
    await page.locator('input.filter').fill('rainbow');
    await page.waitForFunction(() => document.querySelectorAll('.ranking-body > .row').length === 1);
    assert.equal(await rows().nth(0).locator('.rank').textContent(), '3');
  });

  it('asks the host to export the rows it shows', async () => {
    await page.locator('input.number').nth(2).fill('2'); // top K
    await page.waitForFunction(() => document.querySelectorAll('.ranking-body > .row').length === 2);
    await page.getByRole('button', { name: 'JSON' }).click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'export', runId: 'run-1', format: 'json', itemIndices: [0, 1] });
  });

  it('asks for prompt context for the rows shown', async () => {
    await page.getByRole('button', { name: 'Copy prompt context' }).click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'copyPromptContext', runId: 'run-1', itemIndices: [0, 1, 2] });
  });

  it('ignores a malformed message from the host and says so in the log', async () => {
    await post(page, { type: 'show', runs: [{ id: 'x' }], loaded: [] });
    assert.equal(await rows().count(), 3);
    assert.equal((await posted(page)).at(-1)?.type, 'log');
  });

  it('offers a rank limit instead of a minimum score for logits', async () => {
    await post(page, showMessage([run([item(1, 6.5, 'a'), item(2, -1, 'b')], 'logit', 'logits')]));
    assert.equal(await page.getByText('Top ranks').isVisible(), true);
    assert.equal(await page.getByText('Min score').isVisible(), false);
    assert.equal(await page.locator('.head .score').textContent(), 'Logit');
  });

  it('compares two runs side by side with the rank shift of each item', async () => {
    const other = run([item(1, 0.9, 'x', undefined, 'c2'), item(2, 0.5, 'y', undefined, 'c1'), item(3, 0.1, 'z', undefined, 'c9')], 'probability', 'run-2');
    await post(page, showMessage([sample, other], { focusRunId: 'run-1', compareRunId: 'run-2' }));
    assert.equal(await page.locator('.ranking').count(), 2);
    const left = await page.locator('.ranking').nth(0).locator('.ranking-body .shift').allTextContents();
    const right = await page.locator('.ranking').nth(1).locator('.ranking-body .shift').allTextContents();
    // The hidden words read "up 1"; the eye sees an arrow and "1".
    assert.deepEqual(left, ['up 1', 'down 1', 'new']);
    assert.deepEqual(right, ['down 1', 'up 1', 'dropped']);
  });

  it('puts the compared run under the focused one in a panel beside an editor (321 px), nothing running off to the side', async () => {
    const other = run([item(1, 0.9, 'x', undefined, 'c2'), item(2, 0.5, 'y', undefined, 'c1'), item(3, 0.1, 'z', undefined, 'c9')], 'probability', 'run-2');
    await page.setViewportSize({ width: 321, height: 800 });
    await post(page, showMessage([sample, other], { focusRunId: 'run-1', compareRunId: 'run-2' }));
    const layout = await page.evaluate(() => {
      const sections = [...document.querySelectorAll<HTMLElement>('.rankings.compare .ranking-section')];
      const wider = sections.flatMap((section) => {
        const right = section.getBoundingClientRect().right;
        return [...section.querySelectorAll<HTMLElement>('*')].filter((el) => el.getBoundingClientRect().right > right + 0.5 && el.getClientRects().length > 0).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right - right)} px`);
      });
      return { tops: sections.map((s) => s.getBoundingClientRect().top), overflow: sections.map((s) => s.scrollWidth - s.clientWidth), wider };
    });
    assert.equal(layout.tops.length, 2);
    assert.ok((layout.tops[1] ?? 0) > (layout.tops[0] ?? 0), `the compared run is under the focused one: ${JSON.stringify(layout.tops)}`);
    assert.deepEqual(layout.wider, [], 'elements wider than their table');
    assert.deepEqual(layout.overflow, [0, 0]);
  });

  it('draws each rank shift as a codicon followed by its number, the icon hidden from screen readers', async () => {
    const other = run([item(1, 0.9, 'x', undefined, 'c2'), item(2, 0.5, 'y', undefined, 'c1'), item(3, 0.1, 'z', undefined, 'c9')], 'probability', 'run-2');
    await post(page, showMessage([sample, other], { focusRunId: 'run-1', compareRunId: 'run-2' }));
    const cells = await page.locator('.ranking').nth(0).locator('.ranking-body .shift').evaluateAll((nodes) =>
      nodes.map((n) => ({
        icon: n.firstElementChild?.className,
        hidden: n.firstElementChild?.getAttribute('aria-hidden'),
        spoken: n.querySelector('.visually-hidden')?.textContent ?? '',
        shown: n.lastChild?.nodeType === Node.TEXT_NODE ? n.lastChild.textContent : '',
      })),
    );
    assert.deepEqual(cells, [
      { icon: 'codicon codicon-arrow-up', hidden: 'true', spoken: 'up ', shown: '1' },
      { icon: 'codicon codicon-arrow-down', hidden: 'true', spoken: 'down ', shown: '1' },
      { icon: 'codicon codicon-diff-added', hidden: 'true', spoken: '', shown: 'new' },
    ]);
    assert.equal(await page.locator('.ranking').nth(1).locator('.ranking-body .shift .codicon-diff-removed').count(), 1);
    assert.equal(await page.locator('.ranking').nth(0).getByRole('columnheader', { name: 'Rank change' }).count(), 1);
  });

  it('shows the sort direction as an arrow codicon and says it in the button\'s name', async () => {
    const sort = page.locator('button.sort-direction');
    assert.equal(await sort.getAttribute('aria-label'), 'Sort ascending');
    assert.equal(await sort.locator('.codicon-arrow-up').count(), 1);
    await sort.click();
    assert.equal(await sort.getAttribute('aria-label'), 'Sort descending');
    assert.equal(await sort.locator('.codicon').getAttribute('class'), 'codicon codicon-arrow-down');
    assert.deepEqual(await rows().locator('.rank').allTextContents(), ['3', '2', '1']);
  });

  it('marks expand and collapse with chevron codicons', async () => {
    const toggle = rows().nth(0).locator('button.toggle');
    assert.equal(await toggle.locator('.codicon-chevron-right').count(), 1);
    assert.equal(await toggle.textContent(), 'more');
    await toggle.click();
    assert.equal(await toggle.locator('.codicon-chevron-down').count(), 1);
    assert.equal(await toggle.textContent(), 'less');
  });

  it('puts codicons on the export and copy buttons, which keep their names', async () => {
    for (const [name, icon] of [['JSON', 'json'], ['CSV', 'table'], ['Markdown', 'markdown'], ['Copy prompt context', 'copy']]) {
      const b = page.getByRole('button', { name, exact: true });
      assert.equal(await b.locator(`.codicon-${icon}`).count(), 1, name);
    }
  });

  it('hides every icon from screen readers and leaves no control without a name', async () => {
    const found = await page.evaluate(() => ({
      icons: [...document.querySelectorAll('.codicon')].map((n) => n.getAttribute('aria-hidden')),
      unnamed: [...document.querySelectorAll('button')]
        .filter((b) => !(b.getAttribute('aria-label') ?? '').trim() && !(b.textContent ?? '').trim())
        .map((b) => b.className),
    }));
    assert.ok(found.icons.length >= 6, `icons drawn: ${found.icons.length}`);
    assert.ok(found.icons.every((h) => h === 'true'));
    assert.deepEqual(found.unnamed, []);
  });

  it('asks the host for a run it was not sent, and draws it when it arrives', async () => {
    const older = run([item(1, 0.7, 'older result')], 'probability', 'run-0');
    await post(page, showMessage([sample, older], { loaded: ['run-1'] }));
    await page.locator('select.run-picker').selectOption('run-0');
    assert.deepEqual((await posted(page)).at(-1), { type: 'select', runId: 'run-0' });
    assert.equal(await page.getByText('Loading…').isVisible(), true);
    await post(page, showMessage([sample, older], { loaded: ['run-0'] }));
    assert.equal(await rows().count(), 1);
    assert.equal(await rows().nth(0).locator('.text-body').textContent(), 'older result');
  });

  it('tells the host which runs it shows before it says it is ready', async () => {
    const fresh = await openPanel(browser as Browser, script, { runId: 'run-7' });
    try {
      assert.deepEqual((await posted(fresh)).map((m) => m.type), ['select', 'ready']);
      assert.equal((await posted(fresh))[0]?.runId, 'run-7');
    } finally {
      await fresh.close();
    }
  });

  it('restores its filter and sort after a reload, from the saved state', async () => {
    await page.locator('input.filter').fill('retry');
    await page.locator('select.sort-key').selectOption('score');
    await page.waitForFunction(() => document.querySelectorAll('.ranking-body > .row').length === 1);
    const saved = await page.evaluate(() => (window as unknown as { __state: () => unknown }).__state());
    const reloaded = await openPanel(browser as Browser, script, saved);
    try {
      await post(reloaded, showMessage([sample]));
      assert.equal(await reloaded.locator('input.filter').inputValue(), 'retry');
      assert.equal(await reloaded.locator('select.sort-key').inputValue(), 'score');
      assert.equal(await reloaded.locator('.ranking-body > .row').count(), 1);
    } finally {
      await reloaded.close();
    }
  });

  it('shows a message instead of a blank page when there are no runs', async () => {
    await post(page, showMessage([]));
    assert.equal(await page.getByRole('heading', { name: 'No results yet' }).isVisible(), true);
  });

  it('shows its words in the display language from the strings the host put in the page, placeholders filled', async () => {
    const localized = await openPanel(browser as Browser, script, undefined, { Filter: 'Filtre', '{0} results': '{0} résultats', 'Save the rows shown as {0}': 'Enregistrer les lignes en {0}', Score: 'Pertinence' });
    try {
      await post(localized, showMessage([sample]));
      assert.equal(await localized.locator('label.control', { has: localized.locator('input.filter') }).locator('.control-label').textContent(), 'Filtre');
      assert.equal(await localized.locator('.count').first().textContent(), '3 résultats');
      assert.equal(await localized.locator('button[title^="Enregistrer"]').first().getAttribute('title'), 'Enregistrer les lignes en JSON');
      // Words looked up when the page's modules load are in the display language too.
      assert.equal(await localized.locator('select.sort-key option[value="score"]').textContent(), 'Pertinence');
      // A word the bundle lacks stays English.
      assert.equal(await localized.getByRole('button', { name: 'Copy prompt context' }).isVisible(), true);
    } finally {
      await localized.close();
    }
  });

  describe('reading the rows', () => {
    const DEEP = 'packages/server/src/transport/retry/policies/backoff/exponential';
    const clipped = () =>
      page.locator('.ranking-body .text-body').evaluateAll((nodes) =>
        nodes.map((n) => ({ clipped: n.scrollHeight > n.clientHeight + 1, toggle: n.parentElement?.querySelector('button.toggle') !== null })),
      );
    const widths = (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.map((n) => ({ width: n.clientWidth, cut: n.scrollWidth > n.clientWidth })));

    it('shows the file name and lines first and cuts the folder, the whole path in the tooltip', async () => {
      await post(page, showMessage([run([item(1, 0.9, 'x', { kind: 'file', path: `${DEEP}/jitter.ts`, range: { startLine: 84, endLine: 100 } })])]));
      await page.setViewportSize({ width: 700, height: 800 });
      const link = rows().nth(0).locator('.source-link');
      assert.equal(await link.locator('.source-name').textContent(), 'jitter.ts:84-100');
      assert.equal(await link.getAttribute('title'), `Open ${DEEP}/jitter.ts:84-100`);
      const [name] = await widths('.source-name');
      const [folder] = await widths('.source-folder');
      assert.equal(name?.cut, false, 'the file name is whole');
      assert.equal(folder?.cut, true, 'the folder is what is cut');
    });

    it('names a selection block by its document and lines', async () => {
      await post(page, showMessage([run([item(1, 0.9, 'x', { kind: 'selection', uri: 'file:///w/docs/notes.md', block: 4, range: { startLine: 9, endLine: 10 } })])]));
      assert.equal(await rows().nth(0).locator('.source-name').textContent(), 'notes.md:9-10');
    });

    it('shows code without the indentation its lines share, expanded too', async () => {
      const code = '        if (retryable) {\n          await sleep(delay);\n        }\n        return send();\n        // done';
      await post(page, showMessage([run([item(1, 0.9, code)])]));
      const body = rows().nth(0).locator('.text-body');
      assert.equal(await body.textContent(), 'if (retryable) {\n  await sleep(delay);\n}');
      await rows().nth(0).locator('button.toggle').click();
      assert.equal(await body.textContent(), 'if (retryable) {\n  await sleep(delay);\n}\nreturn send();\n// done');
    });

    it('offers "more" on every row whose text it clips, long lines under 240 characters too', async () => {
      const words = 'A client that is rate limited waits for the Retry-After delay before it sends again, ';
      await post(page, showMessage([run([item(1, 0.9, words.repeat(2).trim()), item(2, 0.8, `${words}\n${words}\n${words}`), item(3, 0.7, 'short'), item(4, 0.6, 'one\ntwo\nthree\nfour')])]));
      await page.setViewportSize({ width: 700, height: 800 });
      const found = await clipped();
      assert.ok(found.some((r) => r.clipped), `some row is clipped at this width: ${JSON.stringify(found)}`);
      assert.deepEqual(found.filter((r) => r.clipped && !r.toggle), [], 'every clipped row has a toggle');
      assert.equal(found[3]?.toggle, true, 'four lines show three and a toggle');
    });

    it('keeps both tables readable when comparing in a 900 px wide editor', async () => {
      await page.setViewportSize({ width: 900, height: 800 });
      const long = (n: number) => item(n, 1 - n / 10, 'Retry the request after the Retry-After delay, with exponential backoff and jitter.', { kind: 'file', path: `${DEEP}/policy${n}.ts`, range: { startLine: 10, endLine: 40 } });
      const a = run([long(1), long(2)], 'probability', 'run-a');
      const b = run([long(2), long(1)].map((x, i) => ({ ...x, rank: i + 1 })), 'probability', 'run-b');
      await post(page, showMessage([a, b], { focusRunId: 'run-a', compareRunId: 'run-b' }));
      assert.equal(await page.locator('.ranking').count(), 2);
      const texts = await widths('.ranking-body .text');
      assert.ok(texts.every((t) => t.width >= 300), `every text cell is at least 300 px wide: ${JSON.stringify(texts)}`);
      const names = await widths('.ranking-body .source-name');
      assert.ok(names.every((n) => !n.cut), `every file name is whole: ${JSON.stringify(names)}`);
    });
  });
});
