// Wizard step 5: export the trained weights (PyTorch names, .safetensors, with a JSON model
// card) and import an earlier run's weights for the transfer stages.

import { Download } from 'lucide-react';
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { fieldsOf } from '../state/selectors';
import { useStudio } from '../state/store';
import type { ExportScope } from '../worker/protocol';
import { ActionButton } from './ActionButton';
import { useCommands } from './commands-context';
import { saveFile } from './download';
import { ErrorText, SelectField } from './fields';
import { Spinner } from './Spinner';

const SCOPES: readonly (readonly [ExportScope, string])[] = [
  ['colorizer', 'Colorization module T'],
  ['colorizer+backbone', 'T and backbone E'],
  ['network', 'The whole network (T, E, C)'],
];

function ExportPanel() {
  const { scope, exporting, exported, exportError } = useStudio(
    useShallow(fieldsOf('transfer', 'scope', 'exporting', 'exported', 'exportError')),
  );
  const setExportScope = useStudio((s) => s.setExportScope);
  const { exportWeights } = useCommands();
  return (
    <fieldset className="card">
      <legend>Export</legend>
      <SelectField
        label="Export scope"
        value={scope}
        options={SCOPES}
        onChange={setExportScope}
        hint="PyTorch names and layouts: loads into the authors' modules with load_state_dict."
      />
      <ActionButton icon={Download} onClick={exportWeights} busy={exporting} busyLabel="Exporting…">
        Download weights
      </ActionButton>
      <ErrorText error={exportError} />
      {exported ? (
        <p>
          Saved <code>{exported.fileName}</code> ({exported.bytes.toLocaleString('en-US')} bytes).{' '}
          <button
            type="button"
            className="link"
            onClick={() =>
              saveFile(
                `${exported.fileName.replace(/\.[^.]+$/, '')}.card.json`,
                exported.card,
                'application/json',
              )
            }
          >
            Download the model card (JSON)
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}

function ImportPanel() {
  const { importing, importSummary, importError } = useStudio(
    useShallow(fieldsOf('transfer', 'importing', 'importSummary', 'importError')),
  );
  const { importWeights } = useCommands();
  const id = useId();
  return (
    <fieldset className="card">
      <legend>Import for the transfer stages</legend>
      <label htmlFor={id}>Weights file of an earlier run (.safetensors, .zip or .pth)</label>
      <input
        id={id}
        type="file"
        accept=".safetensors,.zip,.pth,.pt"
        disabled={importing}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void importWeights(file);
        }}
      />
      {importing ? (
        <p className="busy-line" aria-busy="true">
          <Spinner /> Importing…
        </p>
      ) : null}
      {importSummary ? <output className="ok">{importSummary}</output> : null}
      <ErrorText error={importError} />
      <p className="hint">Last Layer and Transfer All start from the imported T and E.</p>
    </fieldset>
  );
}

export function ExportStep() {
  return (
    <div className="columns">
      <ExportPanel />
      <ImportPanel />
    </div>
  );
}
