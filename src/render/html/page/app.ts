/// <reference lib="dom" />
/*
 * The page's script, run in the browser. The DOM library is referenced here (and only the page
 * files need it): these functions are never called in Node, `page-script.ts` joins their
 * source texts into one inline script.
 *
 * Rules of `page/` (see format.ts): every export is a plain function, no module-level state,
 * other page functions by bare name through `declare const`. Every string from the data goes
 * into the DOM with `textContent` (or an attribute set with `setAttribute`), never as markup.
 */
import type { PageColumn, PageData } from '../page-data.js';
import type { PageNumber } from '../page-values.js';
import type * as Format from './format.js';

declare const pageDuration: typeof Format.pageDuration;
declare const pageCount: typeof Format.pageCount;
declare const pageDelta: typeof Format.pageDelta;
declare const pagePValue: typeof Format.pagePValue;
declare const pageShare: typeof Format.pageShare;
declare const pageLimit: typeof Format.pageLimit;
declare const pageShortenMiddle: typeof Format.pageShortenMiddle;
declare const pageShortenStart: typeof Format.pageShortenStart;
declare const pageSource: typeof Format.pageSource;
declare const pageTimeAxis: typeof Format.pageTimeAxis;

interface ChartInstance {
  setOption(option: object, notMerge?: boolean): void;
  on(event: string, handler: (params: { dataIndex?: number; seriesType?: string }) => void): void;
  off(event: string): void;
  resize(): void;
  dispose(): void;
}

interface EChartsGlobal {
  init(element: HTMLElement, theme?: null, options?: object): ChartInstance;
}

/** One shown row: a profile and an entry of it, as one number (`offsets[profile] + entry`). */
type EntryId = number;

interface PageContext {
  data: PageData;
  offsets: number[];
  profileOf: Int32Array;
  entryOf: Int32Array;
  /** Lower-case `name file` of each entry, made on the first search. */
  haystack: string[] | undefined;
  /** -1: all profiles. */
  scope: number;
  /** Rank by total time over all profiles (0: not in the current run), made when "all profiles" is first shown. */
  globalRank: Int32Array | undefined;
  query: string;
  verdicts: Set<number>;
  sortKey: string;
  sortDescending: boolean;
  view: Int32Array;
  selected: EntryId | undefined;
  topCount: number;
  columns: PageColumn[];
  elements: {
    tableScroll: HTMLElement;
    tbody: HTMLElement;
    thead: HTMLElement;
    status: HTMLElement;
    chips: HTMLElement;
    topChart: HTMLElement;
    topHeading: HTMLElement;
    facts: HTMLElement;
    history: HTMLElement;
  };
  charts: { top?: ChartInstance; history?: ChartInstance };
  firstChartDrawn: boolean;
  renderQueued: boolean;
}


export function pageEchartsLib(): EChartsGlobal {
  return (window as unknown as { echarts: EChartsGlobal }).echarts;
}

