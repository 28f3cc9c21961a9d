// The experiment report as the runner prints it: Tables I–III, Fig. 6's data and the paired
// comparisons, cell for cell the Markdown report's (report-rows.ts through pure-core.ts), each
// comparison with its verdict in words.
import {
  type EvalReport,
  REPORT_INTRO,
  type ReportSection,
  reportSections,
} from '../state/pure-core';
import { comparisonContext, comparisonVerdict } from '../state/verdict';
import { DataSizeChart } from './DataSizeChart';

/** Leading columns that name a row (left-aligned); the rest hold numbers. */
const NAME_COLUMNS: Record<ReportSection['id'], number> = {
  tableI: 2,
  tableII: 3,
  tableIII: 4,
  dataSize: 4,
  comparisons: 4,
};

function SectionTable({ section }: { section: ReportSection }) {
  const names = NAME_COLUMNS[section.id];
  return (
    <div className="table-scroll">
      <table data-section={section.id}>
        <caption>{section.heading}</caption>
        <thead>
          <tr>
            {section.header.map((cell, i) => (
              <th key={cell} scope="col" className={i < names ? 'name' : undefined}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row) => (
            <tr key={row.slice(0, names).join('\u0000')}>
              {row.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are positional
                <td key={i} className={i < names ? 'name' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Verdicts({ report }: { report: EvalReport }) {
  const contexts = report.comparisons.map(comparisonContext);
  const several = new Set(contexts).size > 1;
  return (
    <ul className="verdicts" aria-label="Comparisons in words">
      {report.comparisons.map((comparison, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: comparisons keep the report's order
          key={i}
          data-significant={comparison.significant}
        >
          {several ? <span className="hint">{contexts[i]}: </span> : null}
          {comparisonVerdict(comparison, report.alpha)}
        </li>
      ))}
    </ul>
  );
}

export function ReportTables({ report }: { report: EvalReport }) {
  const sections = reportSections(report);
  return (
    <section className="card report" aria-label="Report">
      <p className="hint">{REPORT_INTRO}</p>
      {sections.map((section) => (
        <div key={section.id}>
          <SectionTable section={section} />
          {section.id === 'dataSize' ? <DataSizeChart curves={report.dataSizeCurves} /> : null}
          {section.id === 'comparisons' ? <Verdicts report={report} /> : null}
        </div>
      ))}
    </section>
  );
}
