import type { PublishedQuiz } from '../../../common/courses.js';
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
 * Scores answers: a question is right when exactly its correct options are chosen (an unanswered one is wrong); the
 * score is the percent right, rounded down; passed at `passPercent` or more. The review says, per question, the
 * correct options and the explanation: only ever sent after an attempt is submitted.
 */
export function scoreAnswers(quiz: PublishedQuiz, answers: Record<string, string[]>) {
  const review: QuizQuestionReview[] = quiz.questions.map((q) => {
    const chosen = answers[q.id] ?? [];
    const correct = chosen.length === q.correctOptionIds.length && q.correctOptionIds.every((o) => chosen.includes(o));
    return {
      questionId: q.id,
      chosenOptionIds: chosen,
      correct,
      correctOptionIds: q.correctOptionIds,
      explanation: q.explanation ?? null,
    };
  });
  const right = review.filter((r) => r.correct).length;
  const score = Math.floor((right * 100) / quiz.questions.length);
  return { score, passed: score >= quiz.passPercent, review };
}