/** An element with optional class and text (always as text). */
export function pageEl(tag: string, className?: string, text?: string): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function pageNumber(value: PageNumber | string | undefined): number {
  if (typeof value === 'number') return value;
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

export function pageValue(ctx: PageContext, id: EntryId, key: string): PageNumber | string | undefined {
  const profile = ctx.data.profiles[ctx.profileOf[id] as number];
  return profile?.values[key]?.[ctx.entryOf[id] as number];
}

export function pageNumberAt(ctx: PageContext, id: EntryId, key: string): number {
  return pageNumber(pageValue(ctx, id, key));
}

export function pageName(ctx: PageContext, id: EntryId): string {
  return String(pageValue(ctx, id, 'name') ?? '');
}

export function pageFileOf(ctx: PageContext, id: EntryId): string {
  return ctx.data.files[pageNumberAt(ctx, id, 'file')] ?? '';
}

export function pageSourceOf(ctx: PageContext, id: EntryId): string {
  return pageSource(pageFileOf(ctx, id), pageNumberAt(ctx, id, 'line'));
}

export function pageVerdictOf(ctx: PageContext, id: EntryId): { key: string; label: string } {
  const verdict = ctx.data.verdicts[pageNumberAt(ctx, id, 'verdict')];
  return verdict ? { key: verdict.key, label: verdict.label } : { key: 'unchanged', label: '' };
}

/** The data element's JSON: as it is, or gzipped and base64-encoded (large reports). */
export async function pageReadData(): Promise<PageData> {
  const element = document.getElementById('perf-report-data');
  if (!element) throw new Error('the report has no data');
  const text = element.textContent ?? '';
  if (element.getAttribute('type') === 'application/json') return JSON.parse(text) as PageData;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as PageData;
}

export function pageMain(): void {
  const root = document.getElementById('app') as HTMLElement;
  pageReadData()
    .then((data) => pageStart(root, data))
    .catch((error: unknown) => {
      root.replaceChildren(pageEl('p', 'error', `The report could not be shown: ${error instanceof Error ? error.message : String(error)}`));
      document.documentElement.dataset.perfReport = 'failed';
      console.error(error);
    });
}

export function pageStart(root: HTMLElement, data: PageData): void {
  const offsets: number[] = [];
  let total = 0;
  for (const profile of data.profiles) {
    offsets.push(total);
    total += profile.values.name?.length ?? 0;
  }
  const profileOf = new Int32Array(total);
  const entryOf = new Int32Array(total);
  data.profiles.forEach((profile, p) => {
    const count = profile.values.name?.length ?? 0;
    for (let i = 0; i < count; i++) {
      profileOf[(offsets[p] as number) + i] = p;
      entryOf[(offsets[p] as number) + i] = i;
    }
  });
  document.title = data.title;
  root.replaceChildren();
  root.append(...pageSummary(data));
  const ctx = pageExplorer(root, data, offsets, profileOf, entryOf);
  root.append(pagePlatform(data));
  const top = data.top[0]?.entries[0] ?? data.top[1]?.entries[0];
  pageRefresh(ctx);
  if (top) pageSelect(ctx, (offsets[top[0]] as number) + top[1]);
  else if (ctx.view.length > 0) pageSelect(ctx, ctx.view[0] as number);
  else pageDrawHistory(ctx);
  window.addEventListener('resize', () => {
    ctx.charts.top?.resize();
    ctx.charts.history?.resize();
    pageRenderRows(ctx);
  });
  document.documentElement.dataset.perfReport = 'ready';
}

/** Page 1 of the PDF: title, the rule, totals, verdict counts, the noise line, the top changes. */
export function pageSummary(data: PageData): HTMLElement[] {
  const header = pageEl('header');
  header.append(pageEl('h1', '', data.title), pageEl('p', 'subtitle', data.subtitle), pageEl('p', 'note', data.note));
  const figures = pageEl('div', 'figures');
  for (const [label, value] of data.figures) figures.append(pageFigure(label, value, ''));
  const parts: HTMLElement[] = [header, figures];
  if (data.compared) {
    const verdicts = pageEl('div', 'figures verdicts');
    verdicts.id = 'verdict-counts';
    for (const verdict of data.verdicts) {
      // As the PDF: no "unchanged" figure, and no "not judged" for functions (every matched one is judged).
      if (verdict.key === 'unchanged' || (data.kind === 'functions' && verdict.key === 'unjudged')) continue;
      const label = verdict.key === 'regression' || verdict.key === 'improvement' ? `${verdict.label}s` : verdict.label;
      const figure = pageFigure(label, pageCount(verdict.count), verdict.count > 0 ? `v-${verdict.key}` : '');
      figure.dataset.verdict = verdict.key;
      verdicts.append(figure);
    }
    parts.push(verdicts);
    if (data.gone) parts.push(pageEl('p', 'note', data.gone));
    if (data.conditions) parts.push(pageEl('p', 'note conditions', data.conditions));
    if (data.noise) parts.push(pageEl('p', 'noise', data.noise));
    const tops = pageEl('div', 'top-changes');
    for (const list of data.top) {
      const section = pageEl('section', 'top-list');
      section.append(pageEl('h3', '', list.title));
      if (list.entries.length === 0) section.append(pageEl('p', 'note', list.none));
      else section.append(pageTopTable(data, list.entries));
      tops.append(section);
    }
    parts.push(tops);
  }
  return parts;
}

export function pageFigure(label: string, value: string, className: string): HTMLElement {
  const figure = pageEl('div', 'figure');
  figure.append(pageEl('div', `figure-value ${className}`, value), pageEl('div', 'figure-label', label));
  return figure;
}

/** The worst regressions / best improvements, as the PDF's page 1 lists them; a row opens the zone. */
export function pageTopTable(data: PageData, entries: Array<[number, number]>): HTMLElement {
  const zones = data.kind === 'zones';
  const table = pageEl('table', 'top-table');
  const head = pageEl('tr');
  const labels = zones
    ? ['Profile', 'Zone', 'Source', 'Baseline', 'Current', 'Δ', 'q', 'Detectable']
    : ['Profile', 'Function', 'Source', 'Baseline incl.', 'Current incl.', 'Δ inclusive', 'p'];
  labels.forEach((label, index) => head.append(pageEl('th', index >= 3 ? 'num' : '', label)));
  const thead = pageEl('thead');
  thead.append(head);
  const tbody = pageEl('tbody');
  for (const [p, i] of entries) {
    const profile = data.profiles[p];
    if (!profile) continue;
    const value = (key: string) => pageNumber(profile.values[key]?.[i]);
    const row = pageEl('tr', 'clickable');
    row.dataset.profile = String(p);
    row.dataset.entry = String(i);
    row.tabIndex = 0;
    const file = data.files[value('file')] ?? '';
    const source = pageSource(file, value('line'));
    const cells: Array<[string, string]> = [
      [profile.name, ''],
      [String(profile.values.name?.[i] ?? ''), 'name'],
      [source, 'muted'],
      [pageDuration(value(zones ? 'bMedian' : 'bInclusive')), 'num'],
      [pageDuration(value(zones ? 'median' : 'inclusive')), 'num'],
    ];
    for (const [text, className] of cells) {
      const cell = pageEl('td', className, text);
      cell.title = text;
      row.append(cell);
    }
    const verdict = data.verdicts[value('verdict')];
    row.append(pageDeltaCell(verdict?.key ?? 'unchanged', verdict?.label ?? '', value('delta')));
    if (zones) row.append(pageEl('td', 'num', pagePValue(value('q'))), pageEl('td', 'num', pageLimit(value('mde'))));
    else row.append(pageEl('td', 'num', pagePValue(value('p'))));
    tbody.append(row);
  }
  table.append(thead, tbody);
  return table;
}

/** The Δ cell, as the PDF's: a confirmed change in colour, `?` for unconfirmed, words where Δ says nothing. */
export function pageDeltaCell(verdict: string, label: string, delta: number): HTMLElement {
  if (verdict === 'new' || verdict === 'removed' || verdict === 'unjudged') return pageEl('td', `num v-${verdict} words`, label);
  if (verdict === 'unconfirmed') return pageEl('td', 'num v-unconfirmed', `${pageDelta(delta)}?`);
  return pageEl('td', `num v-${verdict}`, pageDelta(delta));
}

export function pagePlatform(data: PageData): HTMLElement {
  const details = pageEl('details', 'platform') as HTMLDetailsElement;
  details.append(pageEl('summary', '', 'Platform'));
  const table = pageEl('table', 'platform-table');
  const head = pageEl('tr');
  for (const label of data.platform.header) head.append(pageEl('th', '', label));
  const thead = pageEl('thead');
  thead.append(head);
  const tbody = pageEl('tbody');
  for (const row of data.platform.rows) {
    const tr = pageEl('tr');
    row.forEach((text, index) => tr.append(pageEl(index === 0 ? 'th' : 'td', '', text)));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  details.append(table);
  return details;
}

/** Profile picker, top chart, search and verdict filter, the zone table and the history panel. */
export function pageExplorer(root: HTMLElement, data: PageData, offsets: number[], profileOf: Int32Array, entryOf: Int32Array): PageContext {
  const section = pageEl('section', 'explorer');
  const noun = data.kind === 'zones' ? 'zones' : 'functions';
  section.append(pageEl('h2', '', data.kind === 'zones' ? 'Zones' : 'Functions'));

  const controls = pageEl('div', 'controls');
  const select = document.createElement('select');
  select.id = 'profile-select';
  select.setAttribute('aria-label', 'profile');
  if (data.profiles.length > 1) {
    const all = document.createElement('option');
    all.value = '-1';
    all.textContent = `All profiles (${pageCount(profileOf.length)} ${noun})`;
    select.append(all);
  }
  data.profiles.forEach((profile, p) => {
    const option = document.createElement('option');
    option.value = String(p);
    option.textContent = `${profile.name} (${pageCount(profile.values.name?.length ?? 0)} ${noun})`;
    select.append(option);
  });
  const search = document.createElement('input');
  search.type = 'search';
  search.id = 'zone-search';
  search.placeholder = `Search ${noun} by name or file`;
  search.setAttribute('aria-label', `search ${noun}`);
  const topSelect = document.createElement('select');
  topSelect.id = 'top-count';
  topSelect.setAttribute('aria-label', 'bars in the chart');
  for (const count of [10, 20, 50]) {
    const option = document.createElement('option');
    option.value = String(count);
    option.textContent = `chart: top ${count}`;
    topSelect.append(option);
  }
  controls.append(select, search, topSelect);
  const facts = pageEl('p', 'subtitle');
  const chips = pageEl('div', 'chips');
  chips.id = 'verdict-filter';

  const topHeading = pageEl('h3');
  const topChart = pageEl('div', 'chart top-chart');
  topChart.id = 'top-chart';

  const layout = pageEl('div', 'explorer-body');
  const tablePane = pageEl('div', 'table-pane');
  const status = pageEl('p', 'status');
  status.id = 'table-status';
  status.setAttribute('aria-live', 'polite');
  const tableScroll = pageEl('div', 'table-scroll');
  tableScroll.id = 'zone-table';
  const table = pageEl('table', 'zone-table');
  const thead = pageEl('thead');
  const tbody = pageEl('tbody');
  table.append(thead, tbody);
  tableScroll.append(table);
  tablePane.append(status, tableScroll);
  const history = pageEl('aside', 'history');
  history.id = 'history';
  layout.append(tablePane, history);

  section.append(controls, facts, topHeading, topChart, chips, layout);
  root.append(section);

  const ctx: PageContext = {
    data,
    offsets,
    profileOf,
    entryOf,
    haystack: undefined,
    globalRank: undefined,
    scope: data.profiles.length > 1 ? -1 : 0,
    query: '',
    verdicts: new Set(data.verdicts.map((_, index) => index)),
    sortKey: 'rank',
    sortDescending: false,
    view: new Int32Array(0),
    selected: undefined,
    topCount: 10,
    columns: [],
    elements: { tableScroll, tbody, thead, status, chips, topChart, topHeading, facts, history },
    charts: {},
    firstChartDrawn: false,
    renderQueued: false,
  };

  select.addEventListener('change', () => {
    ctx.scope = Number(select.value);
    pageRefresh(ctx);
  });
  let searchTimer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => {
      ctx.query = search.value;
      pageApplyFilter(ctx);
    }, 120);
  });
  topSelect.addEventListener('change', () => {
    ctx.topCount = Number(topSelect.value);
    pageDrawTopChart(ctx);
  });
  tableScroll.addEventListener('scroll', () => pageQueueRows(ctx));
  const openRow = (target: EventTarget | null) => {
    const row = (target as HTMLElement | null)?.closest('tr[data-id]') as HTMLElement | null;
    if (row) pageSelect(ctx, Number(row.dataset.id));
  };
  tbody.addEventListener('click', (event) => openRow(event.target));
  tbody.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openRow(event.target);
    }
  });
  const openTop = (target: EventTarget | null) => {
    const row = (target as HTMLElement | null)?.closest('tr[data-profile]') as HTMLElement | null;
    if (!row) return;
    const id = (offsets[Number(row.dataset.profile)] as number) + Number(row.dataset.entry);
    pageSelect(ctx, id);
    history.scrollIntoView({ block: 'nearest' });
  };
  for (const table of Array.from(root.querySelectorAll('.top-table tbody'))) {
    table.addEventListener('click', (event) => openTop(event.target));
    table.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') openTop(event.target);
    });
  }
  return ctx;
}

