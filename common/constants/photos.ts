/** Photo limits the server enforces and the web app applies before sending (no zod: the web app imports this). */

/** Bytes of one uploaded photo, at most. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The same limit as people read it: "10 MB". */
export const MAX_PHOTO_SIZE_TEXT = `${MAX_PHOTO_BYTES / (1024 * 1024)} MB`;
/** Photos are shrunk to at most this many pixels on their long side (the web app before sending, the server again). */
export const PHOTO_LONG_SIDE = 2048;
