// Reads run records back from JSON (a saved results file, the runner's output). Pure core: no
// file access here; callers hand over the parsed value. JSON has no NaN, so null means undefined.

import type { RunRecord } from './report-types';

type Fields = Record<string, unknown>;

function fail(index: number, message: string): never {
  throw new Error(`run record ${index}: ${message}`);
}

function requireString(fields: Fields, key: string, index: number): string {
  const value = fields[key];
  if (typeof value !== 'string') fail(index, `${key} must be a string`);
  return value;
}

function optional<T>(fields: Fields, key: string, check: (v: unknown) => v is T, index: number) {
  const value = fields[key];
  if (value === undefined || value === null) return {};
  if (!check(value)) fail(index, `${key} has the wrong type`);
  return { [key]: value };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

/** A number, or null for an undefined AUC (JSON.stringify wrote NaN as null). */
function aucValue(value: unknown, index: number, key: string): number {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number') fail(index, `${key} must be a number or null`);
  return value;
}

function parseRecord(value: unknown, index: number): RunRecord {
  if (typeof value !== 'object' || value === null) fail(index, 'not an object');
  const fields = value as Fields;
  const labels = fields.labels;
  const perLabel = fields.perLabelAuc;
  if (!Array.isArray(labels) || !labels.every(isString)) fail(index, 'labels must be strings');
  if (!Array.isArray(perLabel) || perLabel.length !== labels.length) {
    fail(index, 'perLabelAuc must have one entry per label');
  }
  const seed = fields.seed;
  if (typeof seed !== 'number') fail(index, 'seed must be a number');
  return {
    dataset: requireString(fields, 'dataset', index),
    backbone: requireString(fields, 'backbone', index),
    procedure: requireString(fields, 'procedure', index),
    seed,
    ...optional(fields, 'colorizer', isString, index),
    ...optional(fields, 'subsetFraction', isNumber, index),
    ...optional(fields, 'subsetDraw', isNumber, index),
    ...optional(fields, 'trainSource', isString, index),
    labels,
    perLabelAuc: perLabel.map((auc, i) => aucValue(auc, index, `perLabelAuc[${i}]`)),
    meanAuc: aucValue(fields.meanAuc, index, 'meanAuc'),
  };
}

/** Validates run records, given as an array or as `{ runs: [...] }`; errors name the record. */
export function parseRunRecords(value: unknown): RunRecord[] {
  const list = Array.isArray(value) ? value : (value as { runs?: unknown } | null)?.runs;
  if (!Array.isArray(list)) throw new Error('expected an array of run records or { runs: [...] }');
  return list.map(parseRecord);
}