/** The scope changed: new columns, counts, chart and table. */
export function pageRefresh(ctx: PageContext): void {
  const { data } = ctx;
  const profile = data.profiles[ctx.scope];
  ctx.elements.facts.textContent = profile ? profile.facts : `${pageCount(data.profiles.length)} profiles`;
  const columns = data.columns.filter((column) => !column.compared || data.compared);
  if (ctx.scope < 0) {
    columns.splice(1, 0, { key: '_profile', label: 'Profile', format: 'text' });
    if (!ctx.globalRank) {
      const ranked = pageScopeIds(ctx).filter((id) => !Number.isNaN(pageRankKey(ctx, id)));
      ranked.sort((a, b) => pageRankKey(ctx, a) - pageRankKey(ctx, b) || a - b);
      ctx.globalRank = new Int32Array(ctx.profileOf.length);
      ranked.forEach((id, index) => ((ctx.globalRank as Int32Array)[id] = index + 1));
    }
  }
  ctx.columns = columns;
  pageRenderHead(ctx);
  pageRenderChips(ctx);
  pageDrawTopChart(ctx);
  pageApplyFilter(ctx);
}

/** The ids of the entries of the scope, in the run's order. */
export function pageScopeIds(ctx: PageContext): EntryId[] {
  const ids: EntryId[] = [];
  const profiles = ctx.scope < 0 ? ctx.data.profiles.map((_, p) => p) : [ctx.scope];
  for (const p of profiles) {
    const count = ctx.data.profiles[p]?.values.name?.length ?? 0;
    for (let i = 0; i < count; i++) ids.push((ctx.offsets[p] as number) + i);
  }
  return ids;
}

