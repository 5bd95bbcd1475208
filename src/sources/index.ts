// The public face of src/sources: what the CLI and the extension call. The node:fs SourceFs is
// imported from './nodeFs' by the CLI alone, so the extension bundle does not pull it in.

export { selectionCandidates, resolveSplit, blockRanges, SELECTION_SPLITS, type EditorState, type EditorSelection, type SelectionSplit } from './selection';
export {
  collectFileCandidates,
  streamFileCandidates,
  rootLabels,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_PASSAGES,
  DEFAULT_MAX_FILE_BYTES,
  type CollectOptions,
  type CollectProgress,
  type CollectedFile,
  type FileCollection,
} from './files';
export { describeCollection, explainEmpty, formatSize, limitSummary, namedFolders, type CollectReport, type LimitSummary, type RootReport } from './report';
export { DEFAULT_WORKSPACE_EXCLUDES, effectiveExcludes } from './defaultExcludes';
export { bm25FirstStage } from './firstStage';
export { DEFAULT_EXCLUDES } from './globs';
export { escapeGlob } from './globEscape';
export type { SourceFs, DirEntry, EntryType } from './fs';
