export { selectBaseline, compareVersions, type VersionedRun } from './baseline.js';
export {
  compareRuns,
  DEFAULT_ALPHA,
  DEFAULT_THRESHOLD_PERCENT,
  type CompareOptions,
} from './compare-runs.js';
export {
  TOP_CHANGES,
  VERDICTS,
  type ProfileComparison,
  type ZoneRunComparison,
  type ZoneRunTotals,
  type Verdict,
  type VerdictCounts,
  type ZoneComparison,
} from './comparison.js';
export { conditionChanges, type ConditionChange } from './run-conditions.js';
export { matchZones, zoneIdentity, type ZoneMatching, type ZonePair } from './match-zones.js';
export { welchTest, type SampleSummary, type WelchResult } from './welch.js';
export { studentTTwoSidedP } from './student-t.js';
export {
  compareFunctionRuns,
  functionIdentity,
  inclusiveSamples,
  judgeFunctionChange,
} from './compare-functions.js';
export {
  type RunComparison,
  type FunctionComparison,
  type FunctionProfileComparison,
  type FunctionRunComparison,
  type FunctionRunTotals,
} from './comparison.js';
export { matchByIdentity, type IdentityOf, type Matching, type Pair } from './match-zones.js';
export { erfc, normalTwoSidedP, twoProportionTest, MIN_EXPECTED, type SampleShare, type ShareTestResult } from './sample-share-test.js';
