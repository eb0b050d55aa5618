/**
 * Bình dân học vụ số (learning): constants and labels shared by courses, learning, training sessions, certificates
 * and their statistics. No zod here, so pages import them directly.
 */

/**
 * Who a learner is, recorded at enrolment (and at a training session's registration) with their unit. The seed's
 * table counts 9,150 learners = 6,776 officials and public employees + 2,374 youth union and team members.
 */
export const LEARNER_CATEGORIES = ['official', 'youth_union', 'team_member', 'resident', 'student', 'other'] as const;
export type LearnerCategory = (typeof LEARNER_CATEGORIES)[number];

export const LEARNER_CATEGORY_LABELS: Record<LearnerCategory, { vi: string; en: string }> = {
  official: {
    vi: 'Cán bộ, công chức, viên chức, người lao động trong cơ quan Đảng, đoàn thể, chính quyền',
    en: 'Officials, civil servants, public employees and workers of Party, mass-organisation and State bodies',
  },
  youth_union: { vi: 'Đoàn viên thanh niên', en: 'Youth Union member' },
  team_member: { vi: 'Thành viên tổ công nghệ số cộng đồng', en: 'Community digital technology team member' },
  resident: { vi: 'Người dân', en: 'Resident' },
  student: { vi: 'Học sinh, sinh viên', en: 'Pupil or student' },
  other: { vi: 'Khác', en: 'Other' },
};

/** The groups the province reports (seed 004): officials, and youth union members with team members. */
export const LEARNER_CATEGORY_GROUPS = {
  officials: ['official'],
  youth_and_teams: ['youth_union', 'team_member'],
  others: ['resident', 'student', 'other'],
} as const satisfies Record<string, readonly LearnerCategory[]>;
export type LearnerCategoryGroup = keyof typeof LEARNER_CATEGORY_GROUPS;

export const LEARNER_CATEGORY_GROUP_LABELS: Record<LearnerCategoryGroup, { vi: string; en: string }> = {
  officials: {
    vi: 'Cán bộ, công chức, viên chức, người lao động',
    en: 'Officials, civil servants, public employees and workers',
  },
  youth_and_teams: {
    vi: 'Đoàn viên, thanh niên và thành viên tổ công nghệ số cộng đồng',
    en: 'Youth Union members and community digital technology team members',
  },
  others: { vi: 'Người dân và đối tượng khác', en: 'Residents and others' },
};

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const QUIZ_QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuizQuestionKind = (typeof QUIZ_QUESTION_KINDS)[number];

export const CERTIFICATE_KINDS = ['course', 'session'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const LEARNING_LIMITS = {
  courseTitle: 200,
  courseDescription: 2000,
  lessons: 60,
  lessonTitle: 200,
  /** A lesson's body, Markdown. */
  lessonBody: 50_000,
  questions: 50,
  questionText: 1000,
  options: 8,
  optionText: 300,
  sessionSites: 50,
} as const;
