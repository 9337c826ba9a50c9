export { findMoneyDrift, type DriftFinding } from './money-drift.ts';
