// Wizard step 1: the demo data or a dropped dataset, and the summary of what is loaded.
import { DatasetSummaryView } from './DatasetSummaryView';
import { DemoDataForm } from './DemoDataForm';
import { FolderDrop } from './FolderDrop';

export function DataStep() {
  return (
    <>
      <div className="columns">
        <DemoDataForm />
        <FolderDrop />
      </div>
      <DatasetSummaryView />
    </>
  );
}
