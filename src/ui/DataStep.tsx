// Wizard step 1: the demo data or a dropped dataset, and the summary of what is loaded.
import { DatasetSummaryView } from './DatasetSummaryView';
import { DemoDataForm } from './DemoDataForm';
import { FolderDrop } from './FolderDrop';
import { QuickStart } from './QuickStart';

export function DataStep() {
  return (
    <>
      <QuickStart />
      <div className="columns">
        <DemoDataForm />
        <FolderDrop />
      </div>
      <DatasetSummaryView />
    </>
  );
}
