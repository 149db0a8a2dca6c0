/** The page's styles: the PDF's light theme (colour only where it carries meaning), for a screen. */
export const PAGE_STYLE = `
:root { --text: #222222; --muted: #6B6B6B; --rule: #D5D9DE; --head: #EEF2F6; --regression: #C62828; --regression-fill: #FDECEA;
  --improvement: #2E7D32; --improvement-fill: #E8F5E9; --unconfirmed: #8A8A8A; --unjudged: #A0A0A0; --new: #1F5FA8; --selected: #FFF6D6; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP", sans-serif; color: var(--text); background: #FFFFFF; }
main { max-width: 1600px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; overflow-wrap: anywhere; }
.subtitle { color: var(--muted); margin: 2px 0; overflow-wrap: anywhere; }
.note { color: var(--muted); font-style: italic; font-size: 13px; margin: 4px 0; overflow-wrap: anywhere; }
.noise { margin: 6px 0; }
.muted { color: var(--muted); }
.error { color: var(--regression); font-weight: 600; }
.conditions { color: var(--regression); }
.figures { display: flex; flex-wrap: wrap; gap: 12px 36px; margin: 12px 0 6px; }
.figure-value { font-size: 22px; font-weight: 700; }
.figure-label { font-size: 12px; color: var(--muted); }
.top-changes { display: grid; grid-template-columns: 1fr; gap: 4px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 6px; text-align: left; border-bottom: 1px solid var(--rule); }
thead th { background: var(--head); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.name { overflow-wrap: anywhere; }
.top-table { width: 100%; table-layout: fixed; }
.top-table td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.top-table th:nth-child(1) { width: 10%; } .top-table th:nth-child(2) { width: 30%; } .top-table th:nth-child(3) { width: 18%; }
tr.clickable, .zone-table tbody tr[data-id] { cursor: pointer; }
tr.clickable:hover, .zone-table tbody tr[data-id]:hover { background: #F5F8FB; }
.v-regression { color: var(--regression); font-weight: 700; } td.v-regression.num { background: var(--regression-fill); }
.v-improvement { color: var(--improvement); font-weight: 700; } td.v-improvement.num { background: var(--improvement-fill); }
.v-unconfirmed { color: var(--unconfirmed); } .v-unjudged { color: var(--unjudged); } .v-new { color: var(--new); } .v-removed { color: var(--muted); }
.words { font-style: italic; font-weight: 400; }
.platform { margin: 24px 0; } .platform summary { font-size: 17px; font-weight: 600; cursor: pointer; }
.platform-table { margin-top: 8px; } .platform-table tbody th { background: none; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.controls input[type=search] { flex: 1 1 320px; min-width: 200px; padding: 6px 8px; font: inherit; border: 1px solid var(--rule); border-radius: 4px; }
.controls select { padding: 5px; font: inherit; }
.chips { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 10px 0 6px; font-size: 13px; }
.chips-label { color: var(--muted); } .chip { cursor: pointer; font-weight: 400; }
.chart { width: 100%; }
.explorer-body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
@media (min-width: 1280px) { .explorer-body { grid-template-columns: minmax(0, 1fr) 400px; } .history { position: sticky; top: 8px; align-self: start; } }
.status { margin: 4px 0; color: var(--muted); font-size: 13px; }
.table-scroll { height: 70vh; min-height: 320px; overflow: auto; border: 1px solid var(--rule); }
.zone-table { width: 100%; table-layout: fixed; }
.zone-table thead th { position: sticky; top: 0; z-index: 1; padding: 0; }
.zone-table th button.sort { all: unset; display: block; width: 100%; padding: 4px 6px; cursor: pointer; box-sizing: border-box; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.zone-table th.num button.sort { text-align: right; }
.zone-table tbody tr { height: 26px; }
.zone-table tbody td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; height: 26px; padding: 0 6px; }
.zone-table td.source { direction: rtl; text-align: left; } .zone-table td.source span { direction: ltr; unicode-bidi: embed; }
.zone-table tr.spacer td { padding: 0; border: none; }
.zone-table tr.selected { background: var(--selected); outline: 1px solid #E0C25E; }
.history { border: 1px solid var(--rule); padding: 4px 12px 12px; min-height: 200px; }
.history h3 { margin-top: 8px; }
.history-name { font-weight: 600; overflow-wrap: anywhere; margin: 4px 0 0; }
.history-chart { height: 300px; }
.history-table { width: 100%; margin-top: 8px; } .history-table tr.current { font-weight: 700; } .history-table tr.baseline { color: var(--muted); }
.tip { max-width: 420px; white-space: normal; font-size: 12px; }
.tip-name { font-weight: 700; overflow-wrap: anywhere; } .tip-source { color: var(--muted); overflow-wrap: anywhere; }
.tip th, .tip td { border: none; padding: 1px 6px 1px 0; font-weight: 400; background: none; }
.tip th { color: var(--muted); }
footer .wrap { max-width: 1600px; margin: 0 auto; padding: 0 24px 24px; color: var(--muted); font-size: 12px; }
`;
