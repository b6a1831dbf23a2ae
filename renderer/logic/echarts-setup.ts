// The parts of ECharts the workstation uses (tree-shaken).
// Renamed: `use` reads as a React hook (to the reader and to the hooks lint rule); this is ECharts' registry.
import { use as registerParts } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  VisualMapPiecewiseComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
// labelLayout (the map hides the smaller region's label where two would overlap) needs this feature.
import { LabelLayout } from 'echarts/features';

registerParts([
  BarChart,
  LineChart,
  MapChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
  LabelLayout,
]);
