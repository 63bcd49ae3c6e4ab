// Test support: `node --import ./tests/support/record-imports.mjs …` appends every module URL the process
// loads to the file named by RECORD_IMPORTS (one per line), so a test can check what a command loaded.
import { register } from 'node:module';
import process from 'node:process';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.RECORD_IMPORTS } });
