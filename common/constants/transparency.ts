/**
 * The public transparency page of a commune (issue 12 point 3): constants the server and the web page share. No zod
 * here, so the citizen page imports them without the validation library.
 */

/** A mean satisfaction is shown only over at least this many ratings (fewer: "too few ratings to say"). */
export const TRANSPARENCY_MIN_RATINGS = 5;

/** The longest period one page covers (months), and the default (the last 12 months, this one included). */
export const TRANSPARENCY_MAX_MONTHS = 24;
export const TRANSPARENCY_DEFAULT_MONTHS = 12;

/** The first year a page can be asked for (the platform's data start later; earlier years are a typo). */
export const TRANSPARENCY_FIRST_YEAR = 2020;

/** How long a browser or a shared cache may keep an answer (seconds): the figures change slowly. */
export const TRANSPARENCY_MAX_AGE = 300;
