// What the worker built: parameters per part and where E's weights came from.
import { totalParameters } from '../state/model';
import { modelName } from '../state/names';
import { useStudio } from '../state/store';

const count = (n: number) => n.toLocaleString('en-US');

export function ModelSummary() {
  const built = useStudio((s) => s.model.built);
  if (built === null) return null;
  const { spec, parameters, pretrained, isPretrained } = built;
  return (
    <section className="card" aria-labelledby="model-summary-title">
      <h3 id="model-summary-title">Built: {modelName(spec)}</h3>
      <dl className="pairs">
        <dt>T parameters</dt>
        <dd>{count(parameters.colorizer)}</dd>
        <dt>E parameters</dt>
        <dd>{count(parameters.backbone)}</dd>
        <dt>C parameters</dt>
        <dd>{count(parameters.classifier)}</dd>
        <dt>Total</dt>
        <dd>{count(totalParameters(built))}</dd>
        <dt>Backbone weights</dt>
        <dd>
          {isPretrained ? pretrained : <strong className="badge-warning">{pretrained}</strong>}
        </dd>
      </dl>
    </section>
  );
}
