import type { IndicatorDef } from '../../../common/constants/indicators.js';
import type { Db } from '../../db/client.js';
import type { UnitsService } from '../units/service.js';

/** Entered indicators: entries with history and corrections, targets, the spreadsheet import. */
export function createEntries(_deps: { db: Db; units: UnitsService; definitionOf: (code: string) => IndicatorDef }) {
  return {};
}
