import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, CORS_REFUSED } from '@tandem/client'

const health = vi.fn()
vi.mock('@/services/api', () => ({ apiClient: { get: (...args: unknown[]) => health(...args) } }))

const { useServiceStatusStore } = await import('./serviceStatus')

const corsRefused = () =>
  new ApiError(0, [{ code: CORS_REFUSED, message: 'Add http://localhost:5173 to DJANGO_CORS_ALLOWED_ORIGINS on the API.' }])

describe('service status', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => vi.useRealTimers())

  it('shows a refused origin as a misconfiguration naming the setting, and keeps checking', async () => {
    health.mockRejectedValue(corsRefused())
    const status = useServiceStatusStore()

    status.reportUnavailable(corsRefused())

    expect(status.misconfiguration).toContain('DJANGO_CORS_ALLOWED_ORIGINS')
    await vi.advanceTimersByTimeAsync(1000)
    expect(health).toHaveBeenCalledWith('/api/health/')
    expect(status.misconfiguration).not.toBeNull()
  })

  it('clears it when the API answers after all (a proxy error without CORS headers looks the same)', async () => {
    health.mockResolvedValue({ status: 'ok' })
    const status = useServiceStatusStore()

    status.reportUnavailable(corsRefused())
    await vi.advanceTimersByTimeAsync(1000)

    expect(status.misconfiguration).toBeNull()
    expect(status.unavailable).toBe(false)
    expect(status.recoveries).toBe(1)
  })
})
