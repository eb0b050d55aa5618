import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CourseCreate,
  CourseDraftSave,
  CourseList,
  CourseManageDetail,
  CourseManageList,
  CourseMedia,
  CourseReader,
  LessonReader,
} from '../../../common/courses';
import type {
  CourseProgress,
  EnrolmentCreate,
  EnrolmentView,
  LearnerStats,
  MyCourses,
  QuizAttemptCreate,
  QuizAttemptResult,
} from '../../../common/learning';
import { api, type UnitPeriod, unitPeriodQuery, uploadFile } from './client';

export type {
  CourseDraft,
  CourseManageDetail,
  CourseManageSummary,
  CourseMedia,
  CourseReader,
  CourseSummary,
  DraftLesson,
  DraftQuestion,
  LessonReader,
  PublicQuizQuestion,
} from '../../../common/courses';
export type { CourseProgress, MyCourse, QuizAttemptResult, QuizProgress } from '../../../common/learning';

const KEY = 'courses';
const enc = encodeURIComponent;

// ── Published courses (anyone) ─────────────────────────────────────────────────────────────────────────────────────
// networkMode 'offlineFirst': offline, the service worker's copy of a course or lesson once opened still answers.

export function useCourses(filter: { q?: string; service?: string } = {}) {
  return useQuery({
    queryKey: [KEY, 'list', filter],
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<CourseList>('/api/courses', { query: filter, signal }),
  });
}

export function useCourse(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    enabled: !!id,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<CourseReader>(`/api/courses/${enc(id!)}`, { signal }),
  });
}

export function useLesson(courseId: string | undefined, lessonId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'lesson', courseId, lessonId],
    enabled: !!courseId && !!lessonId,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<LessonReader>(`/api/courses/${enc(courseId!)}/lessons/${enc(lessonId!)}`, { signal }),
  });
}

// ── The learner's own (signed in) ──────────────────────────────────────────────────────────────────────────────────

const LEARN = 'learning';

/** The caller's progress in a course (`enrolment` null before enrolling), the same on every device. */
export function useProgress(courseId: string | undefined, signedIn: boolean) {
  return useQuery({
    queryKey: [LEARN, 'progress', courseId],
    enabled: !!courseId && signedIn,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) =>
      api<CourseProgress>(`/api/courses/${enc(courseId!)}/progress`, { signal, keepOffline: true }),
  });
}

export function useMyLearning(signedIn: boolean) {
  return useQuery({
    queryKey: [LEARN, 'mine'],
    enabled: signedIn,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<MyCourses>('/api/learning/mine', { signal, keepOffline: true }),
  });
}

function useLearnWrite<I, O>(courseId: string, fn: (input: I) => Promise<O>, isProgress = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      if (isProgress) qc.setQueryData([LEARN, 'progress', courseId], data);
      qc.invalidateQueries({ queryKey: [LEARN] });
    },
  });
}

export const useEnrol = (courseId: string) =>
  useLearnWrite(courseId, (body: EnrolmentCreate) =>
    api<EnrolmentView>(`/api/courses/${enc(courseId)}/enrolment`, { method: 'POST', body }),
  );

export const useMarkDone = (courseId: string) =>
  useLearnWrite(
    courseId,
    (lessonId: string) =>
      api<CourseProgress>(`/api/courses/${enc(courseId)}/lessons/${enc(lessonId)}/done`, { method: 'PUT' }),
    true,
  );

/** A quiz attempt; `attemptId` is the client's, so a retried request never counts twice. */
export const useQuizAttempt = (courseId: string) =>
  useLearnWrite(courseId, (body: QuizAttemptCreate) =>
    api<QuizAttemptResult>(`/api/courses/${enc(courseId)}/quiz/attempts`, { method: 'POST', body }),
  );

// ── Authoring (province and commune administrators) ────────────────────────────────────────────────────────────────

export function useManagedCourses() {
  return useQuery({
    queryKey: [KEY, 'manage'],
    queryFn: ({ signal }) => api<CourseManageList>('/api/courses/manage', { signal }),
  });
}

export function useManagedCourse(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'manage', id],
    enabled: !!id,
    // The editor keeps its own copy while typing: a refetch on focus must not replace it.
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) => api<CourseManageDetail>(`/api/courses/manage/${enc(id!)}`, { signal }),
  });
}

function useManageWrite<I>(fn: (input: I) => Promise<CourseManageDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (course) => {
      qc.setQueryData([KEY, 'manage', course.id], course);
      qc.invalidateQueries({ queryKey: [KEY, 'manage'], exact: true });
      qc.invalidateQueries({ queryKey: [KEY, 'list'] });
      qc.invalidateQueries({ queryKey: [KEY, 'one', course.id] });
    },
  });
}

export const useCreateCourse = () =>
  useManageWrite(({ body, clientId }: { body: CourseCreate; clientId: string }) =>
    api<CourseManageDetail>('/api/courses/manage', {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': clientId },
    }),
  );

export const useSaveDraft = (id: string) =>
  useManageWrite((body: CourseDraftSave) =>
    api<CourseManageDetail>(`/api/courses/manage/${enc(id)}`, { method: 'PUT', body }),
  );

export const usePublishCourse = (id: string) =>
  useManageWrite(() => api<CourseManageDetail>(`/api/courses/manage/${enc(id)}/publish`, { method: 'POST' }));

export const useArchiveCourse = (id: string) =>
  useManageWrite(() => api<CourseManageDetail>(`/api/courses/manage/${enc(id)}/archive`, { method: 'POST' }));

/** Uploads an image or a PDF to the course; answers the media with the Markdown to paste. */
export async function uploadCourseMedia(id: string, file: File, onProgress?: (f: number) => void) {
  const res = await uploadFile(`/api/courses/manage/${enc(id)}/media`, file, { onProgress });
  return res as { status: number; json: CourseMedia | { error?: { message?: string } } | null };
}

// ── Learner statistics (administrators of the unit) ─────────────────────────────────────────────────────────────────

export function useLearnerStats(p: UnitPeriod | undefined) {
  return useQuery({
    queryKey: ['learning-stats', p],
    enabled: !!p?.unit,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<LearnerStats>(`/api/learning/stats?${unitPeriodQuery(p!)}`, { signal }),
  });
}
