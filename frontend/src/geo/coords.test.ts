import { describe, expect, it } from 'vitest'
import gcoord from 'gcoord'
import {
  distanceMeters,
  fromDisplay,
  gcj02ToWgs84,
  geometryGcj02ToWgs84,
  outsideChina,
  toDisplay,
  wgs84ToGcj02,
} from './coords'

// 双塔区 (Chaoyang city centre), the corners of the city, and a point in Beijing.
const samples = [
  { lat: 41.5718, lon: 120.4507 },
  { lat: 40.6, lon: 118.8 },
  { lat: 42.4, lon: 121.9 },
  { lat: 39.9087, lon: 116.3975 },
]

describe('WGS-84 and GCJ-02', () => {
  it('agrees with an independent implementation (gcoord) to a centimetre', () => {
    for (const p of samples) {
      const ours = wgs84ToGcj02(p)
      const [lon, lat] = gcoord.transform([p.lon, p.lat], gcoord.WGS84, gcoord.GCJ02)
      expect(distanceMeters(ours, { lat, lon })).toBeLessThan(0.01)
    }
  })

  it('shifts a point in Chaoyang by a few hundred metres, as GCJ-02 does', () => {
    const shift = distanceMeters(samples[0], wgs84ToGcj02(samples[0]))
    expect(shift).toBeGreaterThan(100)
    expect(shift).toBeLessThan(800)
  })

  it('round-trips WGS-84 to GCJ-02 and back to within a millimetre', () => {
    for (const p of samples) {
      const back = gcj02ToWgs84(wgs84ToGcj02(p))
      expect(distanceMeters(p, back)).toBeLessThan(0.001)
    }
  })

  it('inverts GCJ-02 better than a plain subtraction of the offset would', () => {
    const gcj = { lat: 41.579389, lon: 120.44877 } // DataV's centre of 双塔区
    const wgs = gcj02ToWgs84(gcj)
    expect(distanceMeters(wgs84ToGcj02(wgs), gcj)).toBeLessThan(0.001)
  })

  it('leaves points outside China untouched', () => {
    const sanFrancisco = { lat: 37.7749, lon: -122.4194 }
    expect(outsideChina(sanFrancisco)).toBe(true)
    expect(wgs84ToGcj02(sanFrancisco)).toEqual(sanFrancisco)
    expect(gcj02ToWgs84(sanFrancisco)).toEqual(sanFrancisco)
  })

  it('converts for display only when the map is drawn in GCJ-02', () => {
    const p = samples[0]
    expect(toDisplay(p, 'WGS84')).toEqual(p)
    expect(distanceMeters(fromDisplay(toDisplay(p, 'GCJ02'), 'GCJ02'), p)).toBeLessThan(0.001)
  })

  it('re-projects every position of a multipolygon', () => {
    const gcj = wgs84ToGcj02(samples[0])
    const geometry = { type: 'MultiPolygon', coordinates: [[[[gcj.lon, gcj.lat], [gcj.lon, gcj.lat]]]] }
    const out = geometryGcj02ToWgs84(geometry).coordinates as number[][][][]
    const [lon, lat] = out[0][0][1]
    expect(distanceMeters({ lat, lon }, samples[0])).toBeLessThan(0.001)
  })
})
