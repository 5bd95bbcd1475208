// The extension in the qps-ploc pseudo locale, where every string of l10n/bundle.l10n.json and
// package.nls.json has its letters accented by `l10n-dev generate-pseudo` ("Şḗḗŧ ȦȦƤĪ Ķḗḗẏ"):
// a user's path through the notifications, the Results tree and the
// results panel shows no text of the extension without the marks. Text that is data (queries,
// passages, paths, scores, provider and model names) and shared English details inside a marked
// frame (docs/ARCHITECTURE.md, "Localization") are what may stand unmarked.
//
// How code-server gets the locale: `--locale qps-ploc` alone is not enough. code-server 4.139.1
// sets the workbench's language (and so the extension host's vscode.env.language, which picks
// bundle.l10n.<language>.json) only to a language that an installed language pack provides, read
// from languagepacks.json in the user data folder. So the run installs a test-only language pack
// (fixtures/pseudo-language-pack: the qps-ploc language, VS Code's own strings left English),
// writes the languagepacks.json entry code-server's language pack service writes for it (the
// `--install-extension` command line does not), and runs generate-pseudo in the installed copy of
// the extension. The .vsix itself carries English only.

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { PSEUDO_LOCALE, isPseudoLocalized, pseudoLocalize, writePseudoLocale } from '../support/pseudoLocale';
import { useE2EEnvironment, type E2EEnvironment, type SessionOptions } from './environment';
import { ROOT, installExtension, log, runChecked, seconds } from './harness';
import { waitFor, type Workbench } from './workbench';

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const KEY = 'co-e2e-FAKEKEY-pseudo-9e1f';
const PACK_ID = 'rerank-tests.pseudo-language-pack';
const nls = readJson<Record<string, string>>(path.join(ROOT, 'package.nls.json'));
/** A text of package.nls.json as the pseudo locale shows it. */
const shown = (key: string) => pseudoLocalize(nls[key] ?? `missing ${key}`);
/** A command as the palette lists it: "Řḗḗřȧȧƞķ: Şḗḗŧ ȦȦƤĪ Ķḗḗẏ". */
const command = (name: string) => `${shown('command.category')}: ${shown(`command.${name}.title`)}`;
const VIEW = () => shown('view.results.name');
/** A message of the bundle as the pseudo locale shows it, its placeholders filled. */
const pseudo = (message: string, ...args: Array<string | number>) => pseudoLocalize(message).replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m));

/** The installed folder of an extension in the extensions folder ("rerank-dev.rerank-0.1.0"). */
function installedFolder(extensionsDir: string, id: string): string {
  const found = readdirSync(extensionsDir).find((name) => name.startsWith(`${id}-`));
  if (!found) throw new Error(`${id} is not installed in ${extensionsDir}`);
  return path.join(extensionsDir, found);
}

/** Installs the pseudo language pack and the pseudo bundle; returns what each session needs. */
function preparePseudoLocale(env: E2EEnvironment): SessionOptions {
  const vsix = path.join(env.scratch, 'pseudo-language-pack.vsix');
  runChecked(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], { cwd: path.join(__dirname, 'fixtures', 'pseudo-language-pack') });
  installExtension(env.installed, vsix, env.extensionsDir, env.scratch, env.proxy.url, PACK_ID);
  writePseudoLocale(installedFolder(env.extensionsDir, 'rerank-dev.rerank'));
  const pack = installedFolder(env.extensionsDir, PACK_ID);
  const version = readJson<{ version: string }>(path.join(pack, 'package.json')).version;
  // The entry VS Code's LanguagePacksCache writes: its hash is the md5 of each pack's id and version.
  const languagePacks = {
    [PSEUDO_LOCALE]: {
      hash: createHash('md5').update(PACK_ID).update(version).digest('hex'),
      extensions: [{ extensionIdentifier: { id: PACK_ID }, version }],
      translations: { vscode: path.join(pack, 'translations', 'main.i18n.json') },
      label: 'Pseudo',
    },
  };
  return {
    args: ['--locale', PSEUDO_LOCALE],
    userData: { 'languagepacks.json': JSON.stringify(languagePacks) },
    readyWhen: `.activitybar a[aria-label^="${shown('viewsContainer.rerank.title')}"]`,
  };
}

/** Texts with words in them that hold no pseudo-localized message. */
function unmarked(texts: readonly string[]): string[] {
  return texts.filter((t) => /\p{L}{2}/u.test(t) && !isPseudoLocalized(t));
}

