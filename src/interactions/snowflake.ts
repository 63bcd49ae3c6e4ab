/**
 * A Discord id (a snowflake): 17 to 21 digits for every id Discord has issued since 2015 (a 64-bit number, so at
 * most 20 digits today; one more to spare). The one pattern every reader of ids checks against.
 */
import { z } from 'zod';

/** The digits of an id, to build patterns that find ids inside text (a REST route). */
export const SNOWFLAKE_DIGITS = '\\d{17,21}';

export const SNOWFLAKE = new RegExp(`^${SNOWFLAKE_DIGITS}$`);

export const snowflake = z.string().regex(SNOWFLAKE, 'must be a Discord id (17–21 digits)');
