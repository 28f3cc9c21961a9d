// One stage of the STAGES table: what it does, which parts train, stay frozen or start new, and
// why it cannot run now (its radio is then disabled).
import type { PartPlan, StageId } from '../core/train/stages';
import { STAGES } from '../state/pure-core';
import { stageBlockers } from '../state/selectors';
import { useStudio } from '../state/store';

const SOURCES: Record<PartPlan['source'], string> = {
  fixed: 'fixed (gray → RGB)',
  imagenet: 'ImageNet',
  new: 'new',
  previousStage: 'from the previous stage',
  imported: 'imported',
};

const PART_NAMES = { colorizer: 'T', backbone: 'E', classifier: 'C' } as const;

/** E's start in words that match the built model: its ImageNet weights only if it has them. */
function sourceText(source: PartPlan['source'], pretrained: boolean | null): string {
  if (source !== 'imagenet' || pretrained === null) return SOURCES[source];
  return pretrained ? 'ImageNet (PRETRAINED)' : 'random initialization (NOT PRETRAINED)';
}

function partText(plan: PartPlan, pretrained: boolean | null): string {
  if (plan.source === 'fixed') return SOURCES.fixed;
  return `${plan.train ? 'trains' : 'frozen'}, ${sourceText(plan.source, pretrained)}`;
}

/** "Color Module (M)" as the paper writes it; "Baseline" once, not "Baseline (Baseline)". */
function StageName({ title, paperName }: { title: string; paperName: string }) {
  if (paperName.startsWith(title)) return <strong>{paperName}</strong>;
  return (
    <>
      <strong>{title}</strong> <span className="hint">({paperName})</span>
    </>
  );
}

export function StageCard({ stage }: { stage: StageId }) {
  const config = STAGES[stage];
  // A boolean, not the selected stage: choosing a stage re-renders only the two cards it flips.
  const checked = useStudio((s) => s.training.selectedStage === stage);
  const chooseStage = useStudio((s) => s.chooseStage);
  const pretrained = useStudio((s) => s.model.built?.isPretrained ?? null);
  // Joined to a string: a stable value for the selector, so the card re-renders only on change.
  const blockers = useStudio((s) => stageBlockers(s, stage).join('\n'));
  const problems = blockers === '' ? [] : blockers.split('\n');
  const descriptionId = `stage-${stage}-description`;
  return (
    <article className={problems.length > 0 ? 'stage-card blocked' : 'stage-card'}>
      <label className="radio">
        <input
          type="radio"
          name="stage"
          value={stage}
          checked={checked}
          disabled={problems.length > 0}
          aria-describedby={descriptionId}
          onChange={() => chooseStage(stage)}
        />
        <StageName title={config.title} paperName={config.paperName} />
      </label>
      <p id={descriptionId}>{config.description}</p>
      <ul className="parts">
        {(['colorizer', 'backbone', 'classifier'] as const).map((part) => (
          <li key={part} data-train={config.parts[part].train}>
            {PART_NAMES[part]}: {partText(config.parts[part], pretrained)}
          </li>
        ))}
      </ul>
      {problems.length > 0 ? (
        <ul className="problems" aria-label={`Why ${config.title} cannot run now`}>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
