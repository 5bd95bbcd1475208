// Workspace candidates: "Rerank Workspace Files…", "Rerank These Files" (explorer) and "Find
// Related to Selection". Files are walked with ignore rules, chunked with provenance, checked for
// secrets before leaving the machine, and cut down by a BM25 first stage for remote rankers.

import * as vscode from 'vscode';
import { isPathWithin } from '../../sources/fs';
import { RerankError, errorText } from '../../core/errors';
import { pathInFolder } from '../../core/source';
import type { Candidate, LineRange } from '../../core/types';
import { DEFAULT_MAX_FILE_BYTES, bm25FirstStage, describeCollection, effectiveExcludes, streamFileCandidates, type CollectOptions, type CollectedFile, type SourceFs } from '../../sources/index';
import type { CollectReport } from '../../sources/report';
import { collectIndexed } from '../../sources/workspaceIndex/collect';
import type { IndexedFile } from '../../sources/workspaceIndex/search';
import type { IndexedBm25 } from '../../providers/local';
import type { WorkspaceIndexKeeper } from './indexKeeper';
import { addTitles } from '../../sources/titling';
import { outsideSelection, selectedLines } from '../../sources/related';
import { askForQuery } from '../queryInput';
import type { Platform } from '../platform';
import { reportFailure, runRerank, type RunCandidates, type RunnerDeps } from '../runner';
import { readSettings, type RerankSettings } from '../settings';
import { offerLimitActions } from './limitActions';
import { WorkspaceSourceFs } from './workspaceFs';
import { registerCommand } from '../commands';
import { definedOnly } from '../../core/defined';

export function registerWorkspaceCommands(context: vscode.ExtensionContext, deps: RunnerDeps): void {
  const index = deps.workspaceIndex;
  /** `prompt` heads the query box; `title` the progress ("Rerank: <title>: batch 1/2"). */
  const rank = async (roots: vscode.Uri[], query: string | undefined, prompt: string, title: string, keep?: (c: Candidate) => boolean) => {
    if (roots.length === 0) return reportFailure(new RerankError('bad-input', vscode.l10n.t('open a folder first: there are no workspace files to rank')), deps.log);
    const q = query ?? (await askForQuery(context.globalState, prompt));
    if (!q) return;
    await runRerank(deps, {
      query: q,
      title,
      // Workspace text leaves the machine only in a trusted workspace.
      remoteAllowed: vscode.workspace.isTrusted,
      // A query given here comes from the editor's selection (Find Related), not from the user's typing.
      queryFromText: query !== undefined,
      candidates: (signal, report, remote) => workspaceCandidates(roots, q, readSettings(), remote, signal, report, deps.log, deps.platform, keep, index),
      addTitles: workspaceTitles(roots, deps.platform),
    });
  };

  context.subscriptions.push(
    registerCommand('rerank.rerankWorkspace', () => rank(folderUris(), undefined, vscode.l10n.t('Rerank workspace files against…'), vscode.l10n.t('ranking workspace files')), deps.log),
    registerCommand('rerank.rerankFiles', (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      const uris = selected && selected.length > 0 ? selected : clicked ? [clicked] : [];
      if (uris.length === 1) {
        const name = vscode.workspace.asRelativePath(uris[0] as vscode.Uri);
        return rank(uris, undefined, vscode.l10n.t('Rerank {0} against…', name), vscode.l10n.t('ranking {0}', name));
      }
      return rank(uris, undefined, vscode.l10n.t('Rerank {0} items against…', uris.length), vscode.l10n.t('ranking {0} items', uris.length));
    }, deps.log),
    registerCommand('rerank.findRelated', async () => {
      const editor = vscode.window.activeTextEditor;
      const query = editor?.selections.map((s) => editor.document.getText(s)).join('\n').trim();
      if (!editor || !query) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: select the code or text to find related passages for, then run "Find Related to Selection" again.'));
        return;
      }
      const selected = { uri: editor.document.uri.toString(), ranges: editor.selections.filter((s) => !s.isEmpty).map((s) => selectedLines(s.start, s.end)) };
      await rank(folderUris(), query, vscode.l10n.t('Find related to selection'), vscode.l10n.t('finding passages related to the selection'), (c) => outsideSelection(c, selected));
    }, deps.log),
    registerCommand('rerank.rebuildWorkspaceIndex', () => rebuildIndex(index, deps.platform), deps.log),
    registerCommand('rerank.deleteWorkspaceIndex', async () => {
      await index.delete();
      void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: the workspace index is deleted. The next workspace run builds it again.'));
    }, deps.log),
  );
}

