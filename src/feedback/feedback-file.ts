/** The feedback store's file under DATA_DIR: named apart so that finding it loads no database code. */
export const FEEDBACK_FILE = 'feedback.sqlite';
