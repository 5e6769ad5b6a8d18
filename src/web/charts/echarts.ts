// ECharts as the charts of this app use it, and nothing more: bars and lines on a grid with a
// legend, drawn on canvas. Imported only by EChart.vue's dynamic import, so a page without a
// chart (the enterprise home among them) never downloads it. No tooltip: its HTML carries inline
// styles the CSP refuses, and every chart has a table of the same figures beside it.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer]);

export { init };
