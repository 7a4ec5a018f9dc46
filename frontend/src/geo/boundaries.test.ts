import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { districtIn, inGeometry, type Boundaries } from './boundaries'
import { gcj02ToWgs84 } from './coords'
import townships from '@/data/townships.json'

const shipped = JSON.parse(
  readFileSync(new URL('../../public/geo/chaoyang_211300.geojson', import.meta.url), 'utf8'),
) as Boundaries

describe('district boundaries', () => {
  it('ships the seven county-level units of 朝阳市, the same as the township list', () => {
    const codes = shipped.features.map((f) => String(f.properties.adcode)).sort()
    expect(codes).toEqual(townships.districts.map((d) => d.code).sort())
  })

  it('finds each district from its own centroid, given as WGS-84', () => {
    for (const feature of shipped.features) {
      const [lon, lat] = (feature.properties as { centroid: [number, number] }).centroid
      const wgs = gcj02ToWgs84({ lat, lon })
      expect(districtIn(shipped, wgs)).toBe(String(feature.properties.adcode))
    }
  })

  it('places the worked case address in 双塔区', () => {
    expect(districtIn(shipped, { lat: 41.5718, lon: 120.4507 })).toBe('211302')
  })

  it('finds nothing outside the city', () => {
    expect(districtIn(shipped, { lat: 39.9087, lon: 116.3975 })).toBeUndefined()
  })

  it('respects holes in a polygon', () => {
    const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    const geometry = { type: 'Polygon' as const, coordinates: [square, hole] }
    expect(inGeometry(2, 2, geometry)).toBe(true)
    expect(inGeometry(5, 5, geometry)).toBe(false)
  })
})
