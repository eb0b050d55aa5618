import { CourseContent } from '../../../common/courses.js';
import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

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

/** Reads the published snapshot from the courses tables: until the courses service's `publishedContent` is wired. */
export function courseContentFromTables(db: Executor): CourseContentSource {
  return {
    async publishedContent(courseId) {
      const row = await repo.publishedCourse(db, courseId);
      return row ? { version: row.version, content: CourseContent.parse(row.content) } : null;
    },
  };
}