/** The toasts on screen: each message and each button marked. */
async function assertToastsMarked(wb: Workbench): Promise<void> {
  const toasts = wb.page.locator('.notifications-toasts .notification-toast');
  const messages = await toasts.locator('.notification-list-item-message').allInnerTexts();
  const buttons = await toasts.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts();
  assert.ok(messages.length > 0, 'a notification shows');
  assert.deepEqual(unmarked(messages.map((m) => m.trim())), [], 'every message is marked');
  assert.deepEqual(unmarked(buttons.map((b) => b.trim())), [], 'every button is marked');
}

/**
 * Every text node and every title, aria-label and placeholder of the panel's page, except what
 * shows data (the query, the rows' passages, sources, scores and ranks, the run pickers' entries)
 * and the strings' JSON block.
 */
async function panelTexts(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const data = '.query, .text-body, .ranking-body .source, .ranking-body .score, .ranking-body .rank, select, script';
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(data) || parent.closest('[hidden]')) continue;
      const text = (node.textContent ?? '').trim();
      if (text) texts.push(text);
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (el.closest('.query, .text-body, .ranking-body .score, .ranking-body .rank, select')) continue;
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

describe('end to end: the extension in the qps-ploc pseudo locale', function () {
  let options: SessionOptions = {};
  const e2e = useE2EEnvironment(this, {
    server: { apiKey: KEY },
    prepare: (env, started) => {
      options = preparePseudoLocale(env);
      log(`setup with the pseudo locale: ${seconds(Date.now() - started)}`);
    },
  });

  it('P1: the notifications, the Results tree and the panel show only marked text of the extension', async function () {
    const e = e2e.env;
    const session = await e2e.openSession('p1-pseudo', {}, {}, options);
    const wb = session.workbench;
    const before = e.server.requests.length;

    // The view's welcome text comes from package.nls.qps-ploc.json.
    await wb.openViewContainer(shown('viewsContainer.rerank.title'));
    const welcome = await waitFor('the welcome view', async () => (await wb.viewWelcomeText(VIEW()).catch(() => '')) || undefined);
    assert.deepEqual(unmarked(welcome.split('\n').map((l) => l.trim())), [], `the welcome view: ${welcome}`);

    // Nothing selected: the information note.
    await wb.openFile('notes.txt');
    await wb.activeEditor().locator('.view-lines').click();
    await wb.runCommand(command('rerankSelection'));
    await wb.waitForNotification(pseudo('Rerank: select the text to rank first'));
    await assertToastsMarked(wb);
    await wb.runCommand('Notifications: Clear All Notifications');

    // A selection, no key: the warning and its buttons, then the offline run.
    await wb.selectAllInEditor();
    await waitFor('the editor to report a selection', async () => /selected/.test(await wb.editorSelectionStatus()));
    await wb.runCommand(command('rerankSelection'));
    await wb.answerInput('bread flour starter', pseudo('Rerank {0} blocks', 3));
    await wb.waitForNotification(pseudo('Rerank: no API key for {0}', 'cohere'));
    await assertToastsMarked(wb);
    await wb.clickNotificationButton(pseudo('Rerank: no API key for {0}', 'cohere'), pseudo('Use Offline Ranker (BM25)'));

    // The tree: the run's description is marked; a result's row is data (rank, score, place, title).
    const rows = await waitFor('the run in the tree', async () => {
      const rows = await wb.treeRows(VIEW());
      return rows.filter((r) => r.level === 2).length === 3 ? rows : undefined;
    }, 30_000, 200);
    const run = rows.find((r) => r.level === 1);
    assert.equal(run?.description, `local · bm25 · ${pseudo('{0} results', 3)} · ${pseudo('just now')}`);
    for (const item of rows.filter((r) => r.level === 2)) assert.match(item.label, /^\d+ · [\d.]+ · notes\.txt:\d+-\d+$/);
    assert.equal(e.server.requests.length, before, 'the offline run sent nothing');

    // Every toast of the run, the short-lived progress included.
    const seen = await wb.toastHistory();
    assert.ok(seen.some((t) => t.includes(pseudo('Rerank: {0}', pseudo('ranking {0} selected blocks', 3)))), `the progress title is marked: ${JSON.stringify(seen)}`);
    assert.deepEqual(unmarked(seen), [], 'every notification seen is marked');

    // The panel: every word of the page that is not data is marked.
    await wb.runCommand(command('openPanel'));
    const frame = await wb.webviewFrame({ hasSelector: '.ranking-body [role="row"]' });
    const texts = await panelTexts(frame);
    assert.ok(texts.includes(pseudo('Source')) && texts.includes(pseudo('Text')), `the column headers are marked: ${JSON.stringify(texts)}`);
    // The export buttons name file formats, which are not translated.
    assert.deepEqual(unmarked(texts).filter((t) => !['JSON', 'CSV', 'Markdown'].includes(t)), [], 'every text of the panel is marked');
    await wb.screenshot('p1-pseudo');
  });
});