/** Builds the index of every workspace folder from nothing, with progress, cancellable. */
async function rebuildIndex(index: WorkspaceIndexKeeper, platform: Platform): Promise<void> {
  const roots = folderUris();
  if (roots.length === 0) throw new RerankError('bad-input', vscode.l10n.t('open a folder first: there is no workspace to index'));
  const settings = readSettings();
  if (!settings.workspaceIndex) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: the workspace index is turned off (setting rerank.workspace.index).'));
    return;
  }
  await index.delete();
  const options = index.optionsFor(roots);
  if (options === undefined) throw new RerankError('bad-input', vscode.l10n.t('this window has no storage for a workspace index: open a folder or a workspace'));
  const title = vscode.l10n.t('Rerank: building the workspace index');
  const built = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const fs = new WorkspaceSourceFs(roots, platform.realpath);
      const collection = await collectIndexed(readerFor(roots, fs, platform), roots.map((r) => r.path), collectOptions(roots, settings, controller.signal, (message) => progress.report({ message })), options);
      await collection.saved;
      return collection;
    } finally {
      cancel.dispose();
    }
  });
  void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: the workspace index holds {0} passages from {1} files.', built.passages, built.files.length));
}

/** The workspace folder holding `path` (a URI path), if any. */
function folderOf(path: string): vscode.Uri | undefined {
  return folderUris().find((f) => isPathWithin(f.path, path));
}

export function folderUris(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
}

/**
 * files.exclude and search.exclude as globs (entries set to true; `when` conditions are not
 * evaluated), as they apply in `folder`: a workspace folder's own settings included.
 */
function editorExcludes(folder: vscode.Uri | undefined): string[] {
  const globs: string[] = [];
  for (const section of ['files.exclude', 'search.exclude']) {
    const value = vscode.workspace.getConfiguration(undefined, folder).get<Record<string, unknown>>(section) ?? {};
    for (const [glob, on] of Object.entries(value)) if (on === true) globs.push(glob);
  }
  return globs;
}

/**
 * Local folders (the file: scheme, where this extension host runs) are read with Node's file
 * system, as the CLI reads them: one workspace.fs round trip per file costs several times the
 * read. Remote and virtual folders, Windows paths (URI paths are not Node paths there) and the web
 * worker (no Node) go through workspace.fs.
 */
function readerFor(roots: readonly vscode.Uri[], workspaceFs: SourceFs, platform: Platform): SourceFs {
  const local = roots.length > 0 && roots.every((r) => r.scheme === 'file') && !platform.windowsPaths;
  return local && platform.localFs ? platform.localFs() : workspaceFs;
}

/** Titles for workspace passages, their files read again through the same file system as the run. */
export function workspaceTitles(roots: readonly vscode.Uri[], platform: Platform): (candidates: readonly Candidate[], signal: AbortSignal) => Promise<void> {
  return (candidates, signal) => {
    const fs = readerFor(roots, new WorkspaceSourceFs(roots, platform.realpath), platform);
    const locate = (c: Candidate) => (c.source.kind === 'file' && c.source.uri ? vscode.Uri.parse(c.source.uri).path : undefined);
    return addTitles(fs, candidates, locate, DEFAULT_MAX_FILE_BYTES, signal);
  };
}

export async function workspaceCandidates(
  roots: readonly vscode.Uri[],
  query: string,
  settings: RerankSettings,
  remote: boolean,
  signal: AbortSignal,
  report: (message: string) => void,
  log: vscode.LogOutputChannel,
  platform: Platform,
  /** Leaves out what it returns false for (Find Related: the selection's own passages). */
  keep?: (candidate: Candidate) => boolean,
  /** The window's workspace index, used when the roots are the workspace folders and the setting allows. */
  index?: WorkspaceIndexKeeper,
): Promise<RunCandidates> {
  const fs = new WorkspaceSourceFs(roots, platform.realpath);
  const options = collectOptions(roots, settings, signal, report);
  const indexOptions = index !== undefined && settings.workspaceIndex && areWorkspaceFolders(roots) ? index.optionsFor(roots) : undefined;
  const firstStage = (count: number) => remote && settings.firstStageCandidates > 0 && count > settings.firstStageCandidates;
  const candidates: Candidate[] = [];
  let collectReport: CollectReport;
  let indexed: IndexedBm25 | undefined;
  if (indexOptions !== undefined) {
    const collection = await collectIndexed(readerFor(roots, fs, platform), roots.map((r) => r.path), options, indexOptions);
    collection.saved.catch((err: unknown) => log.warn(`workspace index: not saved, the next run builds it again: ${errorText(err)}`));
    if (collection.rebuilt.length > 0) log.info(`workspace index: built for ${collection.rebuilt.length} folder${collection.rebuilt.length === 1 ? '' : 's'}`);
    const indexReport = collection.report;
    collectReport = indexReport;
    // Find Related's passages are left out before BM25 sees them.
    const keepPassage = keep && ((file: IndexedFile, range: LineRange) => keep(placeholder(fs, file, range)));
    if (firstStage(collection.passages)) {
      finishCollection(indexReport, log, collection.passages);
      const kept = collection.firstStage(query, settings.firstStageCandidates, keepPassage).flatMap((file) => placeCandidates(file, indexReport, fs));
      log.info(`workspace: BM25 first stage (workspace index) kept ${kept.length} of ${collection.passages} chunks for the remote ranker`);
      report(vscode.l10n.t('BM25 kept {0} of {1} chunks', kept.length, collection.passages));
      return { candidates: kept };
    }
    for (const file of collection.all(keepPassage)) for (const c of placeCandidates(file, indexReport, fs)) candidates.push(c);
    // The offline ranker scores these passages from the index's term data.
    if (!remote) indexed = collection.termBm25(keepPassage);
  } else {
    const collection = streamFileCandidates(readerFor(roots, fs, platform), roots.map((r) => r.path), options);
    collectReport = collection.report;
    for await (const files of collection.files()) {
      for (const file of files) for (const c of placeCandidates(file, collectReport, fs)) if (!keep || keep(c)) candidates.push(c);
    }
  }
  finishCollection(collectReport, log, candidates.length);
  if (firstStage(candidates.length)) {
    const kept = bm25FirstStage(candidates, query, settings.firstStageCandidates);
    log.info(`workspace: BM25 first stage kept ${kept.length} of ${candidates.length} chunks for the remote ranker`);
    report(vscode.l10n.t('BM25 kept {0} of {1} chunks', kept.length, candidates.length));
    return { candidates: kept };
  }
  return indexed ? { candidates, indexed } : { candidates };
}

