import {
  ACTIVITY_ACTION_LABELS,
  ACTIVITY_LIMITS,
  ACTIVITY_OUTCOME_LABELS,
  type ActivityAction,
  type ActivityOutcome,
} from '@common/constants/activities';
import { currentLang } from '../../api/client';

export const actionLabel = (a: ActivityAction) => ACTIVITY_ACTION_LABELS[a][currentLang()];
export const outcomeLabel = (o: ActivityOutcome) => ACTIVITY_OUTCOME_LABELS[o][currentLang()];

/** Until when the author may edit an activity recorded at `createdAt` (the server's rule, shown before it answers). */
export function editableUntil(createdAt: string) {
  return new Date(Date.parse(createdAt) + ACTIVITY_LIMITS.editWindowDays * 86_400_000).toISOString();
}
