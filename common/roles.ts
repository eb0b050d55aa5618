import { z } from 'zod';
import { ROLES } from './constants/roles.js';

export * from './constants/roles.js';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
