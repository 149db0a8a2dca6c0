/** 0: done; 1: the work failed (a tool, a write); 2: bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_WORK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
