// The header's one-line project: dataset · model · experiment, in the paper's names, so every
// step shows what it works on.
import { modelName } from '../state/names';
import { useStudio } from '../state/store';

function DatasetName() {
  const name = useStudio((s) => s.dataset.summary?.name ?? null);
  return name === null ? <>no data loaded</> : <strong>{name}</strong>;
}

function ModelName() {
  const spec = useStudio((s) => s.model.built?.spec ?? null);
  const pretrained = useStudio((s) => s.model.built?.isPretrained ?? null);
  if (spec === null) return <>no model built</>;
  return (
    <>
      <strong>{modelName(spec)}</strong>
      {pretrained === false ? ', NOT PRETRAINED' : ''}
    </>
  );
}

function ExperimentName() {
  const name = useStudio((s) => s.experiment.current?.config.name ?? null);
  return name === null ? <>no experiment</> : <strong>{name}</strong>;
}

export function ProjectLine() {
  return (
    <p className="project">
      <span className="visually-hidden">Project: </span>
      <DatasetName /> · <ModelName /> · <ExperimentName />
    </p>
  );
}
