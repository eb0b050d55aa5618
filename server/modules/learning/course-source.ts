import type { CourseContent } from '../../../common/courses.js';

/** A course's current published snapshot, as the courses domain answers it. */
export interface PublishedCourse {
  version: number;
  content: CourseContent;
}

/** What learning needs of the courses domain (its service's `publishedContent`). */
export interface CourseContentSource {
  /** The current published version of a course, or null (no such course, or not published). */
  publishedContent(courseId: string): Promise<PublishedCourse | null>;
}
