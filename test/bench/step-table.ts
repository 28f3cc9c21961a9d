// The training-speed benches' printed output (a Markdown table and progress lines), shared by
// the Node and the Chromium CLIs. Plain strings: imports only the timing's types.
import type { StepTiming } from './step-timing';

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

/** One line per finished colorizer, so a long run shows its figures before the table. */
export function progressLine(t: StepTiming | undefined): string {
  if (!t) return '(no timing)';
  return (
    `${t.options.colorizer}: ${(1000 / t.totalMs).toFixed(3)} steps/s, ` +
    `${percent(t.outsideShare)} outside the model`
  );
}

/** The bench table: one row per colorizer, the settings used in a header line. */
export function formatTimings(timings: readonly StepTiming[]): string {
  const first = timings[0];
  if (!first) return '(no timings)';
  const o = first.options;
  const header =
    `backend ${first.backend}; ${o.backbone} width ${o.widthMultiplier}, ${o.size} px, batch ` +
    `${o.batchSize}, ${o.warmupSteps} warm-up + ${o.timedSteps} timed steps; phantom demo ` +
    `${first.trainImages} train / ${first.validImages} valid images rendered at ${o.imageSize} px`;
  const columns =
    '| colorizer | stage | steps/s | total ms/step | model ms/step | feed ms/batch | outside model | ' +
    `validation ms | AUC ms | outside incl. validation every ${o.validateEvery} |`;
  const rows = timings.map((t) =>
    [
      t.options.colorizer,
      t.options.stage,
      (1000 / t.totalMs).toFixed(3),
      t.totalMs.toFixed(1),
      t.modelMs.toFixed(1),
      t.dataMs.toFixed(1),
      percent(t.outsideShare),
      t.validationMs.toFixed(1),
      t.aucMs.toFixed(3),
      percent(t.outsideShareWithValidation),
    ].join(' | '),
  );
  return [header, '', columns, `|${' --- |'.repeat(10)}`, ...rows.map((r) => `| ${r} |`)].join(
    '\n',
  );
}
