/**
 * 0: done; 1: the work failed (a tool, a write); 2: bad input or usage (also a gate that
 * checked nothing under --require-baseline); 3: the regression gate found a confirmed
 * regression (--fail-on-regression). A runner's own failure exit code always wins over 3.
 */
export const EXIT_OK = 0;
export const EXIT_WORK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_REGRESSION = 3;
