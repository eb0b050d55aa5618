import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';

/**
 * The cameras' health check: one chain of jobs, each run checking a bounded batch and enqueuing the next run. A run's
 * dedupe key is its time on a grid (`cameras.health@<epoch seconds>`), so two chains (two processes, a retry, a
 * camera added while a run waits) meet on the same next slot and become one again.
 */
export const cameraHealthJob = defineJob({ kind: 'cameras.health', payload: z.object({}) });

/** The first instant of the grid of `stepMs` strictly after `from`. */
export function nextSlot(from: Date, stepMs: number): Date {
  return new Date((Math.floor(from.getTime() / stepMs) + 1) * stepMs);
}

export const healthJobKey = (at: Date) => `cameras.health@${Math.floor(at.getTime() / 1000)}`;
