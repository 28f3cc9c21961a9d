// Start / Pause / Resume / Stop for the selected stage, with the reason it cannot start and the
// error of the last start shown right here.

import { Pause, Play, Square } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { STAGES } from '../state/pure-core';
import { fieldsOf, selectSweeping, stageBlockers } from '../state/selectors';
import { useStudio } from '../state/store';
import { useCommands } from './commands-context';
import { ErrorText } from './fields';
import { Spinner } from './Spinner';

export function RunControls() {
  const {
    selectedStage,
    runState: reported,
    busy,
    error,
  } = useStudio(useShallow(fieldsOf('training', 'selectedStage', 'runState', 'busy', 'error')));
  // Between the request and the worker's first runState event the stage is already starting.
  const runState = busy && reported === 'idle' ? 'running' : reported;
  const blockers = useStudio((s) => stageBlockers(s, selectedStage).join(' '));
  const sweeping = useStudio(selectSweeping);
  const { runStage, control } = useCommands();
  const title = STAGES[selectedStage].title;
  return (
    <div className="controls">
      <button
        type="button"
        className="primary"
        onClick={runStage}
        disabled={busy || sweeping || blockers !== ''}
      >
        {runState === 'running' ? <Spinner /> : <Play size={16} aria-hidden="true" />}
        Start {title}
      </button>
      <button type="button" onClick={() => control('pause')} disabled={runState !== 'running'}>
        <Pause size={16} aria-hidden="true" />
        Pause
      </button>
      <button type="button" onClick={() => control('resume')} disabled={runState !== 'paused'}>
        <Play size={16} aria-hidden="true" />
        Resume
      </button>
      <button
        type="button"
        onClick={() => control('stop')}
        disabled={runState !== 'running' && runState !== 'paused'}
      >
        <Square size={14} aria-hidden="true" />
        Stop
      </button>
      <output className="run-state">{runState}</output>
      {blockers !== '' && !busy ? <p className="hint">{blockers}</p> : null}
      <ErrorText error={error} />
    </div>
  );
}
