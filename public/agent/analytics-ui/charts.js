/**
 * Draws the page's charts with Chart.js (its UMD build, loaded by the page
 * from our own origin as `window.Chart`). A chart already on a canvas is
 * updated in place when the filters change, not rebuilt.
 */

const FONT = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", Meiryo, sans-serif';
const live = new Map();

/** Chart.js, or a clear error when its file did not load. */
function library() {
  const Chart = window.Chart;
  if (!Chart) throw new Error('Chart.js が読み込まれていません (/agent/vendor/chart.umd.min.js)');
  return Chart;
}

/** Defaults for every chart: Japanese fonts, short animations, legends below, the card's height. */
export function setupCharts() {
  const Chart = library();
  Chart.defaults.font.family = FONT;
  Chart.defaults.color = '#374151';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation.duration = 250;
  Chart.defaults.plugins.legend.position = 'bottom';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
}

/** Draws a configuration on a canvas, or updates the chart already there. */
export function draw(canvas, config) {
  const Chart = library();
  const existing = live.get(canvas.id);
  if (existing && existing.config.type === config.type) {
    existing.data = config.data;
    existing.options = config.options;
    existing.update();
    return;
  }
  existing?.destroy();
  live.set(canvas.id, new Chart(canvas, config));
}
