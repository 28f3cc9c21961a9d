// Wizard step 1: the demo data or a dropped dataset, and the summary of what is loaded.
import { useStudio } from '../state/store';
import { ContactSheet } from './ContactSheet';
import { DatasetSummaryView } from './DatasetSummaryView';
import { DemoDataForm } from './DemoDataForm';
import { FolderDrop } from './FolderDrop';
import { QuickStart } from './QuickStart';
import { StoragePanel } from './StoragePanel';

export function DataStep() {
  const folderLoaded = useStudio((s) => s.dataset.loaded?.kind === 'cached');
  return (
    <>
      <QuickStart />
      <div className="columns">
        <DemoDataForm />
        <FolderDrop />
      </div>
      <DatasetSummaryView />
      {folderLoaded ? <ContactSheet /> : null}
      <StoragePanel />
    </>
  );
}
