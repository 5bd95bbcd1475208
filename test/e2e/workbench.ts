// What a user does in the VS Code workbench, as Playwright steps: the command palette, input
// boxes and quick picks, notifications, the editor, tree rows, the webview's DOM, screenshots.
// Selectors are VS Code's own (1.139): .quick-input-widget, .notification-toast,
// .monaco-list-row, iframe.webview > #active-frame.

import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';

const ARTIFACTS = path.join(__dirname, 'artifacts');

export interface TreeRow {
  /** The label (for a result: "1. first line"). */
  label: string;
  /** The description (for a result: "0.870 · notes.txt:1-3"). */
  description: string;
  /** The tree depth VS Code gives the row (1 = a top-level node). */
  level: number;
  ariaLabel: string;
}

/** How a web font fares in a frame: its faces' load states and what an element set in it shows. */
export interface FontState {
  /** FontFace.status of every face of the family ("loaded" once the file arrived and parsed). */
  faces: string[];
  /** document.fonts.check for the family at 16px. */
  check: boolean;
  /** How many elements match the selector, and the computed font-family of the first. */
  elements: number;
  fontFamily: string;
  /** Resource URLs the frame fetched whose path holds `family` (the stylesheet and the font file). */
  fetched: string[];
}

export interface PanelRow {
  rank: string;
  score: string;
  source: string;
  text: string;
}