export function pageRenderChips(ctx: PageContext): void {
  const counts = new Array<number>(ctx.data.verdicts.length).fill(0);
  for (const id of pageScopeIds(ctx)) {
    const verdict = pageNumberAt(ctx, id, 'verdict');
    counts[verdict] = (counts[verdict] ?? 0) + 1;
  }
  const chips = ctx.elements.chips;
  chips.replaceChildren(pageEl('span', 'chips-label', 'Verdicts:'));
  ctx.data.verdicts.forEach((verdict, index) => {
    if (!ctx.data.compared && verdict.key !== 'new') return;
    if (ctx.data.kind === 'functions' && verdict.key === 'unjudged') return;
    const label = document.createElement('label');
    label.className = `chip v-${verdict.key}`;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = ctx.verdicts.has(index);
    box.value = verdict.key;
    box.addEventListener('change', () => {
      if (box.checked) ctx.verdicts.add(index);
      else ctx.verdicts.delete(index);
      pageApplyFilter(ctx);
    });
    label.append(box, document.createTextNode(` ${verdict.label} (${pageCount(counts[index] ?? 0)})`));
    chips.append(label);
  });
}

export function pageRenderHead(ctx: PageContext): void {
  const row = pageEl('tr');
  // Fixed widths: numbers are never cut; the name takes what is left, the table scrolls sideways when narrow.
  const widthOf = (column: PageColumn) =>
    column.key === 'name' ? 320 : column.key === '_profile' ? 130 : column.format === 'source' ? 210 : column.format === 'verdict' ? 112 : column.format === 'rank' ? 52 : 84;
  (ctx.elements.thead.parentElement as HTMLElement).style.minWidth = `${ctx.columns.reduce((sum, column) => sum + widthOf(column), 0)}px`;
  for (const column of ctx.columns) {
    const numeric = column.format !== 'text' && column.format !== 'source' && column.format !== 'verdict';
    const th = pageEl('th', `${numeric ? 'num ' : ''}col-${column.key} sortable`);
    if (column.key !== 'name') th.style.width = `${widthOf(column)}px`;
    const button = pageEl('button', 'sort', column.label);
    button.setAttribute('type', 'button');
    if (column.title) button.title = column.title;
    const sorted = ctx.sortKey === column.key;
    th.setAttribute('aria-sort', sorted ? (ctx.sortDescending ? 'descending' : 'ascending') : 'none');
    if (sorted) button.append(pageEl('span', 'arrow', ctx.sortDescending ? ' ▼' : ' ▲'));
    button.addEventListener('click', () => {
      if (ctx.sortKey === column.key) ctx.sortDescending = !ctx.sortDescending;
      else {
        ctx.sortKey = column.key;
        // Times and changes are looked at largest first; names and ranks from the top.
        ctx.sortDescending = numeric && column.format !== 'rank';
      }
      pageRenderHead(ctx);
      pageApplyFilter(ctx);
    });
    th.append(button);
    row.append(th);
  }
  ctx.elements.thead.replaceChildren(row);
}

/** Search terms (all must match, in the name or the file) and the verdict boxes, then the sort. */
export function pageApplyFilter(ctx: PageContext): void {
  const terms = ctx.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length > 0 && !ctx.haystack) {
    ctx.haystack = Array.from(ctx.profileOf, (_, id) => `${pageName(ctx, id)}\n${pageSourceOf(ctx, id)}`.toLowerCase());
  }
  const ids = pageScopeIds(ctx).filter((id) => {
    if (!ctx.verdicts.has(pageNumberAt(ctx, id, 'verdict'))) return false;
    if (terms.length === 0) return true;
    const text = (ctx.haystack as string[])[id] as string;
    return terms.every((term) => text.includes(term));
  });
  pageSortIds(ctx, ids);
  ctx.view = Int32Array.from(ids);
  const scopeSize = pageScopeIds(ctx).length;
  ctx.elements.status.textContent =
    ids.length === scopeSize ? `${pageCount(ids.length)} ${ctx.data.kind}` : `${pageCount(ids.length)} of ${pageCount(scopeSize)} ${ctx.data.kind} match`;
  ctx.elements.tableScroll.scrollTop = 0;
  // The search that is shown, for anyone waiting on it (the search runs once typing pauses).
  ctx.elements.tableScroll.dataset.query = ctx.query;
  pageRenderRows(ctx);
}

export function pageSortIds(ctx: PageContext, ids: EntryId[]): void {
  const key = ctx.sortKey;
  const column = ctx.columns.find((candidate) => candidate.key === key);
  const direction = ctx.sortDescending ? -1 : 1;
  if (!column) return;
  if (column.format === 'text' || column.format === 'source' || column.format === 'verdict') {
    const text = (id: EntryId) =>
      key === '_profile'
        ? ctx.data.profiles[ctx.profileOf[id] as number]?.name ?? ''
        : column.format === 'source'
          ? pageSourceOf(ctx, id)
          : column.format === 'verdict'
            ? pageVerdictOf(ctx, id).label
            : pageName(ctx, id);
    const keys = new Map(ids.map((id) => [id, text(id)]));
    ids.sort((a, b) => direction * (keys.get(a) as string).localeCompare(keys.get(b) as string) || a - b);
    return;
  }
  // Missing values (a removed zone's calls, a Δ without a baseline) go last either way.
  const values = new Map(ids.map((id) => [id, key === 'rank' ? pageRankKey(ctx, id) : pageNumberAt(ctx, id, key)]));
  ids.sort((a, b) => {
    const x = values.get(a) as number;
    const y = values.get(b) as number;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
    return direction * (x - y) || a - b;
  });
}

