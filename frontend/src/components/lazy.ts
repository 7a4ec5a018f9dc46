import { defineAsyncComponent } from 'vue'

/** Leaflet and ECharts are big; they load only on the screens that draw a map or a chart. */
export const LazyMap = defineAsyncComponent(() => import('./MapView.vue'))
export const LazyChart = defineAsyncComponent(() => import('./EChart.vue'))
