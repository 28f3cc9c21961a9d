// Wizard step: the results of one experiment from the runs history — the paper's tables and
// comparisons (built by the core's buildReport, as the runner builds them), ROC curves, the
// stage runs with delete, and the report downloads. Empty until an experiment saves a run.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { experimentsOf, shownExperiment } from '../state/history';
import { resultsOf } from '../state/results';
import { fieldsOf, selectChosenExperiment, selectHistoryEntries } from '../state/selectors';
import { useStudio } from '../state/store';
import type { RunHistoryEntry } from '../worker/protocol';
import { ErrorText, SelectField } from './fields';
import { ReportDownloads } from './ReportDownloads';
import { ReportTables } from './ReportTables';
import { RocChart } from './RocChart';
import { RunsList } from './RunsList';

const when = (savedAt: string) => savedAt.slice(0, 16).replace('T', ' ');

function ExperimentPicker(props: { entries: readonly RunHistoryEntry[]; shown: string }) {
  const chooseExperiment = useStudio((s) => s.chooseExperiment);
  const experiments = useMemo(() => experimentsOf(props.entries), [props.entries]);
  const options = experiments.map(
    (e) => [e.id, `${e.name} · ${e.stageRuns} stage runs · ${when(e.lastSaved)}`] as const,
  );
  if (options.length === 1) return <p>Experiment: {options[0]?.[1]}</p>;
  return (
    <SelectField
      label="Experiment"
      value={props.shown}
      options={options}
      onChange={chooseExperiment}
      hint="The newest is shown unless you choose another."
    />
  );
}

function EmptyResults() {
  return (
    <div className="card empty">
      <p>
        <strong>No results yet.</strong> Run an experiment from the <strong>Compare</strong> step
        (for example Baseline against Color Module over three seeds). Every stage of every run is
        stored in this browser as it ends, and its tables, paired comparisons, ROC curves and report
        files appear here, after a reload too.
      </p>
    </div>
  );
}

export function ResultsStep() {
  const entries = useStudio(selectHistoryEntries);
  const chosen = useStudio(selectChosenExperiment);
  const { loading, error } = useStudio(useShallow(fieldsOf('history', 'loading', 'error')));
  const shown = shownExperiment(entries, chosen);
  const results = useMemo(() => resultsOf(entries, shown), [entries, shown]);
  if (shown === null) {
    return loading ? (
      <p aria-busy="true">Reading the runs history…</p>
    ) : (
      <>
        <ErrorText error={error} />
        <EmptyResults />
      </>
    );
  }
  return (
    <>
      <ExperimentPicker entries={entries} shown={shown} />
      <ErrorText error={results.error} />
      {results.report ? <ReportTables report={results.report} /> : null}
      {results.report ? <ReportDownloads /> : null}
      <RocChart runs={results.runs} />
      <RunsList runs={results.runs} />
    </>
  );
}