/** Rank across all profiles: by total time, as one profile's ranks are. */
export function pageRankKey(ctx: PageContext, id: EntryId): number {
  if (ctx.scope >= 0) return pageNumberAt(ctx, id, 'rank');
  const total = pageNumberAt(ctx, id, ctx.data.kind === 'zones' ? 'total' : 'inclusive');
  return Number.isNaN(total) ? Number.NaN : -total;
}

export function pageQueueRows(ctx: PageContext): void {
  if (ctx.renderQueued) return;
  ctx.renderQueued = true;
  window.requestAnimationFrame(() => {
    ctx.renderQueued = false;
    pageRenderRows(ctx);
  });
}

/** Only the rows in view are in the DOM (10,000 zones scroll as fast as 10); spacers keep the scroll height. */
export function pageRenderRows(ctx: PageContext): void {
  const { tableScroll, tbody, thead } = ctx.elements;
  const ROW_HEIGHT = 26; // the CSS row height: rows are positioned by it
  const headHeight = thead.getBoundingClientRect().height;
  const visible = Math.ceil((tableScroll.clientHeight || 600) / ROW_HEIGHT) + 1;
  const overscan = 10;
  const first = Math.max(0, Math.floor(Math.max(0, tableScroll.scrollTop - headHeight) / ROW_HEIGHT) - overscan);
  const last = Math.min(ctx.view.length, first + visible + 2 * overscan);
  const rows: HTMLElement[] = [];
  const spacer = (height: number) => {
    const row = pageEl('tr', 'spacer');
    const cell = pageEl('td') as HTMLTableCellElement;
    cell.colSpan = ctx.columns.length;
    row.style.height = `${height}px`;
    row.append(cell);
    return row;
  };
  if (first > 0) rows.push(spacer(first * ROW_HEIGHT));
  for (let index = first; index < last; index++) rows.push(pageRow(ctx, ctx.view[index] as number));
  if (last < ctx.view.length) rows.push(spacer((ctx.view.length - last) * ROW_HEIGHT));
  if (ctx.view.length === 0) {
    const row = pageEl('tr', 'empty');
    const cell = pageEl('td', 'note', `No ${ctx.data.kind} match.`) as HTMLTableCellElement;
    cell.colSpan = ctx.columns.length;
    row.append(cell);
    rows.push(row);
  }
  tbody.replaceChildren(...rows);
}

export function pageRow(ctx: PageContext, id: EntryId): HTMLElement {
  const row = pageEl('tr', id === ctx.selected ? 'selected' : '');
  row.dataset.id = String(id);
  row.tabIndex = 0;
  const verdict = pageVerdictOf(ctx, id);
  for (const column of ctx.columns) row.append(pageCell(ctx, id, column, verdict));
  return row;
}

export function pageCell(ctx: PageContext, id: EntryId, column: PageColumn, verdict: { key: string; label: string }): HTMLElement {
  const value = pageNumberAt(ctx, id, column.key);
  switch (column.format) {
    case 'text': {
      const text = column.key === '_profile' ? ctx.data.profiles[ctx.profileOf[id] as number]?.name ?? '' : pageName(ctx, id);
      const cell = pageEl('td', column.key === 'name' ? 'name' : '', pageShortenMiddle(text, 160));
      cell.title = text;
      return cell;
    }
    case 'source': {
      // The end of a path tells files apart: the cell cuts it at the start (see the CSS).
      const source = pageSourceOf(ctx, id);
      const cell = pageEl('td', 'muted source');
      cell.append(pageEl('span', '', source));
      cell.title = source;
      return cell;
    }
    case 'verdict':
      return pageEl('td', `v-${verdict.key} verdict`, verdict.label);
    case 'rank': {
      const rank = ctx.scope < 0 ? (ctx.globalRank?.[id] ?? 0) : value;
      return pageEl('td', 'num muted', Number.isNaN(rank) || rank <= 0 ? '' : String(rank));
    }
    case 'count':
      return pageEl('td', 'num', pageCount(value));
    case 'duration':
      return pageEl('td', 'num', pageDuration(value));
    case 'share':
      return pageEl('td', 'num', pageShare(value));
    case 'p':
      return pageEl('td', 'num', pagePValue(value));
    case 'limit':
      return pageEl('td', 'num', pageLimit(value));
    case 'delta':
      return pageDeltaCell(verdict.key, verdict.label, value);
  }
  return pageEl('td');
}

/** A zone was picked (table row, chart bar, top list): mark it and draw its history. */
export function pageSelect(ctx: PageContext, id: EntryId): void {
  ctx.selected = id;
  for (const row of Array.from(ctx.elements.tbody.querySelectorAll('tr.selected'))) row.classList.remove('selected');
  ctx.elements.tbody.querySelector(`tr[data-id="${id}"]`)?.classList.add('selected');
  pageDrawHistory(ctx);
}

export function pageMarkFirstChart(ctx: PageContext, chart: ChartInstance): void {
  chart.on('finished', () => {
    if (ctx.firstChartDrawn) return;
    ctx.firstChartDrawn = true;
    (window as unknown as { perfReportTimings: { firstChartMs: number } }).perfReportTimings = { firstChartMs: performance.now() };
    document.documentElement.dataset.firstChart = 'drawn';
  });
}

