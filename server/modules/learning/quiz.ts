import { type PublishedQuiz, scoreQuiz } from '../../../common/courses.js';
import type { QuizQuestionReview } from '../../../common/learning.js';
import { errors, type FieldMessages } from '../../platform/errors.js';

/**
 * Checks a learner's answers against the published quiz: every question and option named must be the quiz's, a
 * single-choice question takes one option. 400 naming the field (`answers.<questionId>`) otherwise.
 */
export function checkAnswers(quiz: PublishedQuiz, answers: Record<string, string[]>): void {
  const fields: FieldMessages = {};
  const questions = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const [questionId, chosen] of Object.entries(answers)) {
    const q = questions.get(questionId);
    const field = `answers.${questionId}`;
    if (!q) fields[field] = { vi: 'Câu hỏi không có trong bài kiểm tra.', en: 'Not a question of this quiz.' };
    else if (chosen.some((o) => !q.options.some((x) => x.id === o)))
      fields[field] = { vi: 'Phương án không có trong câu hỏi.', en: 'Not an option of this question.' };
    else if (new Set(chosen).size !== chosen.length)
      fields[field] = { vi: 'Phương án bị chọn lặp.', en: 'An option is chosen twice.' };
    else if (q.kind === 'single' && chosen.length > 1)
      fields[field] = { vi: 'Câu hỏi này chỉ chọn một phương án.', en: 'Choose one option for this question.' };
  }
  if (Object.keys(fields).length > 0)
    throw errors.badRequest('invalid_input', { vi: 'Câu trả lời không hợp lệ.', en: 'Invalid answers.' }, fields);
}

/**
 * Scores answers with the courses domain's `scoreQuiz` (exactly the right options; percent rounded down). The review says, per question, the
 * correct options and the explanation: only ever sent after an attempt is submitted.
 */
export function scoreAnswers(quiz: PublishedQuiz, answers: Record<string, string[]>) {
  const scored = scoreQuiz(
    quiz,
    Object.entries(answers).map(([questionId, optionIds]) => ({ questionId, optionIds })),
  );
  const right = new Map(scored.questions.map((q) => [q.questionId, q.correct]));
  const review: QuizQuestionReview[] = quiz.questions.map((q) => ({
    questionId: q.id,
    chosenOptionIds: answers[q.id] ?? [],
    correct: right.get(q.id) ?? false,
    correctOptionIds: q.correctOptionIds,
    explanation: q.explanation ?? null,
  }));
  return { score: scored.percent, passed: scored.passed, review };
}