/** Logs what the collection left out; an empty one fails with the reasons. */
function finishCollection(report: CollectReport, log: vscode.LogOutputChannel, count: number): void {
  const notes = describeCollection(report);
  for (const note of notes) log.info(`workspace: ${note}`);
  if (count === 0) throw new RerankError('bad-input', notes.join('; ') || vscode.l10n.t('no files to rank'));
  offerLimitActions(report, log);
}

/** How the workspace's files are collected: the settings, the editor's excludes, and progress every 100 ms. */
function collectOptions(roots: readonly vscode.Uri[], settings: RerankSettings, signal: AbortSignal, report: (message: string) => void): CollectOptions {
  let lastReport = 0;
  return {
    include: settings.include,
    // The exclude setting (the defaults, unless the user changed it), less any an include names.
    exclude: effectiveExcludes(settings.exclude, [], settings.include),
    skipLargeDataFiles: true,
    rootExclude: (root) => editorExcludes(folderOf(root)),
    maxBytes: settings.maxReadBytes,
    maxPassages: settings.maxPassages,
    chunk: { maxTokens: settings.chunkTokens, ...definedOnly({ maxTokensPerDoc: settings.maxTokensPerDoc }) },
    // Always, even for the offline ranker: any run's passages can become prompt context later
    // (Copy Prompt Context, Insert, the rerank_context tool, @rerank).
    remote: true,
    secretPolicy: settings.secrets,
    // A subfolder chosen in the explorer gets its workspace folder's .gitignore and globs.
    ruleBase: (root) => folderOf(root)?.path,
    // Nothing outside the workspace folders is read, whatever a symlink or a named root says.
    symlinks: { within: folderUris().map((f) => f.path), label: 'the workspace' },
    signal,
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastReport < 100) return;
      lastReport = now;
      report(vscode.l10n.t('reading files: {0} files, {1} chunks', p.filesDone, p.candidates));
    },
  };
}

/**
 * A file's candidates as the workspace shows them: with their URI, and a subfolder's files named
 * from their workspace folder, as everywhere else in VS Code.
 */
function placeCandidates(file: CollectedFile, report: CollectReport, fs: WorkspaceSourceFs): Candidate[] {
  const isFile = report.roots.some((r) => r.root === file.root && r.isFile);
  const full = isFile ? file.root : `${file.root.replace(/\/+$/, '')}/${file.path}`;
  const folder = folderOf(full);
  const fromFolder = folder === undefined || folder.path === file.root ? undefined : pathInFolder(folder.path, full);
  // Several workspace folders: the folder's name says which one, as VS Code's own labels do.
  const folderName = folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.workspace.getWorkspaceFolder(folder)?.name : undefined;
  const uri = fs.toUri(full).toString();
  for (const c of file.candidates) {
    if (c.source.kind !== 'file') continue;
    c.source.uri = uri;
    if (fromFolder !== undefined) {
      c.source.path = fromFolder;
      if (folderName) c.source.root = folderName;
      else delete c.source.root;
    }
  }
  return file.candidates;
}

/** A passage of an indexed file as far as Find Related's filter looks: its file's URI and its lines. */
function placeholder(fs: WorkspaceSourceFs, file: IndexedFile, range: LineRange): Candidate {
  const uri = fs.toUri(`${file.root.replace(/\/+$/, '')}/${file.path}`).toString();
  return { id: '', text: '', source: { kind: 'file', path: file.path, uri, range } };
}

/** Whether `roots` are workspace folders (the index is kept per workspace folder, not per subfolder). */
function areWorkspaceFolders(roots: readonly vscode.Uri[]): boolean {
  const folders = new Set(folderUris().map((f) => f.toString()));
  return roots.length > 0 && roots.every((r) => folders.has(r.toString()));
}
