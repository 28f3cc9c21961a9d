// DICOM identities in the index: rows keyed by SOPInstanceUID find their files, and every DICOM
// file is grouped by its (hashed) patient instead of its folder.
import { expect, it } from 'vitest';
import { applyDicomIdentities } from './dicom-identity';

const item = (path: string, patientId = path) => ({ path, patientId, target: [1], mask: [1] });

it('matches rows by SOPInstanceUID and groups DICOM files by hashed patient', () => {
  const identities = new Map([
    ['d/a.dcm', { patient: 'p1', sop: '1.2.3' }],
    ['d/b.dcm', { patient: 'p1', sop: '1.2.4' }],
    ['d/c.dcm', { patient: 'p2', sop: '1.2.5' }],
  ]);
  const { items, missing } = applyDicomIdentities(
    [item('d/a.dcm', 'folder-a'), item('d/x.png', 'x')],
    [item('1.2.4'), item(' 1.2.5 '), item('9.9.9')],
    identities,
  );
  expect(items.map((i) => [i.path, i.patientId])).toEqual([
    ['d/a.dcm', 'dicom:p1'],
    ['d/x.png', 'x'], // not DICOM: its own grouping stays
    ['d/b.dcm', 'dicom:p1'],
    ['d/c.dcm', 'dicom:p2'],
  ]);
  expect(missing).toEqual(['9.9.9']);
});

it('changes nothing without DICOM files', () => {
  const { items, missing } = applyDicomIdentities([item('a.png')], [item('gone.png')], new Map());
  expect(items).toEqual([item('a.png')]);
  expect(missing).toEqual(['gone.png']);
});