/** Labels for bars shown together; a shared name carries its file, as `render/zone-names.ts` does for the PDF. */
export function pageChartLabels(ctx: PageContext, ids: EntryId[], maxLength: number): string[] {
  const names = new Map<string, number>();
  const places = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const id of ids) {
    bump(names, pageName(ctx, id));
    bump(places, `${pageName(ctx, id)}\u0000${pageFileOf(ctx, id)}`);
  }
  return ids.map((id) => {
    const name = pageName(ctx, id);
    if ((names.get(name) ?? 0) < 2) return pageShortenMiddle(name, maxLength);
    const file = pageFileOf(ctx, id);
    const shared = (places.get(`${name}\u0000${file}`) ?? 0) > 1;
    const where = pageShortenStart(shared ? pageSourceOf(ctx, id) : pageSource(file, 0), 28);
    return `${pageShortenMiddle(name, Math.max(12, maxLength - Array.from(where).length - 3))} · ${where}`;
  });
}

/** The scope's top entries by total time (zones) or inclusive time (functions). */
export function pageTopIds(ctx: PageContext): EntryId[] {
  const key = ctx.data.kind === 'zones' ? 'total' : 'inclusive';
  const ids = pageScopeIds(ctx).filter((id) => !Number.isNaN(pageNumberAt(ctx, id, key)));
  if (ctx.scope < 0) ids.sort((a, b) => pageNumberAt(ctx, b, key) - pageNumberAt(ctx, a, key) || a - b);
  return ids.slice(0, ctx.topCount);
}

export function pageDrawTopChart(ctx: PageContext): void {
  const { data } = ctx;
  const ids = pageTopIds(ctx);
  const zones = data.kind === 'zones';
  const scopeName = ctx.scope < 0 ? 'all profiles' : data.profiles[ctx.scope]?.name ?? '';
  ctx.elements.topHeading.textContent = zones
    ? `Top ${ids.length} zones by total time (${scopeName}): mean time per call, whiskers from min to max`
    : `Top ${ids.length} functions by inclusive time (${scopeName}): inclusive and self time`;
  const element = ctx.elements.topChart;
  if (ids.length === 0) {
    ctx.charts.top?.dispose();
    ctx.charts.top = undefined;
    element.replaceChildren(pageEl('p', 'note', `No ${data.kind} in the current run.`));
    element.style.height = 'auto';
    return;
  }
  const withBaseline = data.compared && ids.some((id) => !Number.isNaN(pageNumberAt(ctx, id, zones ? 'bMean' : 'bInclusive')));
  const height = Math.max(160, ids.length * (withBaseline ? 26 : 20) + 80);
  element.style.height = `${height}px`;
  if (!ctx.charts.top) {
    element.replaceChildren();
    ctx.charts.top = pageEchartsLib().init(element, null, { renderer: 'canvas' });
    pageMarkFirstChart(ctx, ctx.charts.top);
    ctx.charts.top.on('click', (params) => {
      const id = (element as unknown as { topIds?: EntryId[] }).topIds?.[params.dataIndex ?? -1];
      if (id !== undefined) pageSelect(ctx, id);
    });
  }
  (element as unknown as { topIds?: EntryId[] }).topIds = ids;
  ctx.charts.top.resize();
  const labels = pageChartLabels(ctx, ids, 48).map((label, index) => `${index + 1}. ${label}`);
  const at = (key: string) => ids.map((id) => pageNumberAt(ctx, id, key));
  const series: object[] = [];
  let values: number[];
  const legend: string[] = [];
  const colors = { current: '#3B6EA5', baseline: '#B9C3CE', self: '#8FB0D3', whisker: '#1F2A36' };
  if (zones) {
    const mean = at('mean');
    const min = at('min');
    const max = at('max');
    const baseline = at('bMean');
    values = [...mean, ...min, ...max, ...baseline];
    const axis = pageTimeAxis(values);
    const floor = (value: number) => (Number.isNaN(value) ? null : axis.type === 'log' ? Math.max(value, axis.min) : value);
    series.push({ name: 'current mean', type: 'bar', data: mean.map(floor), itemStyle: { color: colors.current }, barGap: '15%', barMaxWidth: 14, z: 2 });
    legend.push('current mean');
    if (withBaseline) {
      series.push({ name: 'baseline mean', type: 'bar', data: baseline.map(floor), itemStyle: { color: colors.baseline }, barMaxWidth: 14, z: 1 });
      legend.push('baseline mean');
    }
    series.push({
      name: 'min – max',
      type: 'custom',
      data: ids.map((_, index) => [index, floor(min[index] as number), floor(max[index] as number)]),
      encode: { y: 0, x: [1, 2] },
      itemStyle: { color: colors.whisker },
      z: 3,
      tooltip: { show: false },
      renderItem: (_params: unknown, api: { value: (dimension: number) => number; coord: (point: number[]) => number[]; size: (point: number[]) => number[] }) => {
        const category = api.value(0);
        const low = api.coord([api.value(1), category]) as [number, number];
        const high = api.coord([api.value(2), category]) as [number, number];
        const band = (api.size([0, 1]) as [number, number])[1];
        const y = low[1] + (withBaseline ? -band * 0.18 : 0);
        const style = { stroke: colors.whisker, lineWidth: 1 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: low[0], y1: y, x2: high[0], y2: y }, style },
            { type: 'line', shape: { x1: low[0], y1: y - 4, x2: low[0], y2: y + 4 }, style },
            { type: 'line', shape: { x1: high[0], y1: y - 4, x2: high[0], y2: y + 4 }, style },
          ],
        };
      },
    });
    legend.push('min – max');
    pageSetBarOption(ctx, labels, axis, 'mean per call', legend, series, ids);
  } else {
    const inclusive = at('inclusive');
    const self = at('self');
    const baseline = at('bInclusive');
    values = [...inclusive, ...self, ...baseline];
    const axis = pageTimeAxis(values);
    const floor = (value: number) => (Number.isNaN(value) ? null : axis.type === 'log' ? Math.max(value, axis.min) : value);
    series.push({ name: 'inclusive', type: 'bar', data: inclusive.map(floor), itemStyle: { color: colors.current }, barGap: '10%', barMaxWidth: 10 });
    series.push({ name: 'self', type: 'bar', data: self.map(floor), itemStyle: { color: colors.self }, barMaxWidth: 10 });
    legend.push('inclusive', 'self');
    if (withBaseline) {
      series.push({ name: 'baseline inclusive', type: 'bar', data: baseline.map(floor), itemStyle: { color: colors.baseline }, barMaxWidth: 10 });
      legend.push('baseline inclusive');
    }
    pageSetBarOption(ctx, labels, axis, 'time in the profile', legend, series, ids);
  }
}

