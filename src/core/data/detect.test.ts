import { describe, expect, it } from 'vitest';
import { detectDatasetFormat } from './detect';

describe('detectDatasetFormat', () => {
  it('finds CheXpert by its train.csv and patient/study/view images', () => {
    const detected = detectDatasetFormat([
      'CheXpert-v1.0-small/valid.csv',
      'CheXpert-v1.0-small/train.csv',
      'CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg',
      'CheXpert-v1.0-small/train/patient00001/study1/view2_lateral.jpg',
    ]);
    expect(detected).toEqual({
      format: 'chexpert',
      csvPath: 'CheXpert-v1.0-small/train.csv',
      reason: expect.stringContaining('2 images'),
    });
  });

  it('finds ChestX-ray14 by Data_Entry_2017, preferring the v2020 revision', () => {
    const detected = detectDatasetFormat([
      'nih/Data_Entry_2017.csv',
      'nih/Data_Entry_2017_v2020.csv',
      'nih/train_val_list.txt',
      'nih/images_001/images/00000001_000.png',
    ]);
    expect(detected.format).toBe('chestxray14');
    expect(detected.csvPath).toBe('nih/Data_Entry_2017_v2020.csv');
  });

  it('finds MURA by its study folders, even beside its CSVs', () => {
    const detected = detectDatasetFormat([
      'MURA-v1.1/train_labeled_studies.csv',
      'MURA-v1.1/train/XR_SHOULDER/patient00001/study1_positive/image1.png',
    ]);
    expect(detected.format).toBe('mura');
    expect(detected.reason).toMatch(/1 images in MURA/);
  });

  it('prefers a label CSV above all images, mentioning the class folders', () => {
    const detected = detectDatasetFormat([
      'kermany-sample/labels.csv',
      'kermany-sample/README.md',
      'kermany-sample/NORMAL/IM-0122-0001.jpeg',
      'kermany-sample/PNEUMONIA/person1_virus_6.jpeg',
    ]);
    expect(detected.format).toBe('csv');
    expect(detected.csvPath).toBe('kermany-sample/labels.csv');
    expect(detected.reason).toMatch(/2 class folders could be used instead/);
  });

  it('falls back to class folders, ignoring OS litter', () => {
    const detected = detectDatasetFormat([
      'xrays/.DS_Store',
      'xrays/NORMAL/a.png',
      'xrays/NORMAL/Thumbs.db',
      'xrays/TB/b.png',
      'xrays/TB/c.png',
      'xrays/TB/meta/notes.csv', // below one class only: not a label file for all images
    ]);
    expect(detected).toEqual({ format: 'folder', reason: '2 class folders: NORMAL (1), TB (2)' });
  });

  it('says unknown, with counts, when nothing fits', () => {
    const detected = detectDatasetFormat(['scans/a.png', 'scans/b.png', 'notes.txt']);
    expect(detected.format).toBe('unknown');
    expect(detected.reason).toMatch(/3 files \(2 images\)/);
  });
});
