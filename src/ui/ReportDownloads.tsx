// The report's files as the headless runner writes them for the same runs: report.md,
// report.json and one CSV per table (chosen in a select), saved through the downloadReport command.
import { useState } from 'react';
import type { ReportFileName } from '../state/results';
import { useCommands } from './commands-context';
import { SelectField } from './fields';

const CSV_TABLES: readonly (readonly [ReportFileName, string])[] = [
  ['tableI.csv', 'Table I (tableI.csv)'],
  ['tableII.csv', 'Table II, per label (tableII.csv)'],
  ['tableIII.csv', 'Table III, transfer (tableIII.csv)'],
  ['dataSize.csv', 'Fig. 6, data size (dataSize.csv)'],
  ['comparisons.csv', 'Comparisons (comparisons.csv)'],
];

export function ReportDownloads() {
  const { downloadReport } = useCommands();
  const [table, setTable] = useState<ReportFileName>('tableI.csv');
  return (
    <section className="card" aria-label="Download the report">
      <h3>Download the report</h3>
      <p className="hint">
        The same files <code>npm run experiment</code> writes for these runs: Markdown as printed
        above, JSON with every number, CSV in long format with raw AUCs.
      </p>
      <div className="controls">
        <button type="button" onClick={() => downloadReport('report.md')}>
          Markdown (report.md)
        </button>
        <button type="button" onClick={() => downloadReport('report.json')}>
          JSON (report.json)
        </button>
      </div>
      <div className="controls">
        <SelectField label="CSV table" value={table} options={CSV_TABLES} onChange={setTable} />
        <button type="button" onClick={() => downloadReport(table)}>
          Download CSV
        </button>
      </div>
    </section>
  );
}