/** Polls `fn` until it returns a value that is not undefined/false, or throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export class Workbench {
  /**
   * Console lines reporting a Content Security Policy violation, from the workbench and every
   * frame in it (webviews too: Chromium logs a refused load where no page script can see it).
   */
  readonly cspReports: string[] = [];

  constructor(
    readonly page: Page,
    readonly name: string,
    /** A selector that appears once the extension under test is known to the workbench. */
    readonly readyWhen?: string,
  ) {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) this.cspReports.push(`${message.location().url}: ${message.text()}`);
    });
  }

  /** Loads the workbench and waits until it can take commands (explorer and status bar drawn). */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
    // The explorer shows the workspace folder once the remote file system is connected.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    // The extension's contributions (its activity bar entry) arrive from the server after that.
    if (this.readyWhen) await this.page.locator(this.readyWhen).first().waitFor({ timeout: 60_000 });
    await this.installToastRecorder();
  }

  // ---- command palette, input boxes, quick picks --------------------------------------------

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  async quickInputVisible(): Promise<boolean> {
    return this.quickInput.isVisible();
  }

  /**
   * F1, type the command's title, move to the row that is exactly that command, Enter. Reopens
   * the palette when the command is not listed yet (the extension's contributions arrive from
   * the server a moment after the workbench draws).
   */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    const wanted = title.toLowerCase();
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    for (;;) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      const input = this.quickInput.locator('.quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      // aria-label of a palette row: "Rerank: Show Log" or "File: New Untitled Text File, Ctrl+Alt+N".
      const matches = (label: string) => label.toLowerCase() === wanted || label.toLowerCase().startsWith(`${wanted},`);
      const found = await waitFor(`"${title}" in the command palette`, async () => {
        seen = await this.quickInput.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
        return seen.some(matches);
      }, Math.min(5000, Math.max(0, deadline - Date.now()))).catch(() => false);
      if (found) {
        for (let i = 0; i < 30; i++) {
          const focused = (await this.quickInput.locator('.monaco-list-row.focused').first().getAttribute('aria-label').catch(() => null)) ?? '';
          if (matches(focused)) {
            await input.press('Enter');
            // The palette closes once it has run the command (another input may open right away).
            await waitFor('the command palette to close', async () => !(await this.quickInput.isVisible()) || !(await input.inputValue().catch(() => '')).startsWith('>'), 5000);
            return;
          }
          await input.press('ArrowDown');
        }
      }
      if (Date.now() > deadline) throw new Error(`the command palette does not offer "${title}"; it lists: ${JSON.stringify(seen.slice(0, 8))}`);
    }
  }

  /** Waits for an input box or quick pick (optionally one whose title/prompt mentions `hint`). */
  async waitForQuickInput(hint?: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    await waitFor(`an input box${hint ? ` mentioning ${String(hint)}` : ''}`, async () => {
      if (!(await this.quickInput.isVisible())) return false;
      if (hint === undefined) return true;
      const text = await this.quickInput.innerText();
      return typeof hint === 'string' ? text.includes(hint) : hint.test(text);
    }, timeoutMs);
    return this.quickInput;
  }

  /** Types into the visible input box (or quick pick's filter) and presses Enter. */
  async answerInput(text: string, hint?: string | RegExp): Promise<void> {
    const widget = await this.waitForQuickInput(hint);
    const input = widget.locator('.quick-input-box input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Whether the visible input box hides what is typed (a password box). */
  async inputIsPassword(): Promise<boolean> {
    return (await this.quickInput.locator('.quick-input-box input').getAttribute('type')) === 'password';
  }

  /**
   * "Rerank: Set API Key" with `key` typed into its password box, then the confirmation for `host`;
   * the notifications are cleared (out of later screenshots).
   */
  async setApiKey(key: string, host: string): Promise<void> {
    await this.runCommand('Rerank: Set API Key');
    await this.waitForQuickInput('API key for cohere');
    if (!(await this.inputIsPassword())) throw new Error('the API key box shows what is typed');
    await this.answerInput(key);
    await this.waitForNotification(`API key stored for ${host}`);
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** Opens `file`, selects all of it and runs "Rerank Selection Against Query" with `query`. */
  async rerankSelectionOf(file: string, query: string): Promise<void> {
    await this.openFile(file);
    await this.selectAllInEditor();
    await waitFor('the editor to report a selection', async () => /selected/.test(await this.editorSelectionStatus()));
    await this.runCommand('Rerank: Rerank Selection Against Query');
    await this.answerInput(query, 'against');
  }

  /** Picks the quick-pick row whose label is `label`. */
  async pick(label: string): Promise<void> {
    await this.waitForQuickInput();
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
  }

  // ---- notifications ---------------------------------------------------------------------

  /** The text of every notification toast on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  /** Waits for a toast containing `text` and returns its locator. */
  async waitForNotification(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return toast;
  }

  /** Clicks a notification's button. */
  async clickNotificationButton(toastText: string | RegExp, button: string): Promise<void> {
    const toast = await this.waitForNotification(toastText);
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  /**
   * Records every text a toast shows, from now on, in the page (a MutationObserver): progress
   * messages that last a second are seen even between two polls.
   */
  private async installToastRecorder(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __toastTexts?: string[] };
      if (w.__toastTexts) return;
      const seen: string[] = [];
      w.__toastTexts = seen;
      const record = () => {
        for (const toast of document.querySelectorAll('.notifications-toasts .notification-toast')) {
          const text = (toast as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
          if (text && seen[seen.length - 1] !== text && !seen.includes(text)) seen.push(text);
        }
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'aria-label'] });
    });
  }

  /** Every distinct toast text seen since the workbench opened. */
  async toastHistory(): Promise<string[]> {
    return this.page.evaluate(() => [...((window as unknown as { __toastTexts?: string[] }).__toastTexts ?? [])]);
  }

  /** The status bar's texts (for example "Ln 3, Col 1 (120 selected)"). */
  async statusBarItem(id: string): Promise<string> {
    return (await this.page.locator(`[id="${id}"]`).first().innerText()).trim();
  }

  // ---- editor ----------------------------------------------------------------------------

  /** Quick Open (Ctrl+P), the file's name, Enter; waits until its editor tab is active. */
  async openFile(name: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(name);
    await waitFor(`Quick Open to offer ${name}`, async () => {
      const label = (await this.quickInput.locator('.monaco-list-row.focused').first().getAttribute('aria-label').catch(() => null)) ?? '';
      return label.includes(path.basename(name));
    });
    await input.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: path.basename(name) }).waitFor({ timeout: 15_000 });
    await this.activeEditor().locator('.view-lines').waitFor({ timeout: 15_000 });
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Clicks into the active editor and selects everything (Ctrl+A). */
  async selectAllInEditor(): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+A');
  }

  /** The cursor/selection as the status bar shows it, e.g. "Ln 9, Col 1 (231 selected)". */
  async editorSelectionStatus(): Promise<string> {
    return this.statusBarItem('status.editor.selection');
  }

  /** Text of the active editor (the lines Monaco has drawn; the fixtures are short). */
  async editorText(): Promise<string> {
    const lines = await this.activeEditor().locator('.view-lines .view-line').evaluateAll((nodes) =>
      nodes
        .map((n) => ({ top: parseFloat((n as HTMLElement).style.top || '0'), text: (n as HTMLElement).innerText.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return lines.join('\n');
  }

  // ---- views -----------------------------------------------------------------------------

  /**
   * Shows a view container: a click on its activity bar entry when another container is showing,
   * "View: Show <title>" when it is the active one but the side bar is hidden (a click would
   * toggle it closed again), until it shows.
   */
  async openViewContainer(title: string, timeoutMs = 20_000): Promise<void> {
    const tab = this.page.locator('.activitybar li.action-item', { has: this.page.locator(`a[aria-label^="${title}"]`) }).first();
    await tab.waitFor({ timeout: timeoutMs });
    const selected = async () => (await tab.getAttribute('aria-selected')) === 'true';
    const showing = async () => (await selected()) && (await this.page.locator('.part.sidebar').isVisible());
    const deadline = Date.now() + timeoutMs;
    while (!(await showing())) {
      if (Date.now() > deadline) throw new Error(`the ${title} view container does not show`);
      if (!(await selected())) await tab.locator('a').click();
      else await this.runCommand(`View: Show ${title}`);
      await waitFor(`the ${title} view container to show`, showing, 3000).catch(() => undefined);
    }
  }

  /** The side bar pane of a view (its header's title is `title`). */
  viewPane(title: string): Locator {
    return this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
  }

  /** The rows of the tree in a side bar view, as drawn. */
  async treeRows(viewTitle: string): Promise<TreeRow[]> {
    const pane = this.viewPane(viewTitle);
    return pane.locator('.monaco-list-row').evaluateAll((rows) =>
      rows
        .map((row) => ({
          top: parseFloat((row as HTMLElement).style.top || '0'),
          label: (row.querySelector('.label-name') as HTMLElement | null)?.innerText.trim() ?? '',
          description: (row.querySelector('.label-description') as HTMLElement | null)?.innerText.trim() ?? '',
          level: Number(row.getAttribute('aria-level') ?? '0'),
          ariaLabel: row.getAttribute('aria-label') ?? '',
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ label, description, level, ariaLabel }) => ({ label, description, level, ariaLabel })),
    );
  }

  /** The welcome text of a view (shown while its tree is empty). */
  async viewWelcomeText(viewTitle: string): Promise<string> {
    return this.viewPane(viewTitle).locator('.welcome-view').innerText();
  }

  // ---- webviews --------------------------------------------------------------------------

  /**
   * The document inside a webview: VS Code nests it in an outer iframe (class "webview", from
   * the webview origin) and that frame's inner iframe #active-frame holds the extension's page.
   */
  async webviewFrame(opts: { hasSelector?: string; timeoutMs?: number } = {}): Promise<Frame> {
    return waitFor('a webview with its content', async () => {
      for (const outer of await this.page.locator('iframe.webview').elementHandles()) {
        const outerFrame = await outer.contentFrame();
        const inner = await outerFrame?.$('#active-frame');
        const frame = await inner?.contentFrame();
        if (!frame) continue;
        if (opts.hasSelector && !(await frame.$(opts.hasSelector))) continue;
        return frame;
      }
      return undefined;
    }, opts.timeoutMs ?? 30_000, 200);
  }

  /** Waits until every face of a web font `family` has settled in `frame` (loaded or failed), and says how it went. */
  async fontState(frame: Frame, family: string, selector: string): Promise<FontState> {
    return waitFor(`the ${family} font to settle in the webview`, async () => {
      const state = await frame.evaluate(
        async ([family, selector]) => {
          await document.fonts.ready;
          const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === family).map((f) => f.status);
          const first = document.querySelector(selector);
          return {
            faces,
            check: document.fonts.check(`16px ${family}`),
            elements: document.querySelectorAll(selector).length,
            fontFamily: first ? getComputedStyle(first).fontFamily : '',
            fetched: performance.getEntriesByType('resource').map((e) => e.name).filter((name) => new URL(name).pathname.includes(family)),
          };
        },
        [family, selector] as const,
      );
      return state.faces.length > 0 && state.faces.every((s) => s === 'loaded' || s === 'error') ? state : undefined;
    });
  }

  // ---- artifacts -------------------------------------------------------------------------

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
