// Writes large MONOCHROME2 DICOMs for the DICOM benches: pydicom writes smooth phantom-like
// images with noise, dcmcjpeg (dcmtk) compresses them. Needs Debian's python3-pydicom,
// python3-numpy and dcmtk.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface DicomSources {
  size: number;
  count: number;
  /** Bits Stored: 8 or 12 (allocated 8 or 16). */
  bits: 8 | 12;
  /** dcmcjpeg's process option: '+eb' baseline, '+ee' extended. */
  process: '+eb' | '+ee';
}

const WRITE_SCRIPT = `
import subprocess, sys
import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
out, size, count, bits, process = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
scale = (2 ** bits - 1) / 255
y, x = np.mgrid[0:size, 0:size] / size
for i in range(count):
    rng = np.random.default_rng(i)
    image = 60 + 120 * np.exp(-((x - 0.5) ** 2 + (y - 0.45) ** 2) / (0.08 + 0.02 * i))
    image += 30 * np.sin(12 * x + i) * np.cos(9 * y) + rng.normal(0, 4, x.shape)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.1"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored = (8 if bits == 8 else 16), bits
    ds.HighBit, ds.PixelRepresentation = bits - 1, 0
    pixels = np.clip(image * scale, 0, 2 ** bits - 1)
    ds.PixelData = pixels.astype(np.uint8 if bits == 8 else np.uint16).tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    raw = f"{out}/raw{i}.dcm"
    ds.save_as(raw, write_like_original=False)
    subprocess.run(["dcmcjpeg", process, raw, f"{out}/jpeg{i}.dcm"], check=True)
`;

/** The compressed files' paths (jpeg0.dcm …) in `dir`. */
export function writeDicomSources(dir: string, sources: DicomSources): string[] {
  if (!existsSync('/usr/bin/python3') || !existsSync('/usr/bin/dcmcjpeg')) {
    throw new Error('needs /usr/bin/python3 (python3-pydicom, python3-numpy) and dcmtk');
  }
  const { size, count, bits, process } = sources;
  const args = ['-c', WRITE_SCRIPT, dir, `${size}`, `${count}`, `${bits}`, process];
  const result = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`writing the DICOMs failed: ${result.stderr}`);
  return readdirSync(dir)
    .filter((n) => n.startsWith('jpeg'))
    .map((n) => join(dir, n));
}
