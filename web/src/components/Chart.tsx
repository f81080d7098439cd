import { Skeleton } from 'antd';
import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';

// ECharts is large; it loads only when a page draws a chart.
const EChart = lazy(() => import('./EChart'));

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  testId?: string;
  onClick?: (params: { name: string; seriesName?: string }) => void;
}

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 280 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