export function pageSetBarOption(
  ctx: PageContext,
  labels: string[],
  axis: { type: 'value' | 'log'; min: number; max?: number },
  axisName: string,
  legend: string[],
  series: object[],
  ids: EntryId[],
): void {
  ctx.charts.top?.setOption(
    {
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#222222' },
      legend: { top: 0, right: 10, itemWidth: 14, itemHeight: 8, data: legend },
      grid: { left: 10, right: 40, top: 28, bottom: 36 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (params: Array<{ dataIndex: number }> | { dataIndex: number }) => {
          const first = Array.isArray(params) ? params[0] : params;
          const id = first ? ids[first.dataIndex] : undefined;
          return id === undefined ? '' : pageTooltip(ctx, id);
        },
      },
      yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { fontSize: 11 }, axisTick: { show: false } },
      xAxis: {
        type: axis.type,
        min: axis.min,
        ...(axis.max !== undefined ? { max: axis.max } : {}),
        ...(axis.type === 'log' ? { logBase: 10 } : {}),
        name: axis.type === 'log' ? `${axisName} (log scale)` : axisName,
        nameLocation: 'middle',
        nameGap: 22,
        axisLabel: { formatter: (value: number) => pageDuration(value, true) },
        splitLine: { lineStyle: { color: '#E3E3E3' } },
      },
      series,
    },
    true,
  );
}

/** A bar's numbers, built as DOM (ECharts puts a string tooltip in as markup; an element it inserts as it is). */
export function pageTooltip(ctx: PageContext, id: EntryId): HTMLElement {
  const box = pageEl('div', 'tip');
  box.append(pageEl('div', 'tip-name', pageShortenMiddle(pageName(ctx, id), 200)), pageEl('div', 'tip-source', pageSourceOf(ctx, id)));
  const table = pageEl('table');
  const add = (label: string, text: string) => {
    const row = pageEl('tr');
    row.append(pageEl('th', '', label), pageEl('td', '', text));
    table.append(row);
  };
  const value = (key: string) => pageNumberAt(ctx, id, key);
  const verdict = pageVerdictOf(ctx, id);
  if (ctx.data.kind === 'zones') {
    add('mean', pageDuration(value('mean')));
    add('median', pageDuration(value('median')));
    add('min – max', `${pageDuration(value('min'))} – ${pageDuration(value('max'))}`);
    add('calls', pageCount(value('calls')));
    if (ctx.data.compared) {
      add('baseline mean', pageDuration(value('bMean')));
      add('baseline median', pageDuration(value('bMedian')));
      add('baseline calls', pageCount(value('bCalls')));
      add('Δ', verdict.key === 'unconfirmed' ? `${pageDelta(value('delta'))}?` : pageDelta(value('delta')));
      add('p / q', `${pagePValue(value('p'))} / ${pagePValue(value('q'))}`);
      add('detectable', pageLimit(value('mde')));
    }
  } else {
    add('inclusive', pageDuration(value('inclusive')));
    add('self', pageDuration(value('self')));
    add('self samples', pageCount(value('samples')));
    if (ctx.data.compared) {
      add('baseline inclusive', pageDuration(value('bInclusive')));
      add('Δ inclusive', verdict.key === 'unconfirmed' ? `${pageDelta(value('delta'))}?` : pageDelta(value('delta')));
      add('p', pagePValue(value('p')));
    }
  }
  add('verdict', verdict.label);
  box.append(table);
  return box;
}

