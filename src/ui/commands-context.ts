// Hands the request commands (state/commands.ts) to the components. main.tsx provides them; the
// components never see the worker client itself.
import { createContext, useContext } from 'react';
import type { Commands } from '../state/commands';
import type { ExperimentCommands } from '../state/experiment-commands';
import type { FolderCommands } from '../state/folder-commands';

export type StudioCommands = Commands & FolderCommands & ExperimentCommands;

export const CommandsContext = createContext<StudioCommands | null>(null);

export function useCommands(): StudioCommands {
  const commands = useContext(CommandsContext);
  if (commands === null) throw new Error('useCommands needs a <CommandsContext.Provider>');
  return commands;
}
