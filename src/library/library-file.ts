/** The library store's file under DATA_DIR: named apart so that finding it loads no database code. */
export const LIBRARY_FILE = 'library.sqlite';
