import { randomUUID } from 'node:crypto';
import type { CourseDraftInput } from '../../../common/courses.js';

/** A draft with `lessons` lessons and a two-question quiz; ids fresh unless given. */
export function sampleDraft(opts: { lessons?: number; title?: string; markdown?: string } = {}): CourseDraftInput {
  const o = () => ({ id: randomUUID(), text: '' });
  const q1 = [o(), o(), o()].map((x, i) => ({ ...x, text: `Phương án ${i + 1}` }));
  const q2 = [o(), o(), o()].map((x, i) => ({ ...x, text: `Lựa chọn ${i + 1}` }));
  return {
    title: opts.title ?? 'Khóa học thử',
    description: 'Mô tả khóa học thử.',
    audiences: ['resident', 'youth_union'],
    estimatedMinutes: 30,
    serviceIds: [],
    lessons: Array.from({ length: opts.lessons ?? 2 }, (_, i) => ({
      id: randomUUID(),
      title: `Bài ${i + 1}`,
      markdown: opts.markdown ?? `## Bài ${i + 1}\n\nNội dung **bài ${i + 1}**.`,
      minutes: 10,
      videoLinks: [],
      attachments: [],
    })),
    quiz: {
      passPercent: 50,
      maxAttempts: 3,
      questions: [
        {
          id: randomUUID(),
          kind: 'single',
          text: 'Câu hỏi một?',
          options: q1,
          correctOptionIds: [q1[1].id],
          explanation: 'GIAI-THICH-BI-MAT-1',
        },
        {
          id: randomUUID(),
          kind: 'multiple',
          text: 'Câu hỏi hai?',
          options: q2,
          correctOptionIds: [q2[0].id, q2[2].id],
          explanation: 'GIAI-THICH-BI-MAT-2',
        },
      ],
    },
  };
}
