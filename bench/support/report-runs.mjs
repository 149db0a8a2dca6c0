// The report benchmarks' input: two synthetic runs of PROFILES × ZONES zones (a deterministic
// sequence, means over four decades; every 50th zone 30 % slower, every 70th 25 % faster in the
// current run).

function sequence(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeZones(profileIndex, zoneCount, drift) {
  const random = sequence(profileIndex * 7919 + 1);
  const zones = [];
  for (let z = 0; z < zoneCount; z++) {
    const counts = 1 + Math.floor(random() * 500);
    const meanNs = Math.round(10 ** (3 + random() * 4) * drift(z));
    const stdNs = meanNs * (0.02 + random() * 0.1);
    zones.push({
      name: `suite ${profileIndex} > case ${z} does something useful`,
      srcFile: `test/area-${z % 40}/feature-${profileIndex}.test.ts`,
      srcLine: 10 + z,
      totalNs: meanNs * counts,
      totalPerc: 0,
      counts,
      meanNs,
      minNs: Math.round(meanNs * 0.8),
      maxNs: Math.round(meanNs * (1.2 + random())),
      stdNs,
    });
  }
  return zones;
}

function makeRun(version, timestamp, profileCount, zoneCount, drift) {
  const profiles = [];
  for (let p = 0; p < profileCount; p++) {
    const records = makeZones(p, zoneCount, drift).sort((a, b) => b.totalNs - a.totalNs);
    const span = records.reduce((sum, zone) => sum + zone.totalNs, 0);
    for (const zone of records) zone.totalPerc = (zone.totalNs / span) * 100;
    profiles.push({ name: `feature-${p}`, sourcePath: `perf/feature-${p}.csv`, records, totalCalls: records.reduce((sum, zone) => sum + zone.counts, 0) });
  }
  const meta = {
    machineId: 'bench', platformId: 'linux-x64-node20', version, timestamp, system: 'linux', arch: 'x64',
    host: 'bench', release: '6.8', processor: 'bench CPU', nodeVersion: process.version, backend: 'embedded',
    packageName: 'bench', gitCommit: 'abcdef0', extra: {},
  };
  return { kind: 'zones', version, platformId: 'linux-x64-node20', meta, profiles };
}

export function reportRuns(profileCount, zoneCount) {
  return {
    baseline: makeRun('1.0.0', 1_700_000_000, profileCount, zoneCount, () => 1),
    current: makeRun('1.1.0', 1_700_086_400, profileCount, zoneCount, (z) => (z % 50 === 7 ? 1.3 : z % 70 === 3 ? 0.75 : 1)),
  };
}