/** The selected entry over the stored runs: its location and spread per run, the current and baseline runs marked. */
export function pageDrawHistory(ctx: PageContext): void {
  const panel = ctx.elements.history;
  const { history } = ctx.data;
  const id = ctx.selected;
  ctx.charts.history?.dispose();
  ctx.charts.history = undefined;
  panel.replaceChildren(pageEl('h3', '', 'History'));
  if (id === undefined) {
    panel.append(pageEl('p', 'note', `Click a ${ctx.data.kind === 'zones' ? 'zone' : 'function'} in the table or the chart to see its history.`));
    panel.append(pageEl('p', 'note', history.note));
    return;
  }
  const p = ctx.profileOf[id] as number;
  const entry = ctx.entryOf[id] as number;
  const series = history.profiles[p];
  const name = pageName(ctx, id);
  const title = pageEl('p', 'history-name', pageShortenMiddle(name, 300));
  title.title = name;
  panel.append(title, pageEl('p', 'muted', `${ctx.data.profiles[p]?.name ?? ''} · ${pageSourceOf(ctx, id)}`));

  const location = history.runs.map((_, run) => pageNumber(series?.location[run]?.[entry]));
  const low = history.runs.map((_, run) => pageNumber(series?.low?.[run]?.[entry]));
  const high = history.runs.map((_, run) => pageNumber(series?.high?.[run]?.[entry]));
  const points = location.filter((value) => !Number.isNaN(value)).length;
  panel.dataset.points = String(points);
  panel.dataset.entry = name;

  const chartElement = pageEl('div', 'chart history-chart');
  chartElement.id = 'history-chart';
  panel.append(chartElement);
  const chart = pageEchartsLib().init(chartElement, null, { renderer: 'canvas' });
  ctx.charts.history = chart;
  pageMarkFirstChart(ctx, chart);
  const roles = history.runs.map((_, run) => (run === history.current ? 'current' : run === history.baseline ? 'baseline' : ''));
  const data = location.map((value, run) => {
    if (Number.isNaN(value)) return null;
    if (roles[run] === 'current') return { value, symbol: 'diamond', symbolSize: 13, itemStyle: { color: '#C62828' } };
    if (roles[run] === 'baseline') return { value, symbol: 'rect', symbolSize: 10, itemStyle: { color: '#6B6B6B' } };
    return value;
  });
  const spreadLabel = history.spreadLabel;
  const seriesList: object[] = [
    { name: history.locationLabel, type: 'line', data, connectNulls: false, symbolSize: 7, itemStyle: { color: '#3B6EA5' }, lineStyle: { width: 2 }, z: 3 },
  ];
  if (spreadLabel) {
    seriesList.push({
      name: spreadLabel,
      type: 'custom',
      data: location.flatMap((value, run) => (Number.isNaN(value) || Number.isNaN(low[run] as number) ? [] : [[run, low[run], high[run]]])),
      encode: { x: 0, y: [1, 2] },
      itemStyle: { color: '#8FB0D3' },
      tooltip: { show: false },
      z: 2,
      renderItem: (_params: unknown, api: { value: (dimension: number) => number; coord: (point: number[]) => number[] }) => {
        const bottom = api.coord([api.value(0), api.value(1)]) as [number, number];
        const top = api.coord([api.value(0), api.value(2)]) as [number, number];
        const style = { stroke: '#7C9CC0', lineWidth: 1.5 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: bottom[0], y1: bottom[1], x2: top[0], y2: top[1] }, style },
            { type: 'line', shape: { x1: bottom[0] - 4, y1: bottom[1], x2: bottom[0] + 4, y2: bottom[1] }, style },
            { type: 'line', shape: { x1: top[0] - 4, y1: top[1], x2: top[0] + 4, y2: top[1] }, style },
          ],
        };
      },
    });
  }
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#222222' },
    legend: { top: 0, data: seriesList.map((item) => (item as { name: string }).name) },
    grid: { left: 12, right: 16, top: 36, bottom: 30 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: Array<{ dataIndex: number }> | { dataIndex: number }) => {
        const first = Array.isArray(params) ? params[0] : params;
        return first ? pageHistoryTip(ctx, first.dataIndex, location, low, high, roles) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: history.runs.map((run, index) => (roles[index] ? `${run.version} (${roles[index]})` : run.version)),
      axisLabel: { hideOverlap: true, fontSize: 10 },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (value: number) => pageDuration(value, true) }, splitLine: { lineStyle: { color: '#E3E3E3' } } },
    series: seriesList,
  });

  const baselineRun = history.baseline === null ? undefined : history.runs[history.baseline];
  const currentRun = history.runs[history.current];
  const legend = [`◆ current ${currentRun?.version ?? ''}`];
  if (baselineRun) legend.push(`■ baseline ${baselineRun.version}`);
  legend.push(`${pageCount(points)} of ${pageCount(history.runs.length)} runs have this ${ctx.data.kind === 'zones' ? 'zone' : 'function'}`);
  panel.append(pageEl('p', 'muted', legend.join(' · ')), pageEl('p', 'note', history.note));

  const table = pageEl('table', 'history-table');
  const head = pageEl('tr');
  const labels = ['Run', 'Stored', ctx.data.kind === 'zones' ? 'Median' : 'Inclusive'];
  if (spreadLabel) labels.push('Spread');
  for (const label of labels) head.append(pageEl('th', label === 'Run' || label === 'Stored' ? '' : 'num', label));
  const thead = pageEl('thead');
  thead.append(head);
  const tbody = pageEl('tbody');
  for (let run = history.runs.length - 1; run >= 0; run--) {
    const value = location[run] as number;
    if (Number.isNaN(value)) continue;
    const info = history.runs[run];
    const row = pageEl('tr', roles[run] ?? '');
    row.append(pageEl('td', '', roles[run] ? `${info?.version ?? ''} (${roles[run]})` : info?.version ?? ''), pageEl('td', 'muted', info?.date ?? ''), pageEl('td', 'num', pageDuration(value)));
    if (spreadLabel) row.append(pageEl('td', 'num', `${pageDuration(low[run] as number)} – ${pageDuration(high[run] as number)}`));
    tbody.append(row);
  }
  table.append(thead, tbody);
  panel.append(table);
}

export function pageHistoryTip(ctx: PageContext, run: number, location: number[], low: number[], high: number[], roles: string[]): HTMLElement {
  const info = ctx.data.history.runs[run];
  const box = pageEl('div', 'tip');
  box.append(pageEl('div', 'tip-name', `${info?.version ?? ''}${roles[run] ? ` (${roles[run]})` : ''}`));
  const table = pageEl('table');
  const add = (label: string, text: string) => {
    const row = pageEl('tr');
    row.append(pageEl('th', '', label), pageEl('td', '', text));
    table.append(row);
  };
  add('stored', info?.date ?? '');
  if (info?.commit) add('commit', info.commit);
  add('rounds', pageCount(info?.rounds ?? Number.NaN));
  const value = location[run] as number;
  if (Number.isNaN(value)) add(ctx.data.history.locationLabel, 'not in this run');
  else {
    add(ctx.data.history.locationLabel, pageDuration(value));
    if (ctx.data.history.spreadLabel) add('spread', `${pageDuration(low[run] as number)} – ${pageDuration(high[run] as number)}`);
  }
  box.append(table);
  return box;
}
