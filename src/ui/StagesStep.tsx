// Wizard step 3: the paper's stages in the wizard's order, with the results of stages run so far.
import { STAGE_ORDER, STAGES } from '../state/pure-core';
import { useStudio } from '../state/store';
import { StageCard } from './StageCard';

export function StagesStep() {
  const results = useStudio((s) => s.training.results);
  return (
    <>
      <div role="radiogroup" aria-label="Training stage" className="stage-grid">
        {STAGE_ORDER.map((stage) => (
          <StageCard key={stage} stage={stage} />
        ))}
      </div>
      {results.length > 0 ? (
        <table className="card">
          <caption>Stages run on this model</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Outcome</th>
              <th scope="col">Steps</th>
              <th scope="col">Best validation mean AUC (step)</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r, i) => (
              // Results only append, so the position is a stable key.
              // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
              <tr key={i}>
                <td>{STAGES[r.stage].title}</td>
                <td>{r.outcome}</td>
                <td>{r.stepsRun}</td>
                <td>
                  {Number.isFinite(r.bestMeanAuc) ? r.bestMeanAuc.toFixed(3) : 'undefined'} (
                  {r.bestStep})
                </td>
                <td>{r.seconds.toFixed(0)} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
