import type { Aggregate } from '../../platform/aggregates/index.js';

/**
 * What learning counts, as one aggregate (platform/aggregates): the triggers of the learning migration append every
 * change of a learner's first enrolment and of an enrolment or its completion to learning_count_deltas in the
 * writer's transaction; the fold adds them to two rollups, read through views (folded + not yet folded: exact):
 * - learning_learner_months (category × commune × month: new learners, people counted once),
 * - learning_course_months (course × category × commune × month: enrolments, completions).
 * No learner ever waits for another on a counter row.
 */
export const learningCounts: Aggregate = {
  name: 'learning.learning_counts',
  deltas: 'learning_count_deltas',
  rollups: [
    { name: 'learning_learner_months', keys: ['category', 'commune_code', 'month'], sums: ['learners'] },
    {
      name: 'learning_course_months',
      keys: ['course_id', 'category', 'commune_code', 'month'],
      sums: ['enrolments', 'completions'],
    },
  ],
};
