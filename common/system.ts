import { z } from 'zod';

/** What the web app needs to know about this installation (nothing secret). */
export const PublicConfig = z.object({
  provinceCode: z.string(),
  mapTileUrl: z.string().nullable(),
  mapTileAttribution: z.string().nullable(),
  demo: z.boolean(),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
