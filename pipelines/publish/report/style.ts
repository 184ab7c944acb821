// The report's print stylesheet: A4, margins that leave room for Chromium's running header and footer
// (the as-of date, run id, classification and page number on every page), full-width tables.
export const REPORT_STYLE = `
@page { size: A4; margin: 18mm 13mm 17mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Noto Sans Arabic", "Segoe UI", Tahoma, sans-serif; font-size: 9.5pt; color: #1b1b1b;
  margin: 0; line-height: 1.45; }
h1 { font-size: 24pt; margin: 0; color: #fff; line-height: 1.2; }
h2 { font-size: 13pt; border-bottom: 2px solid #0b5d3b; padding-bottom: 3pt; color: #0b5d3b; margin: 14pt 0 6pt; }
h2:first-child { margin-top: 0; }
h3 { font-size: 10.5pt; color: #0b5d3b; margin: 10pt 0 4pt; }
section.page { break-before: page; }
section.page:first-of-type { break-before: auto; }
section.flow { margin-top: 10pt; }
p { margin: 4pt 0; }
.band { background: #0b5d3b; color: #fff; padding: 16pt 18pt 14pt; border-radius: 4pt; }
.band .kicker { margin: 0 0 6pt; font-size: 9.5pt; opacity: 0.85; letter-spacing: 0.02em; }
.band .period { margin: 6pt 0 0; font-size: 17pt; }
.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2pt 10pt; margin: 10pt 0 0; font-size: 8.5pt;
  color: #444; }
.meta dt { font-weight: bold; color: #0b5d3b; }
.meta dd { margin: 0; }
.classification { display: inline-block; border: 1.5px solid #8e0b0b; color: #8e0b0b; font-weight: bold; padding: 1pt 6pt;
  border-radius: 3pt; }
.tiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 7pt; }
.tile { border: 1px solid #cfe0d6; border-top: 3px solid #0b5d3b; border-radius: 3pt; padding: 6pt 8pt; break-inside: avoid; }
.tile .label { font-size: 8.5pt; color: #444; min-height: 2.4em; }
.tile .value { font-size: 15pt; font-weight: bold; margin: 2pt 0; white-space: nowrap; }
.tile .change { font-size: 8.5pt; color: #333; }
.tile .change .arrow { color: #777; }
.tile .change .arrow.good { color: #0b7a43; }
.tile .change .arrow.bad { color: #b42318; }
ol.highlights { margin: 0; padding-inline-start: 18pt; }
ol.highlights li { margin: 0 0 5pt; }
ol.highlights li::marker { color: #0b5d3b; font-weight: bold; }
.chart { margin: 6pt 0 8pt; break-inside: avoid; }
.chart figcaption { font-weight: bold; font-size: 10pt; color: #0b5d3b; margin-bottom: 2pt; }
.chart svg { display: block; font-size: 9px; fill: #333; }
.chart svg .grid { stroke: #e3e8e5; }
.chart svg .zero { stroke: #888; }
.chart svg .connector { stroke: #777; stroke-dasharray: 3 2; }
.chart svg .value { font-weight: bold; fill: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 8pt; font-size: 8.5pt; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #d7e2dc; padding: 2.5pt 4pt; text-align: start; vertical-align: top; line-height: 1.3; }
td small { font-size: 7.5pt; }
table.ageing { font-size: 7.5pt; }
table.ageing th, table.ageing td { padding: 2pt 2.5pt; }
th { background: #eef5f1; color: #0b3d27; font-weight: bold; border-bottom: 1.5px solid #0b5d3b; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.5px solid #0b5d3b; }
tr.total td small { font-weight: normal; }
td small { color: #666; }
.note { color: #555; font-size: 8.5pt; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 12pt; }
.two > div { min-width: 0; }
.chart svg .unit { fill: #777; }
`;
