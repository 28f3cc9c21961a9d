// @vitest-environment jsdom
// The storage view: usage and quota, each cached dataset with its size, and Delete only after a
// confirmation; the list afterwards is what the worker says is left.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it, vi } from 'vitest';
import { useStudio } from '../state/store';
import { CommandsContext, type StudioCommands } from './commands-context';
import { StoragePanel } from './StoragePanel';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const dataset = (key: string, name: string, images: number, bytes: number) => ({
  key,
  name,
  images,
  bytes,
});
const before = {
  usage: 2.5e9,
  quota: 10e9,
  details: {},
  datasets: [dataset('a', 'chexpert', 223414, 2.4e9), dataset('b', 'kermany', 300, 3.2e6)],
  checkpoint: {
    stage: 'all',
    step: 40,
    totalSteps: 100,
    savedAt: '2026-12-05T01:02:03Z',
    bytes: 9.4e7,
  },
  runs: { count: 12, bytes: 5.5e6 },
};
const after = {
  ...before,
  usage: 2.4e9,
  datasets: [before.datasets[0] as (typeof before.datasets)[0]],
};

/** The panel over `commands` (the two it uses), rendered with its first answer in. */
async function renderPanel(commands: Partial<StudioCommands>): Promise<HTMLDivElement> {
  const container = document.createElement('div');
  await act(async () =>
    createRoot(container).render(
      <CommandsContext.Provider value={commands as StudioCommands}>
        <StoragePanel />
      </CommandsContext.Provider>,
    ),
  );
  return container;
}

it('lists what is stored and deletes a dataset only once confirmed', async () => {
  const deleteCachedDataset = vi.fn(async () => after);
  const container = await renderPanel({
    storageUse: async () => before,
    deleteCachedDataset,
  });
  expect(container.querySelector('summary')?.textContent).toBe(
    'Stored in this browser: 2.50 GB of 10.00 GB',
  );
  const rows = () =>
    [...container.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent),
    );
  expect(rows()).toEqual([
    ['chexpert', '223,414', '≈ 2.40 GB'],
    ['kermany', '300', '≈ 3.2 MB'],
  ]);
  expect([...container.querySelectorAll('.stored-items li')].map((li) => li.textContent)).toEqual([
    'Checkpoint: All, step 40 of 100 (saved 2026-12-05 01:02 UTC), ≈ 94.0 MB with the one before',
    'Runs history: 12 stage runs, ≈ 5.5 MB',
  ]);
  const button = (name: string) =>
    [...container.querySelectorAll('button')].find(
      (b) => b.textContent === name,
    ) as HTMLButtonElement;
  await act(async () =>
    container.querySelectorAll('tbody tr')[1]?.querySelector('button')?.click(),
  );
  expect(deleteCachedDataset).not.toHaveBeenCalled();
  await act(async () => button('Delete kermany for good').click());
  expect(deleteCachedDataset).toHaveBeenCalledWith('b');
  expect(rows()).toEqual([['chexpert', '223,414', '≈ 2.40 GB']]);
});

it('says what to do when no dataset is cached yet', async () => {
  const empty = {
    ...before,
    usage: 0,
    datasets: [],
    checkpoint: null,
    runs: { count: 0, bytes: 0 },
  };
  const container = await renderPanel({ storageUse: async () => empty });
  expect(container.querySelector('table')).toBeNull();
  expect(container.textContent).toContain('No cached datasets yet: drop or choose a folder above.');
});

it('asks again once a dropped folder is indexed, so a new cache shows', async () => {
  const storageUse = vi.fn(async () => before);
  await renderPanel({ storageUse });
  expect(storageUse).toHaveBeenCalledTimes(1);
  const indexed = { labels: [], images: 0, missing: 0, problems: 0, counts: [] };
  await act(async () =>
    useStudio.setState({
      dataset: { ...useStudio.getState().dataset, folderIndex: indexed as never },
    }),
  );
  expect(storageUse).toHaveBeenCalledTimes(2);
});
