// Decode speed of 2,000 × 2,000 12-bit JPEG Extended DICOMs in Node with the core's own decoder:
// the JPEG stream alone (decodeJpeg) and the whole file to display values (readDicom). A few files
// from dicom-sources.ts (dcmcjpeg +ee), each decoded in turn after one warm-up pass. Prints numbers.
// Run: npx tsx test/bench/jpeg12-decode.ts [rounds]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDicom } from '../../src/core/dicom/read-dicom';
import { decodeJpeg } from '../../src/core/jpeg/decode';
import { writeDicomSources } from './dicom-sources';

const SIZE = 2000;
const DISTINCT = 3;

/** The JPEG stream of a one-fragment file: its start-of-image marker to the end of the data. */
function jpegStream(file: Uint8Array): Uint8Array {
  const start = file.findIndex(
    (b, i) => b === 0xff && file[i + 1] === 0xd8 && file[i + 2] === 0xff,
  );
  return file.subarray(start);
}

/** Wall-clock and CPU-time rates: the CPU time of this process is the fairer figure on a machine
 *  shared with other jobs. */
async function timed(
  label: string,
  files: Uint8Array[],
  rounds: number,
  decode: (f: Uint8Array) => unknown,
) {
  for (const file of files) await decode(file); // warm-up: the JIT compiles the hot loops
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const file of files) await decode(file);
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (user + system) / 1e6;
  const images = rounds * files.length;
  console.log(
    `${label}: ${images} images in ${seconds.toFixed(2)} s = ${(images / seconds).toFixed(2)} images/s ` +
      `(${(images / cpuSeconds).toFixed(2)} per CPU-second, ${((1000 * cpuSeconds) / images).toFixed(0)} ms CPU an image)`,
  );
}

async function main() {
  const rounds = Number(process.argv[2] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'chromaxr-jpeg12-bench-'));
  const paths = writeDicomSources(dir, { size: SIZE, count: DISTINCT, bits: 12, process: '+ee' });
  const files = paths.map((path) => new Uint8Array(readFileSync(path)));
  const megabytes = files.reduce((sum, f) => sum + f.length, 0) / files.length / 1e6;
  console.log(
    `${SIZE}×${SIZE} 12-bit JPEG Extended (dcmcjpeg +ee, quality 90), ${megabytes.toFixed(2)} MB a file, Node ${process.version}, one thread`,
  );
  await timed('decodeJpeg (stream → 12-bit samples)', files, rounds, (f) =>
    decodeJpeg(jpegStream(f)),
  );
  await timed('readDicom (file → display values)', files, rounds, (f) => readDicom(f));
}

await main();
