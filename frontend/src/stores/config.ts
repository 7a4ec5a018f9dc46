import { defineStore } from 'pinia'
import { api } from '@/api'
import type { ConsoleConfig } from '@/api/types'
import { centerZone } from '@/format'

/** Map and zone settings of this center, from GET /api/console/config. */
export const DEFAULT_CONFIG: ConsoleConfig = {
  tileUrl: null,
  tileCoordSystem: 'WGS84',
  zone: 'Asia/Shanghai',
  cityCode: '211300',
  cityCenter: { lat: 41.5718, lon: 120.4507 },
  zoom: 9,
}

export const useConfig = defineStore('config', {
  state: () => ({ config: { ...DEFAULT_CONFIG } as ConsoleConfig, loaded: false }),
  actions: {
    async load(): Promise<void> {
      if (this.loaded) return
      try {
        this.config = { ...DEFAULT_CONFIG, ...(await api.config()) }
        centerZone.value = this.config.zone
        this.loaded = true
      } catch {
        // keep the defaults: the console still works without a tile server
      }
    },
  },
})
