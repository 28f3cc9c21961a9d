// Forwarder to scripts/lib/formula-weights.ts for the three parity tests under src/core that still
// import this path (src/ is being refactored elsewhere, so their imports move there); delete this
// file once nothing imports it.
export { formulaValue, loadFormulaWeights } from '../../scripts/lib/formula-weights';
