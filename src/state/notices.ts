// Dismissible notices of finished work and of failures the user is not looking at: derived from
// store transitions (a dataset loaded, a model built, a stage or an experiment finished, a request
// failed while another step is shown), so no command has to remember to announce itself.
import { aucText, modelName } from './names';
import { STAGES } from './pure-core';
import type { StudioData, WizardStep } from './store';

export interface Notice {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

export type NoticeDraft = Omit<Notice, 'id'>;

/** At most this many stay on screen; older ones go first. */
export const MAX_NOTICES = 3;

function datasetNotice(prev: StudioData, next: StudioData): NoticeDraft | null {
  const summary = next.dataset.summary;
  if (summary === null || summary === prev.dataset.summary) return null;
  const images = summary.splits.reduce((sum, split) => sum + split.images, 0);
  return {
    kind: 'success',
    text: `Loaded ${summary.name}: ${images.toLocaleString('en-US')} images.`,
  };
}

function modelNotice(prev: StudioData, next: StudioData): NoticeDraft | null {
  const built = next.model.built;
  if (built === null || built === prev.model.built) return null;
  return { kind: 'success', text: `Built ${modelName(built.spec)}.` };
}

function stageNotice(prev: StudioData, next: StudioData): NoticeDraft | null {
  const results = next.training.results;
  const finished = results[results.length - 1];
  if (finished === undefined || results.length <= prev.training.results.length) return null;
  const title = STAGES[finished.stage].title;
  if (finished.outcome === 'diverged') return { kind: 'error', text: `${title} diverged.` };
  const verb = finished.outcome === 'stopped' ? 'stopped' : 'finished';
  return {
    kind: 'success',
    text: `${title} ${verb} after ${finished.stepsRun} steps: best validation AUC ${aucText(finished.bestMeanAuc)}.`,
  };
}

const isOver = (data: StudioData) =>
  (data.experiment.current?.runs ?? []).every(
    (r) => r.status !== 'pending' && r.status !== 'running',
  );

function experimentNotice(prev: StudioData, next: StudioData): NoticeDraft | null {
  const current = next.experiment.current;
  // Only the queue this page watched finish: one loaded already finished is not news.
  if (current === null || prev.experiment.current?.id !== current.id) return null;
  if (current.runs.length === 0 || !isOver(next) || isOver(prev)) return null;
  const failed = current.runs.filter((r) => r.status === 'failed').length;
  const tail = failed > 0 ? ` (${failed} failed)` : '';
  return {
    kind: 'success',
    text: `Experiment “${current.config.name}” finished: ${current.runs.length} runs${tail}.`,
  };
}

/** Where each request's error is shown inline: a notice is added only when another step is in
 *  view, so the failure is not missed. */
const ERRORS: readonly [WizardStep, (data: StudioData) => string | null][] = [
  ['data', (d) => d.dataset.error],
  ['data', (d) => d.dataset.folderError],
  ['model', (d) => d.model.error],
  ['train', (d) => d.training.error],
  ['compare', (d) => d.experiment.error],
];

function errorNotices(prev: StudioData, next: StudioData): NoticeDraft[] {
  return ERRORS.flatMap(([step, read]) => {
    const error = read(next);
    if (error === null || error === read(prev) || next.step === step) return [];
    return [{ kind: 'error' as const, text: error }];
  });
}

/** The notices a store change calls for (none for most changes). */
export function noticesFor(prev: StudioData, next: StudioData): NoticeDraft[] {
  const drafts = [datasetNotice, modelNotice, stageNotice, experimentNotice].map((f) =>
    f(prev, next),
  );
  return [...drafts.filter((d): d is NoticeDraft => d !== null), ...errorNotices(prev, next)];
}

/** The list after adding `drafts` (ids from `nextId` on), the oldest dropped past the limit. */
export function withNotices(
  list: readonly Notice[],
  drafts: readonly NoticeDraft[],
  nextId: number,
): Notice[] {
  const added = drafts.map((draft, i) => ({ ...draft, id: nextId + i }));
  return [...list, ...added].slice(-MAX_NOTICES);
}

interface NoticeStore {
  getState(): StudioData;
  setState(change: Partial<StudioData>): void;
  subscribe(listener: (next: StudioData, prev: StudioData) => void): () => void;
}

/** Adds the notices each store change calls for; returns the unsubscribe. */
export function watchNotices(store: NoticeStore): () => void {
  let nextId = 1;
  return store.subscribe((next, prev) => {
    const drafts = noticesFor(prev, next);
    if (drafts.length === 0) return;
    store.setState({ notices: withNotices(next.notices, drafts, nextId) });
    nextId += drafts.length;
  });
}
