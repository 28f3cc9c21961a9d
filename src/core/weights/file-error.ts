// The one error type of the weights readers. Pure TS (no tfjs, no DOM, no Node): the core runs
// unchanged in a worker, in Node and in Chromium.

/** A malformed or refused weights file; the message always starts with the file's name. */
export class WeightsFileError extends Error {
  readonly fileName: string;
  readonly fault: string;

  constructor(fileName: string, fault: string) {
    super(`${fileName}: ${fault}`);
    this.name = 'WeightsFileError';
    this.fileName = fileName;
    this.fault = fault;
  }
}

/** A size or offset read from a file (JSON number or pickle int): a safe integer ≥ 0. */
export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
